import { SilkwayError } from '../../model'
import { defaultEndpoints } from '../../resilience'
import type { Workbench } from '../../workbench'
import type { AnalysisTask } from './tasks'

/**
 * How large a question the service answers, and where: the limits come from the size of the question, in
 * units that track its cost, and are documented in docs/security.md ("Analysis budgets"). Below `inlineWork`
 * an analysis answers in the request (a few milliseconds); above, on a worker thread; above a limit, never.
 */
export const ANALYSIS_LIMITS = {
  /** Work units (see `work`) below which an analysis runs in the request: ~1 ms of CPU. */
  inlineWork: 50_000,
  /** Cut without pairs: traffic nodes × nodes of shortest-path trees kept (8 bytes each). */
  cutTreeEntries: 5_000_000,
  /** Monte Carlo availability: samples × links drawn. */
  availabilitySampleLinks: 1_000_000_000,
  /** Pairs listed in a cut's answer; the rest are counted in `pairsOmitted`. */
  cutListedPairs: 10_000,
  /** Calibration, answered in the request: measurements × (nodes + links), one floor route each (~50 ms of CPU at the limit). */
  calibrationRouteWork: 20_000_000,
} as const

/** Refuses a calibration whose floor routes would hold the event loop (it runs in the request: the fit itself is tiny). */
export function checkCalibrationBudget(workbench: Workbench, scenario: string, measurements: number): void {
  const { graph } = workbench.index(scenario)
  const work = measurements * (graph.nodeCount + graph.edgeCount)
  if (work > ANALYSIS_LIMITS.calibrationRouteWork) {
    throw tooLarge('measurements × (nodes + links)', work, ANALYSIS_LIMITS.calibrationRouteWork, 'send fewer measurements or run `silkway calibrate` locally')
  }
}

function tooLarge(what: string, size: number, limit: number, advice: string): SilkwayError {
  return new SilkwayError('SW_BUDGET_EXCEEDED', `${what}: ${size.toLocaleString('en-US')} is over the service's limit of ${limit.toLocaleString('en-US')}; ${advice}`, { size, limit })
}

/**
 * Where an analysis runs: `inline` when it is cheap, `worker` otherwise; throws SW_BUDGET_EXCEEDED when the
 * question is over a limit. Work is counted in elementary steps (arcs scanned, samples × links).
 */
export function placeAnalysis(workbench: Workbench, task: AnalysisTask): 'inline' | 'worker' {
  switch (task.kind) {
    case 'disjoint': {
      // SRLG and country diversity solve a MIP: seconds even on the corridor (k = 10).
      if (task.query.by === 'srlg' || task.query.by === 'country') return 'worker'
      const { graph } = workbench.index(task.scenario)
      return (task.query.k ?? 2) * (graph.edgeCount + graph.nodeCount) * 20 < ANALYSIS_LIMITS.inlineWork ? 'inline' : 'worker'
    }
    case 'availability': {
      const { graph } = workbench.index(task.scenario)
      if (task.query.protection === 'restoration') {
        const work = (task.query.samples ?? 200_000) * graph.edgeCount
        if (work > ANALYSIS_LIMITS.availabilitySampleLinks) {
          throw tooLarge('Monte Carlo samples × links', work, ANALYSIS_LIMITS.availabilitySampleLinks, 'give fewer samples or run `silkway availability` locally')
        }
        return 'worker'
      }
      return (graph.edgeCount + graph.nodeCount) * 20 < ANALYSIS_LIMITS.inlineWork ? 'inline' : 'worker'
    }
    case 'cut': {
      const index = workbench.index(task.scenario)
      const endpoints = task.pairs ? new Set(task.pairs.flatMap((p) => [p.from, p.to])).size : defaultEndpoints(index).length
      const entries = endpoints * index.graph.nodeCount
      if (!task.pairs && entries > ANALYSIS_LIMITS.cutTreeEntries) {
        throw tooLarge('a cut over all pairs keeps traffic nodes × nodes tree entries', entries, ANALYSIS_LIMITS.cutTreeEntries, 'name the pairs to report, or run `silkway cut` locally')
      }
      return entries * 4 < ANALYSIS_LIMITS.inlineWork ? 'inline' : 'worker'
    }
    case 'compare':
    case 'report':
      // Each is many route queries (a report also sweeps every link for single points of failure).
      return 'worker'
  }
}
