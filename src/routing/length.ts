import { greatCircleKm, polylineGeodesicKm } from '../geo'
import type { Network, NetworkLink, NetworkNode, Profile } from '../model'

/**
 * How a link's length was obtained, in order of preference: declared by a source; its share of a chain length a
 * source declares (`declaredChains`, spread by great-circle share); the WGS84 geodesic length of its drawn
 * geometry (Karney 2013); the great circle times the link's own sourced route factor; the great circle times
 * the profile's route factor for its kind (per-hop or end-to-end, by `routeFactorBasis`); unknown when an
 * endpoint has no coordinates.
 */
export const LENGTH_METHODS = ['declared', 'declared-chain', 'geodesic', 'link-route-factor', 'great-circle-estimate', 'unknown'] as const
export type LengthMethod = (typeof LENGTH_METHODS)[number]

export interface LinkLength {
  lengthKm: number
  method: LengthMethod
}

/** Each chained link's length, km, by link id: the chain's declared length × the link's share of its great circle. */
export type ChainLengths = ReadonlyMap<string, number>

function endpointsKm(a: NetworkNode | undefined, b: NetworkNode | undefined): number | undefined {
  if (a?.lat === undefined || a.lon === undefined || b?.lat === undefined || b.lon === undefined) return undefined
  return greatCircleKm(a.lat, a.lon, b.lat, b.lon)
}

/**
 * Spreads every declared chain's length over its links in proportion to their great circles. A chain is
 * skipped when one of its links is missing (a scenario removed it) or has an endpoint without coordinates:
 * its other links then fall back to their own evidence. Links with a declared length of their own keep it
 * (validation warns about the overlap).
 */
export function declaredChainLengths(network: Network): ChainLengths {
  const lengths = new Map<string, number>()
  if (!network.declaredChains?.length) return lengths
  const nodes = new Map(network.nodes.map((n) => [n.id, n]))
  const links = new Map(network.links.map((l) => [l.id, l]))
  for (const chain of network.declaredChains) {
    const kms: number[] = []
    for (const id of chain.links) {
      const link = links.get(id)
      const km = link === undefined ? undefined : endpointsKm(nodes.get(link.a), nodes.get(link.b))
      if (km === undefined) break
      kms.push(km)
    }
    if (kms.length !== chain.links.length) continue
    const totalKm = kms.reduce((sum, km) => sum + km, 0)
    if (!(totalKm > 0)) continue
    chain.links.forEach((id, i) => lengths.set(id, (chain.lengthKm * kms[i]) / totalKm))
  }
  return lengths
}

/** The profile's factor for a link estimated from its great circle: per-hop where the link says so and the profile has one. */
export function profileRouteFactor(link: NetworkLink, profile: Profile): number {
  if (link.kind === 'terrestrial' && link.routeFactorBasis === 'per-hop' && profile.routeFactor.terrestrialPerHop) {
    return profile.routeFactor.terrestrialPerHop.value
  }
  return profile.routeFactor[link.kind].value
}

export function linkLength(
  link: NetworkLink,
  a: NetworkNode | undefined,
  b: NetworkNode | undefined,
  profile: Profile,
  chains: ChainLengths = new Map(),
): LinkLength {
  if (link.lengthKm !== undefined) return { lengthKm: link.lengthKm, method: 'declared' }
  const chained = chains.get(link.id)
  if (chained !== undefined) return { lengthKm: chained, method: 'declared-chain' }
  if (link.geometry && link.geometry.coordinates.length >= 2) {
    return { lengthKm: polylineGeodesicKm(link.geometry.coordinates), method: 'geodesic' }
  }
  const km = endpointsKm(a, b)
  if (km === undefined) return { lengthKm: Number.NaN, method: 'unknown' }
  if (link.routeFactor) return { lengthKm: km * link.routeFactor.value, method: 'link-route-factor' }
  return { lengthKm: km * profileRouteFactor(link, profile), method: 'great-circle-estimate' }
}
