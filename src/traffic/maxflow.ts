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
  const { nodeCount: n, offsets, arcHead, arcEdge, edgeTail } = graph
  const { edgeBlocked, nodeBlocked } = options
  const flow = new Float64Array(graph.edgeCount)
  const isSink = new Uint8Array(n)
  const isSource = new Uint8Array(n)
  for (const t of sinks) if (!nodeBlocked?.[t]) isSink[t] = 1
  for (const s of sources) {
    if (isSink[s]) throw new RangeError(`node ${s} is both a source and a sink`)
    if (!nodeBlocked?.[s]) isSource[s] = 1
  }
  const starts = Array.from(new Set(sources)).filter((s) => isSource[s])
  let maxFinite = 0
  for (let e = 0; e < graph.edgeCount; e++) if (capacityGbps[e] < Infinity && capacityGbps[e] > maxFinite) maxFinite = capacityGbps[e]
  // Residuals below this are saturated: rounding in long augmenting chains must not open a phantom path.
  const eps = Math.max(maxFinite, 1) * 1e-12

  const usable = (a: number): boolean => {
    const e = arcEdge[a]
    return !edgeBlocked?.[e] && !nodeBlocked?.[arcHead[a]] && capacityGbps[e] > 0 && graph.edgeTail[e] !== graph.edgeHead[e]
  }
  const residual = (a: number, from: number): number => {
    const e = arcEdge[a]
    return edgeTail[e] === from ? capacityGbps[e] - flow[e] : capacityGbps[e] + flow[e]
  }

  const level = new Int32Array(n)
  const queue = new Int32Array(n)
  const predArc = new Int32Array(n)
  let reachedSink = -1
  /** BFS levels from every source over arcs with residual; true when a sink is reached. */
  const bfs = (infiniteOnly: boolean): boolean => {
    level.fill(-1)
    let head = 0
    let tail = 0
    for (const s of starts) {
      level[s] = 0
      queue[tail++] = s
    }
    let reached = false
    while (head < tail) {
      const u = queue[head++]
      if (isSink[u]) {
        if (!reached) reachedSink = u
        reached = true
        continue
      }
      for (let a = offsets[u]; a < offsets[u + 1]; a++) {
        const v = arcHead[a]
        if (level[v] >= 0 || !usable(a)) continue
        if (infiniteOnly ? capacityGbps[arcEdge[a]] !== Infinity : !(residual(a, u) > eps)) continue
        level[v] = level[u] + 1
        predArc[v] = a
        queue[tail++] = v
      }
    }
    return reached
  }

  const sourceSide = new Uint8Array(n)
  if (starts.length === 0 || !sinks.some((t) => isSink[t])) return { valueGbps: 0, edgeFlowGbps: flow, sourceSide, cutEdges: [] }
  if (bfs(true)) {
    for (let v = 0; v < n; v++) sourceSide[v] = level[v] >= 0 ? 1 : 0
    const path: number[] = []
    for (let v = reachedSink; level[v] > 0; v = otherEnd(graph, arcEdge[predArc[v]], v)) path.push(arcEdge[predArc[v]])
    return { valueGbps: Infinity, edgeFlowGbps: flow, sourceSide, cutEdges: [], unboundedPath: path.reverse() }
  }

  let value = 0
  const cursor = new Int32Array(n)
  const stackArc = new Int32Array(n)
  const stackNode = new Int32Array(n + 1)
  while (bfs(false)) {
    for (let v = 0; v < n; v++) cursor[v] = offsets[v]
    for (const s of starts) {
      // Blocking flow from s: advance along level-increasing arcs with residual, retreat from dead ends.
      let depth = 0
      stackNode[0] = s
      for (;;) {
        const u = stackNode[depth]
        if (isSink[u] && depth > 0) {
          let bottleneck = Infinity
          for (let i = 0; i < depth; i++) bottleneck = Math.min(bottleneck, residual(stackArc[i], stackNode[i]))
          let firstSaturated = depth
          for (let i = 0; i < depth; i++) {
            const a = stackArc[i]
            const e = arcEdge[a]
            flow[e] += edgeTail[e] === stackNode[i] ? bottleneck : -bottleneck
            if (firstSaturated === depth && !(residual(a, stackNode[i]) > eps)) firstSaturated = i
          }
          value += bottleneck
          depth = firstSaturated === depth ? 0 : firstSaturated
          continue
        }
        let advanced = false
        for (; cursor[u] < offsets[u + 1]; cursor[u]++) {
          const a = cursor[u]
          const v = arcHead[a]
          if (level[v] !== level[u] + 1 || !usable(a) || !(residual(a, u) > eps)) continue
          stackArc[depth] = a
          stackNode[++depth] = v
          advanced = true
          break
        }
        if (advanced) continue
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
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeTail[e]
    const b = graph.edgeHead[e]
    if (sourceSide[a] === sourceSide[b] || edgeBlocked?.[e] || nodeBlocked?.[a] || nodeBlocked?.[b]) continue
    cutEdges.push(e)
  }
  return { valueGbps: value, edgeFlowGbps: flow, sourceSide, cutEdges }
}
