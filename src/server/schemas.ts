import Type from 'typebox'
import { NETWORK_SCHEMA_VERSION, NetworkSchema, ScenarioSchema } from '../model'
import { ProblemSchema } from './problem'

/** The API's own schemas, composed from the core's declarations (documents, route queries and answers). */

export const DEFAULT_NETWORK = 'corridor'

const Name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$', description: 'Resource name: letters, digits, dot, dash, underscore' })
const Revision = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
const Message = Type.String({ maxLength: 2000, description: 'Why the change was made; kept in the history' })

/** Network and scenario documents without their `$id`, so that several routes may embed them. */
export const NetworkDocument = Type.Object(NetworkSchema.properties, { additionalProperties: false, title: 'silkway network', description: 'A network document (docs/schema/network.schema.json)' })
export const ScenarioDocument = Type.Object(ScenarioSchema.properties, { additionalProperties: false, title: 'silkway scenario', description: 'A scenario document (docs/schema/scenario.schema.json)' })

/** What a write accepts: either document version; a version-1 document is stored migrated (src/model/migrate.ts). */
const SchemaVersionIn = Type.Union([Type.Literal(1), Type.Literal(NETWORK_SCHEMA_VERSION)], { description: 'Document version; 1 is migrated to the current one on write' })
export const NetworkDocumentIn = Type.Object({ ...NetworkSchema.properties, schemaVersion: SchemaVersionIn }, { additionalProperties: false, title: 'silkway network', description: 'A network document (docs/schema/network.schema.json; version 1 accepted and migrated)' })
export const ScenarioDocumentIn = Type.Object({ ...ScenarioSchema.properties, schemaVersion: SchemaVersionIn }, { additionalProperties: false, title: 'silkway scenario', description: 'A scenario document (docs/schema/scenario.schema.json; version 1 accepted and migrated)' })

export const WorkspaceQuery = {
  workspace: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: "Workspace; 'default' when absent" })),
}

export const NetworkQuery = {
  ...WorkspaceQuery,
  // Stored names follow the resource-name pattern (see Name), so anything else cannot name a network; refusing it
  // here also keeps NUL bytes, which PostgreSQL text cannot hold, away from the store.
  network: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$', description: `Stored network; '${DEFAULT_NETWORK}' (the built-in corridor, seeded on first start) when absent` })),
  scenario: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$', description: "Scenario; the network's default scenario when absent ('as-is' = the network itself)" })),
}

export const Problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
  428: ProblemSchema,
  429: ProblemSchema,
}

export const SettingsSchema = Type.Object({
  defaultScenario: Type.Optional(Type.String({ description: 'Scenario used when a query names none' })),
  builtin: Type.Optional(Type.Boolean({ description: 'The seeded built-in corridor: compare and report use its claims and city pairs' })),
})

export const ResourceMetaSchema = Type.Object({
  workspace: Type.String(),
  kind: Type.Enum(['network', 'scenario']),
  network: Type.Optional(Type.String({ description: 'For a scenario: its network' })),
  name: Type.String(),
  revision: Type.Integer({ description: 'Head revision; send it back as baseRevision (or If-Match) to change the resource' }),
  settings: SettingsSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const DiffSchema = Type.Object({
  added: Type.Integer(),
  removed: Type.Integer(),
  changed: Type.Integer(),
  entries: Type.Array(
    Type.Object({
      op: Type.Enum(['add', 'remove', 'change']),
      path: Type.String({ description: 'nodes[id=frankfurt].lat style' }),
      before: Type.Optional(Type.Unknown()),
      after: Type.Optional(Type.Unknown()),
    }),
  ),
  truncated: Type.Boolean(),
})

export const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  op: Type.Enum(['create', 'update', 'delete', 'restore', 'branch', 'import']),
  author: Type.String(),
  message: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  diff: DiffSchema,
})

export const WriteFields = {
  message: Type.Optional(Message),
  baseRevision: Type.Optional(Type.Integer({ minimum: 1, description: 'The revision this change starts from; a stale one is refused with 409 (or send If-Match)' })),
}

export const JobSchema = Type.Object({
  id: Type.String(),
  workspace: Type.String(),
  kind: Type.String(),
  status: Type.Enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  message: Type.String(),
  result: Type.Unknown(),
  error: Type.Unknown(),
  cancelRequested: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

/**
 * The caller, as `GET /whoami` answers. The roles are the store's ROLES, spelled here because the web app reads
 * these schemas and must not compile the store (schemas.test.ts keeps the two lists equal).
 */
const RoleSchema = Type.Enum(['viewer', 'planner', 'admin'])

export const WhoAmISchema = Type.Object({
  user: Type.String(),
  role: RoleSchema,
  workspace: Type.String(),
  tokenWorkspace: Type.String(),
  tokenId: Type.Union([Type.String(), Type.Null()]),
  open: Type.Boolean(),
})

/** A token as `GET /tokens` lists it: never its secret. */
export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  user: Type.String(),
  workspace: Type.String({ description: "A workspace, or '*' for all" }),
  role: RoleSchema,
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
})

/**
 * A response schema without `default`s: fast-json-stringify writes a default for an absent property, and the
 * API must answer exactly what the CLI prints.
 */
export function withoutDefaults<T extends object>(schema: T): T {
  return JSON.parse(JSON.stringify(schema), (key, value) => (key === 'default' ? undefined : value)) as T
}

export { Name, Revision, Message }
