import type { DemandsDocument, ModulesDocument } from '../../model'
import type { DesignQuery, GravitySpec, NetworkDesignOptions } from '../../traffic'
import type { JobHandler } from './runner'

/** What a stored design job runs: an SNDlib instance's text, or a design on a stored network with a module catalogue. */
export type DesignParams =
  | { name: string; text: string; query: DesignQuery }
  | {
      workspace: string
      network: string
      /** Fixed when the job is created. */
      scenario: string
      query: DesignQuery
      options: NetworkDesignOptions
      modules: ModulesDocument
      demands?: DemandsDocument
      gravity?: GravitySpec
    }

const PROGRESS_INTERVAL_MS = 250
/** A worker's grace beyond HiGHS's own time limit: parsing, model building and the answer. */
const WORKER_MARGIN_MS = 30_000

/**
 * Capacity design as a job: the MIP on an analysis worker (it holds a core for up to its time limit), progress
 * as the share of the time limit spent, cancel by ending the worker. The result is exactly `silkway design --json`.
 */
export const designJob: JobHandler = async (context) => {
  const params = context.params as DesignParams
  await context.progress(0, 'solving')
  const controller = new AbortController()
  const started = Date.now()
  const limitMs = params.query.timeLimitS * 1000
  let stop: unknown
  const timer = setInterval(() => {
    const fraction = Math.min(0.99, (Date.now() - started) / limitMs)
    // Throws when the job was cancelled (or the server is stopping): end the worker, which ends the solve.
    context.progress(fraction, `solving: ${Math.round((Date.now() - started) / 1000)} s of at most ${params.query.timeLimitS} s`).catch((error: unknown) => {
      stop ??= error
      controller.abort(error)
    })
  }, PROGRESS_INTERVAL_MS)
  let answer: unknown
  const run = { timeoutMs: limitMs + WORKER_MARGIN_MS, signal: controller.signal }
  try {
    if ('text' in params) {
      answer = await context.services.analyses.runFile({ kind: 'design', text: params.text, name: params.name, query: params.query }, run)
    } else {
      const loaded = await context.services.workbenches.get(params.workspace, params.network)
      const task = {
        kind: 'design',
        scenario: params.scenario,
        query: params.query,
        network: params.options,
        modules: params.modules,
        ...(params.demands ? { demands: params.demands } : {}),
        ...(params.gravity ? { gravity: params.gravity } : {}),
      } as const
      answer = await context.services.analyses.run({ workbench: loaded.workbench, loaded }, task, run)
    }
  } catch (error) {
    throw stop ?? error
  } finally {
    clearInterval(timer)
  }
  if (stop !== undefined) throw stop
  await context.finish(answer, undefined, { dropParams: true })
}
