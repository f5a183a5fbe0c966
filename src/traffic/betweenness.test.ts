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

/** Pair weights from (s, t, Gbit/s) demands; a demand from a node to itself counts nothing. */
function pairRows(n: number, demands: [number, number, number][]): Map<number, Float64Array> {
  const rows = new Map<number, Float64Array>()
  for (const [s, t, gbps] of demands) {
    if (s === t) continue
    const row = rows.get(s) ?? new Float64Array(n)
    row[t] += gbps
    rows.set(s, row)
  }
  return rows
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
      const weights = pairRows(n, demands)
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
  // Small integer weights admit the bucket queue, so `auto` takes it; the heap is forced to check it too.
  for (const queue of ['auto', 'heap'] as const) {
    it(`per node and per edge, every unordered pair once (${queue} queue)`, () => {
      fc.assert(
        fc.property(instance, (x) => {
          const result = betweenness(x.graph, x.options, undefined, queue)
          const expected = brute(x, () => 0.5)
          close(result.node, expected.node, 'node')
          close(result.edge, expected.edge, 'edge')
        }),
        { numRuns: 300 },
      )
    })

    it(`weighted by demand: each ordered pair by its Gbit/s (${queue} queue)`, () => {
      fc.assert(
        fc.property(instance, (x) => {
          const result = betweenness(x.graph, x.options, x.weights, queue)
          const expected = brute(x, (s, t) => x.weights.get(s)?.[t] ?? 0)
          close(result.node, expected.node, 'node')
          close(result.edge, expected.edge, 'edge')
        }),
        { numRuns: 300 },
      )
    })
  }

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

/** Connected-ish random graphs of 2–40 nodes with real-valued weights spanning `ratio`:1, some parallel links and node costs. */
const larger = (ratio: number): fc.Arbitrary<{ graph: Graph; options: SearchOptions; weights: PairWeights }> =>
  fc.integer({ min: 2, max: 40 }).chain((n) =>
    fc
      .record({
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
        parents: fc.array(fc.nat(n - 1), { minLength: n, maxLength: n }),
        weights: fc.array(fc.double({ min: 1, max: ratio, noNaN: true }), { minLength: 3 * n, maxLength: 3 * n }),
        nodeCost: fc.option(fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: n, maxLength: n })),
        demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 9 })), { maxLength: 10 }),
      })
      .map(({ extra, parents, weights, nodeCost, demands }) => {
        // A random tree (each node joined to an earlier one) plus extra links: many long paths, a few cycles.
        const tails = [...parents.slice(1).map((p, i) => p % (i + 1)), ...extra.map((x) => x[0])]
        const heads = [...parents.slice(1).map((_, i) => i + 1), ...extra.map((x) => x[1])]
        const rows = pairRows(n, demands)
        return {
          graph: buildGraph(n, tails, heads),
          options: { edgeWeight: Float64Array.from(tails, (_, e) => weights[e]), ...(nodeCost ? { nodeCost: Float64Array.from(nodeCost) } : {}) },
          weights: rows,
        }
      }),
  )

describe('betweenness: the bucket queue against the heap', () => {
  const agree = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])), `${what} ${i}: buckets ${a[i]} vs heap ${b[i]}`)
  }
  for (const ratio of [1.5, 40, 1000]) {
    it(`equal results on random graphs, weights spanning ${ratio}:1, with and without pair weights`, () => {
      fc.assert(
        fc.property(larger(ratio), (x) => {
          const heap = betweenness(x.graph, x.options, undefined, 'heap')
          const buckets = betweenness(x.graph, x.options, undefined, 'buckets')
          agree(buckets.node, heap.node, 'node')
          agree(buckets.edge, heap.edge, 'edge')
          const heapWeighted = betweenness(x.graph, x.options, x.weights, 'heap')
          const bucketsWeighted = betweenness(x.graph, x.options, x.weights, 'buckets')
          agree(bucketsWeighted.node, heapWeighted.node, 'weighted node')
          agree(bucketsWeighted.edge, heapWeighted.edge, 'weighted edge')
        }),
        { numRuns: 150 },
      )
    })
  }

  it('equal weights (the hop metric): the bucket queue gives the breadth-first counts', () => {
    // A 3 × 3 grid: 0 1 2 / 3 4 5 / 6 7 8; the centre lies on many equal-hop paths.
    const tails = [0, 1, 3, 4, 6, 7, 0, 3, 1, 4, 2, 5]
    const heads = [1, 2, 4, 5, 7, 8, 3, 6, 4, 7, 5, 8]
    const graph = buildGraph(9, tails, heads)
    const options = { edgeWeight: new Float64Array(12).fill(1) }
    const buckets = betweenness(graph, options, undefined, 'buckets')
    const expected = brute({ graph, options, weights: new Map() }, () => 0.5)
    close(buckets.node, expected.node, 'node')
    close(buckets.edge, expected.edge, 'edge')
  })

  it('falls back to the heap when the bucket queue cannot serve, with the same answer', () => {
    // A path of 100 km links with one 1 mm link: a step range of 10⁸:1 admits no bucket ring.
    const n = 30
    const graph = buildGraph(n, Array.from({ length: n - 1 }, (_, i) => i), Array.from({ length: n - 1 }, (_, i) => i + 1))
    const edgeWeight = Float64Array.from({ length: n - 1 }, (_, e) => (e === 7 ? 1e-6 : 100))
    assert.throws(() => betweenness(graph, { edgeWeight }, undefined, 'buckets'), /admit no bucket queue/)
    const auto = betweenness(graph, { edgeWeight })
    const heap = betweenness(graph, { edgeWeight }, undefined, 'heap')
    agree(auto.node, heap.node, 'node')
    // On a path every node between s and t carries the pair: node i lies on i × (n − 1 − i) pairs.
    agree(auto.node, Float64Array.from({ length: n }, (_, i) => i * (n - 1 - i)), 'path')
  })

  it('gives up the buckets mid-run when too many are empty, with the same answer', () => {
    // 300 links of 1,000 km and one of 100 m: the ring is allowed (10⁴:1) but a search passes ~6·10⁶ empty
    // buckets, over the budget, so the first search is abandoned and every search runs on the heap.
    const n = 302
    const graph = buildGraph(n, Array.from({ length: n - 1 }, (_, i) => i), Array.from({ length: n - 1 }, (_, i) => i + 1))
    const edgeWeight = Float64Array.from({ length: n - 1 }, (_, e) => (e === 150 ? 0.1 : 1000))
    const auto = betweenness(graph, { edgeWeight })
    agree(auto.node, Float64Array.from({ length: n }, (_, i) => i * (n - 1 - i)), 'path')
    agree(auto.edge, Float64Array.from({ length: n - 1 }, (_, e) => (e + 1) * (n - 1 - e)), 'path edges')
  })
})
