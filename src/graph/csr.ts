/**
 * The compiled, immutable adjacency every algorithm runs on: compressed sparse rows over typed arrays
 * (graphology's neighbourhood index, OSRM's static graph). Nodes and edges are dense integers; each
 * undirected edge appears as two arcs. Arcs of a node are ordered by edge index, so every traversal — and
 * every tie — resolves the same way on every run.
 */
export interface Graph {
  readonly nodeCount: number
  /** Number of undirected edges. */
  readonly edgeCount: number
  /** `offsets[v] .. offsets[v+1]` are the arcs leaving node v; length nodeCount + 1. */
  readonly offsets: Int32Array
  /** Node an arc leads to; length 2 × edgeCount. */
  readonly arcHead: Int32Array
  /** Edge an arc belongs to; length 2 × edgeCount. */
  readonly arcEdge: Int32Array
  /** First and second endpoint of each edge, as given. */
  readonly edgeTail: Int32Array
  readonly edgeHead: Int32Array
}

/** Builds the CSR index in O(n + m) by counting sort on the tail node. */
export function buildGraph(nodeCount: number, edgeTail: ArrayLike<number>, edgeHead: ArrayLike<number>): Graph {
  if (edgeTail.length !== edgeHead.length) throw new RangeError('edgeTail and edgeHead differ in length')
  const edgeCount = edgeTail.length
  const tails = Int32Array.from(edgeTail)
  const heads = Int32Array.from(edgeHead)
  const offsets = new Int32Array(nodeCount + 1)
  for (let e = 0; e < edgeCount; e++) {
    const u = tails[e]
    const v = heads[e]
    if (u < 0 || u >= nodeCount || v < 0 || v >= nodeCount) throw new RangeError(`edge ${e} has an endpoint outside 0..${nodeCount - 1}`)
    offsets[u + 1]++
    offsets[v + 1]++
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v]
  const cursor = offsets.slice(0, nodeCount)
  const arcHead = new Int32Array(2 * edgeCount)
  const arcEdge = new Int32Array(2 * edgeCount)
  for (let e = 0; e < edgeCount; e++) {
    const u = tails[e]
    const v = heads[e]
    arcHead[cursor[u]] = v
    arcEdge[cursor[u]++] = e
    arcHead[cursor[v]] = u
    arcEdge[cursor[v]++] = e
  }
  return { nodeCount, edgeCount, offsets, arcHead, arcEdge, edgeTail: tails, edgeHead: heads }
}

/** The endpoint of edge `e` that is not `v`. */
export function otherEnd(graph: Graph, e: number, v: number): number {
  return graph.edgeTail[e] === v ? graph.edgeHead[e] : graph.edgeTail[e]
}
