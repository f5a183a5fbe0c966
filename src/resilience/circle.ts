import { MEAN_EARTH_RADIUS_KM, greatCircleKm } from '../geo'

const rad = Math.PI / 180

function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const φ1 = lat1 * rad
  const φ2 = lat2 * rad
  const Δλ = (lon2 - lon1) * rad
  return Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ))
}

/**
 * Shortest distance, km, on the sphere from a point to the great-circle segment between two others: the
 * cross-track distance when the point projects inside the segment, else the nearer end (Williams, Aviation
 * Formulary; the spherical model is within 0.5 % of WGS84, ample for a radius of damage).
 */
export function distanceToSegmentKm(lat: number, lon: number, aLat: number, aLon: number, bLat: number, bLon: number): number {
  const toA = greatCircleKm(aLat, aLon, lat, lon)
  const toB = greatCircleKm(bLat, bLon, lat, lon)
  const length = greatCircleKm(aLat, aLon, bLat, bLon)
  if (length === 0) return toA
  const δ13 = toA / MEAN_EARTH_RADIUS_KM
  const θ13 = bearing(aLat, aLon, lat, lon)
  const θ12 = bearing(aLat, aLon, bLat, bLon)
  const crossTrack = Math.asin(Math.sin(δ13) * Math.sin(θ13 - θ12))
  const alongTrack = Math.acos(Math.max(-1, Math.min(1, Math.cos(δ13) / Math.cos(crossTrack)))) * MEAN_EARTH_RADIUS_KM
  const ahead = Math.cos(θ13 - θ12) > 0
  if (ahead && alongTrack <= length) return Math.abs(crossTrack) * MEAN_EARTH_RADIUS_KM
  return Math.min(toA, toB)
}

/** Distance from a point to a polyline of [lon, lat] positions (RFC 7946 order). */
export function distanceToPolylineKm(lat: number, lon: number, coordinates: readonly (readonly number[])[]): number {
  let best = Infinity
  for (let i = 0; i + 1 < coordinates.length; i++) {
    const [aLon, aLat] = coordinates[i]
    const [bLon, bLat] = coordinates[i + 1]
    best = Math.min(best, distanceToSegmentKm(lat, lon, aLat, aLon, bLat, bLon))
  }
  return best
}
