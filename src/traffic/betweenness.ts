import { type Graph, IndexedMinHeap, type SearchOptions } from '../graph'
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
 */
export function betweenness(graph: Graph, options: SearchOptions, pairWeights?: PairWeights): Betweenness {
  const { nodeCount: n, edgeCount: m, offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const node = new Float64Array(n)
  const edge = new Float64Array(m)
  // Per arc of node u: the cost of the step u → head (edge weight + the head's node cost) and of the step
  // head → u, −1 where the step is unusable; computed once, so the n searches read one array, not five.
  const stepOut = new Float64Array(2 * m)
  const stepIn = new Float64Array(2 * m)
  for (let u = 0; u < n; u++) {
    const uCost = nodeCost ? nodeCost[u] : 0
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      const v = arcHead[a]
      const w = edgeWeight[e]
      const usable = !edgeBlocked?.[e] && w >= 0 && w < Infinity && !nodeBlocked?.[v] && !nodeBlocked?.[u] && edgeTail[e] !== edgeHead[e]
      stepOut[a] = usable ? w + (nodeCost ? nodeCost[v] : 0) : -1
      stepIn[a] = usable ? w + uCost : -1
    }
  }
  const dist = new Float64Array(n).fill(Infinity)
  const sigma = new Float64Array(n)
  const delta = new Float64Array(n)
  const position = new Int32Array(n).fill(-1)
  const order = new Int32Array(n)
  // Shortest-path predecessors of each node as arcs of its own CSR row: predArc[offsets[w] + k], k < predCount[w].
  const predArc = new Int32Array(2 * m)
  const predCount = new Int32Array(n)
  const heap = new IndexedMinHeap(n)
  const sources = pairWeights ? [...pairWeights.keys()].sort((a, b) => a - b) : Array.from({ length: n }, (_, v) => v)
  for (const s of sources) {
    if (nodeBlocked?.[s]) continue
    const weights = pairWeights?.get(s)
    dist[s] = 0
    heap.push(s, 0)
    let settled = 0
    while (heap.size > 0) {
      const u = heap.pop()
      position[u] = settled
      order[settled++] = u
      const du = dist[u]
      // Costs within ECMP's relative tolerance of du count as equal (as ECMP loading splits them).
      const tolerance = ECMP_TOLERANCE * (du > 1 ? du : 1)
      // Every node settled before u is final, so u's predecessors and path count are known now: a settled
      // neighbour x precedes u when x's cost plus the step fits du. Unsettled neighbours are relaxed.
      let count = u === s ? 1 : 0
      let preds = 0
      const first = offsets[u]
      for (let a = first, end = offsets[u + 1]; a < end; a++) {
        const x = arcHead[a]
        if (position[x] >= 0) {
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
          heap.push(x, d)
        }
      }
      sigma[u] = count
      predCount[u] = preds
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
      position[v] = -1
      delta[v] = 0
    }
  }
  if (!pairWeights) {
    for (let v = 0; v < n; v++) node[v] /= 2
    for (let e = 0; e < m; e++) edge[e] /= 2
  }
  return { node, edge }
}
