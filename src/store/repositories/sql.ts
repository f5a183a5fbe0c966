import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../database'

/** The database or an open transaction: every repository function takes either, so callers compose them atomically. */
export type Db = Kysely<Database> | Transaction<Database>

export const now = (): string => new Date().toISOString()

/** PostgreSQL's 23505, or SQLite's constraint codes (better-sqlite3 names them; older builds only say so in the message). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint/.test(e?.message ?? '')
}
