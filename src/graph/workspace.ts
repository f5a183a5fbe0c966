import type { Graph } from './csr'
import { IndexedMinHeap } from './heap'

/**
 * Per-node search labels valid only where `stamp[v] === epoch`: starting a query bumps the epoch instead of
 * clearing O(n) arrays (the "epoch stamp" trick of OSRM's search heaps).
 */
export interface Labels {
  readonly dist: Float64Array
  readonly pred: Int32Array
  readonly stamp: Uint32Array
  epoch: number
}

/** A reusable stamp set: `stamp[i] === epoch` marks i. */
export interface Marks {
  readonly stamp: Uint32Array
  epoch: number
}

const MAX_EPOCH = 0xfffffffe

function labels(n: number): Labels {
  return { dist: new Float64Array(n), pred: new Int32Array(n), stamp: new Uint32Array(n), epoch: 0 }
}

function marks(n: number): Marks {
  return { stamp: new Uint32Array(n), epoch: 0 }
}

/** Invalidates every label or mark in O(1) (O(n) once every 2³² calls). */
export function renew(set: Labels | Marks): void {
  if (set.epoch >= MAX_EPOCH) {
    set.stamp.fill(0)
    set.epoch = 0
  }
  set.epoch++
}

/** Arrays for k-shortest-path searches, allocated on first use. */
export interface YenArrays {
  /** Exact or capped distance to the target, the A* potential of every spur search. */
  readonly bound: Labels
  readonly boundDone: Marks
  readonly nodeBan: Marks
  readonly edgeBan: Marks
  readonly useful: Marks
  readonly onPath: Marks
  readonly visited: Marks
  readonly queue: Int32Array
}

/** Scratch memory of one search at a time on one graph. */
export interface Workspace {
  readonly forward: Labels
  readonly backward: Labels
  readonly heapForward: IndexedMinHeap
  readonly heapBackward: IndexedMinHeap
  /** Cached heuristic values, valid where `heuristicStamp[v] === forward.epoch`. */
  readonly heuristic: Float64Array
  readonly heuristicStamp: Uint32Array
  yen?: YenArrays
}

function createWorkspace(graph: Graph): Workspace {
  const n = graph.nodeCount
  return {
    forward: labels(n),
    backward: labels(n),
    heapForward: new IndexedMinHeap(n),
    heapBackward: new IndexedMinHeap(n),
    heuristic: new Float64Array(n),
    heuristicStamp: new Uint32Array(n),
  }
}

export function yenArrays(graph: Graph, workspace: Workspace): YenArrays {
  if (workspace.yen) return workspace.yen
  const n = graph.nodeCount
  workspace.yen = {
    bound: labels(n),
    boundDone: marks(n),
    nodeBan: marks(n),
    edgeBan: marks(graph.edgeCount),
    useful: marks(n),
    onPath: marks(n),
    visited: marks(n),
    queue: new Int32Array(n),
  }
  return workspace.yen
}

/** Idle workspaces per graph; a nested search (a heuristic that itself searches) takes a second one. */
const idle = new WeakMap<Graph, Workspace[]>()

export function acquire(graph: Graph): Workspace {
  const pool = idle.get(graph)
  const workspace = pool?.pop()
  return workspace ?? createWorkspace(graph)
}

export function release(graph: Graph, workspace: Workspace): void {
  workspace.heapForward.clear()
  workspace.heapBackward.clear()
  let pool = idle.get(graph)
  if (!pool) {
    pool = []
    idle.set(graph, pool)
  }
  if (pool.length < 4) pool.push(workspace)
}
