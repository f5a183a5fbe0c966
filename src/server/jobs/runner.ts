import type { FastifyBaseLogger } from 'fastify'
import { isSilkwayError } from '../../model'
import type { Store } from '../../store'
import type { JobQueue, Services } from '../services'

class Cancelled extends Error {}

/** Kinds whose params carry an upload (a file, an instance, a demands document): dropped when the job ends. */
const DROP_PARAMS = new Set(['import', 'design', 'traffic-sweep'])

export interface JobContext {
  id: string
  params: unknown
  services: Services
  /** Records progress (0–1); throws when the job was asked to stop, so handlers stop at their checkpoints. */
  progress(fraction: number, message: string): Promise<void>
  /** Stores the result, with `work` (the job's effect) in the same transaction. */
  finish(result: unknown, work?: Parameters<Store['finishJob']>[2], options?: Parameters<Store['finishJob']>[3]): Promise<void>
}

export type JobHandler = (context: JobContext) => Promise<void>

export const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve))

/**
 * Runs stored jobs one at a time, off the request path. State lives in the database: a job queued or
 * running when the server died is run again on the next start (its effect commits atomically with its
 * result, so a half-done job left nothing behind).
 */
export class JobRunner implements JobQueue {
  private readonly queue: string[] = []
  private services?: Services
  private current?: Promise<void>
  private stopped = false

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
  ) {}

  async start(services: Services): Promise<void> {
    this.services = services
    for (const id of await this.store.unfinishedJobs()) this.enqueue(id)
  }

  enqueue(id: string): void {
    if (!this.queue.includes(id)) this.queue.push(id)
    void this.pump()
  }

  /** Resolves when the queue is empty (tests). */
  async idle(): Promise<void> {
    while (this.current || this.queue.length > 0) await (this.current ?? yieldToRequests())
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.current
  }

  private async pump(): Promise<void> {
    if (this.current || this.stopped || !this.services) return
    const id = this.queue.shift()
    if (!id) return
    this.current = this.run(id).catch((error) => this.log.error({ err: error, job: id }, 'job runner failed'))
    await this.current
    this.current = undefined
    void this.pump()
  }

  private async run(id: string): Promise<void> {
    const job = await this.store.getJob(id)
    if (job.status !== 'queued' && job.status !== 'running') return
    if (job.cancelRequested) return this.store.finishJob(id, { status: 'cancelled', message: 'cancelled' })
    const handler = this.handlers[job.kind]
    if (!handler) return this.store.finishJob(id, { status: 'failed', error: { code: 'SW_INTERNAL', message: `no handler for job kind '${job.kind}'` } })
    if (!(await this.store.startJob(id))) return
    let finished = false
    const context: JobContext = {
      id,
      params: await this.store.jobParams(id),
      services: this.services as Services,
      progress: async (fraction, message) => {
        if (this.stopped) throw new Cancelled('server stopping')
        if (await this.store.jobProgress(id, fraction, message)) throw new Cancelled('cancelled')
      },
      finish: async (result, work, options) => {
        await this.store.finishJob(id, { status: 'succeeded', result, message: 'done' }, work, options)
        finished = true
      },
    }
    try {
      await handler(context)
      if (!finished) await context.finish(null)
    } catch (error) {
      if (error instanceof Cancelled) {
        // A stopping server leaves the job running: the next start runs it again.
        if (error.message !== 'server stopping') await this.store.finishJob(id, { status: 'cancelled', message: 'cancelled' })
        return
      }
      const problem = isSilkwayError(error)
        ? { code: error.code, message: error.message, errors: error.issues.slice(0, 100) }
        : { code: 'SW_INTERNAL', message: 'internal error; it has been logged' }
      if (!isSilkwayError(error)) this.log.error({ err: error, job: id }, 'job failed')
      // The stored message is the problem's own, never a raw exception's text; a failed import drops its upload too.
      await this.store.finishJob(id, { status: 'failed', error: problem, message: problem.message.slice(0, 500) }, undefined, { dropParams: DROP_PARAMS.has(job.kind) })
    }
  }
}

