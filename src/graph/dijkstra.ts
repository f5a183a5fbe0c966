import { type Graph, otherEnd } from './csr'
import type { Path, SearchOptions, ShortestPathTree } from './types'
import { acquire, release, renew, type Workspace } from './workspace'

/*
 * Cost model shared by every search: stepping from u to v over edge e costs edgeWeight[e] + nodeCost[v],
 * evaluated as (costSoFar + edgeWeight[e]) + nodeCost[v]. An edge is unusable when blocked or when its weight
 * is Infinity or NaN; a blocked node is never entered (nor left, if it is the source).
 *
 * Tie-breaking (the same input gives the same path on every run): nodes are settled in order of key, then
 * node id; a node's arcs are scanned in edge-id order; a label changes only on a strictly smaller cost, so
 * among equal-cost routes a node keeps the predecessor settled first. `shortestPath` returns one
 * minimum-cost path chosen by those rules; `kShortestPaths` (yen.ts) orders ties by node sequence.
 */

/** Point-to-point options: a heuristic turns the search into A*. */
export interface PointToPointOptions extends SearchOptions {
  /**
   * Lower bound on the cost from a node to the target (admissible), e.g. the scaled great-circle distance.
   * Infinity prunes the node; negative or NaN counts as 0.
   */
  heuristic?: (node: number) => number
}

export function checkNode(graph: Graph, node: number, what: string): void {
  if (!Number.isInteger(node) || node < 0 || node >= graph.nodeCount) {
    throw new RangeError(`${what} ${node} is not a node of this graph (0..${graph.nodeCount - 1})`)
  }
}

export function checkOptions(graph: Graph, options: SearchOptions): void {
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  if (!(edgeWeight instanceof Float64Array) || edgeWeight.length < graph.edgeCount) {
    throw new RangeError(`edgeWeight must be a Float64Array of at least ${graph.edgeCount} entries`)
  }
  if (nodeCost !== undefined && nodeCost.length < graph.nodeCount) throw new RangeError(`nodeCost needs ${graph.nodeCount} entries`)
  if (edgeBlocked !== undefined && edgeBlocked.length < graph.edgeCount) throw new RangeError(`edgeBlocked needs ${graph.edgeCount} entries`)
  if (nodeBlocked !== undefined && nodeBlocked.length < graph.nodeCount) throw new RangeError(`nodeBlocked needs ${graph.nodeCount} entries`)
}

export function negativeWeight(e: number, w: number): RangeError {
  return new RangeError(`edge ${e} has a negative weight (${w}); searches need weights ≥ 0`)
}

/** nodeCost[v], checked: a negative cost would break every search's settling order. */
export function nodeCostAt(nodeCost: Float64Array, v: number): number {
  const c = nodeCost[v]
  if (c < 0) throw new RangeError(`node ${v} has a negative cost (${c}); searches need node costs ≥ 0`)
  return c
}

/**
 * Single-source shortest paths to every node: Dijkstra with a binary heap, O((n + m) log n)
 * (E. W. Dijkstra, Numerische Mathematik 1, 1959). `dist` is Infinity where unreached; a blocked source
 * leaves every node unreached.
 */
export function shortestPathTree(graph: Graph, source: number, options: SearchOptions): ShortestPathTree {
  checkNode(graph, source, 'source')
  checkOptions(graph, options)
  const n = graph.nodeCount
  const dist = new Float64Array(n).fill(Infinity)
  const predEdge = new Int32Array(n).fill(-1)
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  if (nodeBlocked && nodeBlocked[source]) return { source, dist, predEdge }
  const { offsets, arcHead, arcEdge } = graph
  const workspace = acquire(graph)
  const heap = workspace.heapForward
  try {
    dist[source] = 0
    heap.push(source, 0)
    while (heap.size > 0) {
      const u = heap.pop()
      const du = dist[u]
      for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
        const e = arcEdge[a]
        if (edgeBlocked && edgeBlocked[e]) continue
        const w = edgeWeight[e]
        if (!(w >= 0 && w < Infinity)) {
          if (w < 0) throw negativeWeight(e, w)
          continue
        }
        const v = arcHead[a]
        if (nodeBlocked && nodeBlocked[v]) continue
        const nd = nodeCost ? du + w + nodeCostAt(nodeCost, v) : du + w
        if (nd < dist[v]) {
          dist[v] = nd
          predEdge[v] = e
          heap.push(v, nd)
        }
      }
    }
  } finally {
    release(graph, workspace)
  }
  return { source, dist, predEdge }
}

/** The tree's path to `target`, null when unreached; O(path length). */
export function pathFromTree(tree: ShortestPathTree, graph: Graph, target: number): Path | null {
  checkNode(graph, target, 'target')
  const cost = tree.dist[target]
  if (!(cost < Infinity)) return null
  const nodes = [target]
  const edges: number[] = []
  let v = target
  while (v !== tree.source) {
    const e = tree.predEdge[v]
    if (e < 0) throw new RangeError(`the tree has no predecessor for node ${v}`)
    edges.push(e)
    v = otherEnd(graph, e, v)
    nodes.push(v)
  }
  nodes.reverse()
  edges.reverse()
  return { nodes, edges, cost }
}

/**
 * Cost of a path under the options: Σ edge weights + Σ node costs after the first node, summed from the
 * source in the order the searches use. Infinity if the path uses a blocked or unusable edge or node.
 * Throws if the edges do not join consecutive nodes.
 */
export function pathCost(graph: Graph, path: { nodes: ArrayLike<number>; edges: ArrayLike<number> }, options: SearchOptions): number {
  checkOptions(graph, options)
  const { nodes, edges } = path
  if (nodes.length !== edges.length + 1) throw new RangeError('a path has one more node than edges')
  for (let i = 0; i < nodes.length; i++) checkNode(graph, nodes[i], `path node ${i}`)
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  let cost = 0
  if (nodeBlocked && nodeBlocked[nodes[0]]) cost = Infinity
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]
    const u = nodes[i]
    const v = nodes[i + 1]
    if (!Number.isInteger(e) || e < 0 || e >= graph.edgeCount) throw new RangeError(`path edge ${i} (${e}) is not an edge of this graph`)
    const joins = (graph.edgeTail[e] === u && graph.edgeHead[e] === v) || (graph.edgeTail[e] === v && graph.edgeHead[e] === u)
    if (!joins) throw new RangeError(`path edge ${i} (${e}) does not join nodes ${u} and ${v}`)
    const w = edgeWeight[e]
    if ((edgeBlocked && edgeBlocked[e]) || (nodeBlocked && nodeBlocked[v]) || !(w >= 0 && w < Infinity)) cost = Infinity
    cost = nodeCost ? cost + w + nodeCost[v] : cost + w
  }
  return cost
}

/** Forward sum of a path found by a search (valid by construction), so every entry point reports the same cost. */
export function sumPath(nodes: readonly number[], edges: readonly number[], options: SearchOptions): number {
  const { edgeWeight, nodeCost } = options
  let cost = 0
  for (let i = 0; i < edges.length; i++) cost = nodeCost ? cost + edgeWeight[edges[i]] + nodeCost[nodes[i + 1]] : cost + edgeWeight[edges[i]]
  return cost
}

/**
 * One minimum-cost path from source to target, or null. Without a heuristic: bidirectional Dijkstra, stopping
 * once the two queue minima sum to at least the best meeting cost (I. Pohl, "Bi-directional search", Machine
 * Intelligence 6, 1971; Goldberg & Harrelson, SODA 2005). With one: A* (Hart, Nilsson & Raphael, IEEE Trans.
 * SSC 4(2), 1968), reopening nodes so a merely admissible heuristic still gives the optimum. Worst case
 * O((n + m) log n); typically a fraction of the graph.
 */
export function shortestPath(graph: Graph, source: number, target: number, options: PointToPointOptions): Path | null {
  checkNode(graph, source, 'source')
  checkNode(graph, target, 'target')
  checkOptions(graph, options)
  const { nodeBlocked } = options
  if (nodeBlocked && (nodeBlocked[source] || nodeBlocked[target])) return null
  if (source === target) return { nodes: [source], edges: [], cost: 0 }
  const workspace = acquire(graph)
  try {
    const found = options.heuristic
      ? aStar(graph, workspace, source, target, options, options.heuristic)
      : bidirectional(graph, workspace, source, target, options)
    if (!found) return null
    return { nodes: found.nodes, edges: found.edges, cost: sumPath(found.nodes, found.edges, options) }
  } finally {
    release(graph, workspace)
  }
}

function bidirectional(graph: Graph, workspace: Workspace, source: number, target: number, options: SearchOptions): { nodes: number[]; edges: number[] } | null {
  const { offsets, arcHead, arcEdge } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const { forward, backward, heapForward, heapBackward } = workspace
  renew(forward)
  renew(backward)
  const fDist = forward.dist
  const fPred = forward.pred
  const fStamp = forward.stamp
  const fEpoch = forward.epoch
  const bDist = backward.dist
  const bPred = backward.pred
  const bStamp = backward.stamp
  const bEpoch = backward.epoch
  fDist[source] = 0
  fPred[source] = -1
  fStamp[source] = fEpoch
  heapForward.push(source, 0)
  bDist[target] = 0
  bPred[target] = -1
  bStamp[target] = bEpoch
  heapBackward.push(target, 0)
  let best = Infinity
  let meet = -1
  for (;;) {
    const fKey = heapForward.peekKey()
    const bKey = heapBackward.peekKey()
    if (fKey + bKey >= best) break
    if (fKey <= bKey) {
      const u = heapForward.pop()
      const du = fDist[u]
      for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
        const e = arcEdge[a]
        if (edgeBlocked && edgeBlocked[e]) continue
        const w = edgeWeight[e]
        if (!(w >= 0 && w < Infinity)) {
          if (w < 0) throw negativeWeight(e, w)
          continue
        }
        const v = arcHead[a]
        if (nodeBlocked && nodeBlocked[v]) continue
        const nd = nodeCost ? du + w + nodeCostAt(nodeCost, v) : du + w
        if (fStamp[v] === fEpoch && !(nd < fDist[v])) continue
        if (!(nd < Infinity)) continue
        fDist[v] = nd
        fPred[v] = e
        fStamp[v] = fEpoch
        heapForward.push(v, nd)
        if (bStamp[v] === bEpoch) {
          const total = nd + bDist[v]
          if (total < best) {
            best = total
            meet = v
          }
        }
      }
    } else {
      // Backward: arcs u → v are scanned from v; entering v costs nodeCost[v].
      const v = heapBackward.pop()
      const dv = bDist[v]
      const cv = nodeCost ? nodeCostAt(nodeCost, v) : 0
      for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
        const e = arcEdge[a]
        if (edgeBlocked && edgeBlocked[e]) continue
        const w = edgeWeight[e]
        if (!(w >= 0 && w < Infinity)) {
          if (w < 0) throw negativeWeight(e, w)
          continue
        }
        const u = arcHead[a]
        if (nodeBlocked && nodeBlocked[u]) continue
        const nd = dv + w + cv
        if (bStamp[u] === bEpoch && !(nd < bDist[u])) continue
        if (!(nd < Infinity)) continue
        bDist[u] = nd
        bPred[u] = e
        bStamp[u] = bEpoch
        heapBackward.push(u, nd)
        if (fStamp[u] === fEpoch) {
          const total = fDist[u] + nd
          if (total < best) {
            best = total
            meet = u
          }
        }
      }
    }
  }
  if (meet < 0) return null
  const nodes = [meet]
  const edges: number[] = []
  for (let v = meet; v !== source; ) {
    const e = fPred[v]
    edges.push(e)
    v = otherEnd(graph, e, v)
    nodes.push(v)
  }
  nodes.reverse()
  edges.reverse()
  for (let v = meet; v !== target; ) {
    const e = bPred[v]
    edges.push(e)
    v = otherEnd(graph, e, v)
    nodes.push(v)
  }
  return { nodes, edges }
}

function aStar(
  graph: Graph,
  workspace: Workspace,
  source: number,
  target: number,
  options: SearchOptions,
  heuristic: (node: number) => number,
): { nodes: number[]; edges: number[] } | null {
  const { offsets, arcHead, arcEdge } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const { forward, heapForward: heap, heuristic: hValue, heuristicStamp: hStamp } = workspace
  renew(forward)
  const { dist, pred, stamp } = forward
  const epoch = forward.epoch
  const estimate = (v: number): number => {
    if (hStamp[v] === epoch) return hValue[v]
    const raw = heuristic(v)
    const h = raw > 0 ? raw : 0
    hValue[v] = h
    hStamp[v] = epoch
    return h
  }
  const hSource = estimate(source)
  if (hSource === Infinity) return null
  dist[source] = 0
  pred[source] = -1
  stamp[source] = epoch
  heap.push(source, hSource)
  let reached = false
  while (heap.size > 0) {
    const u = heap.pop()
    if (u === target) {
      reached = true
      break
    }
    const du = dist[u]
    for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
      const e = arcEdge[a]
      if (edgeBlocked && edgeBlocked[e]) continue
      const w = edgeWeight[e]
      if (!(w >= 0 && w < Infinity)) {
        if (w < 0) throw negativeWeight(e, w)
        continue
      }
      const v = arcHead[a]
      if (nodeBlocked && nodeBlocked[v]) continue
      const nd = nodeCost ? du + w + nodeCostAt(nodeCost, v) : du + w
      if (stamp[v] === epoch && !(nd < dist[v])) continue
      if (!(nd < Infinity)) continue
      const h = estimate(v)
      if (h === Infinity) continue
      dist[v] = nd
      pred[v] = e
      stamp[v] = epoch
      heap.push(v, nd + h)
    }
  }
  if (!reached) return null
  const nodes = [target]
  const edges: number[] = []
  for (let v = target; v !== source; ) {
    const e = pred[v]
    edges.push(e)
    v = otherEnd(graph, e, v)
    nodes.push(v)
  }
  nodes.reverse()
  edges.reverse()
  return { nodes, edges }
}
