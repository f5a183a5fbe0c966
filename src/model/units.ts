/**
 * Every unit conversion silkway makes, in one place. Lengths are km, times ms, unless a name says otherwise.
 */

/** Speed of light in vacuum, km per ms (SI definition: 299,792.458 km/s). */
export const SPEED_OF_LIGHT_KM_PER_MS = 299.792458

/** One-way propagation time of light in fibre: length × group index / c. */
export function fiberPropagationMs(lengthKm: number, groupIndex: number): number {
  return (lengthKm * groupIndex) / SPEED_OF_LIGHT_KM_PER_MS
}

/** Round-trip time of light in vacuum along a distance: the physical floor a route is compared with. */
export function vacuumRttMs(distanceKm: number): number {
  return (2 * distanceKm) / SPEED_OF_LIGHT_KM_PER_MS
}

/** Stretch of a route: its RTT over the vacuum RTT of the great circle between its endpoints. */
export function stretch(rttMs: number, greatCircleKm: number): number {
  return greatCircleKm > 0 ? rttMs / vacuumRttMs(greatCircleKm) : Number.NaN
}

export const MINUTES_PER_YEAR = 365.25 * 24 * 60

/** `x` rounded to `digits` decimals, halves upwards as `Math.round` does (−1.25 → −1.2); non-finite values pass through. */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Decibels to a linear power ratio: 3 dB → 1.995. */
export function dbToLinear(valueDb: number): number {
  return 10 ** (valueDb / 10)
}

/** A linear power ratio to decibels: 2 → 3.01 dB. */
export function linearToDb(ratio: number): number {
  return 10 * Math.log10(ratio)
}

/** dBm to watts: 0 dBm → 1 mW. */
export function dbmToWatt(powerDbm: number): number {
  return 10 ** ((powerDbm - 30) / 10)
}

/** Watts to dBm: 1 mW → 0 dBm. */
export function wattToDbm(powerW: number): number {
  return 10 * Math.log10(powerW) + 30
}
