import Type from 'typebox'
import { List, defineQuery } from '../query'
import { CALIBRATION_TERMS, type CalibrateQuery, type CalibrationTerm, DEFAULT_TERMS } from './schema'

/**
 * How far a located measurement endpoint (a RIPE Atlas probe, a city the network lacks) may be from a node and
 * still stand for it. 50 km of fibre is 0.5 ms of RTT at 4.9 µs/km, small against the tens of ms a long-haul
 * gap has; farther, the probe measures a tail the model lacks (docs/calibration.md, Matching).
 */
export const DEFAULT_MAX_MATCH_KM = 50

export const calibrateQuery = defineQuery({
  name: 'calibrate',
  summary:
    'fit the gap between the floor RTT and measured RTTs (robust least squares, leave-one-out or k-fold cross-validation); flags pairs measured below the floor',
  params: Type.Object(
    {
      maxMatchKm: Type.Optional(
        Type.Number({ minimum: 0, maximum: 2000, default: DEFAULT_MAX_MATCH_KM, description: 'a located endpoint farther than this from every node is unmatched, km' }),
      ),
      folds: Type.Optional(
        Type.Integer({ minimum: 2, maximum: 1000, description: 'k-fold cross-validation with this many folds (seeded); default leave-one-out, the better estimate when pairs are few' }),
      ),
      seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'seed of the k-fold assignment (default 1)' })),
      terms: List(Type.Enum([...CALIBRATION_TERMS]), `model terms (${CALIBRATION_TERMS.join(', ')}; default ${DEFAULT_TERMS.join(',')})`, '<terms...>', 5),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): CalibrateQuery => ({
    maxMatchKm: p.maxMatchKm ?? DEFAULT_MAX_MATCH_KM,
    terms: (p.terms?.length ? p.terms : [...DEFAULT_TERMS]) as CalibrationTerm[],
    ...(p.folds !== undefined ? { folds: p.folds } : {}),
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
  }),
})
