import type { MeasurementsDocument, Network, Profile, Scenario } from '../model'
import cityWeightsJson from './city-weights.json'
import claimsJson from './claims.json'
import countryGroupsJson from './country-groups.json'
import corridor from './corridor.json'
import calibrationJson from './calibration.json'
import measurementsJson from './measurements.json'
import profile from './profile.json'
import scenarios from './scenarios.json'

export { corridorPairs, mainComparePairs, reportAvailabilityPairs, reportHubCountries } from './pairs'
export type { NodePairRef } from './types'

/**
 * A public claim about a route, checked by computing both routes on the engine from two scenarios. Lengths in
 * km and delays one-way in ms, as the source states them (or derived from them, as the note says).
 */
export interface Claim {
  id: string
  name: string
  /** Node ids in the built-in corridor: the representative endpoints (the compare view's pair). */
  from: string
  to: string
  /** Endpoint sets: the claim holds for whichever of these is nearest (e.g. any Kazakhstan–Russia crossing); default [from], [to]. */
  fromAny?: string[]
  toAny?: string[]
  baselineScenario: string
  targetScenario: string
  /** Per-claim link filters: link ids (a trailing `*` matches a prefix) the baseline or target route may not use. */
  baselineAvoidLinks?: string[]
  targetAvoidLinks?: string[]
  claimedBaselineKm?: number
  claimedTargetKm: number
  claimedSavedKm: number
  claimedBaselineOneWayMs?: number
  claimedTargetOneWayMs?: number
  /** Ids in the corridor's `sources` table. */
  sources: string[]
  note: string
}

/** The Digital Silk Way corridor with its sources (`corridor.json`; how it is built: docs/data.md). */
export const builtinNetwork = corridor as Network

/** Scenarios of the built-in corridor: baseline-2022, digital-silk-way and the Trans-Caspian variants. */
export const builtinScenarios = scenarios as Scenario[]

export const DEFAULT_SCENARIO = 'digital-silk-way'

/**
 * Physical and reliability defaults, each with unit, source and range. Through `unknown` because JSON
 * imports type `range` as `number[]`, not the schema's pair; the tests validate the document.
 */
export const defaultProfile = profile as unknown as Profile

/** Public claims the report checks against the engine (never used to fit the data). */
export const claims: readonly Claim[] = claimsJson

/**
 * Gravity-model weights of the corridor's city nodes: population as GeoNames records it, one record per node
 * (`city-weights.json`, written by scripts/city-weights.cjs; docs/traffic.md).
 */
export const corridorCityWeights: readonly { node: string; weight: number; geonameId: number }[] = cityWeightsJson.weights.map((w) => ({
  node: w.node,
  weight: w.population,
  geonameId: w.geonameId,
}))

/**
 * Country groups a node set may name as `group:NAME` (`country-groups.json`): the UN M49 regions Europe and
 * Asia, with the source recorded in the file.
 */
export const countryGroups: Readonly<Record<string, readonly string[]>> = countryGroupsJson.groups

/**
 * Public measured RTTs on Europe–Asia pairs, each cited (`measurements.json`; docs/calibration.md): the set
 * `silkway calibrate` fits when given no --measurements file. Through `unknown` because JSON imports type
 * enums as strings; the tests validate the document.
 */
export const builtinMeasurements = measurementsJson as unknown as MeasurementsDocument

/**
 * The built-in calibration (`calibration.json`): what `silkway calibrate --out` writes for the shipped
 * measurements on the default scenario with the default terms (docs/calibration.md, The shipped set). Untyped
 * here, since the calibration's schema lives above the data; `calibration/builtin.ts` validates it.
 */
export const builtinCalibrationDocument: unknown = calibrationJson
