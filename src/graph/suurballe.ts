import type { Graph } from './csr'
import { checkNode, checkOptions } from './dijkstra'
import { IndexedMinHeap } from './heap'
import type { Path, SearchOptions } from './types'

/** What the paths may not share: edges only, or intermediate nodes (and so edges) too. */
export type Disjointness = 'edge' | 'node'

export interface DisjointOptions extends SearchOptions {
  /**
   * When set, an edge (and, for node-disjointness, an intermediate node) may carry more than one path, each
   * extra path paying this penalty once per shared element. A penalty larger than any path's cost makes the
   * answer maximally disjoint first and cheapest second, and gives k paths whenever source and target connect.
   */
  sharePenalty?: number
}

export interface DisjointPaths {
  /** Cheapest first, ties by node sequence. Fewer than k when no k disjoint paths exist (and no penalty allows sharing). */
  paths: Path[]
  /** Σ path costs (excluding share penalties). */
  totalCost: number
}

/*
 * The residual network of a unit-capacity min-cost flow: arcs in pairs (a, a ^ 1), the second the reverse of
 * the first. Node-disjointness splits every intermediate node v into v_in = v and v_out = n + v joined by one
 * arc of capacity 1 (Suurballe & Tarjan 1984).
 */
interface Residual {
  nodeCount: number
  head: number[]
  cap: number[]
  cost: number[]
  /** Graph edge of the arc, −1 for split and penalty arcs. */
  edge: number[]
  first: Int32Array
  next: number[]
}

function residual(nodeCount: number): Residual {
  return { nodeCount, head: [], cap: [], cost: [], edge: [], first: new Int32Array(nodeCount).fill(-1), next: [] }
}

function addArc(r: Residual, u: number, v: number, cap: number, cost: number, edge: number): void {
  const a = r.head.length
  r.head.push(v, u)
  r.cap.push(cap, 0)
  r.cost.push(cost, -cost)
  r.edge.push(edge, edge)
  r.next.push(r.first[u], r.first[v])
  r.first[u] = a
  r.first[v] = a + 1
}

/**
 * k paths from source to target, pairwise edge- or node-disjoint, of minimum total cost: successive shortest
 * paths with Johnson potentials, each augmentation one Dijkstra — Suurballe's algorithm generalised to k
 * (J. W. Suurballe, Networks 4, 1974; R. Bhandari, "Survivable Networks", Kluwer 1999). O(k (n + m) log n).
 * Costs follow the search cost model: an edge's weight plus the cost of the node it enters.
 */
export function disjointPaths(graph: Graph, source: number, target: number, k: number, disjoint: Disjointness, options: DisjointOptions): DisjointPaths {
  checkNode(graph, source, 'source')
  checkNode(graph, target, 'target')
  checkOptions(graph, options)
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k})`)
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked, sharePenalty } = options
  if (source === target) return { paths: [{ nodes: [source], edges: [], cost: 0 }], totalCost: 0 }
  if (nodeBlocked && (nodeBlocked[source] || nodeBlocked[target])) return { paths: [], totalCost: 0 }
  const n = graph.nodeCount
  const split = disjoint === 'node'
  const r = residual(split ? 2 * n : n)
  const extra = sharePenalty !== undefined ? k - 1 : 0
  // Arcs leave v from v_out: n + v when v is split, v itself otherwise (source and target are never split).
  const out = (v: number) => (split && v !== source && v !== target ? n + v : v)
  const enterCost = (v: number) => (nodeCost && !split ? nodeCost[v] : 0)
  if (split) {
    for (let v = 0; v < n; v++) {
      if (v === source || v === target || (nodeBlocked && nodeBlocked[v])) continue
      const c = nodeCost ? nodeCost[v] : 0
      addArc(r, v, n + v, 1, c, -1)
      if (extra > 0) addArc(r, v, n + v, extra, c + (sharePenalty as number), -1)
    }
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const w = edgeWeight[e]
    if ((edgeBlocked && edgeBlocked[e]) || !(w >= 0 && w < Infinity)) continue
    const a = graph.edgeTail[e]
    const b = graph.edgeHead[e]
    if (a === b) continue
    if (nodeBlocked && (nodeBlocked[a] || nodeBlocked[b])) continue
    const caps: [number, number][] = [[1, 0]]
    if (extra > 0) caps.push([extra, sharePenalty as number])
    for (const [cap, penalty] of caps) {
      if (b !== source && a !== target) addArc(r, out(a), b, cap, w + enterCost(b) + penalty, e)
      if (a !== source && b !== target) addArc(r, out(b), a, cap, w + enterCost(a) + penalty, e)
    }
  }
  const N = r.nodeCount
  const potential = new Float64Array(N)
  const dist = new Float64Array(N)
  const pred = new Int32Array(N)
  const heap = new IndexedMinHeap(N)
  let flow = 0
  while (flow < k) {
    dist.fill(Infinity)
    pred.fill(-1)
    dist[source] = 0
    heap.push(source, 0)
    while (heap.size > 0) {
      const u = heap.pop()
      const du = dist[u]
      for (let a = r.first[u]; a >= 0; a = r.next[a]) {
        if (r.cap[a] <= 0) continue
        const v = r.head[a]
        // Reduced costs are ≥ 0 up to rounding; clamp so Dijkstra stays valid.
        const reduced = Math.max(0, r.cost[a] + potential[u] - potential[v])
        const nd = du + reduced
        if (nd < dist[v]) {
          dist[v] = nd
          pred[v] = a
          heap.push(v, nd)
        }
      }
    }
    if (!(dist[target] < Infinity)) break
    for (let v = 0; v < N; v++) if (dist[v] < Infinity) potential[v] += dist[v]
    for (let v = target; v !== source; ) {
      const a = pred[v]
      r.cap[a] -= 1
      r.cap[a ^ 1] += 1
      v = r.head[a ^ 1]
    }
    flow++
  }
  return decompose(graph, r, source, target, flow, options)
}

/** Splits the flow into source–target paths, cancelling opposite flows on an edge and dropping cycles. */
function decompose(
  graph: Graph,
  r: Residual,
  source: number,
  target: number,
  flow: number,
  options: SearchOptions,
): DisjointPaths {
  const n = graph.nodeCount
  // Net flow on each graph edge from edgeTail to edgeHead.
  const net = new Int32Array(graph.edgeCount)
  for (let a = 0; a < r.head.length; a += 2) {
    const e = r.edge[a]
    if (e < 0) continue
    const used = r.cap[a + 1]
    if (used === 0) continue
    const fromNode = r.head[a + 1] >= n ? r.head[a + 1] - n : r.head[a + 1]
    net[e] += fromNode === graph.edgeTail[e] ? used : -used
  }
  const paths: Path[] = []
  for (let i = 0; i < flow; i++) {
    const nodes = [source]
    const edges: number[] = []
    const seenAt = new Map<number, number>([[source, 0]])
    let v = source
    while (v !== target) {
      let chosen = -1
      for (let a = graph.offsets[v]; a < graph.offsets[v + 1]; a++) {
        const e = graph.arcEdge[a]
        const forward = graph.edgeTail[e] === v ? 1 : -1
        if (graph.edgeTail[e] === graph.edgeHead[e]) continue
        if (net[e] * forward > 0) {
          chosen = a
          break
        }
      }
      if (chosen < 0) throw new Error('flow decomposition lost the path (internal invariant)')
      const e = graph.arcEdge[chosen]
      net[e] -= graph.edgeTail[e] === v ? 1 : -1
      v = graph.arcHead[chosen]
      const earlier = seenAt.get(v)
      if (earlier !== undefined) {
        // A cycle (possible only through zero-cost elements or shared penalised ones): cut it out.
        for (let j = earlier + 1; j < nodes.length; j++) seenAt.delete(nodes[j])
        nodes.length = earlier + 1
        edges.length = earlier
        continue
      }
      seenAt.set(v, nodes.length)
      nodes.push(v)
      edges.push(e)
    }
    paths.push({ nodes, edges, cost: pathSum(nodes, edges, options) })
  }
  paths.sort((x, y) => x.cost - y.cost || compareSeq(x.nodes, y.nodes))
  return { paths, totalCost: paths.reduce((s, p) => s + p.cost, 0) }
}

function pathSum(nodes: number[], edges: number[], options: SearchOptions): number {
  const { edgeWeight, nodeCost } = options
  let cost = 0
  for (let i = 0; i < edges.length; i++) cost = nodeCost ? cost + edgeWeight[edges[i]] + nodeCost[nodes[i + 1]] : cost + edgeWeight[edges[i]]
  return cost
}

function compareSeq(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/** Number of pairwise edge- or node-disjoint source–target paths (the max flow, Menger's theorem). */
export function maxDisjointPaths(graph: Graph, source: number, target: number, disjoint: Disjointness, options: SearchOptions): number {
  const limit = Math.max(1, graph.edgeCount)
  return disjointPaths(graph, source, target, limit, disjoint, options).paths.length
}
