import { type FailureMode, planSweep, rankSweep } from '../../resilience'
import { SweepInterrupted, defaultThreads, runSweep } from '../../resilience/parallel/pool'
import type { JobHandler } from './runner'

/** What a stored sweep job runs; the scenario is fixed when the job is created. */
export interface SweepParams {
  workspace: string
  network: string
  scenario: string
  failures: FailureMode
  top: number
}

const PROGRESS_INTERVAL_MS = 250

/**
 * Failure sweeps as jobs: the CLI's engine (worker threads when large), progress every quarter second, and
 * cancel through the same abort path as the CLI's Ctrl-C. The result is exactly `silkway sweep --json`.
 */
export const sweepJob: JobHandler = async (context) => {
  const params = context.params as SweepParams
  await context.progress(0, 'planning')
  const loaded = await context.services.workbenches.get(params.workspace, params.network)
  const index = loaded.workbench.index(params.scenario)
  const plan = planSweep(index, params.failures)
  const total = plan.labels.length
  const controller = new AbortController()
  let stop: unknown
  let reporting: Promise<void> | undefined
  let last = 0
  const onProgress = (done: number) => {
    const now = Date.now()
    if (reporting || stop !== undefined || now - last < PROGRESS_INTERVAL_MS) return
    last = now
    // Throws when the job was cancelled (or the server is stopping): abort the sweep at its next chunk.
    reporting = context
      .progress(done / total, `${done} of ${total} failure scenarios`)
      .catch((error: unknown) => {
        stop = error
        controller.abort()
      })
      .finally(() => {
        reporting = undefined
      })
  }
  const threads = defaultThreads(total, plan.model.endpoints.length)
  let packed: Float64Array
  try {
    packed = await runSweep(plan.model, plan.set, { ...(threads !== undefined ? { threads } : {}), signal: controller.signal, onProgress })
  } catch (error) {
    if (error instanceof SweepInterrupted && stop !== undefined) throw stop
    throw error
  }
  await reporting
  if (stop !== undefined) throw stop
  await context.finish(rankSweep(index, plan, packed, params.top, params.scenario))
}

