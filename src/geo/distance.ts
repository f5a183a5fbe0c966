import geographiclib from 'geographiclib-geodesic'

// The spherical part (haversine and the rest) lives in ./sphere, free of dependencies for the browser.

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
