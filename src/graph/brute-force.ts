import fc from 'fast-check'
import { type Graph, buildGraph } from './csr'
import type { Path, SearchOptions } from './types'

/*
 * Reference answers for the property tests: every simple path enumerated by depth-first search, exponential
 * and only for graphs of a handful of nodes. Written independently of the searches it checks.
 */

/** Every simple path from source to target that uses no blocked or unusable edge or node, in DFS order. */
export function allSimplePaths(graph: Graph, source: number, target: number, options: SearchOptions): Path[] {
  const { edgeWeight, nodeCost, edgeBlocked, nodeBlocked } = options
  const paths: Path[] = []
  if (nodeBlocked?.[source] || nodeBlocked?.[target]) return paths
  const nodes = [source]
  const edges: number[] = []
  const onPath = new Set([source])
  const visit = (u: number, cost: number) => {
    if (u === target) {
      paths.push({ nodes: [...nodes], edges: [...edges], cost })
      return
    }
    for (let e = 0; e < graph.edgeCount; e++) {
      const a = graph.edgeTail[e]
      const b = graph.edgeHead[e]
      if (a !== u && b !== u) continue
      const v = a === u ? b : a
      const w = edgeWeight[e]
      if (onPath.has(v) || edgeBlocked?.[e] || nodeBlocked?.[v] || !(w >= 0 && w < Infinity)) continue
      nodes.push(v)
      edges.push(e)
      onPath.add(v)
      visit(v, nodeCost ? cost + w + nodeCost[v] : cost + w)
      onPath.delete(v)
      nodes.pop()
      edges.pop()
    }
  }
  visit(source, 0)
  return paths
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/** Cost, then node sequence, then edge sequence. */
export function byCostThenIds(a: Path, b: Path): number {
  return a.cost - b.cost || lexicographic(a.nodes, b.nodes) || lexicographic(a.edges, b.edges)
}

export function cheapestCost(graph: Graph, source: number, target: number, options: SearchOptions): number {
  if (source === target) return options.nodeBlocked?.[source] ? Infinity : 0
  return Math.min(Infinity, ...allSimplePaths(graph, source, target, options).map((p) => p.cost))
}

/** A random small multigraph with parallel edges, self-loops, zero and unusable weights, masks and node costs. */
export interface Case {
  graph: Graph
  options: SearchOptions
  source: number
  target: number
  k: number
}

const weight = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, Number.NaN) },
)

export const smallCase: fc.Arbitrary<Case> = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), weight, fc.boolean(), fc.boolean()), { minLength: n - 1, maxLength: 20 }),
      nodeCost: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }), { nil: undefined }),
      nodeBlocked: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }), { nil: undefined }),
      source: fc.nat(n - 1),
      target: fc.nat(n - 1),
      k: fc.integer({ min: 1, max: 8 }),
    }),
  )
  .map(({ n, edges, nodeCost, nodeBlocked, source, target, k }) => {
    const graph = buildGraph(
      n,
      edges.map(([a]) => a),
      edges.map(([, b]) => b),
    )
    const options: SearchOptions = { edgeWeight: Float64Array.from(edges.map(([, , w]) => w)) }
    // About one edge in four and one node in six blocked, when the masks are drawn at all.
    if (edges.some(([, , , masked]) => masked)) options.edgeBlocked = Uint8Array.from(edges.map(([, , , masked, coin]) => (masked && coin ? 1 : 0)))
    if (nodeCost) options.nodeCost = Float64Array.from(nodeCost)
    if (nodeBlocked) options.nodeBlocked = Uint8Array.from(nodeBlocked.map((x) => (x === 0 ? 1 : 0)))
    return { graph, options, source, target, k }
  })
