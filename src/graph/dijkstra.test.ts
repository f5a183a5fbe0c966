import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { allSimplePaths, cheapestCost, smallCase } from './brute-force'
import { buildGraph } from './csr'
import { pathCost, pathFromTree, shortestPath, shortestPathTree } from './dijkstra'
import type { Path, SearchOptions } from './types'
import type { Graph } from './csr'

const weights = (...w: number[]) => ({ edgeWeight: Float64Array.from(w) })

/** A path is well formed, simple, uses nothing blocked, and its reported cost is its recomputed cost. */
function assertSound(graph: Graph, path: Path, source: number, target: number, options: SearchOptions): void {
  assert.equal(path.nodes[0], source)
  assert.equal(path.nodes[path.nodes.length - 1], target)
  assert.equal(new Set(path.nodes).size, path.nodes.length, 'loopless')
  assert.equal(pathCost(graph, path, options), path.cost)
}

//        1         1
//   0 ─────── 1 ─────── 2
//   │  e0          e1   │
//   │ 2 e2              │ 1 e3
//   │         4         │
//   3 ─────── 4 ─────── 5
//        e4        1 e5
const ring = buildGraph(6, [0, 1, 0, 2, 3, 4], [1, 2, 3, 5, 4, 5])
const ringWeights = weights(1, 1, 2, 1, 4, 1)

test('ring: shortest paths go round the short side; blocking node 2 forces the long side', () => {
  const tree = shortestPathTree(ring, 0, ringWeights)
  assert.deepEqual([...tree.dist], [0, 1, 2, 2, 4, 3])
  assert.deepEqual(pathFromTree(tree, ring, 4), { nodes: [0, 1, 2, 5, 4], edges: [0, 1, 3, 5], cost: 4 })
  assert.deepEqual(shortestPath(ring, 0, 5, ringWeights), { nodes: [0, 1, 2, 5], edges: [0, 1, 3], cost: 3 })
  const nodeBlocked = Uint8Array.from([0, 0, 1, 0, 0, 0])
  assert.deepEqual(shortestPath(ring, 0, 5, { ...ringWeights, nodeBlocked }), { nodes: [0, 3, 4, 5], edges: [2, 4, 5], cost: 7 })
  assert.equal(shortestPath(ring, 0, 2, { ...ringWeights, nodeBlocked }), null)
  assert.equal(shortestPathTree(ring, 2, { ...ringWeights, nodeBlocked }).dist.every((d) => d === Infinity), true)
})

test('ring: an Infinity or NaN weight and a blocked edge are all unusable', () => {
  for (const edgeWeight of [Float64Array.from([1, Infinity, 2, 1, 4, 1]), Float64Array.from([1, Number.NaN, 2, 1, 4, 1])]) {
    assert.equal(shortestPath(ring, 0, 2, { edgeWeight })?.cost, 8)
  }
  const edgeBlocked = Uint8Array.from([0, 1, 0, 0, 0, 0])
  assert.equal(shortestPath(ring, 0, 2, { ...ringWeights, edgeBlocked })?.cost, 8)
  assert.equal(shortestPathTree(ring, 0, { ...ringWeights, edgeBlocked }).dist[2], 8)
})

//       1
//   e0 ╱ ╲ e1        every edge weighs 1: two equal routes 0 → 3.
//     0   3          Node 1 is settled before node 2 (same distance, smaller id),
//   e2 ╲ ╱ e3        so every search goes through 1.
//       2
const diamond = buildGraph(4, [0, 1, 0, 2], [1, 3, 2, 3])

test('diamond: ties resolve to the smaller node id, the same on every run and in every search', () => {
  const options = weights(1, 1, 1, 1)
  const viaTree = pathFromTree(shortestPathTree(diamond, 0, options), diamond, 3)
  for (let run = 0; run < 3; run++) {
    assert.deepEqual(shortestPath(diamond, 0, 3, options), { nodes: [0, 1, 3], edges: [0, 1], cost: 2 })
    assert.deepEqual(shortestPath(diamond, 0, 3, { ...options, heuristic: () => 0 }), { nodes: [0, 1, 3], edges: [0, 1], cost: 2 })
    assert.deepEqual(viaTree, { nodes: [0, 1, 3], edges: [0, 1], cost: 2 })
  }
})

//   0 ──1── 1 ──1── 2      passing node 1 costs 5 (node cost), so the
//    ╲ e0       e1 ╱        direct edge e2 (weight 4) wins: 4 < 1 + 5 + 1
//     ──────4──────
//          e2
test('node costs are charged on entering every node after the source, including the target', () => {
  const graph = buildGraph(3, [0, 1, 0], [1, 2, 2])
  const options: SearchOptions = { ...weights(1, 1, 4), nodeCost: Float64Array.from([9, 5, 0]) }
  assert.deepEqual(shortestPath(graph, 0, 2, options), { nodes: [0, 2], edges: [2], cost: 4 })
  assert.deepEqual([...shortestPathTree(graph, 0, options).dist], [0, 6, 4])
  assert.deepEqual(shortestPath(graph, 2, 0, options), { nodes: [2, 0], edges: [2], cost: 13 })
})

test('source equals target, bad ids and negative weights', () => {
  assert.deepEqual(shortestPath(ring, 3, 3, ringWeights), { nodes: [3], edges: [], cost: 0 })
  assert.throws(() => shortestPath(ring, 0, 6, ringWeights), RangeError)
  assert.throws(() => shortestPathTree(ring, -1, ringWeights), RangeError)
  assert.throws(() => shortestPathTree(ring, 0, weights(1, 1)), RangeError)
  assert.throws(() => shortestPath(ring, 0, 5, weights(1, 1, 2, -1, 4, 1)), /negative weight/)
  assert.throws(() => shortestPathTree(ring, 0, { ...ringWeights, nodeCost: Float64Array.from([0, 0, -1, 0, 0, 0]) }), /negative cost/)
  assert.throws(() => pathCost(ring, { nodes: [0, 2], edges: [0] }, ringWeights), /does not join/)
})

test('SSSP distances equal the cheapest simple path of brute force; tree paths are sound', () => {
  fc.assert(
    fc.property(smallCase, ({ graph, options, source }) => {
      const tree = shortestPathTree(graph, source, options)
      for (let v = 0; v < graph.nodeCount; v++) {
        assert.equal(tree.dist[v], cheapestCost(graph, source, v, options))
        const path = pathFromTree(tree, graph, v)
        if (path) assertSound(graph, path, source, v, options)
        else assert.equal(tree.dist[v], Infinity)
      }
    }),
    { numRuns: 300 },
  )
})

test('bidirectional point-to-point cost equals brute force; the path is sound and repeatable', () => {
  fc.assert(
    fc.property(smallCase, ({ graph, options, source, target }) => {
      const path = shortestPath(graph, source, target, options)
      const expected = cheapestCost(graph, source, target, options)
      if (!path) return assert.equal(expected, Infinity)
      assert.equal(path.cost, expected)
      assertSound(graph, path, source, target, options)
      assert.deepEqual(shortestPath(graph, source, target, options), path)
    }),
    { numRuns: 500 },
  )
})

test('A* with an admissible (even inconsistent) heuristic finds the optimum', () => {
  const scale = fc.array(fc.constantFrom(0, 0.25, 0.5, 1), { minLength: 8, maxLength: 8 })
  fc.assert(
    fc.property(smallCase, scale, ({ graph, options, source, target }, factors) => {
      // Exact remaining cost times a per-node factor in [0, 1]: admissible, generally not consistent.
      const exact = Array.from({ length: graph.nodeCount }, (_, v) => cheapestCost(graph, v, target, options))
      const heuristic = (v: number) => exact[v] * factors[v]
      const path = shortestPath(graph, source, target, { ...options, heuristic })
      const expected = cheapestCost(graph, source, target, options)
      if (!path) return assert.equal(expected, Infinity)
      assert.equal(path.cost, expected)
      assertSound(graph, path, source, target, options)
      assert.deepEqual(shortestPath(graph, source, target, { ...options, heuristic }), path)
    }),
    { numRuns: 300 },
  )
})

test('no search ever returns a path through a blocked edge or node', () => {
  fc.assert(
    fc.property(smallCase, ({ graph, options, source, target }) => {
      const found = [shortestPath(graph, source, target, options), pathFromTree(shortestPathTree(graph, source, options), graph, target)]
      for (const path of found) {
        if (!path) continue
        assert.ok(path.edges.every((e) => !options.edgeBlocked?.[e] && Number.isFinite(options.edgeWeight[e])))
        assert.ok(path.nodes.every((v) => !options.nodeBlocked?.[v]))
      }
      assert.ok(allSimplePaths(graph, source, target, options).length > 0 || found.every((p) => p === null) || source === target)
    }),
    { numRuns: 200 },
  )
})
