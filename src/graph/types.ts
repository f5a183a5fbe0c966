/**
 * What a search costs and may use. Every array is indexed by the graph's dense edge or node ids.
 */
export interface SearchOptions {
  /** Cost of traversing each edge (either direction); must be ≥ 0. Infinity or NaN makes the edge unusable. */
  edgeWeight: Float64Array
  /** Cost added when a path enters a node (not charged for the source). Optional; ≥ 0. */
  nodeCost?: Float64Array
  /** 1 where an edge may not be used. */
  edgeBlocked?: Uint8Array
  /** 1 where a node may not be visited (the source and target are never exempt). */
  nodeBlocked?: Uint8Array
}

/** A path as dense ids: `nodes` has one more entry than `edges`. `cost` includes node costs after the source. */
export interface Path {
  nodes: number[]
  edges: number[]
  cost: number
}

/** Result of a single-source search. `predEdge[v]` is the edge used to reach v, -1 for the source and for unreached nodes. */
export interface ShortestPathTree {
  source: number
  dist: Float64Array
  predEdge: Int32Array
}
