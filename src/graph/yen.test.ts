import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { allSimplePaths, byCostThenIds, smallCase } from './brute-force'
import { buildGraph } from './csr'
import { pathCost } from './dijkstra'
import { kShortestPaths } from './yen'

const weights = (...w: number[]) => ({ edgeWeight: Float64Array.from(w) })

//   e0 ┌──3──┐
//     0      1 ──1── 2     two parallel edges 0–1 (weights 3 and 1) are
//   e1 └──1──┘   e2        two distinct paths to 2; there is no third
const parallel = buildGraph(3, [0, 0, 1], [1, 1, 2])

test('parallel edges: each is its own path, cheapest first, and the list ends when paths run out', () => {
  assert.deepEqual(kShortestPaths(parallel, 0, 2, 5, weights(3, 1, 1)), [
    { nodes: [0, 1, 2], edges: [1, 2], cost: 2 },
    { nodes: [0, 1, 2], edges: [0, 2], cost: 4 },
  ])
  // Equal weights: same nodes, same cost, so the smaller edge id comes first.
  assert.deepEqual(
    kShortestPaths(parallel, 0, 2, 5, weights(1, 1, 1)).map((p) => p.edges),
    [[0, 2], [1, 2]],
  )
})

//        1 ─────── 2
//   e0 ╱  ╲ e2   ╱ e3      every edge weighs 1 except e2 (1–4, weight 2)
//     0    ╲    ╱          0 → 3: 0-1-2-3 and 0-5-4-3 tie at 3 (node order
//   e1 ╲    ╲  ╱            decides), then 0-1-4-3 at 4
//        5 ── 4 ── 3
//          e5    e6         e4 = 2–3
const ladder = buildGraph(6, [0, 0, 1, 1, 2, 5, 4], [1, 5, 4, 2, 3, 4, 3])

test('ladder: ties ordered by node sequence, then by cost', () => {
  const paths = kShortestPaths(ladder, 0, 3, 4, weights(1, 1, 2, 1, 1, 1, 1))
  assert.deepEqual(
    paths.map((p) => [p.cost, p.nodes.join('-')]),
    [
      [3, '0-1-2-3'],
      [3, '0-5-4-3'],
      [4, '0-1-4-3'],
      [6, '0-5-4-1-2-3'],
    ],
  )
})

test('k = 0, blocked ends, unreachable target and source = target', () => {
  assert.deepEqual(kShortestPaths(ladder, 0, 3, 0, weights(1, 1, 2, 1, 1, 1, 1)), [])
  const nodeBlocked = Uint8Array.from([0, 0, 0, 1, 0, 0])
  assert.deepEqual(kShortestPaths(ladder, 0, 3, 3, { ...weights(1, 1, 2, 1, 1, 1, 1), nodeBlocked }), [])
  assert.deepEqual(kShortestPaths(parallel, 2, 0, 3, weights(Infinity, Infinity, 1)), [])
  assert.deepEqual(kShortestPaths(parallel, 1, 1, 3, weights(1, 1, 1)), [{ nodes: [1], edges: [], cost: 0 }])
  assert.throws(() => kShortestPaths(parallel, 0, 2, 1.5, weights(1, 1, 1)), RangeError)
})

test('Yen equals the first k simple paths of brute force, ordered by cost then node and edge ids', () => {
  fc.assert(
    fc.property(smallCase, ({ graph, options, source, target, k }) => {
      const expected =
        source === target
          ? options.nodeBlocked?.[source]
            ? []
            : [{ nodes: [source], edges: [], cost: 0 }]
          : allSimplePaths(graph, source, target, options).sort(byCostThenIds).slice(0, k)
      const paths = kShortestPaths(graph, source, target, k, options)
      assert.deepEqual(paths, expected)
      for (const path of paths) {
        assert.equal(new Set(path.nodes).size, path.nodes.length)
        assert.equal(pathCost(graph, path, options), path.cost)
      }
      assert.deepEqual(kShortestPaths(graph, source, target, k, options), paths)
    }),
    { numRuns: 1000 },
  )
})

test('Yen on denser graphs with many equal costs (weights 0 and 1 only)', () => {
  const dense = fc.integer({ min: 2, max: 7 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(0, 1)), { minLength: n, maxLength: 18 }),
      k: fc.integer({ min: 1, max: 30 }),
    }),
  )
  fc.assert(
    fc.property(dense, ({ n, edges, k }) => {
      const graph = buildGraph(n, edges.map(([a]) => a), edges.map(([, b]) => b))
      const options = { edgeWeight: Float64Array.from(edges.map(([, , w]) => w)) }
      const expected = allSimplePaths(graph, 0, n - 1, options).sort(byCostThenIds).slice(0, k)
      assert.deepEqual(kShortestPaths(graph, 0, n - 1, k, options), expected)
    }),
    { numRuns: 500 },
  )
})
