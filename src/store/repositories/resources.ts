import { randomUUID } from 'node:crypto'
import { SilkwayError } from '../../model'
import type { Database, ResourceKind, RevisionOp } from '../database'
import { type DocumentDiff, diffDocuments } from '../diff'
import { stringifyJson } from '../json'
import * as revisions from './revisions'
import { type Change, CREATED, DELETED } from './revisions'
import { type Db, isUniqueViolation, now } from './sql'
import * as workspaces from './workspaces'

/** Names a network (`network` '' and kind 'network') or one of its scenarios. */
export interface ResourceRef {
  workspace: string
  kind: ResourceKind
  network: string
  name: string
}

export interface ResourceSettings {
  defaultScenario?: string
  builtin?: boolean
}

export interface ResourceMeta {
  workspace: string
  kind: ResourceKind
  network?: string
  name: string
  revision: number
  settings: ResourceSettings
  createdAt: string
  updatedAt: string
}

export interface Resource<T = unknown> extends ResourceMeta {
  document: T
}

export interface UpdateOptions {
  op?: RevisionOp
  settings?: ResourceSettings
  /**
   * The diff from revision `baseRevision` to the new document, when the caller computed it (off the event loop,
   * for a large document); it is that revision's because the update goes through only when it is the head.
   */
  diff?: DocumentDiff
}

type Row = Database['resources']

/** Diffs between any two revisions list more entries than a revision's own diff (500). */
const DIFF_LIMIT = 5000

function describe(ref: ResourceRef): string {
  return ref.kind === 'network' ? `network '${ref.name}'` : `scenario '${ref.name}' of network '${ref.network}'`
}

function notFound(ref: ResourceRef): SilkwayError {
  return new SilkwayError('SW_NOT_FOUND', `no ${describe(ref)} in workspace '${ref.workspace}'`, { ...ref })
}

function alreadyExists(ref: ResourceRef): SilkwayError {
  return new SilkwayError('SW_ALREADY_EXISTS', `${describe(ref)} already exists in workspace '${ref.workspace}'`, { ...ref })
}

function conflict(ref: ResourceRef, expected: number, head: number): SilkwayError {
  return new SilkwayError('SW_REVISION_CONFLICT', `${describe(ref)} is at revision ${head}, not ${expected}: reload it and apply your change again`, {
    ...ref,
    baseRevision: expected,
    revision: head,
  })
}

function unknownRevision(ref: ResourceRef, revision: number, head: number): SilkwayError {
  return new SilkwayError('SW_UNKNOWN_REVISION', `${describe(ref)} has no revision ${revision} (latest ${head})`, { revision })
}

const parentOf = (ref: ResourceRef): ResourceRef => ({ ...ref, kind: 'network', network: '', name: ref.network })

/** The network whose caches a change to `ref` invalidates. */
export const networkOf = (ref: ResourceRef): string => (ref.kind === 'network' ? ref.name : ref.network)

async function findRow(db: Db, ref: ResourceRef): Promise<Row | undefined> {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('workspace', '=', ref.workspace)
    .where('kind', '=', ref.kind)
    .where('network', '=', ref.kind === 'network' ? '' : ref.network)
    .where('name', '=', ref.name)
    .executeTakeFirst()
}

async function liveRow(db: Db, ref: ResourceRef, baseRevision: number): Promise<Row> {
  const row = await findRow(db, ref)
  if (!row || row.deleted) throw notFound(ref)
  if (row.head !== baseRevision) throw conflict(ref, baseRevision, row.head)
  return row
}

function meta(row: Row): ResourceMeta {
  return {
    workspace: row.workspace,
    kind: row.kind,
    ...(row.kind === 'scenario' ? { network: row.network } : {}),
    name: row.name,
    revision: row.head,
    settings: JSON.parse(row.settings) as ResourceSettings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Moves the head from `expected` to `expected + 1`, or refuses: the heart of optimistic concurrency. */
async function advance(db: Db, row: Row, expected: number, ref: ResourceRef, fields: { deleted?: number; settings?: string }, at: string): Promise<void> {
  const result = await db
    .updateTable('resources')
    .set({ head: expected + 1, updated_at: at, ...fields })
    .where('id', '=', row.id)
    .where('head', '=', expected)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw conflict(ref, expected, row.head)
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n) === 0
}

/** The live networks of a workspace, or the live scenarios of `network`, by name. */
export async function list(db: Db, workspace: string, kind: ResourceKind, network = ''): Promise<ResourceMeta[]> {
  const rows = await db
    .selectFrom('resources')
    .selectAll()
    .where('workspace', '=', workspace)
    .where('kind', '=', kind)
    .where('network', '=', kind === 'network' ? '' : network)
    .where('deleted', '=', 0)
    .orderBy('name')
    .execute()
  return rows.map(meta)
}

/** The head, or any revision (also of a deleted resource) with its document. */
export async function get<T = unknown>(db: Db, ref: ResourceRef, revision?: number): Promise<Resource<T>> {
  const row = await findRow(db, ref)
  if (!row || (row.deleted && revision === undefined)) throw notFound(ref)
  const wanted = revision ?? row.head
  const document = await revisions.document(db, row.id, wanted)
  if (document === undefined) throw unknownRevision(ref, wanted, row.head)
  if (document === null) throw new SilkwayError('SW_UNKNOWN_REVISION', `revision ${wanted} of ${describe(ref)} is its deletion and holds no document`, { revision: wanted })
  return { ...meta(row), revision: wanted, document: document as T }
}

/** The head revision of a network and of each of its live scenarios: changes whenever any of them does. */
export async function stamp(db: Db, workspace: string, network: string): Promise<string> {
  const rows = await db
    .selectFrom('resources')
    .select(['kind', 'name', 'head', 'deleted'])
    .where('workspace', '=', workspace)
    .where((eb) => eb.or([eb.and([eb('kind', '=', 'network'), eb('network', '=', ''), eb('name', '=', network)]), eb.and([eb('kind', '=', 'scenario'), eb('network', '=', network)])]))
    .orderBy('kind')
    .orderBy('name')
    .execute()
  return rows.map((r) => `${r.kind[0]}:${r.name}:${r.head}:${r.deleted}`).join('|')
}

/** Creates a resource at revision 1, or revives a deleted one with the next revision of its history. */
export async function create<T>(db: Db, ref: ResourceRef, document: T, change: Change, settings: ResourceSettings = {}, op: RevisionOp = 'create'): Promise<ResourceMeta> {
  await workspaces.ensure(db, ref.workspace)
  if (ref.kind === 'scenario') {
    const parent = await findRow(db, parentOf(ref))
    if (!parent || parent.deleted) throw notFound(parentOf(ref))
  }
  const at = now()
  const existing = await findRow(db, ref)
  if (existing) return revive(db, existing, ref, document, change, settings, op, at)
  const row = await insert(db, ref, settings, at)
  await revisions.append(db, row.id, 1, op, document, CREATED, change, at)
  return meta(row)
}

/** A new resource row at head 1; a racing creator of the same name loses with SW_ALREADY_EXISTS. */
async function insert(db: Db, ref: ResourceRef, settings: ResourceSettings, at: string): Promise<Row> {
  const row: Row = {
    id: randomUUID(),
    workspace: ref.workspace,
    kind: ref.kind,
    network: ref.kind === 'network' ? '' : ref.network,
    name: ref.name,
    head: 1,
    deleted: 0,
    settings: stringifyJson(settings),
    created_at: at,
    updated_at: at,
  }
  try {
    await db.insertInto('resources').values(row).execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(ref)
    throw error
  }
  return row
}

async function revive<T>(db: Db, existing: Row, ref: ResourceRef, document: T, change: Change, settings: ResourceSettings, op: RevisionOp, at: string): Promise<ResourceMeta> {
  if (!existing.deleted) throw alreadyExists(ref)
  const text = stringifyJson(settings)
  await advance(db, existing, existing.head, ref, { deleted: 0, settings: text }, at)
  await revisions.append(db, existing.id, existing.head + 1, op, document, CREATED, change, at)
  return meta({ ...existing, head: existing.head + 1, deleted: 0, settings: text, updated_at: at })
}

/** Replaces the document; `baseRevision` must be the head, else SW_REVISION_CONFLICT (409). */
export async function update<T>(db: Db, ref: ResourceRef, document: T, baseRevision: number, change: Change, options: UpdateOptions = {}): Promise<ResourceMeta> {
  const row = await liveRow(db, ref, baseRevision)
  const at = now()
  const diff = options.diff ?? diffDocuments((await revisions.document(db, row.id, row.head)) ?? undefined, document)
  const settings = options.settings ? stringifyJson({ ...JSON.parse(row.settings), ...options.settings }) : row.settings
  await advance(db, row, baseRevision, ref, { settings }, at)
  await revisions.append(db, row.id, baseRevision + 1, options.op ?? 'update', document, diff, change, at)
  return meta({ ...row, head: baseRevision + 1, settings, updated_at: at })
}

/** Deletes (the history stays); deleting a network deletes its live scenarios too. */
export async function remove(db: Db, ref: ResourceRef, baseRevision: number, change: Change): Promise<void> {
  const row = await liveRow(db, ref, baseRevision)
  const at = now()
  await advance(db, row, baseRevision, ref, { deleted: 1 }, at)
  await revisions.append(db, row.id, baseRevision + 1, 'delete', null, DELETED, change, at)
  if (ref.kind !== 'network') return
  const children = await db.selectFrom('resources').selectAll().where('workspace', '=', ref.workspace).where('kind', '=', 'scenario').where('network', '=', ref.name).where('deleted', '=', 0).execute()
  for (const child of children) {
    const childRef: ResourceRef = { workspace: ref.workspace, kind: 'scenario', network: ref.name, name: child.name }
    await advance(db, child, child.head, childRef, { deleted: 1 }, at)
    await revisions.append(db, child.id, child.head + 1, 'delete', null, DELETED, { author: change.author, message: `network '${ref.name}' deleted` }, at)
  }
}

export async function history(db: Db, ref: ResourceRef, options: { limit?: number; before?: number } = {}): Promise<revisions.RevisionInfo[]> {
  const row = await findRow(db, ref)
  if (!row) throw notFound(ref)
  return revisions.history(db, row.id, options)
}

/** The stored JSON text of a revision's document (null: a deletion; undefined: no such resource or revision). */
export async function documentText(db: Db, ref: ResourceRef, revision: number): Promise<string | null | undefined> {
  const row = await findRow(db, ref)
  return row ? revisions.documentText(db, row.id, revision) : undefined
}

/** The difference from revision `from` to revision `to` (the head when absent); a deletion counts as no document. */
export async function diff(db: Db, ref: ResourceRef, from: number, to?: number): Promise<{ from: number; to: number; diff: DocumentDiff }> {
  const row = await findRow(db, ref)
  if (!row) throw notFound(ref)
  const target = to ?? row.head
  const load = async (revision: number) => {
    const document = await revisions.document(db, row.id, revision)
    if (document === undefined) throw unknownRevision(ref, revision, row.head)
    return document ?? undefined
  }
  return { from, to: target, diff: diffDocuments(await load(from), await load(target), DIFF_LIMIT) }
}

/** Makes an old revision's document the new head, as a new revision: history is never rewritten. */
export async function restore(db: Db, ref: ResourceRef, revision: number, baseRevision: number, change: Change): Promise<ResourceMeta> {
  const old = await get(db, ref, revision)
  return update(db, ref, old.document, baseRevision, { author: change.author, message: change.message || `restore revision ${revision}` }, { op: 'restore' })
}

/** A new resource whose first revision is this one's document at `revision` (the head by default). */
export async function branch(db: Db, ref: ResourceRef, name: string, change: Change, revision?: number): Promise<ResourceMeta> {
  const source = await get(db, ref, revision)
  const settings = source.settings.builtin ? { ...source.settings, builtin: false } : source.settings
  return create(db, { ...ref, name }, source.document, { author: change.author, message: change.message || `branched from ${ref.name} revision ${source.revision}` }, settings, 'branch')
}

/** Resources whose head disagrees with their revisions (a gap, a missing or an extra revision). */
export async function headProblems(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('resources').select(['id', 'kind', 'network', 'name', 'head']).execute()
  const byId = await revisions.counts(db)
  const problems: string[] = []
  for (const r of rows) {
    const c = byId.get(r.id)
    if (!c || c.top !== r.head || c.n !== r.head) problems.push(`${r.kind} ${r.network}/${r.name}: head ${r.head}, revisions ${c?.n ?? 0} up to ${c?.top ?? 0}`)
  }
  return problems
}
