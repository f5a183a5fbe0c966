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

/** Each arc's twin (the same edge the other way), per graph: it depends on the topology alone, so one serves every call. */
const twins = new WeakMap<Graph, Int32Array>()

function twinsOf(graph: Graph): Int32Array {
  const cached = twins.get(graph)
  if (cached) return cached
  const { nodeCount: n, edgeCount: m, offsets, arcEdge } = graph
  const twin = new Int32Array(2 * m)
  const firstArc = new Int32Array(m).fill(-1)
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      if (firstArc[e] < 0) firstArc[e] = a
      else {
        twin[a] = firstArc[e]
        twin[firstArc[e]] = a
      }
    }
  }
  twins.set(graph, twin)
  return twin
}

/**
 * Maximum flow and a minimum cut between two node sets of an undirected graph by the shortest-augmenting-path
 * algorithm with exact distance labels (Ahuja & Orlin, "Distance-directed augmenting path algorithms for
 * maximum flow and parametric maximum flow problems", Naval Research Logistics 38, 1991; Ahuja, Magnanti &
 * Orlin, Network Flows, 1993 §7.4), O(n² m), far less in practice. Labels start as BFS distances to the sink
 * set; a search advances from a source along admissible arcs (label one lower, residual left), augments at a
 * sink and relabels a dead end to one more than its lowest residual neighbour, so unlike Dinic it never
 * rebuilds a level graph and never walks into nodes that cannot reach a sink. Two heuristics of
 * push-relabel (Cherkassky & Goldberg, "On implementing the push-relabel method for the maximum flow
 * problem", Algorithmica 19, 1997) end it early: the gap heuristic (when no node holds label k, nodes above k
 * cannot reach a sink) and a global relabelling (a fresh BFS from the sinks) after every n relabels.
 * Each edge holds its capacity in each direction (full duplex) and parallel edges add up: with net flow f on
 * edge e (tail → head), the arc tail → head has residual c − f and head → tail has c + f, so the CSR index
 * serves as the residual graph without copying. Several sources and sinks act as a super-source and
 * super-sink joined by uncapacitated arcs. Deterministic: arcs are scanned in CSR order. Iterative, so paths
 * of any length never overflow the stack.
 */
export function maxFlow(graph: Graph, sources: readonly number[], sinks: readonly number[], capacityGbps: Float64Array, options: MaxFlowOptions = {}): MaxFlowResult {
  const { nodeCount: n, edgeCount: m, offsets, arcHead, arcEdge, edgeTail, edgeHead } = graph
  const { edgeBlocked, nodeBlocked } = options
  const isSink = new Uint8Array(n)
  const isSource = new Uint8Array(n)
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
  // Residuals below this are saturated: rounding in long augmenting chains must not open a phantom path.
  const eps = Math.max(maxFinite, 1) * 1e-12

  // Residual capacity per arc (0 where unusable); the residual of the arc's twin rises by what the arc carries,
  // so both directions keep c ± f.
  const residual = new Float64Array(2 * m)
  const twin = twinsOf(graph)
  for (let u = 0; u < n; u++) {
    if (nodeBlocked?.[u]) continue
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      const c = capacityGbps[e]
      if (c > 0 && !edgeBlocked?.[e] && !nodeBlocked?.[arcHead[a]] && edgeTail[e] !== edgeHead[e]) residual[a] = c
    }
  }

  const level = new Int32Array(n)
  const queue = new Int32Array(n)
  const predArc = new Int32Array(n)
  let reachedSink = -1
  /** BFS levels from every source over arcs with residual (or, first, with infinite residual); true when a sink is reached. */
  const bfs = (infiniteOnly: boolean): boolean => {
    level.fill(-1)
    let head = 0
    let tail = 0
    for (const s of starts) {
      level[s] = 0
      queue[tail++] = s
    }
    let reached = false
    let sinkLevel = n
    while (head < tail) {
      const u = queue[head++]
      // Nodes at or past the nearest sink's level lie on no shortest augmenting path: the phase needs no more.
      if (level[u] >= sinkLevel) break
      if (isSink[u]) {
        sinkLevel = level[u]
        if (!reached) reachedSink = u
        reached = true
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
    return reached
  }

  const sourceSide = new Uint8Array(n)
  const edgeFlow = () => {
    const flow = new Float64Array(m)
    for (let u = 0; u < n; u++) {
      for (let a = offsets[u]; a < offsets[u + 1]; a++) {
        const e = arcEdge[a]
        // The arc tail → head of each edge (a self-loop has both, and never a residual).
        if (edgeTail[e] !== u || arcHead[a] !== edgeHead[e]) continue
        if (residual[a] === 0 && residual[twin[a]] === 0) continue
        flow[e] = (residual[twin[a]] - residual[a]) / 2
      }
    }
    return flow
  }
  if (starts.length === 0 || !sinks.some((t) => isSink[t])) return { valueGbps: 0, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [] }
  if (uncapacitated && bfs(true)) {
    for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
    const path: number[] = []
    for (let v = reachedSink; level[v] > 0; v = otherEnd(graph, arcEdge[predArc[v]], v)) path.push(arcEdge[predArc[v]])
    return { valueGbps: Infinity, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [], unboundedPath: path.reverse() }
  }

  // No uncapacitated path joins the sets, so every cut holds a finite link and the flow is at most the sum of
  // the finite capacities: above that an uncapacitated link never saturates, and a finite stand-in keeps c ± f.
  const bigM = sumFinite + 1
  if (uncapacitated) for (let a = 0; a < 2 * m; a++) if (residual[a] === Infinity) residual[a] = bigM

  const value = augmentAll(graph, residual, twin, starts, isSink, eps)
  bfs(false)
  const cutEdges: number[] = []
  for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
  for (let e = 0; e < m; e++) {
    const a = edgeTail[e]
    const b = edgeHead[e]
    if (sourceSide[a] === sourceSide[b] || edgeBlocked?.[e] || nodeBlocked?.[a] || nodeBlocked?.[b]) continue
    cutEdges.push(e)
  }
  return { valueGbps: value, edgeFlowGbps: edgeFlow(), sourceSide, cutEdges }
}

/**
 * Augments along shortest residual paths from `starts` to the sinks until none is left (the search of
 * `maxFlow`); returns the value pushed. `label[v]` is a lower bound on v's residual distance to a sink (n: none),
 * valid throughout: label[u] ≤ label[v] + 1 on every arc u → v with residual.
 */
function augmentAll(graph: Graph, residual: Float64Array, twin: Int32Array, starts: readonly number[], isSink: Uint8Array, eps: number): number {
  const { nodeCount: n, offsets, arcHead } = graph
  const label = new Int32Array(n)
  const count = new Int32Array(n + 1)
  const cursor = new Int32Array(n)
  const queue = new Int32Array(n)
  const stackArc = new Int32Array(n)
  const stackNode = new Int32Array(n + 1)

  /** Exact labels: BFS from every sink against the arcs, over arcs with residual; unreached nodes get n. */
  const globalRelabel = () => {
    label.fill(n)
    count.fill(0)
    let head = 0
    let tail = 0
    for (let v = 0; v < n; v++) {
      if (isSink[v] !== 1) continue
      label[v] = 0
      queue[tail++] = v
    }
    while (head < tail) {
      const v = queue[head++]
      count[label[v]]++
      const next = label[v] + 1
      for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
        const u = arcHead[a]
        if (label[u] !== n || !(residual[twin[a]] > eps)) continue
        label[u] = next
        queue[tail++] = u
      }
    }
    cursor.set(offsets.subarray(0, n))
  }

  globalRelabel()
  let value = 0
  let relabels = 0
  for (const s of starts) {
    let depth = 0
    stackNode[0] = s
    while (label[s] < n) {
      const u = stackNode[depth]
      if (isSink[u] === 1) {
        let bottleneck = Infinity
        for (let i = 0; i < depth; i++) if (residual[stackArc[i]] < bottleneck) bottleneck = residual[stackArc[i]]
        let firstSaturated = depth
        for (let i = 0; i < depth; i++) {
          const a = stackArc[i]
          residual[a] -= bottleneck
          residual[twin[a]] += bottleneck
          if (firstSaturated === depth && !(residual[a] > eps)) firstSaturated = i
        }
        value += bottleneck
        depth = firstSaturated === depth ? 0 : firstSaturated
        continue
      }
      // Advance along the first admissible arc from the current one: label one lower, residual left.
      const below = label[u] - 1
      const end = offsets[u + 1]
      let a = cursor[u]
      while (a < end && (label[arcHead[a]] !== below || !(residual[a] > eps))) a++
      if (a < end) {
        cursor[u] = a
        stackArc[depth] = a
        stackNode[++depth] = arcHead[a]
        continue
      }
      // A dead end: relabel to one more than the lowest residual neighbour, and start its scan at that arc.
      const old = label[u]
      let lowest = n - 1
      let lowestArc = offsets[u]
      for (let b = offsets[u]; b < end; b++) {
        if (label[arcHead[b]] < lowest && residual[b] > eps) {
          lowest = label[arcHead[b]]
          lowestArc = b
        }
      }
      // Valid labels only rise; a fall would mean a broken invariant and a search that never ends.
      if (lowest < old) throw new Error(`maxFlow: node ${u} relabelled from ${old} down to ${lowest + 1}`)
      label[u] = lowest + 1
      cursor[u] = lowestArc
      count[old]--
      if (label[u] < n) count[label[u]]++
      if (count[old] === 0) {
        // Gap: every path to a sink passes through each lower label, so nodes above `old` have none.
        for (let v = 0; v < n; v++) {
          if (label[v] <= old || label[v] >= n) continue
          count[label[v]]--
          label[v] = n
        }
      }
      if (++relabels >= n) {
        relabels = 0
        globalRelabel()
        depth = 0
        continue
      }
      if (depth > 0) depth--
    }
  }
  return value
}
