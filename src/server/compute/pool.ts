import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { SilkwayError } from '../../model'
import type { LoadedNetwork } from '../workbenches'
import type { FileTask } from './files'
import type { AnalysisTask } from './tasks'
import type { WorkerReply, WorkerRequest } from './worker'

/** The worker script: the TypeScript source under tsx (tests), else beside the bundle (dist/analysis-worker.js). */
function workerUrl(): URL {
  const url = import.meta.url
  if (url.endsWith('.ts')) return new URL('./worker.ts', url)
  return new URL(/\/chunks\/[^/]+$/.test(new URL(url).pathname) ? '../analysis-worker.js' : './analysis-worker.js', url)
}

/** A job's own limits on a worker task: its longer time limit, and its cancellation. */
export interface FileRunOptions {
  timeoutMs?: number
  signal?: AbortSignal
}

export interface AnalysisPoolOptions {
  /** Worker threads; default one fewer than the machine's parallelism (at least 1), so requests keep a core. */
  threads?: number
  /** An analysis running longer is stopped (its worker is ended) and answered SW_BUDGET_EXCEEDED. */
  timeoutMs: number
  /** Analyses waiting for a worker beyond this are refused at once with 503 and Retry-After. */
  maxQueue: number
}

/**
 * Runs heavy analyses (src/server/compute/budget.ts says which) on worker threads, so that no request holds
 * the event loop: each worker keeps the compiled networks it has seen, and gets a network's documents only the
 * first time.
 */
export class AnalysisPool {
  private pool?: Piscina

  constructor(private readonly options: AnalysisPoolOptions) {}

  private get workers(): Piscina {
    const threads = this.options.threads ?? Math.max(1, availableParallelism() - 1)
    this.pool ??= new Piscina({ filename: workerUrl().href, minThreads: 0, maxThreads: threads, idleTimeout: 60_000, maxQueue: this.options.maxQueue })
    return this.pool
  }

  async run(loaded: LoadedNetwork, task: AnalysisTask, options: FileRunOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
    let reply = await this.submit({ key: loaded.key, task }, signal, timeoutMs, options.signal)
    if (!reply.ok && 'missing' in reply) reply = await this.submit({ key: loaded.key, documents: loaded.documents(), task }, signal, timeoutMs, options.signal)
    return this.answer(reply)
  }

  /** A file task needs no network: the text travels with it. */
  async runFile(task: FileTask, options: FileRunOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs
    const timeout = AbortSignal.timeout(timeoutMs)
    return this.answer(await this.submit({ file: task }, options.signal ? AbortSignal.any([timeout, options.signal]) : timeout, timeoutMs, options.signal))
  }

  private answer(reply: WorkerReply): unknown {
    if (reply.ok) return reply.result
    if ('missing' in reply) throw new Error('analysis worker lost the network it was just given')
    if ('internal' in reply.error) throw new Error(`analysis worker failed: ${reply.error.internal}`)
    const { code, message, details, issues } = reply.error
    throw new SilkwayError(code as never, message, details, issues as never)
  }

  private async submit(request: WorkerRequest, signal: AbortSignal, timeoutMs = this.options.timeoutMs, stop?: AbortSignal): Promise<WorkerReply> {
    try {
      return (await this.workers.run(request, { signal })) as WorkerReply
    } catch (error) {
      // Stopped by its caller (a cancelled job): the caller's reason, not a budget.
      if (stop?.aborted) throw stop.reason
      if (signal.aborted) {
        const seconds = Math.round(timeoutMs / 1000)
        throw new SilkwayError('SW_BUDGET_EXCEEDED', `the analysis ran past the service's ${seconds} s limit and was stopped; ask a smaller question or run it with the silkway CLI`, { timeoutMs })
      }
      if (error instanceof Error && /queue is at limit/i.test(error.message)) {
        throw new SilkwayError('SW_SERVICE_UNAVAILABLE', 'every analysis worker is busy and the queue is full; retry shortly', { retryAfterSeconds: 5 })
      }
      throw error
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy()
    this.pool = undefined
  }
}
