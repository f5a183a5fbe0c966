import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { allSimplePaths } from './brute-force'
import { buildGraph } from './csr'
import { type Disjointness, disjointPaths, maxDisjointPaths } from './suurballe'
import type { Path, SearchOptions } from './types'

/*
 * The trap topology, where taking the shortest path first leaves no disjoint second path
 * (Bhandari 1999, fig. 4.2); weights on the edges:
 *
 *          ┌──2── d ──2──┐
 *   s ─1─ a ─1─ b ─1─ t
 *   └──2── c ──2──┘
 *
 * edges: s-a 1, a-b 1, b-t 1, s-c 2, c-b 2, a-d 2, d-t 2. Shortest s-a-b-t (3) blocks both; the optimal
 * pair is s-a-d-t (5) + s-c-b-t (5) = 10.
 */
const trap = buildGraph(6, [0, 1, 2, 0, 4, 1, 5], [1, 2, 3, 4, 2, 5, 3])
const trapWeights: SearchOptions = { edgeWeight: Float64Array.from([1, 1, 1, 2, 2, 2, 2]) }

test('the trap topology: two disjoint paths of total 10, though the single shortest path blocks both', () => {
  const answer = disjointPaths(trap, 0, 3, 2, 'edge', trapWeights)
  assert.equal(answer.paths.length, 2)
  assert.equal(answer.totalCost, 10)
  assert.deepEqual(answer.paths.map((p) => p.nodes), [[0, 1, 5, 3], [0, 4, 2, 3]])
  assert.equal(maxDisjointPaths(trap, 0, 3, 'node', trapWeights), 2)
})

test('with a share penalty a bridge is shared and k paths still come back', () => {
  // s ─ a ═ b ─ t with one bridge a-b: two paths must share it.
  const g = buildGraph(4, [0, 0, 1, 2, 2], [1, 1, 2, 3, 3])
  const options = { edgeWeight: Float64Array.from([1, 2, 1, 1, 3]) }
  assert.equal(disjointPaths(g, 0, 3, 2, 'edge', options).paths.length, 1)
  const shared = disjointPaths(g, 0, 3, 2, 'edge', { ...options, sharePenalty: 1000 })
  assert.equal(shared.paths.length, 2)
  assert.equal(shared.totalCost, 1 + 1 + 1 + 2 + 1 + 3)
})

function disjoint(paths: Path[], mode: Disjointness): boolean {
  const edges = new Set<number>()
  const nodes = new Set<number>()
  for (const p of paths) {
    for (const e of p.edges) {
      if (edges.has(e)) return false
      edges.add(e)
    }
    if (mode === 'node') {
      for (const v of p.nodes.slice(1, -1)) {
        if (nodes.has(v)) return false
        nodes.add(v)
      }
    }
  }
  return true
}

/** Best total over every set of k disjoint simple paths, and the largest k for which one exists. */
function bruteForce(paths: Path[], k: number, mode: Disjointness): { count: number; best: number } {
  let best = Infinity
  let count = 0
  const chosen: Path[] = []
  const visit = (from: number) => {
    if (chosen.length > count) count = chosen.length
    if (chosen.length === k) {
      best = Math.min(best, chosen.reduce((s, p) => s + p.cost, 0))
      return
    }
    for (let i = from; i < paths.length; i++) {
      chosen.push(paths[i])
      if (disjoint(chosen, mode)) visit(i + 1)
      chosen.pop()
    }
  }
  visit(0)
  return { count: Math.min(count, k), best }
}

const smallGraph = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 11 }),
    nodeCost: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), { nil: undefined }),
    source: fc.nat(n - 1),
    target: fc.nat(n - 1),
    k: fc.integer({ min: 1, max: 3 }),
    mode: fc.constantFrom<Disjointness>('edge', 'node'),
  }),
)

test('property: disjoint, as many as brute force finds, and of the optimal total', () => {
  fc.assert(
    fc.property(smallGraph, ({ n, edges, nodeCost, source, target, k, mode }) => {
      fc.pre(source !== target)
      const graph = buildGraph(n, edges.map(([a]) => a), edges.map(([, b]) => b))
      const options: SearchOptions = { edgeWeight: Float64Array.from(edges.map(([, , w]) => w)) }
      if (nodeCost) options.nodeCost = Float64Array.from(nodeCost)
      const answer = disjointPaths(graph, source, target, k, mode, options)
      const reference = bruteForce(allSimplePaths(graph, source, target, options), k, mode)
      assert.ok(disjoint(answer.paths, mode), 'paths are disjoint')
      for (const p of answer.paths) {
        assert.equal(new Set(p.nodes).size, p.nodes.length, 'each path is simple')
        assert.equal(p.nodes[0], source)
        assert.equal(p.nodes[p.nodes.length - 1], target)
      }
      assert.equal(answer.paths.length, reference.count)
      if (reference.count === k) assert.ok(Math.abs(answer.totalCost - reference.best) < 1e-9, `total ${answer.totalCost} vs ${reference.best}`)
    }),
    { numRuns: 400, seed: 20261124 },
  )
})
