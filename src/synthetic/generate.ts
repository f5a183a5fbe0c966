import { greatCircleKm } from '../geo'
import { type Network, type NetworkLink, type NetworkNode, NETWORK_SCHEMA_VERSION, mulberry32, round } from '../model'
import { DisjointSets } from './disjoint-sets'
import { Grid } from './grid'
import { GrowingNetwork } from './growing-network'
import { joinComponents, nearestNeighbourPairs } from './neighbours'
import { DEFAULT_SYNTHETIC_BOX, type LatLonBox, type SyntheticOptions } from './options'

/** Spanner stretch bounds tried in turn until the link budget is spent; 1 ends with plain shortest candidates. */
const SPANNER_STRETCHES = [2, 1.5, 1.25, 1]

/**
 * A seeded synthetic fibre-like network for scale tests and benchmarks. Nodes are scattered uniformly over a
 * lat/lon box; links are a greedy t-spanner (Althöfer et al., Discrete Comput. Geom. 9, 1993) of each node's
 * nearest neighbours: shortest candidate first, a link is added when the network so far has no route within
 * t × its length, t stepping down from 2 until the average degree is reached. Links that join two components
 * are always added, so the first pass contains the candidates' minimum spanning tree (Kruskal) and the result
 * is connected; routes end up about 1.2 × the great circle, like long-haul fibre, not the 3–4 × of a tree.
 * Neighbours come from a uniform grid and every check is a search bounded by t × the link's length, so
 * 100,000 nodes take one to two seconds. Links declare no length: the length model uses great circle × route
 * factor.
 */
export function generateNetwork(options: SyntheticOptions): Network {
  const n = options.nodes
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`nodes must be a non-negative integer (got ${n})`)
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a finite number (got ${options.seed})`)
  const box = options.box ?? DEFAULT_SYNTHETIC_BOX
  if (!(box.minLat < box.maxLat && box.minLon < box.maxLon && box.minLat >= -90 && box.maxLat <= 90 && box.minLon >= -180 && box.maxLon <= 180)) {
    throw new RangeError('box must satisfy -90 ≤ minLat < maxLat ≤ 90 and -180 ≤ minLon < maxLon ≤ 180')
  }
  const averageDegree = options.averageDegree ?? 3
  const neighbours = options.neighbours ?? 6
  const maxDegree = options.maxDegree ?? 6
  const submarineShare = options.submarineShare ?? 0.03
  const random = mulberry32(options.seed)

  const { lat, lon } = scatter(n, box, random)
  const grid = new Grid(lat, lon, box)
  const chosen = greedySpanner(grid, lat, lon, { neighbours, maxDegree, linkBudget: Math.max(0, Math.round((averageDegree * n) / 2) - (n - 1)) })

  const { a: chosenA, b: chosenB } = chosen
  const order = Array.from(chosenA, (_, i) => i).sort((i, j) => Math.min(chosenA[i], chosenB[i]) - Math.min(chosenA[j], chosenB[j]) || Math.max(chosenA[i], chosenB[i]) - Math.max(chosenA[j], chosenB[j]))
  const nodes: NetworkNode[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: `Synthetic ${i}`, kind: 'city', lat: lat[i], lon: lon[i] }))
  const links: NetworkLink[] = order.map((i, index) => ({
    id: `l${index}`,
    a: `n${Math.min(chosenA[i], chosenB[i])}`,
    b: `n${Math.max(chosenA[i], chosenB[i])}`,
    kind: random() < submarineShare ? 'submarine' : 'terrestrial',
    status: 'operational',
  }))
  return {
    schemaVersion: NETWORK_SCHEMA_VERSION,
    name: `Synthetic network (${n} nodes, seed ${options.seed})`,
    metadata: { generator: 'silkway synthetic', seed: options.seed, nodes: n, averageDegree, neighbours, maxDegree, submarineShare, box: { ...box } },
    nodes,
    links,
  }
}

/** `n` points uniform in the box (uniform in degrees, not in area), 4 decimals (about 11 m). */
function scatter(n: number, box: LatLonBox, random: () => number): { lat: Float64Array; lon: Float64Array } {
  const lat = new Float64Array(n)
  const lon = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    lat[i] = round(box.minLat + random() * (box.maxLat - box.minLat), 4)
    lon[i] = round(box.minLon + random() * (box.maxLon - box.minLon), 4)
  }
  return { lat, lon }
}

interface SpannerOptions {
  neighbours: number
  maxDegree: number
  /** Links to add beyond the spanning forest. */
  linkBudget: number
}

/** The greedy t-spanner of the candidates (see `generateNetwork`), then the joins of any components left. */
function greedySpanner(grid: Grid, lat: Float64Array, lon: Float64Array, options: SpannerOptions): { a: number[]; b: number[] } {
  const n = lat.length
  const candidates = nearestNeighbourPairs(grid, options.neighbours)
  const pairCount = candidates.a.length
  const lengthKm = new Float64Array(pairCount)
  for (let p = 0; p < pairCount; p++) lengthKm[p] = greatCircleKm(lat[candidates.a[p]], lon[candidates.a[p]], lat[candidates.b[p]], lon[candidates.b[p]])

  const sets = new DisjointSets(n)
  const growing = new GrowingNetwork(n)
  const chosenA: number[] = []
  const chosenB: number[] = []
  const added = new Uint8Array(pairCount)
  const take = (p: number) => {
    added[p] = 1
    chosenA.push(candidates.a[p])
    chosenB.push(candidates.b[p])
    growing.add(candidates.a[p], candidates.b[p], lengthKm[p])
  }
  const byLength = sortedIndices(lengthKm)
  let budget = options.linkBudget
  for (const stretch of SPANNER_STRETCHES) {
    for (const p of byLength) {
      if (added[p]) continue
      const u = candidates.a[p]
      const v = candidates.b[p]
      if (sets.union(u, v)) {
        take(p)
        continue
      }
      if (budget === 0 || growing.degree(u) >= options.maxDegree || growing.degree(v) >= options.maxDegree) continue
      if (growing.within(u, v, stretch * lengthKm[p])) continue
      take(p)
      budget--
    }
    if (budget === 0) break
  }
  for (const [u, v] of joinComponents(grid, sets)) {
    chosenA.push(u)
    chosenB.push(v)
  }
  return { a: chosenA, b: chosenB }
}

/** Indices 0..n−1 sorted by value, ties by index (deterministic). */
function sortedIndices(values: Float64Array): Int32Array {
  const order = new Int32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((i, j) => values[i] - values[j] || i - j)
}
