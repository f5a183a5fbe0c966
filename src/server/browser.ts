import type { FastifyRequest } from 'fastify'
import { SilkwayError } from '../model'

/**
 * Media types a write may carry: JSON for the API, and the declared upload types of the file endpoints
 * (silkway JSON, GeoJSON, GraphML). None of them is a CORS-safelisted type (text/plain, form-urlencoded,
 * multipart), so a page on another site cannot send them without a preflight, which this server never grants.
 */
export const WRITE_MEDIA_TYPES = ['application/json', 'application/geo+json', 'application/graphml+xml', 'application/xml', 'text/xml', 'application/octet-stream'] as const

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const MEDIA = new Set<string>(WRITE_MEDIA_TYPES)
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']

export interface BrowserGuardOptions {
  /** Open mode: the checks always apply. */
  open: boolean
  /** More names the Host header may carry (the loopback names and the listening address always may). */
  allowedHosts: readonly string[]
  /** Origins of other sites allowed to call (`https://planner.example.org`); same-origin is always allowed. */
  allowedOrigins: readonly string[]
  /** The address the server listens on. */
  listenHost?: string
}

/** A host without its port, lower case: `[::1]:8080` and `::1` → `::1`, `Example.org.:80` → `example.org`. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase()
  const end = lower.indexOf(']')
  if (lower.startsWith('[')) return lower.slice(1, end < 0 ? undefined : end)
  if (lower.indexOf(':') !== lower.lastIndexOf(':')) return lower
  return lower.replace(/:\d*$/, '').replace(/\.$/, '')
}

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
}

/**
 * onRequest, before authentication: in open mode (and in token mode when allowed hosts or origins are given),
 * a request must name this server in `Host` — a page that rebinds its own DNS name to 127.0.0.1 sends its name
 * (DNS rebinding) — and must come from this server's pages or an allowed origin (`Origin`, `Sec-Fetch-Site`).
 * Clients that are not browsers send neither header and pass. Top-level GET navigations from elsewhere (a link)
 * pass too: they cannot read the answer and change nothing.
 */
export function guardBrowsers(options: BrowserGuardOptions) {
  const enabled = options.open || options.allowedHosts.length > 0 || options.allowedOrigins.length > 0
  const hosts = new Set([...LOOPBACK_NAMES, ...(options.listenHost ? [hostName(options.listenHost)] : []), ...options.allowedHosts.map(hostName)])
  const origins = new Set(options.allowedOrigins.map((o) => originOf(o) ?? o))
  return async (request: FastifyRequest): Promise<void> => {
    if (!enabled) return
    const host = request.headers.host
    if (typeof host !== 'string' || !hosts.has(hostName(host))) {
      throw new SilkwayError('SW_CROSS_SITE', `Host '${String(host ?? '').slice(0, 100)}' is not a name of this server (allowed: ${[...hosts].join(', ')}); a page on another site cannot reach it through its own DNS name`)
    }
    const origin = request.headers.origin
    const allowedOrigin = typeof origin === 'string' && origins.has(originOf(origin) ?? origin)
    if (typeof origin === 'string' && !allowedOrigin) {
      const parsed = originOf(origin)
      if (!parsed || new URL(parsed).host !== host.trim().toLowerCase()) throw new SilkwayError('SW_CROSS_SITE', `a request from origin '${origin.slice(0, 100)}' is refused: only this server's own pages${origins.size ? ' and the allowed origins' : ''} may call it`)
    }
    const site = request.headers['sec-fetch-site']
    if (site === undefined || site === 'same-origin' || site === 'none' || allowedOrigin) return
    const navigation = (request.method === 'GET' || request.method === 'HEAD') && request.headers['sec-fetch-mode'] === 'navigate'
    if (!navigation) throw new SilkwayError('SW_CROSS_SITE', `a ${String(site).slice(0, 20)} request is refused: only this server's own pages may call it`)
  }
}

/** onRequest, after authentication: a write with a body must carry one of WRITE_MEDIA_TYPES. */
export async function checkWriteMediaType(request: FastifyRequest): Promise<void> {
  if (!WRITE.has(request.method)) return
  const length = request.headers['content-length']
  if (request.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return
  const type = request.headers['content-type']
  const essence = typeof type === 'string' ? type.split(';')[0].trim().toLowerCase() : ''
  if (MEDIA.has(essence)) return
  throw new SilkwayError('SW_UNSUPPORTED_MEDIA_TYPE', `a write must be sent as ${WRITE_MEDIA_TYPES.join(', ')}, not '${essence.slice(0, 100) || 'no content type'}'`, { accepted: [...WRITE_MEDIA_TYPES] })
}
