import { randomUUID } from 'node:crypto'
import { stringifyJson } from '../json'
import { type Db, now } from './sql'

export interface AuditEntry {
  actor: string
  tokenId?: string | null
  workspace?: string | null
  method: string
  path: string
  status: number
  action: string
  detail?: Record<string, unknown>
}

/** An entry as stored, with the time it was written. */
export interface AuditRecord {
  at: string
  actor: string
  tokenId: string | null
  workspace: string | null
  method: string
  path: string
  status: number
  action: string
  detail: Record<string, unknown>
}

/** A request path longer than this is cut: the log records what was asked, not an attacker's payload. */
const MAX_PATH_LENGTH = 2000

/**
 * Entries of one millisecond are told apart by their id: this process's write counter, zero-padded so text order is
 * write order, then a random part (other processes writing to the same database). Ids were random UUIDs before, so
 * entries of the same millisecond came back in random order.
 */
let written = 0
const entryId = () => `${String(++written).padStart(12, '0')}-${randomUUID()}`

export async function record(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      id: entryId(),
      at: now(),
      actor: entry.actor,
      token_id: entry.tokenId ?? null,
      workspace: entry.workspace ?? null,
      method: entry.method,
      path: entry.path.slice(0, MAX_PATH_LENGTH),
      status: entry.status,
      action: entry.action,
      detail: stringifyJson(entry.detail ?? {}),
    })
    .execute()
}

/** Newest first (within a millisecond, last written first), at most 1,000 (100 by default). */
export async function list(db: Db, options: { limit?: number; workspace?: string } = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(options.limit ?? 100, 1000))
  if (options.workspace) query = query.where('workspace', '=', options.workspace)
  const rows = await query.execute()
  return rows.map((r) => ({ at: r.at, actor: r.actor, tokenId: r.token_id, workspace: r.workspace, method: r.method, path: r.path, status: r.status, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }))
}
