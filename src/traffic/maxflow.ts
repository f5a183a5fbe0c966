import { type Graph, otherEnd } from '../graph'

export interface MaxFlowOptions {
  /** 1 where an edge may not carry flow. */
  edgeBlocked?: Uint8Array
  /** 1 where a node may not carry flow (a blocked source or sink is dropped from its set). */
  nodeBlocked?: Uint8Array
}

export interface MaxFlowResult {
  /** Gbit/s from the source set to the sink set; Infinity when a path of uncapacitated edges joins them. */
  valueGbps: number
  /** Net flow on each edge, Gbit/s, positive from edgeTail to edgeHead. */
  edgeFlowGbps: Float64Array
  /** 1 for the nodes on the source side of a minimum cut (reachable from a source in the residual graph). */
  sourceSide: Uint8Array
  /** Usable edges with one end on each side: a minimum cut, in edge order (empty when unbounded). */
  cutEdges: number[]
  /** When unbounded: edges of one uncapacitated path from a source to a sink, in path order. */
  unboundedPath?: number[]
}

/**
 * Per graph: each arc's twin (the same edge the other way) and each edge's arc tail → head, which depend on the
 * topology alone, and the scratch arrays of a call (about 2 m × 8 + n × 60 bytes, held while the graph lives:
 * allocating them took a tenth of a 1k-node call). One set serves every call: `maxFlow` is synchronous and
 * calls nothing that could re-enter it.
 */
interface FlowArrays {
  readonly twin: Int32Array
  readonly edgeArc: Int32Array
  readonly isSink: Uint8Array
  readonly isSource: Uint8Array
  readonly residual: Float64Array
  readonly excess: Float64Array
  readonly outside: Uint8Array
  readonly level: Int32Array
  readonly predArc: Int32Array
  readonly buckets: Buckets
}

const arrayCache = new WeakMap<Graph, FlowArrays>()

/** The graph's arrays, the scratch ones cleared where a call reads before it writes. */
function arraysOf(graph: Graph): FlowArrays {
  const cached = arrayCache.get(graph)
  if (cached) {
    cached.isSink.fill(0)
    cached.isSource.fill(0)
    cached.residual.fill(0)
    cached.excess.fill(0)
    return cached
  }
  const { nodeCount: n, edgeCount: m, offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const twin = new Int32Array(2 * m)
  const edgeArc = new Int32Array(m)
  const firstArc = new Int32Array(m).fill(-1)
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      if (edgeTail[e] === u && arcHead[a] === edgeHead[e]) edgeArc[e] = a
      if (firstArc[e] < 0) firstArc[e] = a
      else {
        twin[a] = firstArc[e]
        twin[firstArc[e]] = a
      }
    }
  }
  const arrays: FlowArrays = {
    twin,
    edgeArc,
    isSink: new Uint8Array(n),
    isSource: new Uint8Array(n),
    residual: new Float64Array(2 * m),
    excess: new Float64Array(n),
    outside: new Uint8Array(n),
    level: new Int32Array(n),
    predArc: new Int32Array(n),
    buckets: bucketsOf(n),
  }
  arrayCache.set(graph, arrays)
  return arrays
}

/**
 * Maximum flow and a minimum cut between two node sets of an undirected graph by the push-relabel method
 * (Goldberg & Tarjan, "A new approach to the maximum-flow problem", J. ACM 35, 1988) as Cherkassky & Goldberg
 * implement it ("On implementing the push-relabel method for the maximum flow problem", Algorithmica 19,
 * 1997; their hi_pr, and igraph's C core): highest-label selection, exact labels from a BFS from the sinks
 * at the start and again after O(n + m) work of relabelling (global relabelling), and the gap heuristic (when
 * no node holds label k, nodes above k cannot reach a sink and leave at once). O(n² √m). The first phase
 * leaves a maximum preflow: the sinks hold the value, and excess that cannot reach a sink sits at nodes cut
 * off from the sinks. A second phase, the same method with the sources as targets over the nodes cut off,
 * returns that excess to the sources, so the result is a flow and the nodes a source reaches in its residual
 * graph are the source side of the minimum cut nearest the sources. It replaced shortest augmenting paths with
 * distance labels (Ahuja & Orlin 1991), which took 700–7,000 relabels for 14–40 augmentations on the 1k-node
 * benchmark pairs, twice igraph's time (docs/traffic.md, benchmarks). Each edge holds its capacity in each direction (full duplex)
 * and parallel edges add up: with net flow f on edge e (tail → head), the arc tail → head has residual c − f
 * and head → tail has c + f, so the CSR index serves as the residual graph without copying. Several sources
 * and sinks act as a super-source and super-sink joined by uncapacitated arcs. Deterministic: arcs are
 * scanned in CSR order, buckets are last in, first out. Iterative, so paths of any length never overflow the
 * stack.
 */
export function maxFlow(graph: Graph, sources: readonly number[], sinks: readonly number[], capacityGbps: Float64Array, options: MaxFlowOptions = {}): MaxFlowResult {
  const { nodeCount: n, edgeCount: m, offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const { edgeBlocked, nodeBlocked } = options
  const arrays = arraysOf(graph)
  const { twin, edgeArc, isSink, isSource, residual, excess, level, predArc, buckets } = arrays
  // The BFS queue of the reach searches is the buckets' own: the searches never run during a push-relabel phase.
  const { queue } = buckets
  for (const t of sinks) if (!nodeBlocked?.[t]) isSink[t] = 1
  for (const s of sources) {
    if (isSink[s]) throw new RangeError(`node ${s} is both a source and a sink`)
    if (!nodeBlocked?.[s]) isSource[s] = 1
  }
  const starts: number[] = []
  for (const s of sources) {
    if (isSource[s] !== 1) continue
    isSource[s] = 2
    starts.push(s)
  }
  let maxFinite = 0
  let sumFinite = 0
  let uncapacitated = false
  for (let e = 0; e < m; e++) {
    if (!(capacityGbps[e] < Infinity)) {
      uncapacitated ||= capacityGbps[e] === Infinity
      continue
    }
    if (capacityGbps[e] > maxFinite) maxFinite = capacityGbps[e]
    sumFinite += capacityGbps[e]
  }
  // Residuals below this are saturated: rounding in long chains of pushes must not open a phantom path.
  const eps = Math.max(maxFinite, 1) * 1e-12

  // Residual capacity per arc (0 where unusable: no capacity, blocked, a blocked end, a self-loop); the residual
  // of the arc's twin rises by what the arc carries, so both directions keep c ± f.
  for (let e = 0; e < m; e++) {
    const c = capacityGbps[e]
    const tail = edgeTail[e]
    const head = edgeHead[e]
    if (!(c > 0) || tail === head || edgeBlocked?.[e] || nodeBlocked?.[tail] || nodeBlocked?.[head]) continue
    residual[edgeArc[e]] = c
    residual[twin[edgeArc[e]]] = c
  }

  const sourceSide = new Uint8Array(n)
  if (starts.length === 0 || !sinks.some((t) => isSink[t])) return { valueGbps: 0, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [] }
  if (uncapacitated) {
    const reached = reachFrom(graph, residual, starts, isSink, eps, true, level, queue, predArc)
    if (reached >= 0) {
      for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
      const path: number[] = []
      for (let v = reached; level[v] > 0; v = otherEnd(graph, arcEdge[predArc[v]], v)) path.push(arcEdge[predArc[v]])
      return { valueGbps: Infinity, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [], unboundedPath: path.reverse() }
    }
    // No uncapacitated path joins the sets, so every cut holds a finite link and the flow is at most the sum of
    // the finite capacities: above that an uncapacitated link never saturates, and a finite stand-in keeps c ± f.
    const bigM = sumFinite + 1
    for (let a = 0; a < 2 * m; a++) if (residual[a] === Infinity) residual[a] = bigM
  }

  for (const s of starts) {
    for (let a = offsets[s]; a < offsets[s + 1]; a++) {
      const r = residual[a]
      if (!(r > eps) || isSource[arcHead[a]]) continue
      residual[a] = 0
      residual[twin[a]] += r
      excess[arcHead[a]] += r
    }
  }
  pushRelabel(graph, residual, twin, excess, isSink, isSource, eps, buckets)
  let value = 0
  for (let v = 0; v < n; v++) if (isSink[v]) value += excess[v]
  if (stranded(excess, isSource, isSink)) {
    // The second phase needs only the nodes the first left at label n: no residual arc leaves that set (a
    // relabel to n sees only neighbours at n, since buckets 1..max are never empty and so no node holds n − 1;
    // a gap lifts whole arcs; a push never enters it), so the excess returns to the sources inside it, and a
    // search confined to it spares a BFS over the whole graph.
    const { label } = buckets
    const { outside } = arrays
    for (let v = 0; v < n; v++) outside[v] = label[v] < n ? 1 : 0
    pushRelabel(graph, residual, twin, excess, isSource, outside, eps, buckets)
    if (stranded(excess, isSource, isSink)) throw new Error('maxFlow: excess left inside the network after the second phase')
  }

  reachFrom(graph, residual, starts, isSink, eps, false, level, queue, predArc)
  const cutEdges: number[] = []
  for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
  for (let e = 0; e < m; e++) {
    const a = edgeTail[e]
    const b = edgeHead[e]
    if (sourceSide[a] === sourceSide[b] || edgeBlocked?.[e] || nodeBlocked?.[a] || nodeBlocked?.[b]) continue
    cutEdges.push(e)
  }
  const flow = new Float64Array(m)
  for (let e = 0; e < m; e++) {
    const a = edgeArc[e]
    if (residual[a] === 0 && residual[twin[a]] === 0) continue
    flow[e] = (residual[twin[a]] - residual[a]) / 2
  }
  return { valueGbps: value, edgeFlowGbps: flow, sourceSide, cutEdges }
}

/** True when a node other than a source or a sink holds excess. */
function stranded(excess: Float64Array, isSource: Uint8Array, isSink: Uint8Array): boolean {
  for (let v = 0; v < excess.length; v++) if (excess[v] > 0 && !isSource[v] && !isSink[v]) return true
  return false
}

/**
 * BFS levels (`level`, -1 where unreached) from every source over arcs with residual, or with infinite residual
 * when `infiniteOnly`; stops at the level of the nearest sink and returns the first sink reached (-1: none),
 * whose path of `predArc` leads back to a source.
 */
function reachFrom(graph: Graph, residual: Float64Array, starts: readonly number[], isSink: Uint8Array, eps: number, infiniteOnly: boolean, level: Int32Array, queue: Int32Array, predArc: Int32Array): number {
  const { nodeCount: n, offsets, arcHead } = graph
  level.fill(-1)
  let head = 0
  let tail = 0
  for (const s of starts) {
    level[s] = 0
    queue[tail++] = s
  }
  let reachedSink = -1
  let sinkLevel = n
  while (head < tail) {
    const u = queue[head++]
    // Nodes at or past the nearest sink's level lie on no shortest path to a sink: the search needs no more.
    if (level[u] >= sinkLevel) break
    if (isSink[u]) {
      sinkLevel = level[u]
      if (reachedSink < 0) reachedSink = u
      continue
    }
    const next = level[u] + 1
    for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
      const v = arcHead[a]
      if (level[v] >= 0) continue
      const r = residual[a]
      if (infiniteOnly ? r !== Infinity : !(r > eps)) continue
      level[v] = next
      predArc[v] = a
      queue[tail++] = v
    }
  }
  return reachedSink
}

/**
 * Work between global relabellings: a relabel of node v costs RELABEL_WORK + deg(v), and a fresh BFS comes
 * once the work since the last reaches (GLOBAL_ALPHA · n + arcs) / GLOBAL_FREQUENCY (Cherkassky & Goldberg
 * 1997 §4; hi_pr's ALPHA 6, BETA 12 and globUpdtFreq 0.5).
 */
const GLOBAL_ALPHA = 6
const RELABEL_WORK = 12
const GLOBAL_FREQUENCY = 0.5

/**
 * Moves the excess of every node to `isTarget` nodes as far as residual paths allow (the discharge loop of
 * `maxFlow`); what cannot reach a target stays where it is. Nodes in `isFrozen` hold label n throughout: they
 * never receive excess and never send it. `label[v]` is a lower bound on v's residual distance to a target (n:
 * none), valid throughout: label[u] ≤ label[v] + 1 on every arc u → v with residual. Buckets per label hold
 * every labelled node (doubly linked, for the gap) and the active ones (a stack each); `buckets` is scratch space,
 * refilled by the first global relabelling.
 */
function pushRelabel(graph: Graph, residual: Float64Array, twin: Int32Array, excess: Float64Array, isTarget: Uint8Array, isFrozen: Uint8Array, eps: number, buckets: Buckets): void {
  const { nodeCount: n, offsets, arcHead } = graph
  // Plain locals in the loop below (closures over mutable locals keep V8 from holding them in registers).
  const { label, cursor, first, next, prev, firstActive, nextActive } = buckets
  const workLimit = (GLOBAL_ALPHA * n + offsets[n]) / GLOBAL_FREQUENCY
  let work = 0
  let maxActive = globalRelabel(graph, residual, twin, excess, isTarget, isFrozen, eps, buckets)
  let maxLabel = buckets.maxLabel
  while (maxActive >= 0) {
    const v = firstActive[maxActive]
    if (v < 0) {
      maxActive--
      continue
    }
    firstActive[maxActive] = nextActive[v]
    // Discharge v: push along admissible arcs (label one lower, residual left) from the current arc on;
    // relabel when none is left, until its excess is gone or it can no longer reach a target.
    let d = label[v]
    let left = excess[v]
    const end = offsets[v + 1]
    while (true) {
      const below = d - 1
      let a = cursor[v]
      for (; a < end; a++) {
        const r = residual[a]
        if (!(r > eps)) continue
        const w = arcHead[a]
        if (label[w] !== below) continue
        const delta = left < r ? left : r
        residual[a] = r - delta
        residual[twin[a]] += delta
        if (excess[w] === 0 && !isTarget[w]) {
          nextActive[w] = firstActive[below]
          firstActive[below] = w
        }
        excess[w] += delta
        left -= delta
        if (left === 0) break
      }
      if (a < end) {
        cursor[v] = a
        break
      }
      // Relabel to one more than the lowest residual neighbour, and start the scan at that arc.
      let lowest = n - 1
      let lowestArc = offsets[v]
      for (let b = offsets[v]; b < end; b++) {
        if (label[arcHead[b]] < lowest && residual[b] > eps) {
          lowest = label[arcHead[b]]
          lowestArc = b
        }
      }
      work += RELABEL_WORK + end - offsets[v]
      if (prev[v] >= 0) next[prev[v]] = next[v]
      else first[d] = next[v]
      if (next[v] >= 0) prev[next[v]] = prev[v]
      if (first[d] < 0) {
        // Gap: every path to a target passes through each lower label, so v and the nodes above d have none.
        label[v] = n
        for (let k = d + 1; k <= maxLabel; k++) {
          for (let u = first[k]; u >= 0; u = next[u]) label[u] = n
          first[k] = -1
          firstActive[k] = -1
        }
        maxLabel = d - 1
        if (maxActive > maxLabel) maxActive = maxLabel
        break
      }
      label[v] = lowest + 1
      if (label[v] >= n) break
      d = label[v]
      cursor[v] = lowestArc
      const head = first[d]
      next[v] = head
      prev[v] = -1
      if (head >= 0) prev[head] = v
      first[d] = v
      if (d > maxLabel) maxLabel = d
      // The nodes v now pushes to sit at d − 1, above any active one so far.
      if (d > maxActive) maxActive = d
    }
    excess[v] = left
    if (work >= workLimit) {
      work = 0
      maxActive = globalRelabel(graph, residual, twin, excess, isTarget, isFrozen, eps, buckets)
      maxLabel = buckets.maxLabel
    }
  }
}

/** The label buckets of `pushRelabel`: every labelled node per label (doubly linked) and the active ones (a stack each). */
interface Buckets {
  label: Int32Array
  cursor: Int32Array
  queue: Int32Array
  first: Int32Array
  next: Int32Array
  prev: Int32Array
  firstActive: Int32Array
  nextActive: Int32Array
  /** Highest label that holds a node, set by `globalRelabel`. */
  maxLabel: number
}

function bucketsOf(n: number): Buckets {
  const arrays = () => new Int32Array(n)
  return { label: arrays(), cursor: arrays(), queue: arrays(), first: arrays(), next: arrays(), prev: arrays(), firstActive: arrays(), nextActive: arrays(), maxLabel: 0 }
}

/**
 * Exact labels: BFS from every target against the arcs, over arcs with residual (frozen nodes and unreached
 * ones get n); refills the buckets and rewinds every current arc. Returns the highest label with an active node.
 */
function globalRelabel(graph: Graph, residual: Float64Array, twin: Int32Array, excess: Float64Array, isTarget: Uint8Array, isFrozen: Uint8Array, eps: number, buckets: Buckets): number {
  const { nodeCount: n, offsets, arcHead } = graph
  const { label, cursor, queue, first, next, prev, firstActive, nextActive } = buckets
  label.fill(n)
  first.fill(-1)
  firstActive.fill(-1)
  let maxActive = -1
  let head = 0
  let tail = 0
  for (let v = 0; v < n; v++) {
    if (!isTarget[v]) continue
    label[v] = 0
    queue[tail++] = v
  }
  while (head < tail) {
    const v = queue[head++]
    const d = label[v] + 1
    for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
      const u = arcHead[a]
      if (label[u] !== n || isFrozen[u] || !(residual[twin[a]] > eps)) continue
      label[u] = d
      queue[tail++] = u
      const top = first[d]
      next[u] = top
      prev[u] = -1
      if (top >= 0) prev[top] = u
      first[d] = u
      if (excess[u] > 0) {
        nextActive[u] = firstActive[d]
        firstActive[d] = u
        maxActive = d
      }
    }
  }
  buckets.maxLabel = tail > 0 ? label[queue[tail - 1]] : 0
  cursor.set(offsets.subarray(0, n))
  return maxActive
}
