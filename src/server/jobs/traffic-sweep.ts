import type { DemandsDocument } from '../../model'
import { runTrafficSweep, type trafficSweepQuery } from '../../traffic'
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

/**
 * Failure × traffic sweeps as jobs: the CLI's generator, driven here in slices of the event loop (the route
 * refuses sweeps whose states are too large for that), progress every quarter second, cancel between states.
 * The result is exactly `silkway traffic-sweep --json`.
 */
export const trafficSweepJob: JobHandler = async (context) => {
  const params = context.params as TrafficSweepParams
  await context.progress(0, 'routing the normal state')
  const loaded = await context.services.workbenches.get(params.workspace, params.network)
  const index = loaded.workbench.index(params.scenario)
  const steps = runTrafficSweep(index, params.query, params.demands, { scenario: params.scenario })
  let reported = Date.now()
  let slice = Date.now()
  let next = steps.next()
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
    next = steps.next()
  }
  await context.finish(next.value, undefined, { dropParams: true })
}
