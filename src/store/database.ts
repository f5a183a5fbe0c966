import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'

/**
 * Tables, in the subset of SQL that SQLite and PostgreSQL share: text ids (UUIDs), ISO 8601 text times,
 * integer 0/1 flags and JSON as text, so one Kysely query layer serves both.
 */
export interface WorkspaceTable {
  name: string
  created_at: string
}

export type ResourceKind = 'network' | 'scenario'

/** A network or a scenario: its identity and head revision. The documents live in `revisions`. */
export interface ResourceTable {
  id: string
  workspace: string
  kind: ResourceKind
  /** The network a scenario belongs to; '' for a network. */
  network: string
  name: string
  head: number
  deleted: number
  /** JSON: `{ defaultScenario?, builtin? }` for networks. */
  settings: string
  created_at: string
  updated_at: string
}

export type RevisionOp = 'create' | 'update' | 'delete' | 'restore' | 'branch' | 'import'

/** Immutable: one row per change, never updated. */
export interface RevisionTable {
  resource_id: string
  revision: number
  op: RevisionOp
  /** The whole document after the change (JSON); null after a delete. */
  document: string | null
  /** JSON diff against the previous revision (see diff.ts). */
  diff: string
  message: string
  author: string
  created_at: string
}

export type Role = 'viewer' | 'planner' | 'admin'

export interface TokenTable {
  id: string
  /** SHA-256 of the secret, hex; the secret itself is never stored. */
  hash: string
  user_name: string
  /** A workspace name, or '*' for every workspace. */
  workspace: string
  role: Role
  created_by: string
  created_at: string
  revoked_at: string | null
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface JobTable {
  id: string
  workspace: string
  kind: string
  status: JobStatus
  progress: number
  message: string
  params: string
  result: string | null
  error: string | null
  cancel_requested: number
  created_by: string
  created_at: string
  updated_at: string
}

export interface AuditTable {
  id: string
  at: string
  actor: string
  token_id: string | null
  workspace: string | null
  method: string
  path: string
  status: number
  action: string
  detail: string
}

export interface Database {
  workspaces: WorkspaceTable
  resources: ResourceTable
  revisions: RevisionTable
  tokens: TokenTable
  jobs: JobTable
  audit: AuditTable
}

export type Dialect = 'sqlite' | 'postgres'

export interface ConnectOptions {
  /** A `postgres://` URL selects PostgreSQL; otherwise `file` (SQLite) is used. */
  databaseUrl?: string
  /** SQLite file; ':memory:' for tests. */
  file?: string
}

export interface Connection {
  db: Kysely<Database>
  dialect: Dialect
  /** SQLite's own consistency check; PostgreSQL has none to run, so it answers 'ok'. */
  integrityCheck(): Promise<string>
}

/** better-sqlite3 and pg are loaded on demand: the CLI's other commands never pay for them. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  if (options.databaseUrl) {
    const pg = (await import('pg')).default
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', integrityCheck: async () => 'ok' }
  }
  const SqliteDatabase = (await import('better-sqlite3')).default
  const sqlite = new SqliteDatabase(options.file ?? ':memory:')
  sqlite.pragma('journal_mode = WAL')
  // FULL: a commit is on disk before the API acknowledges it, so power loss keeps acknowledged writes too.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return {
    db,
    dialect: 'sqlite',
    integrityCheck: async () => String(sqlite.pragma('integrity_check', { simple: true })),
  }
}
