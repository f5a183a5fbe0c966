import { randomUUID } from 'node:crypto'
import { SilkwayError } from '../../model'
import type { Database, JobStatus } from '../database'
import { stringifyJson } from '../json'
import { type Db, now } from './sql'

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

export interface JobOutcome {
  status: 'succeeded' | 'failed' | 'cancelled'
  result?: unknown
  error?: unknown
  message?: string
}

export interface FinishOptions {
  /** Clears the stored params (an import's upload, up to the body limit) once the job has ended: they are never read again. */
  dropParams?: boolean
}

/** What `params` holds once dropped: the column is NOT NULL, and `null` is what `params()` then answers. */
const DROPPED = 'null'
const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled']

function info(row: Database['jobs']): JobInfo {
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

export async function create(db: Db, options: { workspace: string; kind: string; params: unknown; createdBy: string }): Promise<JobInfo> {
  const at = now()
  const row = {
    id: randomUUID(),
    workspace: options.workspace,
    kind: options.kind,
    status: 'queued' as JobStatus,
    progress: 0,
    message: 'queued',
    params: stringifyJson(options.params),
    result: null,
    error: null,
    cancel_requested: 0,
    created_by: options.createdBy,
    created_at: at,
    updated_at: at,
  }
  await db.insertInto('jobs').values(row).execute()
  return info(row)
}

/** The job, within `workspace` when given (another workspace's job is not found, not forbidden). */
export async function get(db: Db, id: string, workspace?: string): Promise<JobInfo> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', id)
  if (workspace) query = query.where('workspace', '=', workspace)
  const row = await query.executeTakeFirst()
  if (!row) throw new SilkwayError('SW_NOT_FOUND', `no job '${id}'`, { job: id })
  return info(row)
}

/** The params the job was created with; null once dropped. */
export async function params(db: Db, id: string): Promise<unknown> {
  const row = await db.selectFrom('jobs').select('params').where('id', '=', id).executeTakeFirstOrThrow()
  return JSON.parse(row.params)
}

export async function list(db: Db, workspace: string, limit = 100): Promise<JobInfo[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('workspace', '=', workspace).orderBy('created_at', 'desc').limit(Math.min(limit, 1000)).execute()
  return rows.map(info)
}

/** Jobs a (re)started server must run: queued ones, and running ones whose server died. */
export async function unfinished(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').execute()
  return rows.map((r) => r.id)
}

/** queued|running → running; false when the job is already finished or cancelled. */
export async function start(db: Db, id: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ status: 'running', message: 'running', updated_at: now() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records progress of a running job; answers whether it has been asked to stop. */
export async function progress(db: Db, id: string, fraction: number, message: string): Promise<boolean> {
  await db.updateTable('jobs').set({ progress: fraction, message, updated_at: now() }).where('id', '=', id).where('status', '=', 'running').execute()
  const row = await db.selectFrom('jobs').select('cancel_requested').where('id', '=', id).executeTakeFirst()
  return row?.cancel_requested === 1
}

/** Ends a job with `result` (the outcome's own when the caller computed none). */
export async function finish(db: Db, id: string, outcome: JobOutcome, result: unknown, options: FinishOptions = {}): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      progress: outcome.status === 'succeeded' ? 1 : undefined,
      message: outcome.message ?? outcome.status,
      result: result === undefined ? null : stringifyJson(result),
      error: outcome.error === undefined ? null : stringifyJson(outcome.error),
      params: options.dropParams ? DROPPED : undefined,
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute()
}

/** Clears a job's params (see FinishOptions.dropParams); inside the finishing transaction, or after it. */
export async function dropParams(db: Db, id: string): Promise<void> {
  await db.updateTable('jobs').set({ params: DROPPED }).where('id', '=', id).execute()
}

/** Asks a job to stop; a queued job is cancelled at once. */
export async function cancel(db: Db, id: string, workspace: string): Promise<JobInfo> {
  const job = await get(db, id, workspace)
  if (FINISHED.includes(job.status)) throw new SilkwayError('SW_JOB_FINISHED', `job '${id}' has already ${job.status}`, { job: id, status: job.status })
  await db.updateTable('jobs').set({ cancel_requested: 1, updated_at: now() }).where('id', '=', id).execute()
  await db.updateTable('jobs').set({ status: 'cancelled', message: 'cancelled before it started' }).where('id', '=', id).where('status', '=', 'queued').execute()
  return get(db, id, workspace)
}
