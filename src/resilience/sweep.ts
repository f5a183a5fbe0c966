import { type Graph, IndexedMinHeap, type SearchOptions, otherEnd, shortestPathTree } from '../graph'

/**
 * Everything a failure sweep needs, as flat typed arrays so that worker threads can share it without copying
 * (each array may sit on a SharedArrayBuffer). Pairs are (endpoints[i], endpoints[j]) for i < j; row i of the
 * tree arrays is the shortest-path tree from endpoints[i], n entries long.
 */
export interface SweepModel {
  readonly graph: Graph
  readonly edgeWeight: Float64Array
  readonly nodeCost?: Float64Array
  /** Edges unusable in the base state (a scenario's masks); never failed, never used. */
  readonly edgeBlocked?: Uint8Array
  readonly endpoints: Int32Array
  /** Rank of each node in `endpoints`, −1 for other nodes. */
  readonly endpointRank: Int32Array
  /** Weight of each pair in `pairIndex` order; uniform when absent (a traffic matrix plugs in here). */
  readonly pairWeight?: Float64Array
  readonly dist: Float64Array
  readonly predEdge: Int32Array
  /** Position of each node in its tree's pre-order, −1 if unreached. */
  readonly pre: Int32Array
  /** Node at each pre-order position. */
  readonly order: Int32Array
  /** Number of nodes in each node's subtree, itself included. */
  readonly size: Int32Array
}

/** What one failure does to every pair. RTTs are round trips in the units of the weights × 2. */
export interface FailureImpact {
  /** Pairs connected before and not after (weighted). */
  pairsDisconnected: number
  /** Pairs whose RTT grew (weighted), disconnected ones excluded. */
  pairsDegraded: number
  /** Weighted mean of RTT after ÷ RTT before over pairs connected before and after; 1 when nothing changed. */
  meanInflation: number
  /** Largest RTT after ÷ before over pairs still connected; 1 when nothing changed. */
  worstInflation: number
  /** Σ weight × (RTT after − RTT before) over pairs still connected. */
  extraRttMs: number
  /** Pair index of the worst inflation, −1 when none grew. */
  worstPair: number
}

export interface SweepModelOptions {
  pairWeight?: Float64Array
  /** Allocates the arrays' memory; pass `(bytes) => new SharedArrayBuffer(bytes)` to share them with workers. */
  allocate?: (bytes: number) => ArrayBufferLike
}

/** Index of pair (i, j), i < j, among `count` endpoints: row-major upper triangle. */
export function pairIndex(i: number, j: number, count: number): number {
  return i * count - (i * (i + 1)) / 2 + (j - i - 1)
}

export function pairCount(count: number): number {
  return (count * (count - 1)) / 2
}

/**
 * Computes the base shortest-path tree from every endpoint but the last (O(E (n + m) log n)) and lays out
 * each tree in pre-order, so that the nodes below a tree edge are one contiguous range.
 */
export function buildSweepModel(graph: Graph, search: SearchOptions, endpoints: ArrayLike<number>, options: SweepModelOptions = {}): SweepModel {
  const allocate = options.allocate ?? ((bytes: number) => new ArrayBuffer(bytes))
  const n = graph.nodeCount
  const count = endpoints.length
  const rows = Math.max(0, count - 1)
  const f64 = (length: number) => new Float64Array(allocate(length * 8), 0, length)
  const i32 = (length: number) => new Int32Array(allocate(length * 4), 0, length)
  const ends = i32(count)
  ends.set(Array.from(endpoints))
  const endpointRank = i32(n).fill(-1)
  ends.forEach((v, i) => {
    if (endpointRank[v] >= 0) throw new RangeError(`endpoint ${v} is listed twice`)
    endpointRank[v] = i
  })
  const dist = f64(rows * n)
  const predEdge = i32(rows * n)
  const pre = i32(rows * n)
  const order = i32(rows * n)
  const size = i32(rows * n)
  const childStart = new Int32Array(n + 1)
  const children = new Int32Array(n)
  const stack = new Int32Array(n)
  const exit = new Uint8Array(n)
  for (let i = 0; i < rows; i++) {
    const s = ends[i]
    const tree = shortestPathTree(graph, s, { edgeWeight: search.edgeWeight, nodeCost: search.nodeCost, edgeBlocked: search.edgeBlocked })
    const o = i * n
    dist.set(tree.dist, o)
    predEdge.set(tree.predEdge, o)
    // Children in CSR by counting sort on the parent, then an iterative DFS for pre-order and subtree sizes.
    childStart.fill(0)
    for (let v = 0; v < n; v++) if (tree.predEdge[v] >= 0) childStart[otherEnd(graph, tree.predEdge[v], v) + 1]++
    for (let v = 0; v < n; v++) childStart[v + 1] += childStart[v]
    const cursor = childStart.slice(0, n)
    for (let v = 0; v < n; v++) if (tree.predEdge[v] >= 0) children[cursor[otherEnd(graph, tree.predEdge[v], v)]++] = v
    pre.fill(-1, o, o + n)
    let position = 0
    let top = 0
    stack[top++] = s
    exit.fill(0)
    while (top > 0) {
      const v = stack[top - 1]
      if (exit[v]) {
        top--
        size[o + v] = position - pre[o + v]
        continue
      }
      exit[v] = 1
      pre[o + v] = position
      order[o + position++] = v
      for (let c = childStart[v + 1] - 1; c >= childStart[v]; c--) stack[top++] = children[c]
    }
  }
  const model: SweepModel = {
    graph,
    edgeWeight: search.edgeWeight,
    endpoints: ends,
    endpointRank,
    dist,
    predEdge,
    pre,
    order,
    size,
    ...(search.nodeCost ? { nodeCost: search.nodeCost } : {}),
    ...(search.edgeBlocked ? { edgeBlocked: search.edgeBlocked } : {}),
    ...(options.pairWeight ? { pairWeight: options.pairWeight } : {}),
  }
  return model
}

/** Reusable scratch memory for `evaluateFailure` on one model. */
export interface FailureScratch {
  readonly newDist: Float64Array
  readonly stamp: Uint32Array
  epoch: number
  readonly affected: Int32Array
  readonly failed: Uint8Array
  readonly heap: IndexedMinHeap
  /** Σ weights of pairs connected in the base state. */
  readonly connectedWeight: number
}

export function failureScratch(model: SweepModel): FailureScratch {
  const n = model.graph.nodeCount
  const count = model.endpoints.length
  let connectedWeight = 0
  for (let i = 0; i + 1 < count; i++) {
    for (let j = i + 1; j < count; j++) {
      if (model.dist[i * n + model.endpoints[j]] < Infinity) connectedWeight += model.pairWeight ? model.pairWeight[pairIndex(i, j, count)] : 1
    }
  }
  return {
    newDist: new Float64Array(n),
    stamp: new Uint32Array(n),
    epoch: 0,
    affected: new Int32Array(n),
    failed: new Uint8Array(model.graph.edgeCount),
    heap: new IndexedMinHeap(n),
    connectedWeight,
  }
}

/** Receives every pair a failure changes: endpoint ranks i < j, one-way costs before and after (Infinity: cut off). */
export type PairVisitor = (i: number, j: number, before: number, after: number) => void

/**
 * The effect of failing a set of edges on every pair, without recomputing from scratch: only the trees that
 * use a failed edge change, and in them only the subtrees below it. Those nodes are relabelled by a Dijkstra
 * seeded from their unaffected neighbours (the dynamic-SSSP repair of Ramalingam & Reps, J. Algorithms 21,
 * 1996, for deletions); every other distance is provably unchanged. Cost: O(Σ affected subtree (deg) log n).
 */
export function evaluateFailure(model: SweepModel, failedEdges: ArrayLike<number>, scratch: FailureScratch, visit?: PairVisitor): FailureImpact {
  const { graph, edgeWeight, nodeCost, edgeBlocked, endpoints, endpointRank, pairWeight, dist, predEdge, pre, order, size } = model
  const { offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const { newDist, stamp, affected, failed, heap } = scratch
  const n = graph.nodeCount
  const count = endpoints.length
  for (let x = 0; x < failedEdges.length; x++) failed[failedEdges[x]] = 1
  let disconnected = 0
  let degraded = 0
  let changedWeight = 0
  let inflationSum = 0
  let worst = 1
  let worstPair = -1
  let extra = 0
  try {
    for (let i = 0; i + 1 < count; i++) {
      const o = i * n
      if (scratch.epoch >= 0xfffffffe) {
        stamp.fill(0)
        scratch.epoch = 0
      }
      const epoch = ++scratch.epoch
      let affectedCount = 0
      for (let x = 0; x < failedEdges.length; x++) {
        const e = failedEdges[x]
        const child = predEdge[o + edgeHead[e]] === e ? edgeHead[e] : predEdge[o + edgeTail[e]] === e ? edgeTail[e] : -1
        if (child < 0 || stamp[child] === epoch) continue
        const from = pre[o + child]
        const to = from + size[o + child]
        for (let p = from; p < to; p++) {
          const v = order[o + p]
          if (stamp[v] === epoch) continue
          stamp[v] = epoch
          affected[affectedCount++] = v
        }
      }
      // Only pairs (i, j > i) are read from this tree: without such an endpoint below the failure, skip it.
      let needed = 0
      for (let x = 0; x < affectedCount; x++) if (endpointRank[affected[x]] > i) needed++
      if (needed === 0) continue
      // Seed each affected node from its unaffected neighbours, whose distances stand.
      for (let x = 0; x < affectedCount; x++) {
        const v = affected[x]
        let best = Infinity
        const cv = nodeCost ? nodeCost[v] : 0
        for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
          const e = arcEdge[a]
          if (failed[e] || (edgeBlocked && edgeBlocked[e])) continue
          const u = arcHead[a]
          if (stamp[u] === epoch) continue
          const w = edgeWeight[e]
          if (!(w >= 0 && w < Infinity)) continue
          const candidate = dist[o + u] + w + cv
          if (candidate < best) best = candidate
        }
        newDist[v] = best
        if (best < Infinity) heap.push(v, best)
      }
      while (heap.size > 0) {
        const u = heap.pop()
        const du = newDist[u]
        for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
          const v = arcHead[a]
          if (stamp[v] !== epoch) continue
          const e = arcEdge[a]
          if (failed[e] || (edgeBlocked && edgeBlocked[e])) continue
          const w = edgeWeight[e]
          if (!(w >= 0 && w < Infinity)) continue
          const nd = nodeCost ? du + w + nodeCost[v] : du + w
          if (nd < newDist[v]) {
            newDist[v] = nd
            heap.push(v, nd)
          }
        }
      }
      heap.clear()
      const sourceCost = nodeCost ? nodeCost[endpoints[i]] : 0
      for (let x = 0; x < affectedCount; x++) {
        const v = affected[x]
        const j = endpointRank[v]
        if (j <= i) continue
        const before = dist[o + v]
        const after = newDist[v]
        // Equal-cost alternatives may sum in another order: differences under 1e-12 relative are no change.
        if (!(after > before + 1e-12 * before)) continue
        const k = pairIndex(i, j, count)
        const w = pairWeight ? pairWeight[k] : 1
        visit?.(i, j, before, after)
        if (after === Infinity) {
          disconnected += w
          continue
        }
        const rttBefore = before + sourceCost
        const inflation = rttBefore > 0 ? (after + sourceCost) / rttBefore : Infinity
        degraded += w
        changedWeight += w
        inflationSum += w * inflation
        extra += w * 2 * (after - before)
        if (inflation > worst) {
          worst = inflation
          worstPair = k
        }
      }
    }
  } finally {
    for (let x = 0; x < failedEdges.length; x++) failed[failedEdges[x]] = 0
    heap.clear()
  }
  const stillConnected = scratch.connectedWeight - disconnected
  const meanInflation = stillConnected > 0 ? (stillConnected - changedWeight + inflationSum) / stillConnected : 1
  return { pairsDisconnected: disconnected, pairsDegraded: degraded, meanInflation, worstInflation: worst, extraRttMs: extra, worstPair }
}

/** Failure scenarios as flat CSR: scenario s fails edges[offsets[s] .. offsets[s+1]]. */
export interface FailureSet {
  offsets: Int32Array
  edges: Int32Array
}

export function failureSet(scenarios: readonly (readonly number[])[]): FailureSet {
  const offsets = new Int32Array(scenarios.length + 1)
  scenarios.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.length))
  const edges = new Int32Array(offsets[scenarios.length])
  scenarios.forEach((s, i) => edges.set(s, offsets[i]))
  return { offsets, edges }
}

/** Every usable edge alone. */
export function singleFailures(model: SweepModel): number[][] {
  const out: number[][] = []
  for (let e = 0; e < model.graph.edgeCount; e++) if (usable(model, e)) out.push([e])
  return out
}

/** Every unordered pair of usable edges: m(m − 1)/2 scenarios. */
export function doubleFailures(model: SweepModel): number[][] {
  const edges: number[] = []
  for (let e = 0; e < model.graph.edgeCount; e++) if (usable(model, e)) edges.push(e)
  const out: number[][] = []
  for (let x = 0; x < edges.length; x++) for (let y = x + 1; y < edges.length; y++) out.push([edges[x], edges[y]])
  return out
}

function usable(model: SweepModel, e: number): boolean {
  const w = model.edgeWeight[e]
  return !(model.edgeBlocked && model.edgeBlocked[e]) && w >= 0 && w < Infinity
}

/** Impacts packed as 6 numbers per scenario (the field order of FailureImpact), for transfer between threads. */
export const IMPACT_FIELDS = 6

export function packImpact(out: Float64Array, at: number, impact: FailureImpact): void {
  const o = at * IMPACT_FIELDS
  out[o] = impact.pairsDisconnected
  out[o + 1] = impact.pairsDegraded
  out[o + 2] = impact.meanInflation
  out[o + 3] = impact.worstInflation
  out[o + 4] = impact.extraRttMs
  out[o + 5] = impact.worstPair
}

export function unpackImpact(packed: Float64Array, at: number): FailureImpact {
  const o = at * IMPACT_FIELDS
  return {
    pairsDisconnected: packed[o],
    pairsDegraded: packed[o + 1],
    meanInflation: packed[o + 2],
    worstInflation: packed[o + 3],
    extraRttMs: packed[o + 4],
    worstPair: packed[o + 5],
  }
}

/**
 * The pure per-chunk computation a worker runs: scenarios `from` .. `to` of the set, packed. The same function
 * runs inline when the sweep is too small to be worth threads.
 */
export function sweepRange(model: SweepModel, set: FailureSet, from: number, to: number, scratch: FailureScratch = failureScratch(model)): Float64Array {
  const out = new Float64Array((to - from) * IMPACT_FIELDS)
  for (let s = from; s < to; s++) packImpact(out, s - from, evaluateFailure(model, set.edges.subarray(set.offsets[s], set.offsets[s + 1]), scratch))
  return out
}
