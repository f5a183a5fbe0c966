import { type Graph, type SearchOptions, pathFromTree, shortestPathTree } from '../graph'

/** A demand between two dense node ids of a graph, Gbit/s in each direction. */
export interface EdgeDemand {
  source: number
  target: number
  gbps: number
}

export interface RoutedPath {
  nodes: number[]
  edges: number[]
  gbps: number
}

export interface DemandFlow {
  paths: RoutedPath[]
  routedGbps: number
  /** True when the paths list leaves some of the routed flow out (ECMP with many equal-cost paths). */
  pathsTruncated?: boolean
}

/** Per-edge load (Gbit/s in each direction: demands are symmetric) and each demand's paths, in demand order. */
export interface Loading {
  loadGbps: Float64Array
  flows: DemandFlow[]
}

function bySource<T extends { source: number }>(demands: readonly T[], key: (d: T) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>()
  demands.forEach((d, i) => {
    const k = key(d)
    const list = groups.get(k)
    if (list) list.push(i)
    else groups.set(k, [i])
  })
  return groups
}

/**
 * Every demand on its one shortest path (the deterministic tie-break of `shortestPathTree`): one Dijkstra per
 * distinct source, O(S (n + m) log n). What a network routed by a plain IGP carries, regardless of capacity.
 */
export function shortestPathLoading(graph: Graph, demands: readonly EdgeDemand[], options: SearchOptions): Loading {
  const loadGbps = new Float64Array(graph.edgeCount)
  const flows: DemandFlow[] = demands.map(() => ({ paths: [], routedGbps: 0 }))
  for (const [source, members] of bySource(demands, (d) => d.source)) {
    const tree = shortestPathTree(graph, source, options)
    for (const i of members) {
      const path = pathFromTree(tree, graph, demands[i].target)
      if (!path) continue
      const { gbps } = demands[i]
      for (const e of path.edges) loadGbps[e] += gbps
      flows[i] = { paths: [{ nodes: path.nodes, edges: path.edges, gbps }], routedGbps: gbps }
    }
  }
  return { loadGbps, flows }
}

/** Relative tolerance under which two path costs count as equal for ECMP. */
export const ECMP_TOLERANCE = 1e-9

/**
 * Equal-cost multipath, as OSPF/IS-IS forward (RFC 2328 §16.1; per-hop equal split, RFC 2992's hash-based
 * model in the limit of many flows): at each node, the traffic towards a destination splits equally over
 * every next hop on a shortest path to it. One Dijkstra per distinct target, then a push of the inflow in
 * decreasing distance order, O(T (n + m) log n). Paths are listed up to `maxPaths` per demand (their shares
 * are exact; the loads never depend on the listing).
 */
export function ecmpLoading(graph: Graph, demands: readonly EdgeDemand[], options: SearchOptions, maxPaths = 16): Loading {
  const n = graph.nodeCount
  const loadGbps = new Float64Array(graph.edgeCount)
  const flows: DemandFlow[] = demands.map(() => ({ paths: [], routedGbps: 0 }))
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const nc = (v: number) => (nodeCost ? nodeCost[v] : 0)
  for (const [target, members] of bySource(demands, (d) => d.target)) {
    const tree = shortestPathTree(graph, target, options)
    // Cost from x to the target: the tree measures target → x, which charges x's node cost and not the target's.
    const toTarget = Float64Array.from(tree.dist, (dist, x) => dist - nc(x) + nc(target))
    const nextArcs: number[][] = Array.from({ length: n }, () => [])
    for (let u = 0; u < n; u++) {
      if (u === target || !Number.isFinite(toTarget[u]) || nodeBlocked?.[u]) continue
      for (let a = graph.offsets[u]; a < graph.offsets[u + 1]; a++) {
        const e = graph.arcEdge[a]
        const v = graph.arcHead[a]
        const w = edgeWeight[e]
        if (edgeBlocked?.[e] || !(w >= 0 && w < Infinity) || v === u || !Number.isFinite(toTarget[v])) continue
        const via = w + nc(v) + toTarget[v]
        if (Math.abs(via - toTarget[u]) <= ECMP_TOLERANCE * Math.max(1, Math.abs(toTarget[u]))) nextArcs[u].push(a)
      }
    }
    const inflow = new Float64Array(n)
    for (const i of members) {
      const { source, gbps } = demands[i]
      if (source === target || !Number.isFinite(toTarget[source]) || nextArcs[source].length === 0) continue
      inflow[source] += gbps
      flows[i] = enumerate(graph, nextArcs, source, target, gbps, maxPaths)
    }
    const order = Array.from({ length: n }, (_, v) => v)
      .filter((v) => Number.isFinite(toTarget[v]))
      .sort((x, y) => toTarget[y] - toTarget[x] || x - y)
    for (const u of order) {
      if (u === target || inflow[u] === 0) continue
      const share = inflow[u] / nextArcs[u].length
      for (const a of nextArcs[u]) {
        loadGbps[graph.arcEdge[a]] += share
        inflow[graph.arcHead[a]] += share
      }
    }
  }
  return { loadGbps, flows }
}

/** The ECMP paths of one demand with their shares, by depth-first search over the next-hop DAG. */
function enumerate(graph: Graph, nextArcs: number[][], source: number, target: number, gbps: number, maxPaths: number): DemandFlow {
  const paths: RoutedPath[] = []
  let listed = 0
  const nodes = [source]
  const edges: number[] = []
  let truncated = false
  const visit = (u: number, fraction: number) => {
    if (truncated) return
    if (u === target) {
      if (paths.length >= maxPaths) {
        truncated = true
        return
      }
      paths.push({ nodes: [...nodes], edges: [...edges], gbps: gbps * fraction })
      listed += fraction
      return
    }
    const arcs = nextArcs[u]
    for (const a of arcs) {
      nodes.push(graph.arcHead[a])
      edges.push(graph.arcEdge[a])
      visit(graph.arcHead[a], fraction / arcs.length)
      nodes.pop()
      edges.pop()
    }
  }
  visit(source, 1)
  return truncated ? { paths, routedGbps: gbps, pathsTruncated: listed < 1 - 1e-12 } : { paths, routedGbps: gbps }
}
