import { buildGraph, type Graph, IndexedMinHeap, type SearchOptions } from '../graph'
import { ECMP_TOLERANCE } from './load'

export interface Betweenness {
  /** Per node: Σ over pairs s ≠ v ≠ t of the share of s–t shortest paths through v (× the pair's weight). */
  node: Float64Array
  /** Per edge: Σ over pairs of the share of s–t shortest paths over the edge (× the pair's weight). */
  edge: Float64Array
}

/** Pair weights for demand-weighted betweenness: `rows.get(s)[t]` is the weight of the ordered pair s → t. */
export type PairWeights = ReadonlyMap<number, Float64Array>

/**
 * The priority queue of the n searches: `auto` takes buckets when the step costs allow them (see
 * `bucketWidth`) and the heap otherwise; the other two force one, so tests can hold each against the other.
 */
export type BetweennessQueue = 'auto' | 'buckets' | 'heap'

/**
 * Shortest-path betweenness of every node and edge by Brandes' algorithm with Dijkstra (U. Brandes, "A faster
 * algorithm for betweenness centrality", J. Math. Sociol. 25, 2001), O(n m + n² log n). The path cost is the
 * routing cost model (edge weight + the cost of each node entered), so it ranks what `route` would use; costs
 * within ECMP's relative tolerance count as equal, as ECMP loading splits them. Undirected: without pair
 * weights every unordered pair counts once (the ordered sum halved). With pair weights each ordered pair s → t
 * counts its weight (Brandes, "On variants of shortest-path betweenness centrality", Social Networks 30, 2008,
 * §3.3), which for a demand matrix is the Gbit/s an equal-split routing carries through the node. Edge
 * weights must be > 0 (every metric's are): a zero-cost cycle leaves no shortest-path DAG to count on.
 * One pass per source: when Dijkstra settles a node every node before it is final, so its path count and
 * predecessor arcs are taken then, while its row is in cache, and the dependency pass reads only those arcs;
 * step costs are flattened to one array per direction once per call and labels are reset only where touched.
 * The searches run on a copy of the graph renumbered in breadth-first order (Cuthill & McKee, "Reducing the
 * bandwidth of sparse symmetric matrices", ACM 1969, without the degree sort), so a node's neighbours sit near
 * it in every per-node array: on the 10k-node benchmark network ids are otherwise random, and a search spent
 * most of its time on cache misses. When the step costs span a small range the queue is a bucket queue
 * (Dial, "Shortest-path forest with topological ordering", CACM 12, 1969) rather than a 4-ary heap.
 */
export function betweenness(graph: Graph, options: SearchOptions, pairWeights?: PairWeights, queue: BetweennessQueue = 'auto'): Betweenness {
  const { nodeCount: n, edgeCount: m } = graph
  const newId = breadthFirstOrder(graph)
  const tails = new Int32Array(m)
  const heads = new Int32Array(m)
  for (let e = 0; e < m; e++) {
    tails[e] = newId[graph.edgeTail[e]]
    heads[e] = newId[graph.edgeHead[e]]
  }
  // Edge ids are kept, so edge results and edge arrays need no mapping; node arrays are permuted both ways.
  const renumbered = buildGraph(n, tails, heads)
  const permute = <T extends Float64Array | Uint8Array>(values: T | undefined): T | undefined => {
    if (!values) return undefined
    const out = new (values.constructor as { new (length: number): T })(n)
    for (let v = 0; v < n; v++) out[newId[v]] = values[v]
    return out
  }
  let rows: Map<number, Float64Array> | undefined
  if (pairWeights) {
    rows = new Map()
    for (const [s, row] of pairWeights) rows.set(newId[s], permute(row) as Float64Array)
  }
  const { nodeCost, nodeBlocked } = options
  const result = brandes(renumbered, { ...options, nodeCost: permute(nodeCost), nodeBlocked: permute(nodeBlocked) }, rows, queue)
  const node = new Float64Array(n)
  for (let v = 0; v < n; v++) node[v] = result.node[newId[v]]
  return { node, edge: result.edge }
}

/** New id of each node: breadth-first from the lowest id of each component in turn, neighbours in CSR order. */
function breadthFirstOrder(graph: Graph): Int32Array {
  const { nodeCount: n, offsets, arcHead } = graph
  const newId = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  let tail = 0
  for (let root = 0; root < n; root++) {
    if (newId[root] >= 0) continue
    newId[root] = tail
    queue[tail++] = root
    for (let head = tail - 1; head < tail; head++) {
      const u = queue[head]
      for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
        const v = arcHead[a]
        if (newId[v] >= 0) continue
        newId[v] = tail
        queue[tail++] = v
      }
    }
  }
  return newId
}

/**
 * Bucket width for Dial's queue, or 0 when the heap must serve. Buckets of half the least step cost: a node's
 * predecessors then lie in earlier buckets, and nodes sharing a bucket cannot improve one another, so a bucket
 * is settled in any order and the queue costs O(1) a step. Refused when a step is 0, when the bucket ring would
 * be large (more than 2¹⁶ buckets: a step range wider than 32,768:1), when a bucket number could pass 2³⁰, or
 * when the tie tolerance at the longest possible distance reaches a quarter bucket (ties must not straddle one).
 */
function bucketWidth(minStep: number, maxStep: number, n: number): number {
  if (!(minStep > 0) || !(maxStep < Infinity)) return 0
  const width = minStep / 2
  const longest = Math.max(n - 1, 1) * maxStep
  if (maxStep / width > 1 << 16 || longest / width > 2 ** 30 || ECMP_TOLERANCE * Math.max(longest, 1) > width / 4) return 0
  return width
}

function brandes(graph: Graph, options: SearchOptions, pairWeights: PairWeights | undefined, queue: BetweennessQueue): Betweenness {
  const { nodeCount: n, edgeCount: m, offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const node = new Float64Array(n)
  const edge = new Float64Array(m)
  // Per arc of node u: the cost of the step u → head (edge weight + the head's node cost) and of the step
  // head → u, −1 where the step is unusable; computed once, so the n searches read one array, not five.
  const stepOut = new Float64Array(2 * m)
  const stepIn = new Float64Array(2 * m)
  let minStep = Infinity
  let maxStep = 0
  for (let u = 0; u < n; u++) {
    const uCost = nodeCost ? nodeCost[u] : 0
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      const v = arcHead[a]
      const w = edgeWeight[e]
      const usable = !edgeBlocked?.[e] && w >= 0 && w < Infinity && !nodeBlocked?.[v] && !nodeBlocked?.[u] && edgeTail[e] !== edgeHead[e]
      stepOut[a] = usable ? w + (nodeCost ? nodeCost[v] : 0) : -1
      stepIn[a] = usable ? w + uCost : -1
      if (!usable) continue
      if (stepOut[a] < minStep) minStep = stepOut[a]
      if (stepOut[a] > maxStep) maxStep = stepOut[a]
    }
  }
  let maxDegree = 0
  for (let u = 0; u < n; u++) maxDegree = Math.max(maxDegree, offsets[u + 1] - offsets[u])
  const state: SearchState = {
    graph,
    stepOut,
    stepIn,
    dist: new Float64Array(n).fill(Infinity),
    sigma: new Float64Array(n),
    settledFlag: new Uint8Array(n),
    order: new Int32Array(n),
    predArc: new Int32Array(2 * m),
    predCount: new Int32Array(n),
    relaxed: new Int32Array(maxDegree),
  }
  const { dist, sigma, settledFlag, order, predArc, predCount } = state
  const delta = new Float64Array(n)
  let width = queue === 'heap' ? 0 : bucketWidth(minStep, maxStep, n)
  if (queue === 'buckets' && width === 0) throw new RangeError(`betweenness: step costs ${minStep}–${maxStep} admit no bucket queue`)
  const buckets = width > 0 ? bucketQueue(width, maxStep, 2 * m + 1) : undefined
  const heap = new IndexedMinHeap(n)
  const sources = pairWeights ? [...pairWeights.keys()].sort((a, b) => a - b) : Array.from({ length: n }, (_, v) => v)
  for (const s of sources) {
    if (nodeBlocked?.[s]) continue
    const weights = pairWeights?.get(s)
    let settled = buckets && width > 0 ? settleByBuckets(state, buckets, s, queue === 'buckets' ? Infinity : n + buckets.occupied.length) : -1
    if (settled < 0) {
      // Empty buckets cost too much on this network (a tiny step among long paths): the heap serves the rest.
      width = 0
      settled = settleByHeap(state, heap, s)
    }
    // Dependencies in reverse settling order (Brandes 2001, Theorem 6), each predecessor's share by path count.
    for (let i = settled - 1; i > 0; i--) {
      const w = order[i]
      const coefficient = ((weights ? weights[w] : 1) + delta[w]) / sigma[w]
      const first = offsets[w]
      for (let k = first, end = first + predCount[w]; k < end; k++) {
        const a = predArc[k]
        const share = sigma[arcHead[a]] * coefficient
        delta[arcHead[a]] += share
        edge[arcEdge[a]] += share
      }
      node[w] += delta[w]
    }
    for (let i = 0; i < settled; i++) {
      const v = order[i]
      dist[v] = Infinity
      settledFlag[v] = 0
      delta[v] = 0
    }
  }
  if (!pairWeights) {
    for (let v = 0; v < n; v++) node[v] /= 2
    for (let e = 0; e < m; e++) edge[e] /= 2
  }
  return { node, edge }
}

/** The arrays one source's search fills; `dist` and `settledFlag` are Infinity and 0 between searches. */
interface SearchState {
  graph: Graph
  stepOut: Float64Array
  stepIn: Float64Array
  dist: Float64Array
  sigma: Float64Array
  /** 1 once a node is settled in this search. */
  settledFlag: Uint8Array
  /** Nodes in settling order. */
  order: Int32Array
  /** Shortest-path predecessors of each node as arcs of its own CSR row: predArc[offsets[w] + k], k < predCount[w]. */
  predArc: Int32Array
  predCount: Int32Array
  /** Scratch: the neighbours `settle` relaxed, for the caller's queue. */
  relaxed: Int32Array
}

/**
 * Settles u (the next node in cost order): every node settled before it is final, so its predecessors and
 * path count are known now — a settled neighbour x precedes u when x's cost plus the step fits du, within
 * ECMP's tolerance. Unsettled neighbours whose cost falls are relaxed: listed in `relaxed`, their number
 * returned, for the caller to queue (a list rather than a callback keeps this loop monomorphic).
 */
function settle(state: SearchState, u: number, s: number, settled: number): number {
  const { graph, stepOut, stepIn, dist, sigma, settledFlag, order, predArc, predCount, relaxed } = state
  const { offsets, arcHead } = graph
  settledFlag[u] = 1
  order[settled] = u
  const du = dist[u]
  const tolerance = ECMP_TOLERANCE * (du > 1 ? du : 1)
  let count = u === s ? 1 : 0
  let preds = 0
  let relaxedCount = 0
  const first = offsets[u]
  for (let a = first, end = offsets[u + 1]; a < end; a++) {
    const x = arcHead[a]
    if (settledFlag[x] === 1) {
      const step = stepIn[a]
      if (step < 0) continue
      const gap = dist[x] + step - du
      if (gap > tolerance || gap < -tolerance) continue
      count += sigma[x]
      predArc[first + preds++] = a
      continue
    }
    const step = stepOut[a]
    if (step < 0) continue
    const d = du + step
    const old = dist[x]
    if (old === Infinity || (d < old && old - d > ECMP_TOLERANCE * (old > 1 ? old : 1))) {
      dist[x] = d
      relaxed[relaxedCount++] = x
    }
  }
  sigma[u] = count
  predCount[u] = preds
  return relaxedCount
}

function settleByHeap(state: SearchState, heap: IndexedMinHeap, s: number): number {
  const { dist, relaxed } = state
  dist[s] = 0
  heap.push(s, 0)
  let settled = 0
  while (heap.size > 0) {
    const k = settle(state, heap.pop(), s, settled++)
    for (let i = 0; i < k; i++) heap.push(relaxed[i], dist[relaxed[i]])
  }
  return settled
}

/**
 * Dial's queue: a ring of buckets, each a linked list of entries (a node may have stale entries: skipped), and a
 * bitmap of the buckets holding any, so a run of empty buckets is passed 32 at a time (a step range of 1,000:1
 * leaves some 20 empty buckets per node on the 10k benchmark network).
 */
interface BucketQueue {
  inverseWidth: number
  ring: number
  head: Int32Array
  occupied: Uint32Array
  entryNode: Int32Array
  entryNext: Int32Array
}

function bucketQueue(width: number, maxStep: number, entries: number): BucketQueue {
  // A step lands at most ⌊maxStep / width⌋ + 1 buckets ahead (one more for rounding), so the ring never wraps onto itself.
  const ring = Math.floor(maxStep / width) + 2
  return { inverseWidth: 1 / width, ring, head: new Int32Array(ring).fill(-1), occupied: new Uint32Array(Math.ceil(ring / 32)), entryNode: new Int32Array(entries), entryNext: new Int32Array(entries) }
}

/**
 * One source's search with Dial's queue; returns the number settled, or −1 (state reset, queue empty) when more
 * than `budget` words of the bitmap (32 buckets each) were passed empty, so the caller can fall back to the heap.
 */
function settleByBuckets(state: SearchState, q: BucketQueue, s: number, budget: number): number {
  const { dist, settledFlag, relaxed } = state
  const { inverseWidth, ring, head, occupied, entryNode, entryNext } = q
  const words = occupied.length
  dist[s] = 0
  entryNode[0] = s
  entryNext[0] = -1
  head[0] = 0
  occupied[0] = 1
  let entries = 1
  let queued = 1
  let slot = 0
  let settled = 0
  let empty = 0
  while (queued > 0) {
    // The next occupied bucket at or after `slot`, round the ring: the lowest set bit from there on.
    let word = slot >> 5
    let bits = occupied[word] & (-1 << (slot & 31))
    while (bits === 0) {
      word = word + 1 === words ? 0 : word + 1
      bits = occupied[word]
      if (++empty <= budget) continue
      for (let i = 0; i < entries; i++) {
        dist[entryNode[i]] = Infinity
        settledFlag[entryNode[i]] = 0
      }
      head.fill(-1)
      occupied.fill(0)
      return -1
    }
    slot = (word << 5) + 31 - Math.clz32(bits & -bits)
    // Steps reach at least two buckets ahead, so nothing settled here adds to this bucket: take it whole.
    let entry = head[slot]
    head[slot] = -1
    occupied[word] &= ~(1 << (slot & 31))
    while (entry >= 0) {
      const u = entryNode[entry]
      entry = entryNext[entry]
      queued--
      if (settledFlag[u] === 1) continue
      const k = settle(state, u, s, settled++)
      for (let i = 0; i < k; i++) {
        const x = relaxed[i]
        const b = ((dist[x] * inverseWidth) | 0) % ring
        entryNode[entries] = x
        entryNext[entries] = head[b]
        head[b] = entries++
        occupied[b >> 5] |= 1 << (b & 31)
      }
      queued += k
    }
  }
  return settled
}
