export * from './schema'
export { diversePaths } from './diverse'
export { cutImpact, resolveCut } from './cut'
export { planSweep, rankSweep, singleHomedNodeCutBy, srlgMembers, type SweepPlan } from './plan'
export {
  buildSweepModel,
  evaluateFailure,
  failureScratch,
  failureSet,
  sweepRange,
  unpackImpact,
  pairIndex,
  pairCount,
  IMPACT_FIELDS,
  type SweepModel,
  type FailureImpact,
  type FailureSet,
} from './sweep'
export { pairAvailability, FACTORING_BUDGET } from './pair-availability'
export { linkReliability, type LinkReliability } from './reliability'
export { seriesAvailability, protectedAvailability, twoTerminalAvailability, monteCarloAvailability } from './availability'
export { defaultEndpoints } from './common'
export { disjointQuery, cutQuery, sweepQuery, availabilityQuery, assertCutsSomething } from './params'
