import type { FastifyReply, FastifyRequest } from 'fastify'
import { SilkwayError } from '../model'
import type { Role, Store, TokenInfo } from '../store'

/** Who is asking, and with what role in the workspace the request addresses. */
export interface Principal {
  actor: string
  tokenId: string | null
  role: Role
  /** The token's workspace ('*' for all); the request's workspace is `request.workspace`. */
  tokenWorkspace: string
  open: boolean
}

/** What a route needs: `public` routes (health, docs) skip authentication altogether. */
export type Access = 'public' | Role

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
    workspace: string
  }
  interface FastifyContextConfig {
    access?: Access
    /** Name of the write in the audit log. */
    action?: string
  }
}

const RANK: Record<Role, number> = { viewer: 1, planner: 2, admin: 3 }
export const DEFAULT_WORKSPACE = 'default'
const WORKSPACE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed]
}

/** The workspace a request addresses: `?workspace=` or the default one. */
export function workspaceOf(request: FastifyRequest): string {
  const raw = (request.query as Record<string, unknown> | undefined)?.workspace
  if (raw === undefined) return DEFAULT_WORKSPACE
  if (typeof raw !== 'string' || !WORKSPACE.test(raw)) throw new SilkwayError('SW_INVALID_ARGUMENT', 'query.workspace: a workspace name is 1–64 letters, digits, dot, dash or underscore', {})
  return raw
}

/** Token lookups cached briefly: a revoked token stops working within `ttlMs` on every server. */
export class TokenCache {
  private readonly entries = new Map<string, { info: TokenInfo | undefined; until: number }>()
  constructor(
    private readonly store: Store,
    private readonly ttlMs = 2000,
  ) {}

  async find(secret: string): Promise<TokenInfo | undefined> {
    const now = Date.now()
    const hit = this.entries.get(secret)
    if (hit && hit.until > now) return hit.info
    const info = await this.store.findToken(secret)
    if (this.entries.size > 10_000) this.entries.clear()
    this.entries.set(secret, { info, until: now + this.ttlMs })
    return info
  }

  forget(): void {
    this.entries.clear()
  }
}

export interface AuthOptions {
  tokens: TokenCache
  /** No token needed (loopback only; the CLI enforces that). */
  open: boolean
}

/**
 * onRequest: before the body is read, so an anonymous 10 MB upload is refused without being parsed. A token
 * for another workspace, or with too small a role, is a 403 that says which role the route needs.
 */
export function authenticate(options: AuthOptions) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config?.access ?? 'admin'
    if (access === 'public') return
    request.workspace = workspaceOf(request)
    const header = request.headers.authorization
    if (header === undefined && options.open) {
      request.principal = { actor: 'anonymous (open mode)', tokenId: null, role: 'admin', tokenWorkspace: '*', open: true }
      return
    }
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_\-.~+/=]{1,200})$/.exec(header.trim()) : null
    if (!match) throw new SilkwayError('SW_UNAUTHORIZED', header === undefined ? 'this endpoint needs Authorization: Bearer <token>' : 'the Authorization header is not a Bearer token')
    const token = await options.tokens.find(match[1])
    if (!token) throw new SilkwayError('SW_UNAUTHORIZED', 'the token is unknown or revoked')
    const principal: Principal = { actor: token.user, tokenId: token.id, role: token.role, tokenWorkspace: token.workspace, open: false }
    request.principal = principal
    if (token.workspace !== '*' && token.workspace !== request.workspace) {
      throw new SilkwayError('SW_FORBIDDEN', `the token is for workspace '${token.workspace}', not '${request.workspace}'`)
    }
    if (!roleAllows(token.role, access)) throw new SilkwayError('SW_FORBIDDEN', `this needs the ${access} role; the token has ${token.role}`)
  }
}
