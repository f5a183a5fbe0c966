import { type DocumentLimits, SilkwayError, documentLimits, tooDeepIssue, tooDeepPath } from '../model'
import type { App } from './services'

/**
 * Refuses a JSON body nested deeper than the limit before it is validated or handled: the schema check, the
 * store's serialisation and its diff would recurse once per level. Bodies are parsed by fastify's JSON parser,
 * which is iterative; file uploads stay text and are checked by the io parsers with the same limits.
 */
export function registerDepthLimit(app: App, options: Pick<DocumentLimits, 'maxDepth'>): void {
  const limits = documentLimits({ maxDepth: options.maxDepth })
  app.addHook('preValidation', async (request) => {
    const body: unknown = request.body
    if (body === null || typeof body !== 'object') return
    const path = tooDeepPath(body, limits.maxDepth)
    if (path === undefined) return
    const found = tooDeepIssue(path, limits.maxDepth)
    throw new SilkwayError('SW_DOCUMENT_TOO_DEEP', `body: ${found.path}: ${found.message}`, { maxDepth: limits.maxDepth }, [found])
  })
}

/** The limits the io parsers apply to uploads: the server's file size limit and its depth limit. */
export function uploadLimits(options: { fileLimitBytes: number; maxDepth: number }): DocumentLimits {
  return { maxDocumentBytes: options.fileLimitBytes, maxDepth: options.maxDepth }
}
