import type { RevisionOp } from '../database'
import type { DocumentDiff } from '../diff'
import { stringifyJson } from '../json'
import type { Db } from './sql'

/** Who makes a change and why: every revision carries both. */
export interface Change {
  author: string
  message?: string
}

export interface RevisionInfo {
  revision: number
  op: RevisionOp
  author: string
  message: string
  createdAt: string
  diff: DocumentDiff
}

/** The diffs of a creation and a deletion: the whole document, not each of its fields. */
export const CREATED: DocumentDiff = { added: 1, removed: 0, changed: 0, entries: [{ op: 'add', path: '(root)' }], truncated: false }
export const DELETED: DocumentDiff = { added: 0, removed: 1, changed: 0, entries: [{ op: 'remove', path: '(root)' }], truncated: false }

/** Revisions are immutable: this insert is the only write to the table. */
export async function append(db: Db, resourceId: string, revision: number, op: RevisionOp, document: unknown, diff: DocumentDiff, change: Change, at: string): Promise<void> {
  await db
    .insertInto('revisions')
    .values({
      resource_id: resourceId,
      revision,
      op,
      document: document === null ? null : stringifyJson(document),
      diff: stringifyJson(diff),
      message: change.message ?? '',
      author: change.author,
      created_at: at,
    })
    .execute()
}

/**
 * The stored document of one revision: undefined when there is no such revision, null when it is a
 * deletion, else the parsed document.
 */
export async function document(db: Db, resourceId: string, revision: number): Promise<unknown> {
  const text = await documentText(db, resourceId, revision)
  return text === undefined || text === null ? text : JSON.parse(text)
}

/** The stored JSON text of one revision's document, unparsed (undefined: no such revision; null: a deletion). */
export async function documentText(db: Db, resourceId: string, revision: number): Promise<string | null | undefined> {
  const row = await db.selectFrom('revisions').select('document').where('resource_id', '=', resourceId).where('revision', '=', revision).executeTakeFirst()
  return row ? row.document : undefined
}

/** Newest first, at most 1,000 (100 by default), older than `before` when given. */
export async function history(db: Db, resourceId: string, options: { limit?: number; before?: number } = {}): Promise<RevisionInfo[]> {
  let query = db
    .selectFrom('revisions')
    .select(['revision', 'op', 'author', 'message', 'created_at', 'diff'])
    .where('resource_id', '=', resourceId)
    .orderBy('revision', 'desc')
    .limit(Math.min(options.limit ?? 100, 1000))
  if (options.before !== undefined) query = query.where('revision', '<', options.before)
  const rows = await query.execute()
  return rows.map((r) => ({ revision: r.revision, op: r.op, author: r.author, message: r.message, createdAt: r.created_at, diff: JSON.parse(r.diff) as DocumentDiff }))
}

/** How many revisions each resource has and the highest: with gap-free histories both equal the head. */
export async function counts(db: Db): Promise<Map<string, { n: number; top: number }>> {
  const rows = await db
    .selectFrom('revisions')
    .select(['resource_id'])
    .select((eb) => [eb.fn.count<number>('revision').as('n'), eb.fn.max<number>('revision').as('top')])
    .groupBy('resource_id')
    .execute()
  return new Map(rows.map((c) => [c.resource_id, { n: Number(c.n), top: Number(c.top) }]))
}
