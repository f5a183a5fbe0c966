export { diversePaths, DIVERSITY, type DiversityBy, type DisjointQuery, type DisjointAnswer, type Shared } from './diverse'
export { cutImpact, resolveCut, type CutSpec, type CutAnswer, type Circle, type PairImpact } from './cut'
export { planSweep, rankSweep, FAILURE_MODES, type FailureMode, type SweepPlan, type SweepAnswer, type RankedElement } from './plan'
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
export { pairAvailability, PROTECTIONS, FACTORING_BUDGET, type Protection, type AvailabilityQuery, type AvailabilityAnswer } from './pair-availability'
export { linkReliability, type LinkReliability } from './reliability'
export { seriesAvailability, protectedAvailability, twoTerminalAvailability, monteCarloAvailability } from './availability'
export { defaultEndpoints } from './common'
