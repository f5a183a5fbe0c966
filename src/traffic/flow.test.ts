import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { buildGraph, type Graph, type SearchOptions } from '../graph'
import { cheapestCost } from '../graph/brute-force'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, type Network } from '../model'
import { compileIndex } from '../routing'
import { generateNetwork, mulberry32 } from '../synthetic'
import { DEFAULT_LEXICOGRAPHIC_TOLERANCE, type EdgeDemand, ecmpLoading, flow, hubs, loadHighs, type McfResult, resolveDemands, shortestPathLoading, solveMulticommodity } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# traffic property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

interface Instance {
  graph: Graph
  weight: Float64Array
  capacity: Float64Array
  demands: EdgeDemand[]
}

/** Small connected multigraphs (a random spanning tree plus extra, possibly parallel, edges) and 1–4 demands. */
const instance: fc.Arbitrary<Instance> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc
    .record({
      tree: fc.array(fc.nat(1000), { minLength: n - 1, maxLength: n - 1 }),
      extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 6 }),
      weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n - 1 + 6, maxLength: n - 1 + 6 }),
      capacities: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: n - 1 + 6, maxLength: n - 1 + 6 }),
      demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 4 }),
    })
    .map(({ tree, extra, weights, capacities, demands }) => {
      const tails: number[] = []
      const heads: number[] = []
      tree.forEach((r, i) => {
        tails.push(i + 1)
        heads.push(r % (i + 1))
      })
      for (const [a, b] of extra) {
        if (a === b) continue
        tails.push(a)
        heads.push(b)
      }
      const m = tails.length
      return {
        graph: buildGraph(n, tails, heads),
        weight: Float64Array.from({ length: m }, (_, e) => weights[e]),
        capacity: Float64Array.from({ length: m }, (_, e) => capacities[e]),
        demands: demands.filter(([s, t]) => s !== t).map(([source, target, gbps]) => ({ source, target, gbps })),
      }
    })
    .filter((x) => x.demands.length > 0),
)

/** Capacity of the cut between a node set and the rest: edges with one end in each (each direction holds c). */
function cutCapacity(graph: Graph, capacity: Float64Array, inside: (v: number) => boolean): number {
  let total = 0
  for (let e = 0; e < graph.edgeCount; e++) if (inside(graph.edgeTail[e]) !== inside(graph.edgeHead[e])) total += capacity[e]
  return total
}

/**
 * The cut condition by brute force over every node subset: no routing can keep utilisation below
 * (demand separated by the cut) ÷ (cut capacity). For a single demand this bound is exact (max-flow min-cut).
 */
function cutBound(instance: Instance): number {
  const { graph, capacity, demands } = instance
  let bound = 0
  for (let mask = 1; mask < 2 ** graph.nodeCount - 1; mask++) {
    const inside = (v: number) => ((mask >> v) & 1) === 1
    let separated = 0
    for (const d of demands) if (inside(d.source) !== inside(d.target)) separated += d.gbps
    if (separated > 0) bound = Math.max(bound, separated / cutCapacity(graph, capacity, inside))
  }
  return bound
}

function maxUtilisation(load: Float64Array, capacity: Float64Array): number {
  let u = 0
  load.forEach((x, e) => (u = Math.max(u, x / capacity[e])))
  return u
}

/** A seeded synthetic network (src/synthetic), 10–100 Gbit/s links, `count` seeded demands of 1–10 Gbit/s. */
function syntheticInstance(nodes: number, count: number): Instance {
  const network = generateNetwork({ nodes, seed: 7 })
  const ids = new Map(network.nodes.map((n, i) => [n.id, i]))
  const graph = buildGraph(nodes, network.links.map((l) => ids.get(l.a) as number), network.links.map((l) => ids.get(l.b) as number))
  const random = mulberry32(7)
  const capacity = Float64Array.from({ length: graph.edgeCount }, () => 10 + Math.floor(random() * 91))
  const weight = Float64Array.from({ length: graph.edgeCount }, () => 1 + random())
  const demands = Array.from({ length: count }, () => {
    const source = Math.floor(random() * nodes)
    return { source, target: (source + 1 + Math.floor(random() * (nodes - 1))) % nodes, gbps: 1 + Math.floor(random() * 10) }
  })
  return { graph, weight, capacity, demands }
}

/** Each demand's paths run from its source to its target, carry its flow, and add up to the edge loads. */
function assertConsistent(instance: Instance, result: { loadGbps: Float64Array; flows: McfResult['flows'] }, scale: number, slack = 0): void {
  const { graph, demands } = instance
  const fromPaths = new Float64Array(graph.edgeCount)
  demands.forEach((d, i) => {
    const f = result.flows[i]
    const want = d.gbps * scale
    assert.ok(Math.abs(f.routedGbps - want) <= 1e-6 * Math.max(1, d.gbps) + slack * want, `demand ${i} routed ${f.routedGbps} of ${want}`)
    for (const p of f.paths) {
      assert.equal(p.nodes[0], d.source)
      assert.equal(p.nodes[p.nodes.length - 1], d.target)
      p.edges.forEach((e, j) => {
        const [u, v] = [p.nodes[j], p.nodes[j + 1]]
        assert.ok((graph.edgeTail[e] === u && graph.edgeHead[e] === v) || (graph.edgeTail[e] === v && graph.edgeHead[e] === u), 'path edges join its nodes')
        fromPaths[e] += p.gbps
      })
    }
  })
  fromPaths.forEach((x, e) => assert.ok(Math.abs(x - result.loadGbps[e]) <= 1e-6 * Math.max(1, x), `edge ${e}: paths ${x}, load ${result.loadGbps[e]}`))
}

describe('optimal routing (LP) against brute force', async () => {
  const highs = await loadHighs()
  const solve = (x: Instance, objective: 'min-max-utilisation' | 'max-concurrent-flow') =>
    solveMulticommodity(x.graph, x.demands, { objective, capacityGbps: x.capacity, usable: new Uint8Array(x.graph.edgeCount).fill(1), edgeWeight: x.weight }, highs)

  it('a single demand: min-max utilisation = demand ÷ min cut (max-flow min-cut)', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const single = { ...x, demands: [x.demands[0]] }
        const result = await solve(single, 'min-max-utilisation')
        assert.equal(result.status, 'optimal')
        const expected = cutBound(single)
        assert.ok(Math.abs((result.value as number) - expected) <= 1e-6 * Math.max(1, expected), `U ${result.value}, brute force ${expected}`)
        assertConsistent(single, result, 1)
      }),
      { numRuns: 60 },
    )
  })

  it('many demands: cut bound ≤ U_LP ≤ shortest-path and ECMP loading; λ·U = 1; λ × demands fits', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const search: SearchOptions = { edgeWeight: x.weight }
        const lp = await solve(x, 'min-max-utilisation')
        assert.equal(lp.status, 'optimal')
        const u = lp.value as number
        assert.ok(u >= cutBound(x) * (1 - 1e-6) - 1e-9, `U ${u} below the cut bound ${cutBound(x)}`)
        // Phase 2 may use the lexicographic slack: U* ≤ reached ≤ U*(1 + ε).
        assert.ok(Math.abs(maxUtilisation(lp.loadGbps, x.capacity) - u) <= 2 * DEFAULT_LEXICOGRAPHIC_TOLERANCE * Math.max(1, u))
        for (const loading of [shortestPathLoading(x.graph, x.demands, search), ecmpLoading(x.graph, x.demands, search)]) {
          assert.ok(u <= maxUtilisation(loading.loadGbps, x.capacity) * (1 + 1e-6) + 1e-9)
          assertConsistent(x, loading, 1)
        }
        assertConsistent(x, lp, 1)
        const mcf = await solve(x, 'max-concurrent-flow')
        assert.equal(mcf.status, 'optimal')
        const lambda = mcf.value as number
        assert.ok(Math.abs(lambda * u - 1) <= 1e-5, `λ ${lambda} × U ${u} ≠ 1`)
        mcf.loadGbps.forEach((load, e) => assert.ok(load <= x.capacity[e] * (1 + 1e-6) + 1e-9, `λ routing overloads edge ${e}`))
        // λ·d, or λ·d/(1 + ε) where phase 2 used the slack.
        assertConsistent(x, mcf, lambda, 2 * DEFAULT_LEXICOGRAPHIC_TOLERANCE)
      }),
      { numRuns: 60 },
    )
  })

  it('path formulation (column generation) and arc formulation agree; conservation at every node; no overload when U ≤ 1', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), async (x0, open) => {
        // Some edges uncapacitated (Infinity), as links of unknown capacity are by default.
        const capacity = Float64Array.from(x0.capacity, (c, e) => (open[e % open.length] && e % 3 === 0 ? Infinity : c))
        const x = { ...x0, capacity }
        for (const objective of ['min-max-utilisation', 'max-concurrent-flow'] as const) {
          const options = { objective, capacityGbps: capacity, usable: new Uint8Array(x.graph.edgeCount).fill(1), edgeWeight: x.weight }
          const path = await solveMulticommodity(x.graph, x.demands, { ...options, formulation: 'path' }, highs)
          const arc = await solveMulticommodity(x.graph, x.demands, { ...options, formulation: 'arc' }, highs)
          assert.equal(path.status, arc.status)
          if (arc.status !== 'optimal') continue
          const [a, b] = [path.value as number, arc.value as number]
          assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, b), `${objective}: path ${a}, arc ${b}`)
          const scale = objective === 'max-concurrent-flow' ? a : 1
          const slack = objective === 'max-concurrent-flow' ? 2 * DEFAULT_LEXICOGRAPHIC_TOLERANCE : 0
          assertConsistent(x, path, scale, slack)
          x.demands.forEach((d, i) => {
            const net = new Float64Array(x.graph.nodeCount)
            for (const p of path.flows[i].paths) {
              net[p.nodes[0]] += p.gbps
              net[p.nodes[p.nodes.length - 1]] -= p.gbps
            }
            net.forEach((v, node) => {
              const want = node === d.source ? d.gbps * scale : node === d.target ? -d.gbps * scale : 0
              assert.ok(Math.abs(v - want) <= 1e-6 * Math.max(1, d.gbps) + slack * Math.abs(want), `demand ${i} node ${node}: net ${v}, want ${want}`)
            })
            for (const p of path.flows[i].paths) assert.equal(new Set(p.nodes).size, p.nodes.length, 'paths are simple')
          })
          const limit = objective === 'max-concurrent-flow' ? 1 : a
          if (limit <= 1) path.loadGbps.forEach((load, e) => assert.ok(load <= capacity[e] * (1 + 1e-6) + 1e-9, `edge ${e} overloaded at U ${a}`))
        }
      }),
      { numRuns: 60 },
    )
  })

  it('lexicographic: phase 2 keeps U within U*·(1 + ε) and never raises the latency-weighted load, both formulations', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.double({ min: 0.1, max: 10, noNaN: true }), async (x, spread) => {
        // Real-valued weights, so the phase-2 objective is not flat along every route.
        const weight = Float64Array.from(x.weight, (w, e) => w * (1 + (spread * ((e * 7919) % 13)) / 13))
        const base = { objective: 'min-max-utilisation' as const, capacityGbps: x.capacity, usable: new Uint8Array(x.graph.edgeCount).fill(1), edgeWeight: weight }
        for (const formulation of ['path', 'arc'] as const) {
          const first = await solveMulticommodity(x.graph, x.demands, { ...base, formulation, secondPhase: false }, highs)
          const both = await solveMulticommodity(x.graph, x.demands, { ...base, formulation }, highs)
          assert.equal(both.status, 'optimal')
          const u = first.value as number
          assert.equal(both.value, u, 'the first objective is reported as phase 1 found it')
          const reached = maxUtilisation(both.loadGbps, x.capacity)
          assert.ok(reached <= u * (1 + DEFAULT_LEXICOGRAPHIC_TOLERANCE) * (1 + 1e-9) + 1e-9, `${formulation}: phase 2 reached U ${reached} > U* ${u}·(1 + ε)`)
          assert.ok(both.weightedLoad <= first.weightedLoad * (1 + 1e-9) + 1e-9, `${formulation}: Gbit/s·weight ${both.weightedLoad} > phase 1's ${first.weightedLoad}`)
          assertConsistent(x, both, 1)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('the time limit bounds the whole column-generation loop: a fake clock stops it after a few rounds with incumbent ≥ U* ≥ bound', async () => {
    const x = syntheticInstance(40, 400)
    const options = { objective: 'min-max-utilisation' as const, capacityGbps: x.capacity, usable: new Uint8Array(x.graph.edgeCount).fill(1), edgeWeight: x.weight }
    const full = await solveMulticommodity(x.graph, x.demands, options, highs)
    assert.equal(full.status, 'optimal')
    const uStar = full.value as number
    // Each reading of the clock advances it by a second: 2.5 s allow the first master and one more at most.
    let now = 0
    const clock = () => (now += 1000)
    const stopped = await solveMulticommodity(x.graph, x.demands, { ...options, timeLimitS: 2.5, clock }, highs)
    assert.equal(stopped.status, 'time-limit')
    const [value, bound] = [stopped.value as number, stopped.bound as number]
    assert.ok(value > uStar * (1 + 1e-6), `the instance needs more rounds: incumbent ${value}, U* ${uStar}`)
    assert.ok(bound <= uStar * (1 + 1e-9) && bound >= 0, `bound ${bound} above U* ${uStar}`)
    assert.ok(Math.abs((stopped.gap as number) - (value - bound) / value) <= 1e-12)
    assert.ok(Math.abs(maxUtilisation(stopped.loadGbps, x.capacity) - value) <= 1e-6 * value, 'the incumbent routing is the one reported')
    assertConsistent(x, stopped, 1)
    const lambda = await solveMulticommodity(x.graph, x.demands, { ...options, objective: 'max-concurrent-flow', timeLimitS: 2.5, clock }, highs)
    assert.equal(lambda.status, 'time-limit')
    assert.ok((lambda.value as number) <= 1 / uStar && (lambda.bound as number) >= 1 / uStar * (1 - 1e-9), `λ ${lambda.value} ≤ λ* ${1 / uStar} ≤ bound ${lambda.bound}`)
  })

  it('a real 20 ms limit stops a 100-node, 1,000-demand solve early (the whole loop, not each master)', async () => {
    const x = syntheticInstance(100, 1000)
    const options = { objective: 'min-max-utilisation' as const, capacityGbps: x.capacity, usable: new Uint8Array(x.graph.edgeCount).fill(1), edgeWeight: x.weight }
    const clock = () => performance.now()
    const start = clock()
    const stopped = await solveMulticommodity(x.graph, x.demands, { ...options, timeLimitS: 0.02, clock }, highs)
    const elapsedMs = clock() - start
    assert.equal(stopped.status, 'time-limit')
    const full = await solveMulticommodity(x.graph, x.demands, options, highs)
    const fullMs = clock() - start - elapsedMs
    assert.ok(elapsedMs < fullMs, `stopped after ${elapsedMs} ms, the full solve takes ${fullMs} ms`)
    if (stopped.value !== null) assert.ok((stopped.bound as number) <= (full.value as number) * (1 + 1e-9) && (stopped.value as number) >= (full.value as number) * (1 - 1e-9))
  })

  it('a demand across a cut of zero usable edges is reported unroutable, the rest still solved', async () => {
    //   0 —— 1      2 (isolated)
    const graph = buildGraph(3, [0], [1])
    const result = await solveMulticommodity(
      graph,
      [
        { source: 0, target: 1, gbps: 5 },
        { source: 0, target: 2, gbps: 5 },
      ],
      { objective: 'min-max-utilisation', capacityGbps: Float64Array.of(10), usable: Uint8Array.of(1), edgeWeight: Float64Array.of(1) },
      highs,
    )
    assert.deepEqual(result.routable, [true, false])
    assert.equal(result.value, 0.5)
    assert.equal(result.flows[1].routedGbps, 0)
  })
})

describe('optimal routing is stable under link order', () => {
  const COUNTRIES = ['DE', 'RU', 'KZ', 'AZ', 'CN']
  const groups = { europe: ['DE', 'RU'], asia: ['KZ', 'AZ', 'CN'] }
  /** A random connected network with countries, real-valued lengths, some links of unknown capacity, and its links in a shuffled order. */
  const shuffled = fc.integer({ min: 3, max: 7 }).chain((n) =>
    fc
      .record({
        tree: fc.array(fc.nat(1000), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 6 }),
        lengths: fc.array(fc.integer({ min: 100_000, max: 3_000_000 }), { minLength: n + 5, maxLength: n + 5 }),
        capacities: fc.array(fc.option(fc.integer({ min: 1, max: 20 }), { freq: 4 }), { minLength: n + 5, maxLength: n + 5 }),
        countries: fc.array(fc.nat(COUNTRIES.length - 1), { minLength: n, maxLength: n }),
        order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n + 5, maxLength: n + 5 }),
        demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 6 }),
      })
      .map(({ tree, extra, lengths, capacities, countries, order, demands }) => {
        const ends: [number, number][] = tree.map((r, i) => [i + 1, r % (i + 1)])
        for (const [a, b] of extra) if (a !== b && ends.length < n + 5) ends.push([a, b])
        const links = ends.map(([a, b], e) => ({
          id: `l${e}`,
          a: `n${a}`,
          b: `n${b}`,
          kind: 'terrestrial' as const,
          lengthKm: lengths[e] / 1000,
          ...(capacities[e] !== null ? { designCapacityGbps: capacities[e] as number } : {}),
        }))
        const nodes = countries.map((c, i) => ({ id: `n${i}`, name: `N${i}`, kind: 'city' as const, country: COUNTRIES[c] }))
        const permuted = links.map((link, e) => ({ link, key: order[e] })).sort((x, y) => x.key - y.key).map((x) => x.link)
        const document: DemandsDocument = {
          schemaVersion: DEMANDS_SCHEMA_VERSION,
          demands: demands.filter(([a, b]) => a !== b).map(([a, b, gbps], i) => ({ id: `d${i}`, from: `n${a}`, to: `n${b}`, gbps })),
        }
        const net = (l: typeof links): Network => ({ schemaVersion: 2, nodes, links: l })
        return { original: net(links), permuted: net(permuted), document }
      })
      .filter((x) => x.document.demands.length > 0),
  )

  it('per-country transit shares, the maximum utilisation and the latency-weighted load are the same for any link order (property, shuffled input)', async () => {
    const highs = await loadHighs()
    await fc.assert(
      fc.asyncProperty(shuffled, async ({ original, permuted, document }) => {
        const answers = []
        for (const network of [original, permuted]) {
          const index = compileIndex(network, defaultProfile)
          answers.push(await hubs(index, document, { routing: 'optimal', top: 1 }, { demandSource: 'test', groups, highs }))
        }
        const [a, b] = answers
        const byCountry = (answer: typeof a) => new Map(answer.countries.map((c) => [c.country, [c.transitShare, c.europeAsiaShare ?? -1]]))
        const [sa, sb] = [byCountry(a), byCountry(b)]
        for (const country of COUNTRIES) {
          const [x, y] = [sa.get(country) ?? [0, -1], sb.get(country) ?? [0, -1]]
          assert.ok(Math.abs(x[0] - y[0]) <= 1e-6 && Math.abs(x[1] - y[1]) <= 1e-6, `${country}: ${x} against ${y} with the links shuffled`)
        }
        const flows = await Promise.all([original, permuted].map((network) => flow(compileIndex(network, defaultProfile), document, { routing: 'optimal' }, { highs })))
        // Which links carry a demand is not unique when two routings tie on both stages (parallel links of equal
        // length, one capacitated and under U*): the input order may pick either. What must not move is what
        // the lexicographic rule optimises, and the shares above.
        const weighted = flows.map((f) => f.totals?.latencyGbpsMs ?? Number.NaN)
        assert.ok(Math.abs(weighted[0] - weighted[1]) <= 1e-6 * Math.max(1, Math.abs(weighted[0])), `latency-weighted load ${weighted[0]} against ${weighted[1]} with the links shuffled`)
        assert.equal(flows[0].maxUtilisation, flows[1].maxUtilisation)
      }),
      { numRuns: 80 },
    )
  })
})

describe('shortest-path and ECMP loading', () => {
  it('shortest-path loading puts each demand on a cheapest path (brute force)', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const search: SearchOptions = { edgeWeight: x.weight }
        const loading = shortestPathLoading(x.graph, x.demands, search)
        x.demands.forEach((d, i) => {
          const path = loading.flows[i].paths[0]
          const cost = path.edges.reduce((s, e) => s + x.weight[e], 0)
          assert.equal(cost, cheapestCost(x.graph, d.source, d.target, search))
        })
      }),
      { numRuns: 200 },
    )
  })

  it('ECMP splits equally at each hop over equal-cost next hops', () => {
    //        1
    //      /   \        0→3: two equal paths (via 1, via 2); 2→3 has two parallel links
    //     0     3
    //      \   //
    //        2
    const graph = buildGraph(4, [0, 1, 0, 2, 2], [1, 3, 2, 3, 3])
    const search: SearchOptions = { edgeWeight: Float64Array.of(1, 1, 1, 1, 1) }
    const loading = ecmpLoading(graph, [{ source: 0, target: 3, gbps: 8 }], search)
    assert.deepEqual([...loading.loadGbps], [4, 4, 4, 2, 2])
    assert.deepEqual(
      loading.flows[0].paths.map((p) => [p.edges, p.gbps]),
      [
        [[0, 1], 4],
        [[2, 3], 2],
        [[2, 4], 2],
      ],
    )
  })
})

describe('flow on a compiled network', () => {
  //   a ——10—— b ——10—— c        a–c: 2 km longer via d, capacity 100
  //    \               /
  //     ————— d ———————
  const network: Network = {
    schemaVersion: 2,
    nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase(), kind: 'city' as const, country: id === 'd' ? 'RU' : 'KZ' })),
    links: [
      { id: 'ab', a: 'a', b: 'b', kind: 'terrestrial', lengthKm: 100, designCapacityGbps: 10 },
      { id: 'bc', a: 'b', b: 'c', kind: 'terrestrial', lengthKm: 100, designCapacityGbps: 10 },
      { id: 'ad', a: 'a', b: 'd', kind: 'terrestrial', lengthKm: 101 },
      { id: 'dc', a: 'd', b: 'c', kind: 'terrestrial', lengthKm: 101, designCapacityGbps: 100 },
    ],
  }
  const index = compileIndex(network, defaultProfile)
  const demands: DemandsDocument = { schemaVersion: DEMANDS_SCHEMA_VERSION, demands: [{ id: 'x', from: 'A', to: 'c', gbps: 20 }] }

  it('shortest path overloads the short route; the demand does not fit', async () => {
    const result = await flow(index, demands, { routing: 'shortest', metric: 'length' })
    assert.equal(result.maxUtilisation, 2)
    assert.deepEqual(result.overloadedLinks, ['ab', 'bc'])
    assert.equal(result.demands[0].fits, false)
    assert.deepEqual(result.capacity.unknownLinks, ['ad'])
    assert.ok(result.warnings.some((w) => /unknown capacity/.test(w)))
  })

  it('optimal routing moves the demand over the uncapacitated detour and reports the solver', async () => {
    const result = await flow(index, demands, { routing: 'optimal', metric: 'length' })
    assert.equal(result.solver?.status, 'optimal')
    assert.ok((result.maxUtilisation ?? 1) < 0.21)
    assert.equal(result.demands[0].fits, true)
    const ad = result.links.find((l) => l.id === 'ad')
    assert.equal(ad?.utilisation, null, 'a link of unknown capacity has no utilisation')
    assert.ok((result.demands[0].paths[0].oneWayMs ?? 0) > 0)
  })

  it('max concurrent flow with unknown links excluded gives λ over the capacitated links', async () => {
    const result = await flow(index, demands, { routing: 'optimal', objective: 'max-concurrent-flow', capacity: { unknown: 'exclude' } })
    assert.equal(result.solver?.status, 'optimal')
    assert.ok(Math.abs(result.demandScale - 0.5) < 1e-6, `λ ${result.demandScale}`)
    assert.equal(result.demands[0].fits, false)
  })

  it('respects route constraints for every demand', async () => {
    const result = await flow(index, demands, { routing: 'optimal', constraints: { avoidCountries: ['RU'] } })
    assert.equal(result.links.find((l) => l.id === 'ad')?.loadGbps, 0)
    assert.ok(Math.abs((result.maxUtilisation ?? 0) - 2) < 1e-6)
  })

  it('locates bad node references in the demands', () => {
    const { issues } = resolveDemands(index, { schemaVersion: 1, demands: [{ id: 'x', from: 'A', to: 'Frankfrut', gbps: 1 }] })
    assert.equal(issues[0].path, 'demands[0].to')
    assert.equal(issues[0].code, 'unknown-node')
  })
})
