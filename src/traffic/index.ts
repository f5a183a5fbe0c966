export {
  CAPACITY_METHODS,
  CAPACITY_BASES,
  UNKNOWN_CAPACITY_POLICIES,
  capacityTable,
  opticalCapacity,
  type OpticalLinkRate,
  channelPlan,
  designCapacity,
  litCapacity,
  type CapacityMethod,
  type CapacityBasis,
  type CapacityOptions,
  type CapacityTable,
  type LinkCapacity,
  type UnknownCapacityPolicy,
} from './capacity'
export { resolveDemands, resolveDemandsOrThrow, projectDemands, type ResolvedDemand, type ResolvedDemands } from './demands'
export { gravityDemands, GRAVITY_MIN_DISTANCE_KM, type GravityOptions, type NodeWeight } from './gravity'
export { shortestPathLoading, ecmpLoading, type EdgeDemand, type Loading, type DemandFlow, type RoutedPath } from './load'
export { DEFAULT_LEXICOGRAPHIC_TOLERANCE, solveMulticommodity, loadHighs, LP_FORMULATIONS, LP_OBJECTIVES, LP_STATUSES, type LpFormulation, type LpObjective, type LpStatus, type McfOptions, type McfResult } from './lp'
export { flow, OVERLOAD_TOLERANCE } from './flow'
export * from './schema'
export { solveCapacityDesign, DESIGN_STATUSES, PROTECTION_MODES, SURVIVE_MODES, type DesignDemand, type DesignModule, type DesignOptions, type DesignResult, type DesignStatus, type EdgeDesign, type ProtectionMode, type SurviveMode } from './design'
export { checkDesignDemands, design, designInstance, designNetwork, DesignResponseSchema, type DesignInstance, type DesignQuery, type DesignResponse, type LinkModules, type NetworkDesignOptions } from './design-query'
export { designQuery, refuseNetworkOnly, type DesignParamsQuery } from './design-params'
export { assertCatalogueFits, catalogueEdges, catalogueEdgesOrThrow, catalogueIssues, type CatalogueEdges } from './design-catalogue'
export { maxFlow, type MaxFlowOptions, type MaxFlowResult } from './maxflow'
export { betweenness, type Betweenness, type PairWeights } from './betweenness'
export { parseNodeSet, type CountryGroups, type NodeSet } from './sets'
export { throughput } from './throughput'
export { hubs, type HubsOptions } from './hubs'
export {
  trafficSweep,
  optimalTrafficSweep,
  sweepStates,
  sweepOptimalStates,
  solveOptimalNormal,
  sweepPart,
  mergeSweepParts,
  rankTrafficSweep,
  type OptimalNormalState,
  type OptimalSweepOptions,
  type StateSolver,
  type Swept,
  type TrafficSweepPart,
  TrafficSweepResponseSchema,
  SWEEP_FAILURE_MODES,
  SWEEP_ROUTINGS,
  type SweptState,
  type SweepFailureMode,
  type SweepRouting,
  type TrafficSweepQuery,
  type TrafficSweepResponse,
} from './failure-sweep'
export { countryFailureSets, failureSets, sweepFailureSets, type FailureSet } from './failures'
export {
  trafficSweepQuery,
  runTrafficSweep,
  runTrafficSweepPart,
  runTrafficSweepNormal,
  trafficSweepStateCount,
  trafficSweepDemands,
  flowQuery,
  maxflowQuery,
  hubsQuery,
  gravityQuery,
  gravityWeights,
  demandsFromGravity,
  runFlow,
  runHubs,
  runMaxflow,
  countryGroups,
  type GravitySpec,
} from './params'
