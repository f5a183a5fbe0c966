import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { SilkwayError } from '../model'
import {
  type ConnectOptions,
  type Connection,
  type Database,
  type Dialect,
  type JobStatus,
  type ResourceKind,
  type RevisionOp,
  type Role,
  connect,
} from './database'
import { type DocumentDiff, diffDocuments } from './diff'
import { migrateToLatest } from './migrations'

/** Who makes a change and why: every revision carries both. */
export interface Change {
  author: string
  message?: string
}

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

export interface RevisionInfo {
  revision: number
  op: RevisionOp
  author: string
  message: string
  createdAt: string
  diff: DocumentDiff
}

export interface TokenInfo {
  id: string
  user: string
  workspace: string
  role: Role
  createdBy: string
  createdAt: string
  revokedAt: string | null
}

export interface JobInfo {
  id: string
  workspace: string
  kind: string
  status: JobStatus
  progress: number
  message: string
  result: unknown
  error: unknown
  cancelRequested: boolean
  createdBy: string
  createdAt: string
  updatedAt: string
}

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

export const ROLES: readonly Role[] = ['viewer', 'planner', 'admin']
const TOKEN_PREFIX = 'swt_'

const now = () => new Date().toISOString()
const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex')
type Db = Kysely<Database> | Transaction<Database>

function describe(ref: ResourceRef): string {
  return ref.kind === 'network' ? `network '${ref.name}'` : `scenario '${ref.name}' of network '${ref.network}'`
}

function notFound(ref: ResourceRef): SilkwayError {
  return new SilkwayError('SW_NOT_FOUND', `no ${describe(ref)} in workspace '${ref.workspace}'`, { ...ref })
}

/**
 * Persistence for networks, scenarios and their full history, tokens, jobs and the audit log, on SQLite or
 * PostgreSQL through one Kysely query layer. Every change appends an immutable revision; a write naming a
 * stale revision is refused (optimistic concurrency), never merged.
 */
export class Store {
  private readonly listeners: ((workspace: string, network: string) => void)[] = []

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    private readonly connection: Connection,
  ) {}

  static async open(options: ConnectOptions): Promise<Store> {
    const connection = await connect(options)
    await migrateToLatest(connection.db)
    return new Store(connection.db, connection.dialect, connection)
  }

  /** Called after each change to a network or its scenarios, with the network's name (caches listen). */
  onChange(listener: (workspace: string, network: string) => void): void {
    this.listeners.push(listener)
  }

  private changed(ref: ResourceRef): void {
    const network = ref.kind === 'network' ? ref.name : ref.network
    for (const listener of this.listeners) listener(ref.workspace, network)
  }

  async close(): Promise<void> {
    await this.db.destroy()
  }

  async integrityCheck(): Promise<{ database: string; problems: string[] }> {
    const database = await this.connection.integrityCheck()
    const problems: string[] = []
    const resources = await this.db.selectFrom('resources').select(['id', 'kind', 'network', 'name', 'head']).execute()
    const counts = await this.db
      .selectFrom('revisions')
      .select(['resource_id'])
      .select((eb) => [eb.fn.count<number>('revision').as('n'), eb.fn.max<number>('revision').as('top')])
      .groupBy('resource_id')
      .execute()
    const byId = new Map(counts.map((c) => [c.resource_id, { n: Number(c.n), top: Number(c.top) }]))
    for (const r of resources) {
      const c = byId.get(r.id)
      if (!c || c.top !== r.head || c.n !== r.head) problems.push(`${r.kind} ${r.network}/${r.name}: head ${r.head}, revisions ${c?.n ?? 0} up to ${c?.top ?? 0}`)
    }
    return { database, problems }
  }

  // ── workspaces ──

  async ensureWorkspace(name: string, db: Db = this.db): Promise<void> {
    const found = await db.selectFrom('workspaces').select('name').where('name', '=', name).executeTakeFirst()
    if (!found) await db.insertInto('workspaces').values({ name, created_at: now() }).onConflict((oc) => oc.column('name').doNothing()).execute()
  }

  async listWorkspaces(): Promise<string[]> {
    return (await this.db.selectFrom('workspaces').select('name').orderBy('name').execute()).map((w) => w.name)
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n) === 0
  }

  // ── networks and scenarios ──

  private async row(ref: ResourceRef, db: Db = this.db) {
    return db
      .selectFrom('resources')
      .selectAll()
      .where('workspace', '=', ref.workspace)
      .where('kind', '=', ref.kind)
      .where('network', '=', ref.kind === 'network' ? '' : ref.network)
      .where('name', '=', ref.name)
      .executeTakeFirst()
  }

  private meta(row: Database['resources']): ResourceMeta {
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

  async list(workspace: string, kind: ResourceKind, network = ''): Promise<ResourceMeta[]> {
    const rows = await this.db
      .selectFrom('resources')
      .selectAll()
      .where('workspace', '=', workspace)
      .where('kind', '=', kind)
      .where('network', '=', kind === 'network' ? '' : network)
      .where('deleted', '=', 0)
      .orderBy('name')
      .execute()
    return rows.map((row) => this.meta(row))
  }

  async get<T = unknown>(ref: ResourceRef, revision?: number): Promise<Resource<T>> {
    const row = await this.row(ref)
    if (!row || (row.deleted && revision === undefined)) throw notFound(ref)
    const wanted = revision ?? row.head
    const rev = await this.db
      .selectFrom('revisions')
      .select(['document', 'created_at'])
      .where('resource_id', '=', row.id)
      .where('revision', '=', wanted)
      .executeTakeFirst()
    if (!rev) throw new SilkwayError('SW_UNKNOWN_REVISION', `${describe(ref)} has no revision ${wanted} (latest ${row.head})`, { revision: wanted })
    if (rev.document === null) throw new SilkwayError('SW_UNKNOWN_REVISION', `revision ${wanted} of ${describe(ref)} is its deletion and holds no document`, { revision: wanted })
    return { ...this.meta(row), revision: wanted, document: JSON.parse(rev.document) as T }
  }

  /** The head revision of a network and of each of its live scenarios: changes whenever any of them does. */
  async stamp(workspace: string, network: string): Promise<string> {
    const rows = await this.db
      .selectFrom('resources')
      .select(['kind', 'name', 'head', 'deleted'])
      .where('workspace', '=', workspace)
      .where((eb) => eb.or([eb.and([eb('kind', '=', 'network'), eb('network', '=', ''), eb('name', '=', network)]), eb.and([eb('kind', '=', 'scenario'), eb('network', '=', network)])]))
      .orderBy('kind')
      .orderBy('name')
      .execute()
    return rows.map((r) => `${r.kind[0]}:${r.name}:${r.head}:${r.deleted}`).join('|')
  }

  private async append(db: Db, resourceId: string, revision: number, op: RevisionOp, document: unknown, diff: DocumentDiff, change: Change, at: string) {
    await db
      .insertInto('revisions')
      .values({
        resource_id: resourceId,
        revision,
        op,
        document: document === null ? null : JSON.stringify(document),
        diff: JSON.stringify(diff),
        message: change.message ?? '',
        author: change.author,
        created_at: at,
      })
      .execute()
  }

  /** Moves the head from `expected` to `expected + 1`, or refuses: the heart of optimistic concurrency. */
  private async advance(db: Db, row: Database['resources'], expected: number, ref: ResourceRef, fields: { deleted?: number; settings?: string } = {}, at = now()) {
    const result = await db
      .updateTable('resources')
      .set({ head: expected + 1, updated_at: at, ...fields })
      .where('id', '=', row.id)
      .where('head', '=', expected)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict(ref, expected, row.head)
  }

  private async previousDocument(db: Db, resourceId: string, revision: number): Promise<unknown> {
    const prev = await db.selectFrom('revisions').select('document').where('resource_id', '=', resourceId).where('revision', '=', revision).executeTakeFirst()
    return prev?.document ? JSON.parse(prev.document) : undefined
  }

  /** Creates a resource at revision 1, or revives a deleted one with the next revision of its history. */
  async create<T>(ref: ResourceRef, document: T, change: Change, settings: ResourceSettings = {}, op: RevisionOp = 'create'): Promise<ResourceMeta> {
    const meta = await this.db.transaction().execute((tx) => this.createIn(tx, ref, document, change, settings, op))
    this.changed(ref)
    return meta
  }

  /** `create` inside a caller's transaction (a job commits its effect together with its result). */
  async createIn<T>(tx: Transaction<Database>, ref: ResourceRef, document: T, change: Change, settings: ResourceSettings = {}, op: RevisionOp = 'create'): Promise<ResourceMeta> {
    {
      await this.ensureWorkspace(ref.workspace, tx)
      if (ref.kind === 'scenario') {
        const parent = await this.row({ ...ref, kind: 'network', network: '', name: ref.network }, tx)
        if (!parent || parent.deleted) throw notFound({ ...ref, kind: 'network', network: '', name: ref.network })
      }
      const at = now()
      const existing = await this.row(ref, tx)
      const summary: DocumentDiff = { added: 1, removed: 0, changed: 0, entries: [{ op: 'add', path: '(root)' }], truncated: false }
      if (existing) {
        if (!existing.deleted) throw new SilkwayError('SW_ALREADY_EXISTS', `${describe(ref)} already exists in workspace '${ref.workspace}'`, { ...ref })
        await this.advance(tx, existing, existing.head, ref, { deleted: 0, settings: JSON.stringify(settings) }, at)
        await this.append(tx, existing.id, existing.head + 1, op, document, summary, change, at)
        return this.meta({ ...existing, head: existing.head + 1, deleted: 0, settings: JSON.stringify(settings), updated_at: at })
      }
      const row = {
        id: randomUUID(),
        workspace: ref.workspace,
        kind: ref.kind,
        network: ref.kind === 'network' ? '' : ref.network,
        name: ref.name,
        head: 1,
        deleted: 0,
        settings: JSON.stringify(settings),
        created_at: at,
        updated_at: at,
      }
      try {
        await tx.insertInto('resources').values(row).execute()
      } catch (error) {
        if (isUniqueViolation(error)) throw new SilkwayError('SW_ALREADY_EXISTS', `${describe(ref)} already exists in workspace '${ref.workspace}'`, { ...ref })
        throw error
      }
      await this.append(tx, row.id, 1, op, document, summary, change, at)
      this.changed(ref)
      return this.meta(row)
    }
  }

  /** Replaces the document; `baseRevision` must be the head, else SW_REVISION_CONFLICT (409). */
  async update<T>(ref: ResourceRef, document: T, baseRevision: number, change: Change, options: { op?: RevisionOp; settings?: ResourceSettings } = {}): Promise<ResourceMeta> {
    const meta = await this.db.transaction().execute((tx) => this.updateIn(tx, ref, document, baseRevision, change, options))
    this.changed(ref)
    return meta
  }

  async updateIn<T>(tx: Transaction<Database>, ref: ResourceRef, document: T, baseRevision: number, change: Change, options: { op?: RevisionOp; settings?: ResourceSettings } = {}): Promise<ResourceMeta> {
    {
      const row = await this.row(ref, tx)
      if (!row || row.deleted) throw notFound(ref)
      if (row.head !== baseRevision) throw conflict(ref, baseRevision, row.head)
      const at = now()
      const before = await this.previousDocument(tx, row.id, row.head)
      const settings = options.settings ? JSON.stringify({ ...JSON.parse(row.settings), ...options.settings }) : row.settings
      await this.advance(tx, row, baseRevision, ref, { settings }, at)
      await this.append(tx, row.id, baseRevision + 1, options.op ?? 'update', document, diffDocuments(before, document), change, at)
      return this.meta({ ...row, head: baseRevision + 1, settings, updated_at: at })
    }
  }

  /** Deletes (the history stays); deleting a network deletes its live scenarios in the same transaction. */
  async delete(ref: ResourceRef, baseRevision: number, change: Change): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await this.row(ref, tx)
      if (!row || row.deleted) throw notFound(ref)
      if (row.head !== baseRevision) throw conflict(ref, baseRevision, row.head)
      const at = now()
      const removal: DocumentDiff = { added: 0, removed: 1, changed: 0, entries: [{ op: 'remove', path: '(root)' }], truncated: false }
      await this.advance(tx, row, baseRevision, ref, { deleted: 1 }, at)
      await this.append(tx, row.id, baseRevision + 1, 'delete', null, removal, change, at)
      if (ref.kind !== 'network') return
      const children = await tx.selectFrom('resources').selectAll().where('workspace', '=', ref.workspace).where('kind', '=', 'scenario').where('network', '=', ref.name).where('deleted', '=', 0).execute()
      for (const child of children) {
        const childRef: ResourceRef = { workspace: ref.workspace, kind: 'scenario', network: ref.name, name: child.name }
        await this.advance(tx, child, child.head, childRef, { deleted: 1 }, at)
        await this.append(tx, child.id, child.head + 1, 'delete', null, removal, { author: change.author, message: `network '${ref.name}' deleted` }, at)
      }
    })
    this.changed(ref)
  }

  async history(ref: ResourceRef, options: { limit?: number; before?: number } = {}): Promise<RevisionInfo[]> {
    const row = await this.row(ref)
    if (!row) throw notFound(ref)
    let query = this.db
      .selectFrom('revisions')
      .select(['revision', 'op', 'author', 'message', 'created_at', 'diff'])
      .where('resource_id', '=', row.id)
      .orderBy('revision', 'desc')
      .limit(Math.min(options.limit ?? 100, 1000))
    if (options.before !== undefined) query = query.where('revision', '<', options.before)
    const rows = await query.execute()
    return rows.map((r) => ({ revision: r.revision, op: r.op, author: r.author, message: r.message, createdAt: r.created_at, diff: JSON.parse(r.diff) as DocumentDiff }))
  }

  /** The difference from revision `from` to revision `to` (the head when absent). */
  async diff(ref: ResourceRef, from: number, to?: number): Promise<{ from: number; to: number; diff: DocumentDiff }> {
    const row = await this.row(ref)
    if (!row) throw notFound(ref)
    const target = to ?? row.head
    const load = async (revision: number) => {
      const rev = await this.db.selectFrom('revisions').select('document').where('resource_id', '=', row.id).where('revision', '=', revision).executeTakeFirst()
      if (!rev) throw new SilkwayError('SW_UNKNOWN_REVISION', `${describe(ref)} has no revision ${revision} (latest ${row.head})`, { revision })
      return rev.document === null ? undefined : JSON.parse(rev.document)
    }
    return { from, to: target, diff: diffDocuments(await load(from), await load(target), 5000) }
  }

  /** Makes an old revision's document the new head, as a new revision: history is never rewritten. */
  async restore(ref: ResourceRef, revision: number, baseRevision: number, change: Change): Promise<ResourceMeta> {
    const old = await this.get(ref, revision)
    return this.update(ref, old.document, baseRevision, { author: change.author, message: change.message || `restore revision ${revision}` }, { op: 'restore' })
  }

  /** A new resource whose first revision is this one's document at `revision` (the head by default). */
  async branch(ref: ResourceRef, name: string, change: Change, revision?: number): Promise<ResourceMeta> {
    const source = await this.get(ref, revision)
    const target: ResourceRef = { ...ref, name }
    return this.create(target, source.document, { author: change.author, message: change.message || `branched from ${ref.name} revision ${source.revision}` }, source.settings.builtin ? { ...source.settings, builtin: false } : source.settings, 'branch')
  }

  // ── tokens ──

  /** Creates a token and returns its secret, which is shown once: only its SHA-256 is stored. */
  async createToken(options: { user: string; role: Role; workspace?: string; createdBy: string }): Promise<{ token: string; info: TokenInfo }> {
    if (!ROLES.includes(options.role)) throw new SilkwayError('SW_INVALID_ARGUMENT', `role '${options.role}' is not one of ${ROLES.join(', ')}`)
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
    const row = {
      id: randomUUID(),
      hash: hashToken(secret),
      user_name: options.user,
      workspace: options.workspace ?? '*',
      role: options.role,
      created_by: options.createdBy,
      created_at: now(),
      revoked_at: null,
    }
    await this.db.insertInto('tokens').values(row).execute()
    return { token: secret, info: tokenInfo(row) }
  }

  /** The live token with this secret, or undefined. */
  async findToken(secret: string): Promise<TokenInfo | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined
    const row = await this.db.selectFrom('tokens').selectAll().where('hash', '=', hashToken(secret)).where('revoked_at', 'is', null).executeTakeFirst()
    return row ? tokenInfo(row) : undefined
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.db.selectFrom('tokens').selectAll().orderBy('created_at').execute()).map(tokenInfo)
  }

  /** Revokes by id or by the secret itself; answers the token revoked. */
  async revokeToken(idOrSecret: string): Promise<TokenInfo> {
    const column = idOrSecret.startsWith(TOKEN_PREFIX) ? 'hash' : 'id'
    const key = column === 'hash' ? hashToken(idOrSecret) : idOrSecret
    const row = await this.db.selectFrom('tokens').selectAll().where(column, '=', key).executeTakeFirst()
    if (!row) throw new SilkwayError('SW_NOT_FOUND', 'no such token', {})
    if (row.revoked_at === null) {
      row.revoked_at = now()
      await this.db.updateTable('tokens').set({ revoked_at: row.revoked_at }).where('id', '=', row.id).execute()
    }
    return tokenInfo(row)
  }

  // ── audit ──

  async audit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit')
      .values({
        id: randomUUID(),
        at: now(),
        actor: entry.actor,
        token_id: entry.tokenId ?? null,
        workspace: entry.workspace ?? null,
        method: entry.method,
        path: entry.path.slice(0, 2000),
        status: entry.status,
        action: entry.action,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute()
  }

  async listAudit(options: { limit?: number; workspace?: string } = {}) {
    let query = this.db.selectFrom('audit').selectAll().orderBy('at', 'desc').orderBy('id').limit(Math.min(options.limit ?? 100, 1000))
    if (options.workspace) query = query.where('workspace', '=', options.workspace)
    const rows = await query.execute()
    return rows.map((r) => ({ at: r.at, actor: r.actor, tokenId: r.token_id, workspace: r.workspace, method: r.method, path: r.path, status: r.status, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }))
  }

  // ── jobs ──

  async createJob(options: { workspace: string; kind: string; params: unknown; createdBy: string }): Promise<JobInfo> {
    const at = now()
    const row = {
      id: randomUUID(),
      workspace: options.workspace,
      kind: options.kind,
      status: 'queued' as JobStatus,
      progress: 0,
      message: 'queued',
      params: JSON.stringify(options.params),
      result: null,
      error: null,
      cancel_requested: 0,
      created_by: options.createdBy,
      created_at: at,
      updated_at: at,
    }
    await this.db.insertInto('jobs').values(row).execute()
    return jobInfo(row)
  }

  async getJob(id: string, workspace?: string): Promise<JobInfo> {
    let query = this.db.selectFrom('jobs').selectAll().where('id', '=', id)
    if (workspace) query = query.where('workspace', '=', workspace)
    const row = await query.executeTakeFirst()
    if (!row) throw new SilkwayError('SW_NOT_FOUND', `no job '${id}'`, { job: id })
    return jobInfo(row)
  }

  async jobParams(id: string): Promise<unknown> {
    const row = await this.db.selectFrom('jobs').select('params').where('id', '=', id).executeTakeFirstOrThrow()
    return JSON.parse(row.params)
  }

  async listJobs(workspace: string, limit = 100): Promise<JobInfo[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('workspace', '=', workspace).orderBy('created_at', 'desc').limit(Math.min(limit, 1000)).execute()
    return rows.map(jobInfo)
  }

  /** Jobs a (re)started server must run: queued ones, and running ones whose server died. */
  async unfinishedJobs(): Promise<string[]> {
    const rows = await this.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').execute()
    return rows.map((r) => r.id)
  }

  /** queued|running → running; false when the job is already finished or cancelled. */
  async startJob(id: string): Promise<boolean> {
    const result = await this.db.updateTable('jobs').set({ status: 'running', message: 'running', updated_at: now() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async jobProgress(id: string, progress: number, message: string): Promise<boolean> {
    await this.db.updateTable('jobs').set({ progress, message, updated_at: now() }).where('id', '=', id).where('status', '=', 'running').execute()
    const row = await this.db.selectFrom('jobs').select('cancel_requested').where('id', '=', id).executeTakeFirst()
    return row?.cancel_requested === 1
  }

  /** Ends a job; `work`, when given, runs in the same transaction, so a result is stored exactly when its effect is. */
  async finishJob(id: string, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; result?: unknown; error?: unknown; message?: string }, work?: (tx: Transaction<Database>) => Promise<unknown>): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const result = work ? await work(tx) : outcome.result
      await tx
        .updateTable('jobs')
        .set({
          status: outcome.status,
          progress: outcome.status === 'succeeded' ? 1 : undefined,
          message: outcome.message ?? outcome.status,
          result: result === undefined ? null : JSON.stringify(result),
          error: outcome.error === undefined ? null : JSON.stringify(outcome.error),
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute()
    })
  }

  /** Asks a job to stop; a queued job is cancelled at once. */
  async cancelJob(id: string, workspace: string): Promise<JobInfo> {
    const job = await this.getJob(id, workspace)
    if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') throw new SilkwayError('SW_JOB_FINISHED', `job '${id}' has already ${job.status}`, { job: id, status: job.status })
    await this.db.updateTable('jobs').set({ cancel_requested: 1, updated_at: now() }).where('id', '=', id).execute()
    await this.db.updateTable('jobs').set({ status: 'cancelled', message: 'cancelled before it started' }).where('id', '=', id).where('status', '=', 'queued').execute()
    return this.getJob(id, workspace)
  }
}

function conflict(ref: ResourceRef, expected: number, head: number): SilkwayError {
  return new SilkwayError('SW_REVISION_CONFLICT', `${describe(ref)} is at revision ${head}, not ${expected}: reload it and apply your change again`, {
    ...ref,
    baseRevision: expected,
    revision: head,
  })
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint/.test(e?.message ?? '')
}

function tokenInfo(row: Database['tokens']): TokenInfo {
  return { id: row.id, user: row.user_name, workspace: row.workspace, role: row.role, createdBy: row.created_by, createdAt: row.created_at, revokedAt: row.revoked_at }
}

function jobInfo(row: Database['jobs']): JobInfo {
  return {
    id: row.id,
    workspace: row.workspace,
    kind: row.kind,
    status: row.status,
    progress: Number(row.progress),
    message: row.message,
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error === null ? null : JSON.parse(row.error),
    cancelRequested: row.cancel_requested === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
