import { greatCircleKm } from '../geo'
import { DEMANDS_SCHEMA_VERSION, type Demand, type DemandsDocument, mulberry32, SilkwayError } from '../model'
import { resolveNode, type RoutingIndex } from '../routing'

export interface NodeWeight {
  /** Node id or name. */
  node: string
  /** Population, bandwidth or any mass of the node; > 0. */
  weight: number
}

export interface GravityOptions {
  weights: readonly NodeWeight[]
  /** Sum of all generated demands, Gbit/s, in the base year. */
  totalGbps: number
  /** Distance-deterrence exponent γ (the profile's `traffic.gravityDistanceExponent` is the documented default). */
  distanceExponent: number
  /** Year totalGbps applies to; without it the demands carry no year and cannot be grown. */
  baseYear?: number
  /** Year to generate for; with growthPerYear, demands are grown from baseYear to it. */
  year?: number
  growthPerYear?: number
  /** Pairs closer than this are treated as this far apart, km, so neighbouring nodes do not dominate. */
  minDistanceKm?: number
  /** Pairs whose demand falls below this are dropped, Gbit/s (the total is not rescaled after dropping). */
  minGbps?: number
  /** Multiplicative noise: each pair's mass × (1 + noise·u), u uniform in [-1, 1) from `seed` (Net2Plan's randomFactor). */
  noise?: number
  seed?: number
  name?: string
  /** Where the weights come from, recorded in each demand's `source`. */
  weightSource?: string
}

/** Distances below this are clamped (default of minDistanceKm): about a metro area's diameter. */
export const GRAVITY_MIN_DISTANCE_KM = 50

/**
 * Demands by the gravity model (the population–distance model of Cahn, Wide Area Network Design, 1998, as
 * Net2Plan's `populationDistanceModel` implements it): for every unordered pair of weighted nodes,
 * T_ij = K · w_i · w_j / max(d_ij, d_min)^γ, with d the great-circle distance and K chosen so that the demands
 * sum to `totalGbps`; then grown at `growthPerYear` from `baseYear` to `year`. Deterministic: pairs follow the
 * weights' order, and the optional noise comes from the core's seeded PRNG.
 */
export function gravityDemands(index: RoutingIndex, options: GravityOptions): DemandsDocument {
  const { weights, totalGbps, distanceExponent } = options
  if (!(totalGbps > 0 && totalGbps < Infinity)) throw new SilkwayError('SW_INVALID_ARGUMENT', `totalGbps must be > 0 (got ${totalGbps})`, { field: 'totalGbps' })
  if (!(distanceExponent >= 0 && distanceExponent <= 10)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `distanceExponent must be from 0 to 10 (got ${distanceExponent})`, { field: 'distanceExponent' })
  }
  const minKm = options.minDistanceKm ?? GRAVITY_MIN_DISTANCE_KM
  const nodes: { v: number; weight: number }[] = []
  const seen = new Set<number>()
  weights.forEach((entry, i) => {
    if (!(entry.weight > 0 && entry.weight < Infinity)) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `weights[${i}].weight must be > 0 (got ${entry.weight})`, { field: `weights[${i}].weight` })
    }
    const v = resolveNode(index, entry.node)
    if (seen.has(v)) throw new SilkwayError('SW_INVALID_ARGUMENT', `weights[${i}]: node '${entry.node}' is weighted twice`, { field: `weights[${i}].node` })
    const node = index.network.nodes[v]
    if (node.lat === undefined || node.lon === undefined) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `weights[${i}]: node '${node.id}' has no coordinates, so no distance`, { field: `weights[${i}].node` })
    }
    seen.add(v)
    nodes.push({ v, weight: entry.weight })
  })
  if (nodes.length < 2) throw new SilkwayError('SW_INVALID_ARGUMENT', 'the gravity model needs at least two weighted nodes', { field: 'weights' })
  const noise = options.noise ?? 0
  if (!(noise >= 0 && noise <= 1)) throw new SilkwayError('SW_INVALID_ARGUMENT', `noise must be from 0 to 1 (got ${noise})`, { field: 'noise' })
  const random = mulberry32(options.seed ?? 1)
  const pairs: { i: number; j: number; mass: number }[] = []
  let totalMass = 0
  for (let i = 0; i < nodes.length; i++) {
    const a = index.network.nodes[nodes[i].v]
    for (let j = i + 1; j < nodes.length; j++) {
      const b = index.network.nodes[nodes[j].v]
      const km = Math.max(minKm, greatCircleKm(a.lat as number, a.lon as number, b.lat as number, b.lon as number))
      const jitter = noise > 0 ? 1 + noise * (2 * random() - 1) : 1
      const mass = (jitter * nodes[i].weight * nodes[j].weight) / km ** distanceExponent
      pairs.push({ i, j, mass })
      totalMass += mass
    }
  }
  const year = options.year ?? options.baseYear
  const growth = options.growthPerYear ?? 0
  if (!(growth > -1 && growth < Infinity)) throw new SilkwayError('SW_INVALID_ARGUMENT', `growthPerYear must be greater than -1 (got ${growth})`, { field: 'growthPerYear' })
  if (options.baseYear === undefined && options.year !== undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', 'a year to grow the demands to needs the baseYear of totalGbps', { field: 'baseYear' })
  const factor = year === undefined || options.baseYear === undefined ? 1 : (1 + growth) ** (year - options.baseYear)
  const source = `gravity model${options.weightSource ? ` over ${options.weightSource}` : ''}`
  const demands: Demand[] = []
  for (const { i, j, mass } of pairs) {
    const gbps = (totalGbps * mass * factor) / totalMass
    if (options.minGbps !== undefined && gbps < options.minGbps) continue
    const a = index.network.nodes[nodes[i].v]
    const b = index.network.nodes[nodes[j].v]
    demands.push({ id: `${a.id}--${b.id}`, from: a.id, to: b.id, gbps, ...(year === undefined ? {} : { year }), class: 'unprotected', source })
  }
  return {
    schemaVersion: DEMANDS_SCHEMA_VERSION,
    name: options.name ?? 'gravity',
    network: index.network.name,
    ...(year === undefined ? {} : { baseYear: year }),
    generator: {
      model: 'gravity',
      totalGbps,
      distanceExponent,
      minDistanceKm: minKm,
      ...(options.baseYear === undefined ? {} : { baseYear: options.baseYear, year }),
      growthPerYear: growth,
      ...(options.minGbps !== undefined ? { minGbps: options.minGbps } : {}),
      ...(noise > 0 ? { noise, seed: options.seed ?? 1 } : {}),
      nodes: nodes.length,
    },
    demands,
  }
}
