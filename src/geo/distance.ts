import geographiclib from 'geographiclib-geodesic'

/** A position as silkway's core passes it around: degrees, WGS84. */
export interface LatLon {
  lat: number
  lon: number
}

/** Mean Earth radius R1 of IUGG (Moritz 1980, Geodetic Reference System 1980), km. */
export const MEAN_EARTH_RADIUS_KM = 6371.0088

const RAD = Math.PI / 180

/**
 * Great-circle distance on a sphere of the mean Earth radius (haversine). Within about ±0.6 % of the WGS84
 * geodesic (worst along meridians); used for stretch, heuristics and estimates, never for a stored length.
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * MEAN_EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Scale that makes the haversine distance a lower bound of the WGS84 geodesic: haversine with the mean
 * radius overestimates meridional distances by up to 0.56 % (ecosystem measurement), so 0.994 keeps A*
 * admissible.
 */
export const ADMISSIBLE_GREAT_CIRCLE_SCALE = 0.994

const wgs84 = geographiclib.Geodesic.WGS84

/**
 * WGS84 ellipsoidal geodesic distance by Karney's algorithm (C. F. F. Karney, "Algorithms for geodesics",
 * J. Geodesy 87, 2013), via GeographicLib: accurate to about 15 nanometres.
 */
export function geodesicKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return (wgs84.Inverse(lat1, lon1, lat2, lon2, geographiclib.Geodesic.DISTANCE).s12 ?? Number.NaN) / 1000
}

/** Sum of WGS84 geodesic segment lengths of an RFC 7946 `[lon, lat]` polyline. */
export function polylineGeodesicKm(coordinates: ReadonlyArray<readonly [number, number] | readonly number[]>): number {
  let totalKm = 0
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1]
    const [lon2, lat2] = coordinates[i]
    totalKm += geodesicKm(lat1, lon1, lat2, lon2)
  }
  return totalKm
}

/** Great-circle distance from a point to another; convenience for {lat, lon} records. */
export function greatCircleBetween(a: LatLon, b: LatLon): number {
  return greatCircleKm(a.lat, a.lon, b.lat, b.lon)
}
