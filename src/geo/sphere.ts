/**
 * Geometry on a sphere of the mean Earth radius: distances, bearings, destination points, cross-track and
 * interpolation (E. Williams, Aviation Formulary, and C. Veness, "Calculate distance, bearing and more between
 * latitude/longitude points"). Within about ±0.6 % of the WGS84 geodesic: for estimates, heuristics, map
 * drawing and radii of damage, never for a stored length (that is `geodesicKm`). No dependencies, so the
 * browser bundle imports this module directly. Angles in degrees unless a name says radians.
 */

/** A position as silkway's core passes it around: degrees, WGS84. */
export interface LatLon {
  lat: number
  lon: number
}

/** Mean Earth radius R1 of IUGG (Moritz 1980, Geodetic Reference System 1980), km. */
export const MEAN_EARTH_RADIUS_KM = 6371.0088

const RAD = Math.PI / 180

/** Great-circle distance by the haversine formula (R. W. Sinnott, Sky & Telescope 68(2), 1984), km. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * MEAN_EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Equirectangular distance (x = Δlon · cos(mean latitude)), km: within a few percent at the scale of a
 * country and far cheaper than the haversine; for plausibility checks only.
 */
export function roughKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * RAD * Math.cos(((lat1 + lat2) / 2) * RAD)
  const y = (lat2 - lat1) * RAD
  return MEAN_EARTH_RADIUS_KM * Math.hypot(x, y)
}

/** Initial bearing (forward azimuth) of the great circle from point 1 to point 2, radians clockwise from north, in (−π, π]. */
export function initialBearingRad(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const φ1 = lat1 * RAD
  const φ2 = lat2 * RAD
  const Δλ = (lon2 - lon1) * RAD
  return Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ))
}

/** The point reached from a start along the great circle of an initial bearing (radians from north) after `distanceKm`. */
export function destinationPoint(lat: number, lon: number, bearingRad: number, distanceKm: number): LatLon {
  const φ1 = lat * RAD
  const λ1 = lon * RAD
  const δ = distanceKm / MEAN_EARTH_RADIUS_KM
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(bearingRad))
  const λ2 = λ1 + Math.atan2(Math.sin(bearingRad) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2))
  return { lat: φ2 / RAD, lon: λ2 / RAD }
}

/** Angular cross-track distance, radians: δ13 the angle from a to the point, θ13 and θ12 the bearings from a to the point and to b. */
function crossTrackRad(δ13: number, θ13: number, θ12: number): number {
  return Math.asin(Math.sin(δ13) * Math.sin(θ13 - θ12))
}

/** Angular along-track distance, radians, unsigned: from a to the foot of the perpendicular through the point. */
function alongTrackRad(δ13: number, δxt: number): number {
  return Math.acos(Math.max(-1, Math.min(1, Math.cos(δ13) / Math.cos(δxt))))
}

/**
 * Signed distance, km, from a point to the great circle through a and b: positive to the right of the
 * direction a → b, negative to its left.
 */
export function crossTrackKm(lat: number, lon: number, aLat: number, aLon: number, bLat: number, bLon: number): number {
  const δ13 = greatCircleKm(aLat, aLon, lat, lon) / MEAN_EARTH_RADIUS_KM
  return crossTrackRad(δ13, initialBearingRad(aLat, aLon, lat, lon), initialBearingRad(aLat, aLon, bLat, bLon)) * MEAN_EARTH_RADIUS_KM
}

/**
 * Signed distance, km, from a along the great circle towards b to the foot of the perpendicular through a
 * point: negative when the foot lies behind a.
 */
export function alongTrackKm(lat: number, lon: number, aLat: number, aLon: number, bLat: number, bLon: number): number {
  const δ13 = greatCircleKm(aLat, aLon, lat, lon) / MEAN_EARTH_RADIUS_KM
  const θ13 = initialBearingRad(aLat, aLon, lat, lon)
  const θ12 = initialBearingRad(aLat, aLon, bLat, bLon)
  const along = alongTrackRad(δ13, crossTrackRad(δ13, θ13, θ12)) * MEAN_EARTH_RADIUS_KM
  return Math.cos(θ13 - θ12) > 0 ? along : -along
}

/**
 * Shortest distance, km, from a point to the great-circle segment between a and b: the cross-track distance
 * when the point projects inside the segment, else the nearer end.
 */
export function distanceToSegmentKm(lat: number, lon: number, aLat: number, aLon: number, bLat: number, bLon: number): number {
  const toA = greatCircleKm(aLat, aLon, lat, lon)
  const toB = greatCircleKm(bLat, bLon, lat, lon)
  const length = greatCircleKm(aLat, aLon, bLat, bLon)
  if (length === 0) return toA
  const δ13 = toA / MEAN_EARTH_RADIUS_KM
  const θ13 = initialBearingRad(aLat, aLon, lat, lon)
  const θ12 = initialBearingRad(aLat, aLon, bLat, bLon)
  const crossTrack = crossTrackRad(δ13, θ13, θ12)
  const alongTrack = alongTrackRad(δ13, crossTrack) * MEAN_EARTH_RADIUS_KM
  const ahead = Math.cos(θ13 - θ12) > 0
  if (ahead && alongTrack <= length) return Math.abs(crossTrack) * MEAN_EARTH_RADIUS_KM
  return Math.min(toA, toB)
}

/** Shortest distance, km, from a point to a polyline of RFC 7946 `[lon, lat]` positions. */
export function distanceToPolylineKm(lat: number, lon: number, coordinates: readonly (readonly number[])[]): number {
  let best = Infinity
  for (let i = 0; i + 1 < coordinates.length; i++) {
    const [aLon, aLat] = coordinates[i]
    const [bLon, bLat] = coordinates[i + 1]
    best = Math.min(best, distanceToSegmentKm(lat, lon, aLat, aLon, bLat, bLon))
  }
  return best
}

/**
 * `segments + 1` points evenly spaced along the great circle from point 1 to point 2, both ends included
 * (spherical linear interpolation of the unit vectors). Longitudes are in [−180°, 180°]; two coincident or
 * antipodal ends have no unique great circle and give just the two ends.
 */
export function greatCirclePoints(lat1: number, lon1: number, lat2: number, lon2: number, segments: number): LatLon[] {
  const d = greatCircleKm(lat1, lon1, lat2, lon2) / MEAN_EARTH_RADIUS_KM
  if (d < 1e-9 || Math.PI - d < 1e-9) return [{ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 }]
  const [φ1, λ1, φ2, λ2] = [lat1 * RAD, lon1 * RAD, lat2 * RAD, lon2 * RAD]
  const out: LatLon[] = []
  for (let i = 0; i <= segments; i++) {
    const f = i / segments
    const A = Math.sin((1 - f) * d) / Math.sin(d)
    const B = Math.sin(f * d) / Math.sin(d)
    const x = A * Math.cos(φ1) * Math.cos(λ1) + B * Math.cos(φ2) * Math.cos(λ2)
    const y = A * Math.cos(φ1) * Math.sin(λ1) + B * Math.cos(φ2) * Math.sin(λ2)
    const z = A * Math.sin(φ1) + B * Math.sin(φ2)
    out.push({ lat: Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD, lon: Math.atan2(y, x) / RAD })
  }
  return out
}
