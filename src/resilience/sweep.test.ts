import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { buildGraph, shortestPathTree } from '../graph'
import { buildSweepModel, evaluateFailure, failureScratch, pairIndex } from './sweep'

/*
 * A ring with a chord; pairs among a, c, e:
 *
 *   a ─1─ b ─1─ c
 *   │           │
 *   5           1
 *   │           │
 *   e ─────1─── d
 *
 * edges: 0 a-b, 1 b-c, 2 c-d, 3 d-e, 4 e-a
 */
const ring = buildGraph(5, [0, 1, 2, 3, 4], [1, 2, 3, 4, 0])
const ringWeights = Float64Array.from([1, 1, 1, 1, 5])

test('cutting a-b reroutes a–c and a–e the long way round and leaves c–e alone', () => {
  const model = buildSweepModel(ring, { edgeWeight: ringWeights }, [0, 2, 4])
  const changed: [number, number, number, number][] = []
  const impact = evaluateFailure(model, [0], failureScratch(model), (i, j, before, after) => changed.push([i, j, before, after]))
  assert.deepEqual(changed, [[0, 1, 2, 7], [0, 2, 4, 5]])
  assert.equal(impact.pairsDisconnected, 0)
  assert.equal(impact.worstInflation, 3.5)
  assert.equal(impact.worstPair, pairIndex(0, 1, 3))
  assert.ok(Math.abs(impact.meanInflation - (3.5 + 1.25 + 1) / 3) < 1e-12)
  assert.equal(impact.extraRttMs, 2 * (5 + 1))
})

test('cutting two edges of the ring isolates a side', () => {
  const model = buildSweepModel(ring, { edgeWeight: ringWeights }, [0, 2, 4])
  const impact = evaluateFailure(model, [0, 4], failureScratch(model))
  assert.equal(impact.pairsDisconnected, 2)
  assert.equal(impact.meanInflation, 1)
})

const caseArbitrary = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 18 }),
    nodeCost: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), { nil: undefined }),
    endpointMask: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    failures: fc.array(fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  }),
)

test('property: every failure equals a from-scratch recomputation of every pair', () => {
  fc.assert(
    fc.property(caseArbitrary, ({ n, edges, nodeCost, endpointMask, failures }) => {
      const graph = buildGraph(n, edges.map(([a]) => a), edges.map(([, b]) => b))
      const edgeWeight = Float64Array.from(edges.map(([, , w]) => w))
      const search = { edgeWeight, ...(nodeCost ? { nodeCost: Float64Array.from(nodeCost) } : {}) }
      const endpoints = endpointMask.flatMap((on, v) => (on ? [v] : []))
      const model = buildSweepModel(graph, search, endpoints)
      const scratch = failureScratch(model)
      for (const raw of failures) {
        const failed = [...new Set(raw.map((e) => e % graph.edgeCount))]
        const after = new Map<number, number>()
        const impact = evaluateFailure(model, failed, scratch, (i, j, _b, a) => after.set(pairIndex(i, j, endpoints.length), a))
        const blocked = new Uint8Array(graph.edgeCount)
        for (const e of failed) blocked[e] = 1
        let disconnected = 0
        for (let i = 0; i < endpoints.length; i++) {
          const base = shortestPathTree(graph, endpoints[i], search).dist
          const cut = shortestPathTree(graph, endpoints[i], { ...search, edgeBlocked: blocked }).dist
          for (let j = i + 1; j < endpoints.length; j++) {
            const k = pairIndex(i, j, endpoints.length)
            const expected = cut[endpoints[j]]
            const reported = after.has(k) ? (after.get(k) as number) : base[endpoints[j]]
            assert.ok(reported === expected || Math.abs(reported - expected) < 1e-9, `pair ${i}-${j}: ${reported} vs ${expected}`)
            if (base[endpoints[j]] < Infinity && expected === Infinity) disconnected++
          }
        }
        assert.equal(impact.pairsDisconnected, disconnected)
      }
    }),
    { numRuns: 300, seed: 3 },
  )
})
