import { type NetworkFormat, parseFailure, parseNetwork, readSndlibInstance, writeNetwork } from '../../io'
import { DOCUMENT_LIMITS, type DocumentLimits, type Network, hasErrors } from '../../model'
// The pure module, not the store's index: the worker bundle must not pull in the database drivers.
import { type DocumentDiff, diffDocuments } from '../../store/diff'
import { type DesignQuery, designInstance } from '../../traffic'

/**
 * The file endpoints' work, as pure functions of the uploaded text: run in the request for small files and on an
 * analysis worker for large ones (a 58 MB GeoJSON took seconds of the event loop), with the same answers.
 */
export type FileTask =
  | { kind: 'validate'; text: string; format?: NetworkFormat; limits: DocumentLimits }
  | { kind: 'convert'; text: string; format?: NetworkFormat; to: NetworkFormat; limits: DocumentLimits }
  | {
      kind: 'parse'
      text: string
      format?: NetworkFormat
      limits: DocumentLimits
      /** The stored JSON text of the revision an import replaces: the answer then carries the revision's diff. */
      diffAgainst?: string
    }
  /** Capacity design of an SNDlib instance (the design job): always on a worker, it is a MIP. */
  | { kind: 'design'; text: string; name: string; query: DesignQuery }

/** Below this many characters a file is handled in the request: about a millisecond of parsing. */
export const INLINE_FILE_CHARS = 256 * 1024

/**
 * Parses an uploaded file as the CLI reads one: every issue located; errors refuse it with 422 (413 past the
 * size limit), with the CLI's code and message.
 */
export function parseUpload(text: string, format?: NetworkFormat, limits: DocumentLimits = DOCUMENT_LIMITS): { network: Network; format: NetworkFormat; warnings: number } {
  const result = parseNetwork(text, { limits, ...(format ? { format } : {}) })
  if (result.network && !hasErrors(result.issues)) return { network: result.network, format: result.format, warnings: result.issues.length }
  throw parseFailure(result, `${result.format} file`)
}

/** `silkway validate --json`'s answer for a text. */
export function validateText(text: string, format: NetworkFormat | undefined, limits: DocumentLimits) {
  const result = parseNetwork(text, { limits, ...(format ? { format } : {}) })
  const valid = !hasErrors(result.issues) && result.network !== undefined
  const errors = result.issues.filter((i) => i.severity === 'error').length
  return { format: result.format, valid, nodes: result.network?.nodes.length ?? null, links: result.network?.links.length ?? null, errors, warnings: result.issues.length - errors, issues: result.issues.slice(0, 1000) }
}

/** The file in another format, and a safe file name for it. */
export function convertText(text: string, format: NetworkFormat | undefined, to: NetworkFormat, limits: DocumentLimits): { text: string; name: string } {
  const { network } = parseUpload(text, format, limits)
  return { text: writeNetwork(network, to), name: network.name?.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'network' }
}

export function runFileTask(task: FileTask): unknown {
  // 'design' answers a promise; the worker awaits every answer.
  switch (task.kind) {
    case 'validate':
      return validateText(task.text, task.format, task.limits)
    case 'convert':
      return convertText(task.text, task.format, task.to, task.limits)
    case 'parse':
      return task.diffAgainst === undefined ? parseUpload(task.text, task.format, task.limits) : parseAndDiff(task.text, task.format, task.limits, task.diffAgainst)
    case 'design':
      return designInstance(readSndlibInstance(task.text, task.name, task.name), task.query, task.name)
  }
}

/**
 * An import's two heavy steps in one place: the upload parsed, and the diff from the stored revision it replaces
 * (JSON.parse of that revision and a walk of both documents: hundreds of milliseconds for a large network, which
 * the event loop used to spend at commit).
 */
export function parseAndDiff(text: string, format: NetworkFormat | undefined, limits: DocumentLimits, before: string): ReturnType<typeof parseUpload> & { diff: DocumentDiff } {
  const parsed = parseUpload(text, format, limits)
  return { ...parsed, diff: diffDocuments(JSON.parse(before) ?? undefined, parsed.network) }
}

/** Characters of text a file task reads: what decides whether it runs in the request. */
export function fileTaskChars(task: FileTask): number {
  return task.text.length + (task.kind === 'parse' ? (task.diffAgainst?.length ?? 0) : 0)
}
