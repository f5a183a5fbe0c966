import { SilkwayError } from '../../model'
import type { ReportOptions } from '../../report'
import { defaultEndpoints } from '../../resilience'
import { gravityWeights } from '../../traffic'
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
  /**
   * A report's single-point-of-failure sweep: links × traffic nodes × nodes (each link's failure may repair every
   * shortest-path tree). Measured 25–30 ns a unit on a loaded 2-core machine (a 1,000-node generated network,
   * 1.5 × 10⁹ units, took 45 s), so the limit keeps a report well inside the worker's 60 s.
   */
  reportSweepWork: 500_000_000,
  /**
   * A comparison: pairs × 2 scenarios × (nodes + links) scanned by the route searches. Measured ~750 ns a unit
   * on a loaded 2-core machine (20 pairs on a 20,000-node network: 1.5 s), so the limit is ~8 s there.
   */
  compareRouteWork: 10_000_000,
  /** Optimal routing: LP columns (distinct demand sources × 2 × links); HiGHS holds the model in memory. */
  lpColumns: 2_000_000,
  /** Betweenness (hubs): nodes × (nodes + links) steps of Brandes' algorithm. */
  betweennessWork: 2_000_000_000,
  /** Gravity demands: one per pair of weighted nodes. */
  gravityPairs: 5_000_000,
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

/** The service's refusal of a question over one of its limits (SW_BUDGET_EXCEEDED, with the size and the limit). */
export function tooLarge(what: string, size: number, limit: number, advice: string): SilkwayError {
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
    case 'maxflow': {
      // The optical basis designs every link's line and runs the GN model on it first: seconds, never inline.
      if (task.query.capacity?.basis === 'optical') return 'worker'
      // Dinic: a few breadth-first phases over the arcs on these networks; budgeted by the time limit.
      const { graph } = workbench.index(task.scenario)
      return (graph.nodeCount + graph.edgeCount) * 20 < ANALYSIS_LIMITS.inlineWork ? 'inline' : 'worker'
    }
    case 'flow':
    case 'hubs': {
      const index = workbench.index(task.scenario)
      const { graph } = index
      const demands = task.demands?.demands.length ?? ((task.query.gravity ? gravityWeights(index).weights.length : 0) ** 2) / 2
      const sources = Math.min(graph.nodeCount, demands)
      const routing = task.kind === 'flow' ? task.query.flow.routing : task.query.hubs.routing
      const capacity = task.kind === 'flow' ? task.query.flow.capacity : task.query.hubs.capacity
      if (routing === 'optimal') {
        const columns = sources * 2 * graph.edgeCount
        if (columns > ANALYSIS_LIMITS.lpColumns) throw tooLarge('an optimal-routing LP of demand sources × 2 × links columns', columns, ANALYSIS_LIMITS.lpColumns, 'use shortest or ecmp routing, or run `silkway flow --routing optimal` locally')
        return 'worker'
      }
      if (task.kind === 'hubs') {
        const work = graph.nodeCount * (graph.nodeCount + graph.edgeCount)
        if (work > ANALYSIS_LIMITS.betweennessWork) throw tooLarge('betweenness over nodes × (nodes + links)', work, ANALYSIS_LIMITS.betweennessWork, 'run `silkway hubs` locally')
        return 'worker'
      }
      if (capacity?.basis === 'optical') return 'worker'
      return sources * (graph.nodeCount + graph.edgeCount) * 20 < ANALYSIS_LIMITS.inlineWork ? 'inline' : 'worker'
    }
    case 'traffic-sweep-normal':
    case 'traffic-sweep-part':
      // A sweep job's normal state or a chunk of its states: LPs (or many Dijkstras), never in the request; the route checked its size.
      return 'worker'
    case 'gravity': {
      const n = gravityWeights(workbench.index(task.scenario)).weights.length
      const pairs = (n * (n - 1)) / 2
      if (pairs > ANALYSIS_LIMITS.gravityPairs) throw tooLarge('gravity demands, one per pair of weighted nodes', pairs, ANALYSIS_LIMITS.gravityPairs, 'run `silkway demands generate` locally')
      return pairs < 5_000 ? 'inline' : 'worker'
    }
    case 'design':
      // A MIP: sized when the job is created (the route), never inline.
      return 'worker'
    case 'optical-path':
    case 'optical-span':
    case 'optical-reach':
      // GN-model NLI is channels² per span per mode: tens of milliseconds for one link, seconds for every link.
      return 'worker'
    case 'compare': {
      // Each pair is a route search in each scenario; scenarios differ little in size, so the base stands for both.
      const { graph } = workbench.index(task.query.base)
      const work = task.query.pairs.length * 2 * (graph.nodeCount + graph.edgeCount)
      if (work > ANALYSIS_LIMITS.compareRouteWork) {
        throw tooLarge('a comparison scans pairs × 2 scenarios × (nodes + links)', work, ANALYSIS_LIMITS.compareRouteWork, 'compare fewer pairs, or run `silkway compare` locally')
      }
      return 'worker'
    }
    case 'report': {
      const work = reportSweepWork(workbench, task.options)
      if (work > ANALYSIS_LIMITS.reportSweepWork) {
        throw tooLarge(
          "a report's single-point-of-failure sweep scans links × traffic nodes × nodes",
          work,
          ANALYSIS_LIMITS.reportSweepWork,
          'add skipSweep=true to leave the sweep out of the report, start a single-failure sweep job (POST /api/v1/sweeps), or run `silkway report` locally',
        )
      }
      // Many route queries besides the sweep: never in the request.
      return 'worker'
    }
  }
}

/** The work of a report's single-point-of-failure sweeps (0 when it has none): Σ over its scenarios of links × traffic nodes × nodes. */
export function reportSweepWork(workbench: Workbench, options: ReportOptions): number {
  const resilience = options.resilience
  if (!resilience || resilience.sweep === false) return 0
  let work = 0
  for (const scenario of resilience.scenarios) {
    const index = workbench.index(scenario)
    work += index.graph.edgeCount * defaultEndpoints(index).length * index.graph.nodeCount
  }
  return work
}
