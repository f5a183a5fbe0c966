import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildGraph, type Graph, type SearchOptions } from '../graph'
import { allSimplePaths } from '../graph/brute-force'
import { betweenness, type PairWeights } from './betweenness'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# betweenness property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

interface Instance {
  graph: Graph
  options: SearchOptions
  weights: PairWeights
}

/**
 * Random multigraphs of 2–7 nodes (parallel links, self-loops, often disconnected) with small positive integer
 * weights (so ties are exact), some unusable (NaN, Infinity) links, node costs and blocks.
 * Positive: with zero-cost edges "shortest path" has zero-cost cycles and no DAG to count on.
 */
const instance: fc.Arbitrary<Instance> = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc
    .record({
      // Unknown (NaN) and infinite weights make a link unusable, as in every search.
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(Infinity, Number.NaN) }), fc.boolean()), { maxLength: 14 }),
      nodeCost: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n })),
      blocked: fc.option(fc.nat(n - 1)),
      demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 9 })), { maxLength: 6 }),
    })
    .map(({ edges, nodeCost, blocked, demands }) => {
      const weights = new Map<number, Float64Array>()
      for (const [s, t, gbps] of demands) {
        if (s === t) continue
        const row = weights.get(s) ?? new Float64Array(n)
        row[t] += gbps
        weights.set(s, row)
      }
      const nodeBlocked = new Uint8Array(n)
      if (blocked !== null) nodeBlocked[blocked] = 1
      return {
        graph: buildGraph(
          n,
          edges.map((x) => x[0]),
          edges.map((x) => x[1]),
        ),
        options: {
          // Small integer weights: many equal-cost ties, which is where path counting goes wrong.
          edgeWeight: Float64Array.from(edges, (x) => x[2]),
          edgeBlocked: Uint8Array.from(edges, (x) => (x[3] && x[2] === 3 ? 1 : 0)),
          nodeBlocked,
          ...(nodeCost ? { nodeCost: Float64Array.from(nodeCost) } : {}),
        },
        weights,
      }
    }),
)

/** Every ordered pair's minimum-cost simple paths, enumerated; each shares the pair's weight equally. */
function brute(x: Instance, weight: (s: number, t: number) => number): { node: number[]; edge: number[] } {
  const n = x.graph.nodeCount
  const node = new Array<number>(n).fill(0)
  const edge = new Array<number>(x.graph.edgeCount).fill(0)
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < n; t++) {
      const w = weight(s, t)
      if (s === t || w === 0 || x.options.nodeBlocked?.[s] || x.options.nodeBlocked?.[t]) continue
      const paths = allSimplePaths(x.graph, s, t, x.options)
      if (paths.length === 0) continue
      const best = Math.min(...paths.map((p) => p.cost))
      const shortest = paths.filter((p) => p.cost === best)
      for (const p of shortest) {
        for (const v of p.nodes.slice(1, -1)) node[v] += w / shortest.length
        for (const e of p.edges) edge[e] += w / shortest.length
      }
    }
  }
  return { node, edge }
}

const close = (actual: ArrayLike<number>, expected: number[], what: string) => {
  expected.forEach((value, i) => assert.ok(Math.abs(actual[i] - value) < 1e-9, `${what} ${i}: ${actual[i]} vs brute force ${value}`))
}

describe('betweenness (Brandes) against brute force', () => {
  it('per node and per edge, every unordered pair once', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const result = betweenness(x.graph, x.options)
        const expected = brute(x, () => 0.5)
        close(result.node, expected.node, 'node')
        close(result.edge, expected.edge, 'edge')
      }),
      { numRuns: 300 },
    )
  })

  it('weighted by demand: each ordered pair by its Gbit/s', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const result = betweenness(x.graph, x.options, x.weights)
        const expected = brute(x, (s, t) => x.weights.get(s)?.[t] ?? 0)
        close(result.node, expected.node, 'node')
        close(result.edge, expected.edge, 'edge')
      }),
      { numRuns: 300 },
    )
  })

  it('a star: the hub carries every pair of leaves', () => {
    //   1   2
    //    \ /
    //     0 ── 3
    const graph = buildGraph(4, [0, 0, 0], [1, 2, 3])
    const result = betweenness(graph, { edgeWeight: Float64Array.of(1, 1, 1) })
    assert.deepEqual([...result.node], [3, 0, 0, 0])
    assert.deepEqual([...result.edge], [3, 3, 3])
  })
})
