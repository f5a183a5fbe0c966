import type { Kysely, Transaction } from 'kysely'
import type { ConnectOptions, Connection, Database, Dialect, ResourceKind, RevisionOp, Role } from './database'
import { connect } from './database'
import type { DocumentDiff } from './diff'
import { migrateToLatest } from './migrations'
import * as audit from './repositories/audit'
import * as jobs from './repositories/jobs'
import * as resources from './repositories/resources'
import type { Change, RevisionInfo } from './repositories/revisions'
import type { Db } from './repositories/sql'
import * as tokens from './repositories/tokens'
import * as workspaces from './repositories/workspaces'

export type { AuditEntry, AuditRecord } from './repositories/audit'
export type { FinishOptions, JobInfo, JobOutcome } from './repositories/jobs'
export type { Resource, ResourceMeta, ResourceRef, ResourceSettings, UpdateOptions } from './repositories/resources'
export type { Change, RevisionInfo } from './repositories/revisions'
export { ROLES, type TokenInfo } from './repositories/tokens'

type ChangeListener = (workspace: string, network: string) => void
type Work<T> = (tx: Transaction<Database>) => Promise<T>

/**
 * Persistence for networks, scenarios and their full history, tokens, jobs and the audit log, on SQLite or
 * PostgreSQL through one Kysely query layer. Every change appends an immutable revision; a write naming a
 * stale revision is refused (optimistic concurrency), never merged. A facade: the queries live in
 * `repositories/`, one module per table group, each taking the database or a transaction; this class opens
 * the transactions and tells listeners about changes once they are committed.
 */
export class Store {
  private readonly listeners: ChangeListener[] = []
  /** Changes made inside a transaction this store opened, announced after its commit (and dropped on rollback). */
  private readonly pending = new WeakMap<Transaction<Database>, resources.ResourceRef[]>()

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

  /** Called after each committed change to a network or its scenarios, with the network's name (caches listen). */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener)
  }

  /** Runs `work` in one transaction; changes made through `createIn`/`updateIn` in it are announced after the commit. */
  async transaction<T>(work: Work<T>): Promise<T> {
    const changes: resources.ResourceRef[] = []
    const value = await this.db.transaction().execute((tx) => {
      this.pending.set(tx, changes)
      return work(tx)
    })
    for (const ref of changes) this.announce(ref)
    return value
  }

  private announce(ref: resources.ResourceRef): void {
    for (const listener of this.listeners) listener(ref.workspace, resources.networkOf(ref))
  }

  /** In a transaction of this store: after its commit. In one opened elsewhere (`db.transaction()`): now, as the store cannot see its commit. */
  private changedIn(tx: Transaction<Database>, ref: resources.ResourceRef): void {
    const changes = this.pending.get(tx)
    if (changes) changes.push(ref)
    else this.announce(ref)
  }

  private async changing<T>(ref: resources.ResourceRef, work: Work<T>): Promise<T> {
    const value = await this.db.transaction().execute(work)
    this.announce(ref)
    return value
  }

  async close(): Promise<void> {
    await this.db.destroy()
  }

  async integrityCheck(): Promise<{ database: string; problems: string[] }> {
    return { database: await this.connection.integrityCheck(), problems: await resources.headProblems(this.db) }
  }

  // ── workspaces ──

  ensureWorkspace(name: string, db: Db = this.db): Promise<void> {
    return workspaces.ensure(db, name)
  }

  listWorkspaces(): Promise<string[]> {
    return workspaces.list(this.db)
  }

  // ── networks and scenarios ──

  isEmpty(): Promise<boolean> {
    return resources.isEmpty(this.db)
  }

  list(workspace: string, kind: ResourceKind, network = ''): Promise<resources.ResourceMeta[]> {
    return resources.list(this.db, workspace, kind, network)
  }

  get<T = unknown>(ref: resources.ResourceRef, revision?: number): Promise<resources.Resource<T>> {
    return resources.get<T>(this.db, ref, revision)
  }

  /** The head revision of a network and of each of its live scenarios: changes whenever any of them does. */
  stamp(workspace: string, network: string): Promise<string> {
    return resources.stamp(this.db, workspace, network)
  }

  /** Creates a resource at revision 1, or revives a deleted one with the next revision of its history. */
  create<T>(ref: resources.ResourceRef, document: T, change: Change, settings: resources.ResourceSettings = {}, op: RevisionOp = 'create'): Promise<resources.ResourceMeta> {
    return this.changing(ref, (tx) => resources.create(tx, ref, document, change, settings, op))
  }

  /** `create` inside a caller's transaction (a job commits its effect together with its result). */
  async createIn<T>(tx: Transaction<Database>, ref: resources.ResourceRef, document: T, change: Change, settings: resources.ResourceSettings = {}, op: RevisionOp = 'create'): Promise<resources.ResourceMeta> {
    const meta = await resources.create(tx, ref, document, change, settings, op)
    this.changedIn(tx, ref)
    return meta
  }

  /** Replaces the document; `baseRevision` must be the head, else SW_REVISION_CONFLICT (409). */
  update<T>(ref: resources.ResourceRef, document: T, baseRevision: number, change: Change, options: resources.UpdateOptions = {}): Promise<resources.ResourceMeta> {
    return this.changing(ref, (tx) => resources.update(tx, ref, document, baseRevision, change, options))
  }

  /** `update` inside a caller's transaction. */
  async updateIn<T>(tx: Transaction<Database>, ref: resources.ResourceRef, document: T, baseRevision: number, change: Change, options: resources.UpdateOptions = {}): Promise<resources.ResourceMeta> {
    const meta = await resources.update(tx, ref, document, baseRevision, change, options)
    this.changedIn(tx, ref)
    return meta
  }

  /** Deletes (the history stays); deleting a network deletes its live scenarios in the same transaction. */
  delete(ref: resources.ResourceRef, baseRevision: number, change: Change): Promise<void> {
    return this.changing(ref, (tx) => resources.remove(tx, ref, baseRevision, change))
  }

  history(ref: resources.ResourceRef, options: { limit?: number; before?: number } = {}): Promise<RevisionInfo[]> {
    return resources.history(this.db, ref, options)
  }

  /** The difference from revision `from` to revision `to` (the head when absent). */
  /** A revision's document as stored, unparsed: to hand to a worker that diffs or reads it. */
  documentText(ref: resources.ResourceRef, revision: number): Promise<string | null | undefined> {
    return resources.documentText(this.db, ref, revision)
  }

  diff(ref: resources.ResourceRef, from: number, to?: number): Promise<{ from: number; to: number; diff: DocumentDiff }> {
    return resources.diff(this.db, ref, from, to)
  }

  /** Makes an old revision's document the new head, as a new revision: history is never rewritten. */
  restore(ref: resources.ResourceRef, revision: number, baseRevision: number, change: Change): Promise<resources.ResourceMeta> {
    return this.changing(ref, (tx) => resources.restore(tx, ref, revision, baseRevision, change))
  }

  /** A new resource whose first revision is this one's document at `revision` (the head by default). */
  branch(ref: resources.ResourceRef, name: string, change: Change, revision?: number): Promise<resources.ResourceMeta> {
    return this.changing({ ...ref, name }, (tx) => resources.branch(tx, ref, name, change, revision))
  }

  // ── tokens ──

  /** Creates a token and returns its secret, which is shown once: only its SHA-256 is stored. */
  createToken(options: { user: string; role: Role; workspace?: string; createdBy: string }): Promise<{ token: string; info: tokens.TokenInfo }> {
    return tokens.create(this.db, options)
  }

  /** The live token with this secret, or undefined. */
  findToken(secret: string): Promise<tokens.TokenInfo | undefined> {
    return tokens.find(this.db, secret)
  }

  listTokens(): Promise<tokens.TokenInfo[]> {
    return tokens.list(this.db)
  }

  /** Revokes by id or by the secret itself; answers the token revoked. */
  revokeToken(idOrSecret: string): Promise<tokens.TokenInfo> {
    return tokens.revoke(this.db, idOrSecret)
  }

  // ── audit ──

  audit(entry: audit.AuditEntry): Promise<void> {
    return audit.record(this.db, entry)
  }

  listAudit(options: { limit?: number; workspace?: string } = {}): Promise<audit.AuditRecord[]> {
    return audit.list(this.db, options)
  }

  // ── jobs ──

  createJob(options: { workspace: string; kind: string; params: unknown; createdBy: string }): Promise<jobs.JobInfo> {
    return jobs.create(this.db, options)
  }

  getJob(id: string, workspace?: string): Promise<jobs.JobInfo> {
    return jobs.get(this.db, id, workspace)
  }

  /** The params the job was created with; null once dropped (`finishJob(…, { dropParams: true })`). */
  jobParams(id: string): Promise<unknown> {
    return jobs.params(this.db, id)
  }

  listJobs(workspace: string, limit = 100): Promise<jobs.JobInfo[]> {
    return jobs.list(this.db, workspace, limit)
  }

  /** Jobs a (re)started server must run: queued ones, and running ones whose server died. */
  unfinishedJobs(): Promise<string[]> {
    return jobs.unfinished(this.db)
  }

  /** queued|running → running; false when the job is already finished or cancelled. */
  startJob(id: string): Promise<boolean> {
    return jobs.start(this.db, id)
  }

  jobProgress(id: string, progress: number, message: string): Promise<boolean> {
    return jobs.progress(this.db, id, progress, message)
  }

  /**
   * Ends a job; `work`, when given, runs in the same transaction, so a result is stored exactly when its
   * effect is. `dropParams` clears the stored params in that transaction too (an import's upload).
   */
  async finishJob(id: string, outcome: jobs.JobOutcome, work?: Work<unknown>, options: jobs.FinishOptions = {}): Promise<void> {
    await this.transaction(async (tx) => {
      const result = work ? await work(tx) : outcome.result
      await jobs.finish(tx, id, outcome, result, options)
    })
  }

  /** Clears a job's params, inside a caller's transaction when given. */
  dropJobParams(id: string, db: Db = this.db): Promise<void> {
    return jobs.dropParams(db, id)
  }

  /** Asks a job to stop; a queued job is cancelled at once. */
  cancelJob(id: string, workspace: string): Promise<jobs.JobInfo> {
    return jobs.cancel(this.db, id, workspace)
  }
}
