export { buildReport, type CorridorReport, type CorridorRoute, type ScenarioSummary, type RouteSummary, type ReportOptions } from './report'
export { checkClaims, CLAIM_AGREEMENT_PCT, type ClaimCheck } from './claims'
export { compareScenarios, parsePairs, type Comparison, type PairComparison, type NodePair, type ScenarioRoute } from './compare'
export { resilienceReport, type ScenarioResilience, type SinglePointOfFailure, type PairAvailabilityRow, type ResilienceReportOptions } from './resilience'
