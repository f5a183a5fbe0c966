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
 */
export function betweenness(graph: Graph, options: SearchOptions, pairWeights?: PairWeights): Betweenness {
  const n = graph.nodeCount
  const { offsets, arcHead, arcEdge } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const node = new Float64Array(n)
  const edge = new Float64Array(graph.edgeCount)
  const dist = new Float64Array(n)
  const sigma = new Float64Array(n)
  const delta = new Float64Array(n)
  const position = new Int32Array(n)
  const order = new Int32Array(n)
  const heap = new IndexedMinHeap(n)
  const nc = (v: number) => (nodeCost ? nodeCost[v] : 0)
  const usableArc = (a: number) => {
    const e = arcEdge[a]
    const w = edgeWeight[e]
    return !edgeBlocked?.[e] && w >= 0 && w < Infinity && !nodeBlocked?.[arcHead[a]] && graph.edgeTail[e] !== graph.edgeHead[e]
  }
  const equal = (x: number, y: number) => Math.abs(x - y) <= ECMP_TOLERANCE * Math.max(1, Math.abs(y))
  const sources = pairWeights ? [...pairWeights.keys()].sort((a, b) => a - b) : Array.from({ length: n }, (_, v) => v)
  for (const s of sources) {
    if (nodeBlocked?.[s]) continue
    const weights = pairWeights?.get(s)
    dist.fill(Infinity)
    position.fill(-1)
    dist[s] = 0
    heap.push(s, 0)
    let settled = 0
    while (heap.size > 0) {
      const u = heap.pop()
      position[u] = settled
      order[settled++] = u
      for (let a = offsets[u]; a < offsets[u + 1]; a++) {
        if (!usableArc(a)) continue
        const v = arcHead[a]
        if (position[v] >= 0) continue
        const d = dist[u] + edgeWeight[arcEdge[a]] + nc(v)
        if (dist[v] === Infinity || (d < dist[v] && !equal(d, dist[v]))) {
          dist[v] = d
          heap.push(v, d)
        }
      }
    }
    // Path counts in settling order: u precedes w on a shortest path when it settled earlier and the step fits.
    const isPred = (a: number, w: number) => {
      const u = arcHead[a]
      return position[u] >= 0 && position[u] < position[w] && equal(dist[u] + edgeWeight[arcEdge[a]] + nc(w), dist[w])
    }
    sigma[s] = 1
    for (let i = 1; i < settled; i++) {
      const w = order[i]
      let count = 0
      for (let a = offsets[w]; a < offsets[w + 1]; a++) if (usableArc(a) && isPred(a, w)) count += sigma[arcHead[a]]
      sigma[w] = count
    }
    for (let i = 0; i < settled; i++) delta[order[i]] = 0
    for (let i = settled - 1; i > 0; i--) {
      const w = order[i]
      const coefficient = ((weights ? weights[w] : 1) + delta[w]) / sigma[w]
      for (let a = offsets[w]; a < offsets[w + 1]; a++) {
        if (!usableArc(a) || !isPred(a, w)) continue
        const u = arcHead[a]
        const share = sigma[u] * coefficient
        delta[u] += share
        edge[arcEdge[a]] += share
      }
      node[w] += delta[w]
    }
  }
  if (!pairWeights) {
    for (let v = 0; v < n; v++) node[v] /= 2
    for (let e = 0; e < graph.edgeCount; e++) edge[e] /= 2
  }
  return { node, edge }
}
