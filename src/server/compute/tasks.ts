import type { Calibration } from '../../calibration'
import { type CompareQuery, type ReportOptions, compareScenarios, fullReport } from '../../report'
import { type AvailabilityQuery, type CutAnswer, type CutSpec, type DisjointQuery, cutImpact, diversePaths, pairAvailability } from '../../resilience'
import { type OpticalReachQuery, type OpticalRouteQuery, type OpticalSpanQuery, builtinEquipment, opticalReach, opticalRoute, opticalSpan } from '../../optical'
import type { DemandsDocument, ModulesDocument } from '../../model'
import {
  type DesignQuery,
  type GravitySpec,
  type MaxflowQuery,
  type NetworkDesignOptions,
  demandsFromGravity,
  designNetwork,
  flowQuery,
  hubsQuery,
  runFlow,
  runHubs,
  runMaxflow,
  runTrafficSweepNormal,
  runTrafficSweepPart,
  type OptimalNormalState,
  type trafficSweepQuery,
} from '../../traffic'
import type { Workbench } from '../../workbench'

/** A flow or hubs question: its parameters as `toQuery` gives them, and the demands of a POST body if any. */
type FlowTaskQuery = ReturnType<typeof flowQuery.toQuery>
type HubsTaskQuery = ReturnType<typeof hubsQuery.toQuery>
type TrafficSweepTaskQuery = ReturnType<typeof trafficSweepQuery.toQuery>

/** The analyses the service may run off the event loop: one description, run the same inline or on a worker. */
export type AnalysisTask =
  | { kind: 'disjoint'; scenario: string; query: DisjointQuery }
  | { kind: 'availability'; scenario: string; query: AvailabilityQuery }
  | { kind: 'cut'; scenario: string; spec: CutSpec; pairs?: { from: string; to: string }[]; maxListedPairs: number }
  | { kind: 'compare'; query: Required<CompareQuery> & { calibration?: Calibration } }
  | { kind: 'report'; options: ReportOptions }
  | { kind: 'optical-path'; scenario: string; query: OpticalRouteQuery }
  | { kind: 'optical-span'; scenario: string; query: OpticalSpanQuery }
  | { kind: 'optical-reach'; scenario: string; query: OpticalReachQuery }
  | { kind: 'maxflow'; scenario: string; query: MaxflowQuery }
  | { kind: 'flow'; scenario: string; query: FlowTaskQuery; demands?: DemandsDocument }
  | { kind: 'hubs'; scenario: string; query: HubsTaskQuery; demands?: DemandsDocument }
  | { kind: 'gravity'; scenario: string; spec: GravitySpec }
  /** The normal state of an optimal traffic sweep: its one LP, solved once for every chunk of the job. */
  | { kind: 'traffic-sweep-normal'; scenario: string; query: TrafficSweepTaskQuery; demands?: DemandsDocument }
  /** Failure states `from` to `to` (exclusive) of a traffic sweep: one chunk of an optimal sweep job, with its normal state. */
  | { kind: 'traffic-sweep-part'; scenario: string; query: TrafficSweepTaskQuery; demands?: DemandsDocument; from: number; to: number; normal?: OptimalNormalState }
  /** Capacity design on the network (the design job): always on a worker, it is a MIP. */
  | { kind: 'design'; scenario: string; query: DesignQuery; network: NetworkDesignOptions; modules: ModulesDocument; demands?: DemandsDocument; gravity?: GravitySpec }

/** A cut's answer with at most `max` pairs listed; the rest are counted, so a huge cut never becomes one huge string. */
export function limitCut(answer: CutAnswer, max: number): CutAnswer {
  if (answer.pairs.length <= max) return answer
  const pairs = answer.pairs.slice(0, max)
  const listed = new Set(pairs.map((p) => `${p.from}\u0000${p.to}`))
  return {
    ...answer,
    pairs,
    disconnected: answer.disconnected.filter((p) => listed.has(`${p.from}\u0000${p.to}`)),
    pairsOmitted: answer.pairs.length - max,
  }
}

export async function runAnalysis(workbench: Workbench, task: AnalysisTask): Promise<unknown> {
  switch (task.kind) {
    case 'disjoint':
      return diversePaths(workbench.index(task.scenario), task.query, task.scenario)
    case 'availability':
      return pairAvailability(workbench.index(task.scenario), task.query, task.scenario)
    case 'cut':
      return limitCut(cutImpact(workbench.index(task.scenario), task.spec, task.pairs, task.scenario), task.maxListedPairs)
    case 'compare':
      return compareScenarios(workbench, task.query)
    case 'report':
      return fullReport(workbench, task.options)
    case 'optical-path':
      return opticalRoute(workbench.index(task.scenario), task.query, builtinEquipment(), task.scenario)
    case 'optical-span':
      return opticalSpan(workbench.index(task.scenario), task.query, builtinEquipment(), task.scenario)
    case 'optical-reach':
      return opticalReach(workbench.index(task.scenario), task.query, builtinEquipment(), task.scenario)
    case 'maxflow':
      return runMaxflow(workbench.index(task.scenario), task.query, task.scenario)
    case 'flow':
      return runFlow(workbench.index(task.scenario), task.query, task.demands, { scenario: task.scenario, clock: () => performance.now() })
    case 'hubs':
      return runHubs(workbench.index(task.scenario), task.query, task.demands, { scenario: task.scenario })
    case 'gravity':
      return demandsFromGravity(workbench.index(task.scenario), task.spec).document
    case 'traffic-sweep-normal':
      return runTrafficSweepNormal(workbench.index(task.scenario), task.query, task.demands, { clock: () => performance.now() })
    case 'traffic-sweep-part':
      return runTrafficSweepPart(workbench.index(task.scenario), task.query, task.demands, {
        scenario: task.scenario,
        clock: () => performance.now(),
        from: task.from,
        to: task.to,
        ...(task.normal ? { normal: task.normal } : {}),
      })
    case 'design':
      return designNetwork(workbench.index(task.scenario), task.demands, task.modules, task.query, {
        ...task.network,
        ...(task.gravity ? { gravity: task.gravity } : {}),
        scenario: task.scenario,
        ...(task.demands ? { sourceName: 'the demands given' } : {}),
      })
  }
}
