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
 * Maximum flow and a minimum cut between two node sets of an undirected graph by Dinic's algorithm
 * (E. A. Dinic, Soviet Math. Doklady 11, 1970; the blocking-flow form of Even, Graph Algorithms, 1979 §5):
 * O(n² m), far less in practice. Each edge holds its capacity in each direction (full duplex) and parallel
 * edges add up: with net flow f on edge e (tail → head), the arc tail → head has residual c − f and
 * head → tail has c + f, so the CSR index serves as the residual graph without copying. Several sources
 * and sinks act as a super-source and super-sink joined by uncapacitated arcs. Deterministic: arcs are
 * scanned in CSR order. Iterative, so paths of any length never overflow the stack.
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
  const starts = Array.from(new Set(sources)).filter((s) => isSource[s])
  let maxFinite = 0
  let sumFinite = 0
  for (let e = 0; e < m; e++) {
    if (!(capacityGbps[e] < Infinity)) continue
    if (capacityGbps[e] > maxFinite) maxFinite = capacityGbps[e]
    sumFinite += capacityGbps[e]
  }
  // Residuals below this are saturated: rounding in long augmenting chains must not open a phantom path.
  const eps = Math.max(maxFinite, 1) * 1e-12

  // Residual capacity per arc (0 where unusable) and each arc's twin, the same edge the other way; the
  // residual of the twin rises by what the arc carries, so both directions keep c ± f.
  const residual = new Float64Array(2 * m)
  const twin = new Int32Array(2 * m)
  const firstArc = new Int32Array(m).fill(-1)
  for (let u = 0; u < n; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const e = arcEdge[a]
      const usable = !edgeBlocked?.[e] && !nodeBlocked?.[arcHead[a]] && !nodeBlocked?.[u] && edgeTail[e] !== edgeHead[e] && capacityGbps[e] > 0
      residual[a] = usable ? capacityGbps[e] : 0
      if (firstArc[e] < 0) firstArc[e] = a
      else {
        twin[a] = firstArc[e]
        twin[firstArc[e]] = a
      }
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
    for (let e = 0; e < m; e++) {
      const a = firstArc[e]
      if (a < 0) continue
      const forward = arcHead[a] === edgeHead[e] ? a : twin[a]
      if (residual[forward] === 0 && residual[twin[forward]] === 0) continue
      flow[e] = (residual[twin[forward]] - residual[forward]) / 2
    }
    return flow
  }
  if (starts.length === 0 || !sinks.some((t) => isSink[t])) return { valueGbps: 0, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [] }
  if (bfs(true)) {
    for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
    const path: number[] = []
    for (let v = reachedSink; level[v] > 0; v = otherEnd(graph, arcEdge[predArc[v]], v)) path.push(arcEdge[predArc[v]])
    return { valueGbps: Infinity, edgeFlowGbps: new Float64Array(m), sourceSide, cutEdges: [], unboundedPath: path.reverse() }
  }

  // No uncapacitated path joins the sets, so every cut holds a finite link and the flow is at most the sum of
  // the finite capacities: above that an uncapacitated link never saturates, and a finite stand-in keeps c ± f.
  const bigM = sumFinite + 1
  for (let a = 0; a < 2 * m; a++) if (residual[a] === Infinity) residual[a] = bigM

  let value = 0
  const cursor = new Int32Array(n)
  const stackArc = new Int32Array(n)
  const stackNode = new Int32Array(n + 1)
  while (bfs(false)) {
    cursor.set(offsets.subarray(0, n))
    for (const s of starts) {
      // Blocking flow from s: advance along level-increasing arcs with residual, retreat from dead ends.
      let depth = 0
      stackNode[0] = s
      for (;;) {
        const u = stackNode[depth]
        if (depth > 0 && isSink[u]) {
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
        const next = level[u] + 1
        const end = offsets[u + 1]
        let a = cursor[u]
        while (a < end && (level[arcHead[a]] !== next || !(residual[a] > eps))) a++
        cursor[u] = a
        if (a < end) {
          stackArc[depth] = a
          stackNode[++depth] = arcHead[a]
          continue
        }
        if (depth === 0) break
        level[u] = -1
        depth--
        cursor[stackNode[depth]]++
      }
    }
  }
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
