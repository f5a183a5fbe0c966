import { greatCircleKm, polylineGeodesicKm } from '../geo'
import type { NetworkLink, NetworkNode, Profile } from '../model'

/**
 * How a link's length was obtained, in order of preference: declared by a source; the WGS84 geodesic length
 * of its drawn geometry (Karney 2013); the great circle between its endpoints times the profile's route
 * factor for its kind; unknown when an endpoint has no coordinates.
 */
export const LENGTH_METHODS = ['declared', 'geodesic', 'great-circle-estimate', 'unknown'] as const
export type LengthMethod = (typeof LENGTH_METHODS)[number]

export interface LinkLength {
  lengthKm: number
  method: LengthMethod
}

export function linkLength(link: NetworkLink, a: NetworkNode | undefined, b: NetworkNode | undefined, profile: Profile): LinkLength {
  if (link.lengthKm !== undefined) return { lengthKm: link.lengthKm, method: 'declared' }
  if (link.geometry && link.geometry.coordinates.length >= 2) {
    return { lengthKm: polylineGeodesicKm(link.geometry.coordinates), method: 'geodesic' }
  }
  if (a?.lat === undefined || a.lon === undefined || b?.lat === undefined || b.lon === undefined) {
    return { lengthKm: Number.NaN, method: 'unknown' }
  }
  const factor = profile.routeFactor[link.kind].value
  return { lengthKm: greatCircleKm(a.lat, a.lon, b.lat, b.lon) * factor, method: 'great-circle-estimate' }
}
