import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { buildGraph, type Graph } from '../graph'
import { compileIndex } from '../routing'
import { generateNetwork, mulberry32 } from '../synthetic'
import { maxFlow } from './maxflow'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# maxflow property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

interface Instance {
  graph: Graph
  capacity: Float64Array
  edgeBlocked: Uint8Array
  sources: number[]
  sinks: number[]
}

/**
 * Random multigraphs of 2–7 nodes (not necessarily connected, parallel edges and self-loops allowed), with
 * zero capacities, blocked edges and, where `unknown`, some uncapacitated (Infinity) edges.
 */
const instanceOf = (maxNodes: number, maxEdges: number, unknown: boolean): fc.Arbitrary<Instance> => fc.integer({ min: 2, max: maxNodes }).chain((n) =>
  fc
    .record({
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), unknown ? fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Infinity)) : fc.integer({ min: 0, max: 12 }), fc.boolean()), { maxLength: maxEdges }),
      roles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
    })
    .map(({ edges, roles }) => ({
      graph: buildGraph(
        n,
        edges.map((x) => x[0]),
        edges.map((x) => x[1]),
      ),
      capacity: Float64Array.from(edges, (x) => x[2]),
      edgeBlocked: Uint8Array.from(edges, (x) => (x[3] && x[2] % 5 === 0 ? 1 : 0)),
      sources: roles.flatMap((r, v) => (r === 1 ? [v] : [])),
      sinks: roles.flatMap((r, v) => (r === 2 ? [v] : [])),
    }))
    .filter((x) => x.sources.length > 0 && x.sinks.length > 0),
)
const instance = instanceOf(7, 14, false)

/** Minimum over every node subset holding all sources and no sink of the capacity of the edges it separates. */
function bruteMinCut(x: Instance): number {
  const n = x.graph.nodeCount
  let best = Infinity
  for (let mask = 0; mask < 1 << n; mask++) {
    if (x.sources.some((s) => !(mask & (1 << s))) || x.sinks.some((t) => mask & (1 << t))) continue
    let total = 0
    for (let e = 0; e < x.graph.edgeCount; e++) {
      const inA = (mask >> x.graph.edgeTail[e]) & 1
      const inB = (mask >> x.graph.edgeHead[e]) & 1
      if (inA !== inB && !x.edgeBlocked[e]) total += x.capacity[e]
    }
    best = Math.min(best, total)
  }
  return best
}


/**
 * A certificate of optimality: the flow respects capacities and blocks and is conserved outside the terminals,
 * the cut separates the sets, and the flow's value equals the cut's capacity (weak duality makes both optimal).
 */
function assertOptimal(x: Instance, result: ReturnType<typeof maxFlow>): void {
  const side = result.sourceSide
  const crossing = Array.from({ length: x.graph.edgeCount }, (_, e) => e).filter((e) => side[x.graph.edgeTail[e]] !== side[x.graph.edgeHead[e]] && !x.edgeBlocked[e])
  assert.deepEqual(result.cutEdges, crossing)
  const cutCapacity = result.cutEdges.reduce((sum, e) => sum + x.capacity[e], 0)
  assert.ok(Math.abs(cutCapacity - result.valueGbps) < 1e-9, `cut ${cutCapacity} vs flow ${result.valueGbps}`)
  const net = new Float64Array(x.graph.nodeCount)
  for (let e = 0; e < x.graph.edgeCount; e++) {
    const f = result.edgeFlowGbps[e]
    assert.ok(Math.abs(f) <= x.capacity[e] + 1e-9, `edge ${e} carries ${f} over ${x.capacity[e]}`)
    if (x.edgeBlocked[e]) assert.equal(f, 0)
    net[x.graph.edgeTail[e]] -= f
    net[x.graph.edgeHead[e]] += f
  }
  const sources = new Set(x.sources)
  const sinks = new Set(x.sinks)
  let out = 0
  let into = 0
  net.forEach((balance, v) => {
    if (sources.has(v)) out -= balance
    else if (sinks.has(v)) into += balance
    else assert.ok(Math.abs(balance) < 1e-9, `node ${v} is not conserved: ${balance}`)
  })
  assert.ok(Math.abs(out - result.valueGbps) < 1e-9 && Math.abs(into - result.valueGbps) < 1e-9)
  for (const s of x.sources) assert.equal(result.sourceSide[s], 1)
  for (const t of x.sinks) assert.equal(result.sourceSide[t], 0)
}

describe('maxFlow (push-relabel, highest label) against brute force', () => {
  it('max-flow = min-cut capacity = the least cut over all node subsets; the flow is feasible and conserved', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const result = maxFlow(x.graph, x.sources, x.sinks, x.capacity, { edgeBlocked: x.edgeBlocked })
        const brute = bruteMinCut(x)
        assert.ok(Math.abs(result.valueGbps - brute) < 1e-9, `flow ${result.valueGbps} vs brute-force min cut ${brute}`)
        assertOptimal(x, result)
      }),
      { numRuns: 400 },
    )
  })

  it('with uncapacitated links: infinite exactly when the brute-force cut is, otherwise optimal', () => {
    fc.assert(
      fc.property(instanceOf(7, 14, true), (x) => {
        const result = maxFlow(x.graph, x.sources, x.sinks, x.capacity, { edgeBlocked: x.edgeBlocked })
        const brute = bruteMinCut(x)
        if (brute === Infinity) {
          assert.equal(result.valueGbps, Infinity)
          // The path is a chain of usable uncapacitated edges from a source to a sink.
          const path = result.unboundedPath ?? []
          assert.ok(path.length > 0 && path.every((e) => x.capacity[e] === Infinity && !x.edgeBlocked[e]))
          return
        }
        assert.ok(Math.abs(result.valueGbps - brute) < 1e-9, `flow ${result.valueGbps} vs brute-force min cut ${brute}`)
        assertOptimal(x, result)
      }),
      { numRuns: 300 },
    )
  })

  it('on larger random multigraphs (up to 60 nodes, many gaps and global relabellings) the flow is certified optimal', () => {
    fc.assert(
      fc.property(instanceOf(60, 150, false), (x) => assertOptimal(x, maxFlow(x.graph, x.sources, x.sinks, x.capacity, { edgeBlocked: x.edgeBlocked }))),
      { numRuns: 300 },
    )
  })

  it('on synthetic corridor networks (300 and 1,000 nodes: long paths, many relabels, gaps and global relabellings) the flow is certified optimal', () => {
    // Seeded, so a failure replays; several sources and sinks, blocked links and nodes and zero capacities
    // where a random draw says so: the small multigraphs above rarely hold excess long enough to exercise the
    // buckets of the highest-label selection.
    let positive = 0
    for (const nodes of [300, 1000]) {
      const index = compileIndex(generateNetwork({ nodes, seed: 7 + nodes }), defaultProfile)
      const graph = buildGraph(index.graph.nodeCount, index.graph.edgeTail, index.graph.edgeHead)
      const n = graph.nodeCount
      const random = mulberry32(nodes)
      const pick = () => Math.floor(random() * n)
      for (let trial = 0; trial < 12; trial++) {
        const capacity = Float64Array.from({ length: graph.edgeCount }, () => (random() < 0.05 ? 0 : 10 * (1 + Math.floor(random() * 40))))
        const edgeBlocked = Uint8Array.from({ length: graph.edgeCount }, () => (trial % 3 === 2 && random() < 0.1 ? 1 : 0))
        const nodeBlocked = Uint8Array.from({ length: n }, () => (trial % 3 === 1 && random() < 0.05 ? 1 : 0))
        const count = trial % 4 === 3 ? 3 : 1
        const sources = Array.from({ length: count }, pick)
        const sinks = Array.from({ length: count }, pick).filter((t) => !sources.includes(t))
        if (sinks.length === 0) continue
        // A blocked node carries nothing: the certificate sees it as the blocking of its links.
        const blocked = Uint8Array.from(edgeBlocked, (b, e) => (b || nodeBlocked[graph.edgeTail[e]] || nodeBlocked[graph.edgeHead[e]] ? 1 : 0))
        const result = maxFlow(graph, sources, sinks, capacity, { edgeBlocked, nodeBlocked })
        const usable = (v: number) => !nodeBlocked[v]
        const x: Instance = { graph, capacity, edgeBlocked: blocked, sources: sources.filter(usable), sinks: sinks.filter(usable) }
        if (x.sources.length === 0 || x.sinks.length === 0) {
          assert.equal(result.valueGbps, 0)
          continue
        }
        assertOptimal(x, result)
        if (result.valueGbps > 0) positive++
      }
    }
    // Not vacuous: most trials move flow.
    assert.ok(positive >= 16, `${positive} of 24 trials with a positive flow`)
  })

  it('calls on one graph share its scratch arrays without leaking state: each answer equals that on a fresh copy', () => {
    // One topology, several questions on it (capacities with uncapacitated links, blocks, sources and sinks).
    const questions = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.tuple(
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: 1, maxLength: 14 }),
        fc.array(fc.tuple(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Infinity)), { minLength: 14, maxLength: 14 }), fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n })), { minLength: 2, maxLength: 4 }),
      ).map(([edges, asks]) => ({ n, edges, asks })),
    )
    fc.assert(
      fc.property(questions, ({ n, edges, asks }) => {
        const tails = edges.map((x) => x[0])
        const heads = edges.map((x) => x[1])
        const shared = buildGraph(n, tails, heads)
        for (const [capacities, blocks, roles] of asks) {
          const capacity = Float64Array.from(edges, (_, e) => capacities[e])
          const edgeBlocked = Uint8Array.from(edges, (_, e) => (blocks[e] ? 1 : 0))
          const sources = roles.flatMap((r, v) => (r === 1 ? [v] : []))
          const sinks = roles.flatMap((r, v) => (r === 2 ? [v] : []))
          const fresh = maxFlow(buildGraph(n, tails, heads), sources, sinks, capacity, { edgeBlocked })
          assert.deepEqual(maxFlow(shared, sources, sinks, capacity, { edgeBlocked }), fresh)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('links are full duplex and parallel links add up', () => {
    //   0 ══(3 + 4)══ 1 ──5── 2     sources {0, 2}, sink {1}: 7 + 5, each link's capacity in its own direction
    const graph = buildGraph(3, [0, 0, 1], [1, 1, 2])
    const result = maxFlow(graph, [0, 2], [1], Float64Array.of(3, 4, 5))
    assert.equal(result.valueGbps, 12)
    assert.deepEqual(result.cutEdges, [0, 1, 2])
    assert.deepEqual([...result.edgeFlowGbps], [3, 4, -5])
  })

  it('is unbounded over uncapacitated links, and 0 across blocked ones', () => {
    //   0 ──∞── 1 ──∞── 2
    const graph = buildGraph(3, [0, 1], [1, 2])
    const unbounded = maxFlow(graph, [0], [2], Float64Array.of(Infinity, Infinity))
    assert.equal(unbounded.valueGbps, Infinity)
    assert.deepEqual(unbounded.unboundedPath, [0, 1])
    const capped = maxFlow(graph, [0], [2], Float64Array.of(Infinity, 9))
    assert.equal(capped.valueGbps, 9)
    assert.deepEqual(capped.cutEdges, [1])
    assert.deepEqual([...capped.edgeFlowGbps], [9, 9])
    const blocked = maxFlow(graph, [0], [2], Float64Array.of(Infinity, 9), { nodeBlocked: Uint8Array.of(0, 1, 0) })
    assert.equal(blocked.valueGbps, 0)
  })

  it('a long path does not overflow the stack', () => {
    const n = 200_000
    const tails = Int32Array.from({ length: n - 1 }, (_, i) => i)
    const heads = Int32Array.from({ length: n - 1 }, (_, i) => i + 1)
    const capacity = Float64Array.from({ length: n - 1 }, (_, i) => 1 + (i % 7))
    assert.equal(maxFlow(buildGraph(n, tails, heads), [0], [n - 1], capacity).valueGbps, 1)
  })
})
