import Type from 'typebox'
import { SilkwayError } from '../../model'
import { ROLES } from '../../store'
import type { App, Services } from '../services'
import { Problems, TokenInfoSchema, WhoAmISchema, WorkspaceQuery } from '../schemas'

const WorkspaceOnly = Type.Object(WorkspaceQuery, { additionalProperties: false })

export function registerAdmin(app: App, { store, tokens }: Services): void {
  app.get(
    '/whoami',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The caller: user, role and workspace of the token',
        tags: ['access'],
        querystring: WorkspaceOnly,
        response: { 200: WhoAmISchema, ...Problems },
      },
    },
    async (request) => {
      const p = request.principal
      if (!p) throw new SilkwayError('SW_UNAUTHORIZED')
      return { user: p.actor, role: p.role, workspace: request.workspace, tokenWorkspace: p.tokenWorkspace, tokenId: p.tokenId, open: p.open }
    },
  )

  app.get(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: { summary: 'Tokens (never their secrets)', tags: ['access'], querystring: WorkspaceOnly, response: { 200: Type.Object({ tokens: Type.Array(TokenInfoSchema) }), ...Problems } },
    },
    async (request) => {
      const all = await store.listTokens()
      const global = request.principal?.tokenWorkspace === '*'
      return { tokens: global ? all : all.filter((t) => t.workspace === request.workspace) }
    },
  )

  app.post(
    '/tokens',
    {
      config: { access: 'admin', action: 'create token' },
      schema: {
        summary: 'Create a token; its secret is in this answer only',
        tags: ['access'],
        querystring: WorkspaceOnly,
        body: Type.Object(
          {
            user: Type.String({ minLength: 1, maxLength: 200 }),
            role: Type.Enum([...ROLES]),
            workspace: Type.Optional(Type.String({ pattern: '^([A-Za-z0-9][A-Za-z0-9._-]{0,63}|\\*)$', description: "The token's workspace; '*' (every workspace) needs a global admin" })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), info: TokenInfoSchema }), ...Problems },
      },
    },
    async (request, reply) => {
      const workspace = request.body.workspace ?? request.workspace
      const global = request.principal?.tokenWorkspace === '*'
      if (!global && workspace !== request.principal?.tokenWorkspace) throw new SilkwayError('SW_FORBIDDEN', `an admin of workspace '${request.principal?.tokenWorkspace}' cannot create tokens for '${workspace}'`)
      const created = await store.createToken({ user: request.body.user, role: request.body.role, workspace, createdBy: request.principal?.actor ?? 'anonymous' })
      reply.code(201)
      return created
    },
  )

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'admin', action: 'revoke token' },
      schema: { summary: 'Revoke a token', tags: ['access'], params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }), querystring: WorkspaceOnly, response: { 200: TokenInfoSchema, ...Problems } },
    },
    async (request) => {
      const target = (await store.listTokens()).find((t) => t.id === request.params.id)
      const global = request.principal?.tokenWorkspace === '*'
      if (!target || (!global && target.workspace !== request.principal?.tokenWorkspace)) throw new SilkwayError('SW_NOT_FOUND', 'no such token')
      const revoked = await store.revokeToken(target.id)
      tokens.forget()
      return revoked
    },
  )

  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'The audit log, newest first: every write and every refused request',
        tags: ['access'],
        querystring: Type.Object({ ...WorkspaceQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            entries: Type.Array(
              Type.Object({
                at: Type.String(),
                actor: Type.String(),
                tokenId: Type.Union([Type.String(), Type.Null()]),
                workspace: Type.Union([Type.String(), Type.Null()]),
                method: Type.String(),
                path: Type.String(),
                status: Type.Integer(),
                action: Type.String(),
                detail: Type.Record(Type.String(), Type.Unknown()),
              }),
            ),
          }),
          ...Problems,
        },
      },
    },
    async (request) => {
      const global = request.principal?.tokenWorkspace === '*'
      return { entries: await store.listAudit({ limit: request.query.limit, workspace: global && request.query.workspace === undefined ? undefined : request.workspace }) }
    },
  )
}
