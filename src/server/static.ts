import { existsSync, statSync } from 'node:fs'
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyReply } from 'fastify'
import type { App } from './services'

/** Paths the app never owns: an unknown one among them is a 404 problem, not the app's page. */
const RESERVED = /^\/(api|docs|openapi\.json|health)(\/|$|\?)/

/**
 * Where `npm run build` put the web app: beside the CLI bundle (dist/web), or from the sources (src/server
 * under tsx) at ../../dist/web. Undefined when it has not been built.
 */
export function webRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [process.env.SILKWAY_WEB_DIR, join(here, 'web'), join(here, '..', '..', 'dist', 'web')].filter((p): p is string => Boolean(p))
  return candidates.map((p) => resolve(p)).find((p) => existsSync(join(p, 'index.html')))
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>silkway</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>silkway</h1>
<p>The web app is not built. Run <code>npm run build</code> (or <code>npm ci</code>) and restart <code>silkway serve</code>.</p>
<p>The API is at <a href="/docs">/docs</a>.</p></body></html>`

/**
 * The web app at `/`: public (it holds no data; every API call it makes needs a token), hashed assets cached
 * for a year, and every other page path answered with index.html so that shared links open the app.
 */
export async function registerWeb(app: App, root = webRoot()): Promise<void> {
  await app.register(async (web) => {
    // Public: the authentication hook lets these through; hidden from the OpenAPI document.
    const options = { config: { access: 'public' as const }, schema: { hide: true } }
    if (!root) {
      web.get('/', options, async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT))
      return
    }
    const fastifyStatic = (await import('@fastify/static')).default
    // serve: false — one route below serves files and pages, so a rebuilt app is served without a restart.
    await web.register(fastifyStatic, {
      root,
      serve: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    const page = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root)
    web.get('/', options, (_request, reply) => page(reply))
    web.get('/*', options, (request, reply) => {
      let path: string
      try {
        path = decodeURIComponent(request.url.split('?')[0])
      } catch {
        return reply.callNotFound()
      }
      if (RESERVED.test(path) || /(^|\/)\./.test(path)) return reply.callNotFound()
      const file = normalize(join(root, path))
      if (file.startsWith(root + sep) && !basename(file).startsWith('.') && existsSync(file) && statSync(file).isFile()) return reply.sendFile(relative(root, file), root)
      // A missing file (it has an extension) or a non-page request is a 404, not the page.
      if (/\.[A-Za-z0-9]+$/.test(path) || !String(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound()
      return page(reply)
    })
  })
}
