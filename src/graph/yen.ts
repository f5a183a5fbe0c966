import type { Graph } from './csr'
import { checkNode, checkOptions, negativeWeight, nodeCostAt, sumPath } from './dijkstra'
import type { Path, SearchOptions } from './types'
import { acquire, release, renew, type Workspace, type YenArrays, yenArrays } from './workspace'

/** A found or candidate path with the index of the node where it leaves the path it was spurred from. */
interface Ranked extends Path {
  deviation: number
}

/** Total order of paths: cost, then node ids lexicographically, then edge ids (parallel edges). */
export function comparePaths(a: Path, b: Path): number {
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1
  const nodes = compareSequences(a.nodes, b.nodes)
  return nodes !== 0 ? nodes : compareSequences(a.edges, b.edges)
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/**
 * The k cheapest loopless paths from source to target, best first; equal costs ordered by node sequence,
 * then edge ids, so the list is exactly the first k of all simple paths in that order. Yen's algorithm
 * (J. Y. Yen, Management Science 17(11), 1971) with Lawler's skip of spur nodes before the deviation
 * (E. L. Lawler, Management Science 18(7), 1972): O(k · L · (m + n log n)) for paths of at most L nodes.
 * Each spur search is an A* guided by the distance to the target in the unrestricted graph, which stays a
 * consistent lower bound when root nodes and edges are banned, so a spur search explores little more than
 * the detour it finds. Bans are epoch-stamped masks, never graph copies; parallel edges give distinct paths.
 */
export function kShortestPaths(graph: Graph, source: number, target: number, k: number, options: SearchOptions): Path[] {
  checkNode(graph, source, 'source')
  checkNode(graph, target, 'target')
  checkOptions(graph, options)
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer (got ${k})`)
  const { nodeBlocked } = options
  if (k === 0 || (nodeBlocked && (nodeBlocked[source] || nodeBlocked[target]))) return []
  if (source === target) return [{ nodes: [source], edges: [], cost: 0 }]
  const workspace = acquire(graph)
  try {
    const arrays = yenArrays(graph, workspace)
    const potentialCap = boundToTarget(graph, workspace, arrays, source, target, options)
    if (potentialCap === undefined) return []
    const search = new SpurSearch(graph, workspace, arrays, target, options, potentialCap)

    renew(arrays.nodeBan)
    renew(arrays.edgeBan)
    const first = search.run(source)
    if (!first) return []
    const accepted: Ranked[] = [{ ...first, cost: sumPath(first.nodes, first.edges, options), deviation: 0 }]
    const candidates = new PathHeap()
    const candidateByKey = new Map<string, Ranked>()

    while (accepted.length < k) {
      const last = accepted[accepted.length - 1]
      const shared = accepted.map((p) => sharedEdgePrefix(p.edges, last.edges))
      for (let i = last.deviation; i < last.nodes.length - 1; i++) {
        renew(arrays.nodeBan)
        renew(arrays.edgeBan)
        for (let j = 0; j < i; j++) arrays.nodeBan.stamp[last.nodes[j]] = arrays.nodeBan.epoch
        for (let p = 0; p < accepted.length; p++) {
          if (shared[p] >= i && accepted[p].edges.length > i) arrays.edgeBan.stamp[accepted[p].edges[i]] = arrays.edgeBan.epoch
        }
        const spur = search.run(last.nodes[i])
        if (!spur) continue
        const nodes = last.nodes.slice(0, i).concat(spur.nodes)
        const edges = last.edges.slice(0, i).concat(spur.edges)
        const key = edges.join(',')
        const known = candidateByKey.get(key)
        if (known) {
          if (i < known.deviation) known.deviation = i
          continue
        }
        const candidate: Ranked = { nodes, edges, cost: sumPath(nodes, edges, options), deviation: i }
        candidateByKey.set(key, candidate)
        candidates.push(candidate)
      }
      const best = candidates.pop()
      if (!best) break
      accepted.push(best)
    }
    return accepted.map(({ nodes, edges, cost }) => ({ nodes, edges, cost }))
  } finally {
    release(graph, workspace)
  }
}

/** Binary min-heap of candidate paths in `comparePaths` order. */
class PathHeap {
  private readonly items: Ranked[] = []

  push(path: Ranked): void {
    const items = this.items
    let at = items.length
    items.push(path)
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (comparePaths(items[parent], path) <= 0) break
      items[at] = items[parent]
      at = parent
    }
    items[at] = path
  }

  pop(): Ranked | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    let at = 0
    for (;;) {
      let child = 2 * at + 1
      if (child >= items.length) break
      if (child + 1 < items.length && comparePaths(items[child + 1], items[child]) < 0) child++
      if (comparePaths(last, items[child]) <= 0) break
      items[at] = items[child]
      at = child
    }
    items[at] = last
    return top
  }
}

function sharedEdgePrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a[i] === b[i]) i++
  return i
}

/**
 * Backward Dijkstra from the target under the caller's masks, run until the source is settled and then on
 * to twice its distance. Returns the cap R: settled nodes use their exact distance as potential, all others R
 * (their distance is at least the smallest queued key), which keeps the potential consistent. Undefined when
 * the source cannot reach the target.
 */
function boundToTarget(graph: Graph, workspace: Workspace, arrays: YenArrays, source: number, target: number, options: SearchOptions): number | undefined {
  const { offsets, arcHead, arcEdge } = graph
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const { bound, boundDone } = arrays
  const heap = workspace.heapBackward
  renew(bound)
  renew(boundDone)
  const { dist, stamp } = bound
  const epoch = bound.epoch
  const done = boundDone.stamp
  const doneEpoch = boundDone.epoch
  dist[target] = 0
  stamp[target] = epoch
  heap.push(target, 0)
  let limit = Infinity
  while (heap.size > 0 && heap.peekKey() <= limit) {
    const v = heap.pop()
    done[v] = doneEpoch
    const dv = dist[v]
    if (v === source) limit = 2 * dv
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
      if (!(nd < Infinity)) continue
      if (stamp[u] === epoch && !(nd < dist[u])) continue
      dist[u] = nd
      stamp[u] = epoch
      heap.push(u, nd)
    }
  }
  const cap = heap.peekKey()
  heap.clear()
  return done[source] === doneEpoch ? cap : undefined
}

/**
 * Minimum-cost path from a spur node to the target avoiding the banned nodes and edges, smallest node
 * sequence (then edge ids) among equal costs. A* settles every node on any optimal path; the optimal paths
 * are then the walks over tight arcs (dist[u] + cost(u→v) = dist[v]) that can reach the target, and a greedy
 * walk takes the smallest next node, checking over zero-cost plateaus that the target stays reachable without
 * revisiting the path.
 */
class SpurSearch {
  private readonly candidateNodes: number[] = []
  private readonly candidateEdges: number[] = []

  constructor(
    private readonly graph: Graph,
    private readonly workspace: Workspace,
    private readonly arrays: YenArrays,
    private readonly target: number,
    private readonly options: SearchOptions,
    private readonly potentialCap: number,
  ) {}

  run(from: number): Path | null {
    if (!this.search(from)) return null
    this.markUseful()
    return this.greedy(from)
  }

  private search(from: number): boolean {
    const { offsets, arcHead, arcEdge } = this.graph
    const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = this.options
    const { forward } = this.workspace
    const heap = this.workspace.heapForward
    const { bound, boundDone, nodeBan, edgeBan } = this.arrays
    const potential = bound.dist
    const done = boundDone.stamp
    const doneEpoch = boundDone.epoch
    const cap = this.potentialCap
    const banned = nodeBan.stamp
    const banEpoch = nodeBan.epoch
    const edgeBanned = edgeBan.stamp
    const edgeBanEpoch = edgeBan.epoch
    const target = this.target
    renew(forward)
    const { dist, stamp } = forward
    const epoch = forward.epoch
    const startPotential = done[from] === doneEpoch ? potential[from] : cap
    if (startPotential === Infinity) return false
    dist[from] = 0
    stamp[from] = epoch
    heap.push(from, startPotential)
    while (heap.size > 0) {
      if (stamp[target] === epoch && heap.peekKey() > dist[target]) break
      const u = heap.pop()
      const du = dist[u]
      for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
        const e = arcEdge[a]
        if (edgeBanned[e] === edgeBanEpoch || (edgeBlocked && edgeBlocked[e])) continue
        const w = edgeWeight[e]
        if (!(w >= 0 && w < Infinity)) {
          if (w < 0) throw negativeWeight(e, w)
          continue
        }
        const v = arcHead[a]
        if (banned[v] === banEpoch || (nodeBlocked && nodeBlocked[v])) continue
        const nd = nodeCost ? du + w + nodeCostAt(nodeCost, v) : du + w
        if (!(nd < Infinity)) continue
        if (stamp[v] === epoch && !(nd < dist[v])) continue
        const h = done[v] === doneEpoch ? potential[v] : cap
        if (h === Infinity) continue
        dist[v] = nd
        stamp[v] = epoch
        heap.push(v, nd + h)
      }
    }
    heap.clear()
    return stamp[target] === epoch
  }

  /** Whether the arc u → v over e is usable now and tight; u and v must be labelled. */
  private tight(u: number, v: number, e: number): boolean {
    const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = this.options
    const { nodeBan, edgeBan } = this.arrays
    if (edgeBan.stamp[e] === edgeBan.epoch || (edgeBlocked && edgeBlocked[e])) return false
    if (nodeBan.stamp[u] === nodeBan.epoch || (nodeBlocked && nodeBlocked[u])) return false
    const w = edgeWeight[e]
    if (!(w >= 0 && w < Infinity)) return false
    const { dist } = this.workspace.forward
    const du = dist[u]
    return (nodeCost ? du + w + nodeCost[v] : du + w) === dist[v]
  }

  /** Marks the nodes on some optimal walk to the target: backward over tight arcs from the target. */
  private markUseful(): void {
    const { offsets, arcHead, arcEdge } = this.graph
    const { useful, queue } = this.arrays
    const { stamp, epoch } = this.workspace.forward
    renew(useful)
    const mark = useful.stamp
    const markEpoch = useful.epoch
    let head = 0
    let tail = 0
    queue[tail++] = this.target
    mark[this.target] = markEpoch
    while (head < tail) {
      const v = queue[head++]
      for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
        const u = arcHead[a]
        if (mark[u] === markEpoch || stamp[u] !== epoch) continue
        if (!this.tight(u, v, arcEdge[a])) continue
        mark[u] = markEpoch
        queue[tail++] = u
      }
    }
  }

  private greedy(from: number): Path {
    const { offsets, arcHead, arcEdge } = this.graph
    const { useful, onPath } = this.arrays
    const dist = this.workspace.forward.dist
    const target = this.target
    renew(onPath)
    const nodes = [from]
    const edges: number[] = []
    onPath.stamp[from] = onPath.epoch
    const candidateNodes = this.candidateNodes
    const candidateEdges = this.candidateEdges
    let current = from
    while (current !== target) {
      candidateNodes.length = 0
      candidateEdges.length = 0
      for (let a = offsets[current], end = offsets[current + 1]; a < end; a++) {
        const v = arcHead[a]
        if (useful.stamp[v] !== useful.epoch || onPath.stamp[v] === onPath.epoch) continue
        const e = arcEdge[a]
        if (!this.tight(current, v, e)) continue
        // Arcs come in edge-id order, so the first tight arc to v has its smallest edge.
        if (candidateNodes.includes(v)) continue
        candidateNodes.push(v)
        candidateEdges.push(e)
      }
      let chosen = -1
      for (const at of candidateNodes.map((_, i) => i).sort((i, j) => candidateNodes[i] - candidateNodes[j])) {
        const v = candidateNodes[at]
        if (v === target || dist[v] > dist[current] || this.reachesTarget(v, dist[current])) {
          chosen = at
          break
        }
      }
      if (chosen < 0) throw new Error('internal: no optimal continuation of a spur path')
      current = candidateNodes[chosen]
      nodes.push(current)
      edges.push(candidateEdges[chosen])
      onPath.stamp[current] = onPath.epoch
    }
    return { nodes, edges, cost: dist[target] }
  }

  /**
   * Whether a tight walk leads from `start` (on the zero-cost plateau at `level`) to the target without
   * touching the path so far: success as soon as it reaches the target or leaves the plateau upwards, since
   * everything beyond lies above every node of the path.
   */
  private reachesTarget(start: number, level: number): boolean {
    const { offsets, arcHead, arcEdge } = this.graph
    const { useful, onPath, visited, queue } = this.arrays
    const dist = this.workspace.forward.dist
    renew(visited)
    let head = 0
    let tail = 0
    queue[tail++] = start
    visited.stamp[start] = visited.epoch
    while (head < tail) {
      const u = queue[head++]
      for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
        const v = arcHead[a]
        if (visited.stamp[v] === visited.epoch || onPath.stamp[v] === onPath.epoch || useful.stamp[v] !== useful.epoch) continue
        if (!this.tight(u, v, arcEdge[a])) continue
        if (v === this.target || dist[v] > level) return true
        visited.stamp[v] = visited.epoch
        queue[tail++] = v
      }
    }
    return false
  }
}
