import Type, { type Static } from 'typebox'
import { MEASUREMENT_USES, SourceSchema } from '../model'

/**
 * The calibration model's terms. Each is one column of the design matrix and one fitted coefficient:
 *   expected RTT = Σ coefficient × feature, over the chosen terms, where for the floor route of a pair
 * - overhead:    feature 1                                   → overheadMs (IP-layer, last-mile and queueing, additive)
 * - propagation: the floor's fibre propagation RTT, ms        → propagationFactor (route-length and path inflation, multiplicative)
 * - terrestrial / submarine: that RTT on links of one kind   → terrestrialFactor / submarineFactor
 * - nodes:       2 × equipment nodes on the floor route       → nodeDelayMs (per node, each way)
 * docs/calibration.md gives the reasons for each.
 */
export const CALIBRATION_TERMS = ['overhead', 'propagation', 'terrestrial', 'submarine', 'nodes'] as const
export type CalibrationTerm = (typeof CALIBRATION_TERMS)[number]

export const COEFFICIENT_NAMES: Record<CalibrationTerm, string> = {
  overhead: 'overheadMs',
  propagation: 'propagationFactor',
  terrestrial: 'terrestrialFactor',
  submarine: 'submarineFactor',
  nodes: 'nodeDelayMs',
}

export const DEFAULT_TERMS: readonly CalibrationTerm[] = ['overhead', 'propagation']

export const CALIBRATION_SCHEMA_VERSION = 1

const ErrorSummarySchema = Type.Object({
  n: Type.Integer({ description: 'Pairs the errors are over' }),
  rmseMs: Type.Number({ description: 'Root mean square of measured − predicted, ms' }),
  maeMs: Type.Number({ description: 'Mean absolute error, ms' }),
  maxAbsMs: Type.Number({ description: 'Largest absolute error, ms' }),
  meanRelative: Type.Number({ description: 'Mean of |measured − predicted| / measured' }),
})

/**
 * A calibration: the fitted coefficients as a versioned overlay on the physical profile, with the held-out
 * error that gives the ± of every expected RTT and the sources of the measurements it was fitted to.
 */
export const CalibrationSchema = Type.Object(
  {
    schemaVersion: Type.Literal(CALIBRATION_SCHEMA_VERSION),
    kind: Type.Literal('silkway-calibration'),
    id: Type.String({ minLength: 1, description: 'Name of the measurement set it was fitted to' }),
    version: Type.String({ minLength: 1, description: 'The measurement set’s version, or a digest of the fitted pairs' }),
    scenario: Type.String({ description: 'Scenario whose floor routes the fit used' }),
    profileVersion: Type.String({ description: 'Version of the physical profile the floors were computed with' }),
    terms: Type.Array(Type.Enum([...CALIBRATION_TERMS]), { minItems: 1 }),
    coefficients: Type.Record(Type.String(), Type.Number(), { description: 'Fitted coefficient per term (overheadMs, propagationFactor, …)' }),
    toleranceMs: Type.Number({ minimum: 0, description: 'The ± of an expected RTT: the held-out (leave-one-out or k-fold) RMS error, ms' }),
    heldOut: ErrorSummarySchema,
    fittedPropagationRttMs: Type.Tuple([Type.Number(), Type.Number()], { description: 'Range of floor propagation RTT the fit saw; outside it an expected RTT is an extrapolation' }),
    sources: Type.Array(Type.Object({ source: Type.String(), date: Type.Optional(Type.String()), pairs: Type.Integer() }), {
      description: 'Sources of the fitted measurements, with how many pairs each gave',
    }),
    documentSources: Type.Optional(Type.Array(SourceSchema)),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/calibration-1.json', title: 'silkway calibration' },
)
export type Calibration = Static<typeof CalibrationSchema>

export const PAIR_STATUSES = ['fitted', 'validation', 'impossible', 'unmatched', 'no-path', 'same-node'] as const
export type PairStatus = (typeof PAIR_STATUSES)[number]

const MatchedEndpointSchema = Type.Object({
  input: Type.String({ description: 'The endpoint as the measurement gives it' }),
  node: Type.Optional(Type.String({ description: 'Model node id it maps to' })),
  nodeName: Type.Optional(Type.String()),
  matchKm: Type.Optional(Type.Number({ description: 'Distance from the located place to that node, km (0 for a node named directly)' })),
  nearestNode: Type.Optional(Type.String({ description: 'Unmatched: the nearest node, too far away' })),
  nearestKm: Type.Optional(Type.Number()),
})

const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const CalibrationPairSchema = Type.Object({
  id: Type.String(),
  from: MatchedEndpointSchema,
  to: MatchedEndpointSchema,
  rttMs: Type.Number({ description: 'Measured RTT, ms' }),
  percentile: Type.Optional(Type.String()),
  date: Type.Optional(Type.String()),
  source: Type.String(),
  weak: Type.Optional(Type.Boolean()),
  use: Type.Enum([...MEASUREMENT_USES]),
  status: Type.Enum([...PAIR_STATUSES], {
    description:
      'fitted; validation (compared, not fitted); impossible (below a floor, never fitted); unmatched (an endpoint farther than the matching distance from every node); no-path; same-node',
  }),
  reason: Type.Optional(Type.String()),
  greatCircleFloorRttMs: NullableNumber,
  floorRttMs: NullableNumber,
  propagationRttMs: NullableNumber,
  floorPath: Type.Optional(Type.Array(Type.String(), { description: 'Node ids of the floor route' })),
  expectedRttMs: Type.Optional(Type.Number({ description: 'The full fit’s prediction, ms' })),
  heldOutExpectedRttMs: Type.Optional(Type.Number({ description: 'Prediction from the fit without this pair (without its fold, k-fold), ms' })),
  heldOutErrorMs: Type.Optional(Type.Number({ description: 'Measured − held-out prediction, ms' })),
  fold: Type.Optional(Type.Integer({ description: 'k-fold: the fold this pair was held out with (0-based)' })),
  weight: Type.Optional(Type.Number({ description: 'Final Huber weight in the full fit (1 = not downweighted)' })),
})
export type CalibrationPair = Static<typeof CalibrationPairSchema>

const FitSchema = Type.Object({
  n: Type.Integer({ description: 'Pairs fitted' }),
  method: Type.Literal('huber-irls'),
  huberK: Type.Number(),
  scaleMs: Type.Number({ description: 'Robust residual scale of the full fit, ms' }),
  iterations: Type.Integer(),
  inSample: ErrorSummarySchema,
})

export type ErrorSummary = Static<typeof ErrorSummarySchema>

export const CalibrateResponseSchema = Type.Object({
  scenario: Type.String(),
  measurements: Type.Object({ name: Type.Optional(Type.String()), version: Type.Optional(Type.String()), count: Type.Integer() }),
  maxMatchKm: Type.Number(),
  terms: Type.Array(Type.Enum([...CALIBRATION_TERMS])),
  fit: Type.Union([FitSchema, Type.Null()], { description: 'null when the pairs cannot determine the model (see unfitted)' }),
  unfitted: Type.Optional(Type.String({ description: 'Why there is no fit: too few usable pairs, or pairs too alike' })),
  coefficients: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
  heldOut: Type.Union([
    Type.Intersect([
      Type.Object({
        method: Type.Union([Type.Literal('leave-one-out'), Type.Literal('k-fold')]),
        folds: Type.Optional(Type.Integer({ description: 'k-fold: the number of folds' })),
        seed: Type.Optional(Type.Integer({ description: 'k-fold: the seed of the fold assignment' })),
      }),
      ErrorSummarySchema,
    ]),
    Type.Null(),
  ]),
  validation: Type.Union([ErrorSummarySchema, Type.Null()], { description: 'Error on the validation-only pairs (never fitted), or null when there are none or no fit' }),
  counts: Type.Record(Type.String(), Type.Integer(), { description: 'Pairs per status' }),
  pairs: Type.Array(CalibrationPairSchema),
  calibration: Type.Union([CalibrationSchema, Type.Null()]),
  warnings: Type.Array(Type.String()),
})
export type CalibrateResponse = Static<typeof CalibrateResponseSchema>

export interface CalibrateQuery {
  maxMatchKm: number
  terms: CalibrationTerm[]
  /** k-fold cross-validation with this many folds; absent: leave-one-out. */
  folds?: number
  /** Seed of the k-fold assignment (default 1). */
  seed?: number
}
