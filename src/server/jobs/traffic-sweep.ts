import type { DemandsDocument } from '../../model'
import { type OptimalNormalState, type TrafficSweepPart, mergeSweepParts, runTrafficSweep, type trafficSweepQuery, trafficSweepStateCount } from '../../traffic'
import type { AnalysisTask } from '../compute'
import { type JobHandler, yieldToRequests } from './runner'

/** What a stored traffic-sweep job runs; the scenario is fixed when the job is created. */
export interface TrafficSweepParams {
  workspace: string
  network: string
  scenario: string
  query: ReturnType<typeof trafficSweepQuery.toQuery>
  demands?: DemandsDocument
}

const PROGRESS_INTERVAL_MS = 250
/** Work between two returns to the event loop: a failure state is a few Dijkstras, so requests wait at most this. */
const SLICE_MS = 20
/** Optimal rerouting: chunks of failure states a sweep is cut into, each one task on an analysis worker. */
const OPTIMAL_CHUNKS = 16
/** A task's grace beyond its LPs' time limits: the setup, the routing of the answer and its copy back. */
const CHUNK_MARGIN_MS = 30_000

/**
 * Failure × traffic sweeps as jobs; the result is exactly `silkway traffic-sweep --json`. Shortest-path and
 * ECMP rerouting drive the CLI's generator on the event loop in slices (the route refuses sweeps whose states
 * are too large for that), progress every quarter second, cancel between states. Optimal rerouting is one LP
 * per state (half a second each on the corridor), which would hold the loop: the normal state is solved once on
 * an analysis worker, then the states are cut into chunks, each solved on a worker with the normal state handed
 * over and its own time limit (every state's LP limit, plus a margin), one after the other; progress and cancel
 * are per task (cancel ends the worker), and the parts merge into the answer.
 */
export const trafficSweepJob: JobHandler = async (context) => {
  const params = context.params as TrafficSweepParams
  await context.progress(0, 'routing the normal state')
  const loaded = await context.services.workbenches.get(params.workspace, params.network)
  const index = loaded.workbench.index(params.scenario)
  if (params.query.sweep.routing === 'optimal') {
    const total = trafficSweepStateCount(index, params.query)
    const size = Math.max(1, Math.ceil(total / OPTIMAL_CHUNKS))
    const stateLimitS = params.query.sweep.stateTimeLimitS
    const overallS = params.query.sweep.timeLimitS
    const started = performance.now()
    const target = { workbench: loaded.workbench, scenario: params.scenario, settings: loaded.settings, loaded }
    const demands = params.demands ? { demands: params.demands } : {}
    /** The sweep's query with what is left of its overall time limit, and the worker's own limit for `lps` LPs at their limit. */
    const budget = (lps: number) => {
      const leftS = overallS === undefined ? undefined : Math.max(1e-3, overallS - (performance.now() - started) / 1000)
      const query = { ...params.query, sweep: { ...params.query.sweep, ...(leftS !== undefined ? { timeLimitS: leftS } : {}) } }
      const timeoutMs = Math.min(lps * (stateLimitS ?? Infinity) * 1000, leftS !== undefined ? leftS * 1000 : Infinity) + CHUNK_MARGIN_MS
      return { query, ...(Number.isFinite(timeoutMs) ? { timeoutMs } : {}) }
    }
    /** One task on an analysis worker, progress reported while it runs; a cancelled job ends the worker, which ends the solve. */
    const onWorker = async <T>(task: AnalysisTask, timeoutMs: number | undefined, fraction: number, message: string): Promise<T> => {
      const controller = new AbortController()
      let stop: unknown
      const timer = setInterval(() => {
        // Throws when the job was cancelled (or the server is stopping).
        context.progress(fraction, message).catch((error: unknown) => {
          stop ??= error
          controller.abort(error)
        })
      }, PROGRESS_INTERVAL_MS)
      let result: T
      try {
        result = await context.services.analyses.run<T>(target, task, { ...(timeoutMs !== undefined ? { timeoutMs } : {}), signal: controller.signal })
      } catch (error) {
        throw stop ?? error
      } finally {
        clearInterval(timer)
      }
      if (stop !== undefined) throw stop
      return result
    }
    // The normal state once, for every chunk: each chunk then solves only its own states' LPs.
    const first = budget(1)
    const normal = await onWorker<OptimalNormalState>({ kind: 'traffic-sweep-normal', scenario: params.scenario, query: first.query, ...demands }, first.timeoutMs, 0, 'the normal state (optimal routing on a worker)')
    const parts: TrafficSweepPart[] = []
    for (let from = 0; from < total || parts.length === 0; from += size) {
      const to = Math.min(total, from + size)
      const { query, timeoutMs } = budget(to - from)
      const task: AnalysisTask = { kind: 'traffic-sweep-part', scenario: params.scenario, query, ...demands, from, to, normal }
      parts.push(await onWorker<TrafficSweepPart>(task, timeoutMs, from / Math.max(1, total), `${from} of ${total} failure states (optimal rerouting, states ${from + 1}–${to} on a worker)`))
      await context.progress(to / Math.max(1, total), `${to} of ${total} failure states`)
      if (total === 0) break
    }
    await context.finish(mergeSweepParts(index, params.query.sweep, parts), undefined, { dropParams: true })
    return
  }
  const steps = runTrafficSweep(index, params.query, params.demands, { scenario: params.scenario })
  let reported = Date.now()
  let slice = Date.now()
  let next = await steps.next()
  while (!next.done) {
    const now = Date.now()
    if (now - slice > SLICE_MS) {
      await yieldToRequests()
      slice = Date.now()
    }
    // Throws when the job was cancelled (or the server is stopping): the sweep stops between two states.
    if (now - reported > PROGRESS_INTERVAL_MS) {
      await context.progress(next.value.done / next.value.total, `${next.value.done} of ${next.value.total} failure states`)
      reported = Date.now()
    }
    next = await steps.next()
  }
  await context.finish(next.value, undefined, { dropParams: true })
}
