import { greatCircleKm } from '../geo'
import { IndexedMinHeap } from '../graph'
import { type Network, type NetworkLink, type NetworkNode, mulberry32 } from '../model'

export { mulberry32 }

/** A latitude/longitude box in degrees. */
export interface LatLonBox {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

export interface SyntheticOptions {
  /** Number of nodes. */
  nodes: number
  /** Any integer; the same seed and options give the same network. */
  seed: number
  /** Where the nodes are scattered; by default roughly Europe to East Asia. */
  box?: LatLonBox
  /** Mean node degree; links ≈ averageDegree / 2 × nodes (default 3, like sparse long-haul fibre). */
  averageDegree?: number
  /** Nearest neighbours each node may link to (default 6). */
  neighbours?: number
  /** Links beyond the spanning tree never raise a node above this degree (default 6). */
  maxDegree?: number
  /** Share of links marked submarine (default 0.03). */
  submarineShare?: number
  name?: string
}

export const DEFAULT_SYNTHETIC_BOX: Readonly<LatLonBox> = { minLat: 25, maxLat: 60, minLon: -10, maxLon: 130 }


const round4 = (x: number) => Math.round(x * 1e4) / 1e4

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

  const lat = new Float64Array(n)
  const lon = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    lat[i] = round4(box.minLat + random() * (box.maxLat - box.minLat))
    lon[i] = round4(box.minLon + random() * (box.maxLon - box.minLon))
  }

  const grid = new Grid(lat, lon, box)
  const candidates = nearestNeighbourPairs(grid, neighbours)
  const pairCount = candidates.a.length
  const lengthKm = new Float64Array(pairCount)
  for (let p = 0; p < pairCount; p++) lengthKm[p] = greatCircleKm(lat[candidates.a[p]], lon[candidates.a[p]], lat[candidates.b[p]], lon[candidates.b[p]])

  const sets = new DisjointSets(n)
  const growing = new GrowingNetwork(n)
  const chosenA: number[] = []
  const chosenB: number[] = []
  const take = (p: number) => {
    added[p] = 1
    chosenA.push(candidates.a[p])
    chosenB.push(candidates.b[p])
    growing.add(candidates.a[p], candidates.b[p], lengthKm[p])
  }
  const byLength = sortedIndices(lengthKm)
  const added = new Uint8Array(pairCount)
  let budget = Math.max(0, Math.round((averageDegree * n) / 2) - (n - 1))
  for (const stretch of SPANNER_STRETCHES) {
    for (const p of byLength) {
      if (added[p]) continue
      const u = candidates.a[p]
      const v = candidates.b[p]
      if (sets.union(u, v)) {
        take(p)
        continue
      }
      if (budget === 0 || growing.degree(u) >= maxDegree || growing.degree(v) >= maxDegree) continue
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
    schemaVersion: 1,
    name: `Synthetic network (${n} nodes, seed ${options.seed})`,
    metadata: { generator: 'silkway synthetic', seed: options.seed, nodes: n, averageDegree, neighbours, maxDegree, submarineShare, box: { ...box } },
    nodes,
    links,
  }
}

/** Indices 0..n−1 sorted by value, ties by index (deterministic). */
function sortedIndices(values: Float64Array): Int32Array {
  const order = new Int32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((i, j) => values[i] - values[j] || i - j)
}

/** The links chosen so far, as adjacency lists, with a search bounded by distance. */
class GrowingNetwork {
  private readonly neighbours: number[][]
  private readonly lengths: number[][]
  private readonly dist: Float64Array
  private readonly stamp: Uint32Array
  private epoch = 0
  private readonly heap: IndexedMinHeap

  constructor(n: number) {
    this.neighbours = Array.from({ length: n }, () => [])
    this.lengths = Array.from({ length: n }, () => [])
    this.dist = new Float64Array(n)
    this.stamp = new Uint32Array(n)
    this.heap = new IndexedMinHeap(n)
  }

  add(u: number, v: number, km: number): void {
    this.neighbours[u].push(v)
    this.lengths[u].push(km)
    this.neighbours[v].push(u)
    this.lengths[v].push(km)
  }

  degree(u: number): number {
    return this.neighbours[u].length
  }

  /** Whether a route of at most `limitKm` joins u and v: Dijkstra from u, pruned beyond the limit. */
  within(u: number, v: number, limitKm: number): boolean {
    const { dist, stamp, heap } = this
    const epoch = ++this.epoch
    dist[u] = 0
    stamp[u] = epoch
    heap.push(u, 0)
    let found = false
    while (heap.size > 0) {
      const x = heap.pop()
      if (x === v) {
        found = true
        break
      }
      const dx = dist[x]
      const next = this.neighbours[x]
      const lengths = this.lengths[x]
      for (let i = 0; i < next.length; i++) {
        const y = next[i]
        const d = dx + lengths[i]
        if (d > limitKm || (stamp[y] === epoch && d >= dist[y])) continue
        dist[y] = d
        stamp[y] = epoch
        heap.push(y, d)
      }
    }
    heap.clear()
    return found
  }
}

/** Union–find with path halving and union by size (Tarjan, J. ACM 22(2), 1975). */
class DisjointSets {
  private readonly parent: Int32Array
  private readonly size: Int32Array

  constructor(n: number) {
    this.parent = new Int32Array(n)
    this.size = new Int32Array(n).fill(1)
    for (let i = 0; i < n; i++) this.parent[i] = i
  }

  find(x: number): number {
    const parent = this.parent
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  /** Joins the sets of a and b; false if they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a)
    let rb = this.find(b)
    if (ra === rb) return false
    if (this.size[ra] < this.size[rb] || (this.size[ra] === this.size[rb] && rb < ra)) [ra, rb] = [rb, ra]
    this.parent[rb] = ra
    this.size[ra] += this.size[rb]
    return true
  }
}

/**
 * Points bucketed in a uniform grid over an equirectangular projection (x = lon · cos(mid-latitude)), about
 * two points per cell, for nearest-neighbour queries in expanding rings of cells.
 */
class Grid {
  readonly x: Float64Array
  readonly y: Float64Array
  readonly cell: number
  readonly columns: number
  readonly rows: number
  readonly start: Int32Array
  readonly items: Int32Array
  private readonly minX: number
  private readonly minY: number

  constructor(lat: Float64Array, lon: Float64Array, box: LatLonBox) {
    const n = lat.length
    const scale = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180)
    this.x = new Float64Array(n)
    this.y = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      this.x[i] = lon[i] * scale
      this.y[i] = lat[i]
    }
    this.minX = box.minLon * scale
    this.minY = box.minLat
    const width = (box.maxLon - box.minLon) * scale
    const height = box.maxLat - box.minLat
    this.cell = Math.sqrt((width * height) / Math.max(1, n / 2))
    this.columns = Math.max(1, Math.ceil(width / this.cell))
    this.rows = Math.max(1, Math.ceil(height / this.cell))
    const cells = this.columns * this.rows
    this.start = new Int32Array(cells + 1)
    const cellOf = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      cellOf[i] = this.cellAt(this.x[i], this.y[i])
      this.start[cellOf[i] + 1]++
    }
    for (let c = 0; c < cells; c++) this.start[c + 1] += this.start[c]
    const cursor = this.start.slice(0, cells)
    this.items = new Int32Array(n)
    for (let i = 0; i < n; i++) this.items[cursor[cellOf[i]]++] = i
  }

  column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)))
  }

  row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)))
  }

  cellAt(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x)
  }

  /**
   * Visits the points of ring r (the cells at Chebyshev distance r from (column, row)); false once the ring
   * lies wholly outside the grid.
   */
  ring(column: number, row: number, r: number, visit: (j: number) => void): boolean {
    let any = false
    for (let dy = -r; dy <= r; dy++) {
      const cy = row + dy
      if (cy < 0 || cy >= this.rows) continue
      const step = dy === -r || dy === r ? 1 : 2 * r
      for (let dx = -r; dx <= r; dx += step || 1) {
        const cx = column + dx
        if (cx < 0 || cx >= this.columns) continue
        any = true
        const c = cy * this.columns + cx
        for (let s = this.start[c]; s < this.start[c + 1]; s++) visit(this.items[s])
      }
    }
    return any || r === 0
  }

  /** Upper bound on the rings needed to cover the grid. */
  get maxRing(): number {
    return Math.max(this.columns, this.rows)
  }
}

/** The k nearest neighbours of every node as unique pairs a < b (projected distance, ties by index). */
function nearestNeighbourPairs(grid: Grid, k: number): { a: Int32Array; b: Int32Array } {
  const { x, y } = grid
  const n = x.length
  if (n < 2) return { a: new Int32Array(0), b: new Int32Array(0) }
  const want = Math.min(k, n - 1)
  const bestIndex = new Int32Array(want)
  const bestDist = new Float64Array(want)
  const keys = new Float64Array(n * want)
  let keyCount = 0
  for (let i = 0; i < n; i++) {
    let found = 0
    const consider = (j: number) => {
      if (j === i) return
      const dx = x[j] - x[i]
      const dy = y[j] - y[i]
      const d = dx * dx + dy * dy
      if (found === want && (d > bestDist[want - 1] || (d === bestDist[want - 1] && j > bestIndex[want - 1]))) return
      let at = found < want ? found++ : want - 1
      while (at > 0 && (bestDist[at - 1] > d || (bestDist[at - 1] === d && bestIndex[at - 1] > j))) {
        bestDist[at] = bestDist[at - 1]
        bestIndex[at] = bestIndex[at - 1]
        at--
      }
      bestDist[at] = d
      bestIndex[at] = j
    }
    const column = grid.column(x[i])
    const row = grid.row(y[i])
    for (let r = 0; r <= grid.maxRing; r++) {
      if (!grid.ring(column, row, r, consider)) break
      // Every point not yet visited is at least r cells away from the query point.
      const reach = r * grid.cell
      if (found === want && bestDist[want - 1] <= reach * reach) break
    }
    for (let s = 0; s < found; s++) {
      const j = bestIndex[s]
      keys[keyCount++] = i < j ? i * n + j : j * n + i
    }
  }
  const sorted = keys.subarray(0, keyCount).sort()
  const a: number[] = []
  const b: number[] = []
  for (let s = 0; s < sorted.length; s++) {
    if (s > 0 && sorted[s] === sorted[s - 1]) continue
    a.push(Math.floor(sorted[s] / n))
    b.push(sorted[s] % n)
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) }
}

/**
 * Links the components a nearest-neighbour forest may leave (rare for uniform points): each component but the
 * largest, smallest first, is joined to the nearest point outside its current set. Returns the added pairs.
 */
function joinComponents(grid: Grid, sets: DisjointSets): Array<[number, number]> {
  const n = grid.x.length
  const members = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const root = sets.find(i)
    const list = members.get(root)
    if (list) list.push(i)
    else members.set(root, [i])
  }
  const components = [...members.values()].sort((p, q) => p.length - q.length || p[0] - q[0])
  const added: Array<[number, number]> = []
  for (const component of components.slice(0, -1)) {
    const root = sets.find(component[0])
    let bestDist = Infinity
    let bestPair: [number, number] = [component[0], component[0]]
    for (const u of component) {
      const column = grid.column(grid.x[u])
      const row = grid.row(grid.y[u])
      for (let r = 0; r <= grid.maxRing; r++) {
        const inside = grid.ring(column, row, r, (v) => {
          if (sets.find(v) === root) return
          const dx = grid.x[v] - grid.x[u]
          const dy = grid.y[v] - grid.y[u]
          const d = dx * dx + dy * dy
          if (d < bestDist || (d === bestDist && (u < bestPair[0] || (u === bestPair[0] && v < bestPair[1])))) {
            bestDist = d
            bestPair = [u, v]
          }
        })
        const reach = r * grid.cell
        if (!inside || bestDist <= reach * reach) break
      }
    }
    sets.union(bestPair[0], bestPair[1])
    added.push(bestPair)
  }
  return added
}
