import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, type Network } from '../model'
import { compileIndex } from '../routing'
import { type FailureSet, flow, loadHighs, type FlowResponse, mergeSweepParts, optimalTrafficSweep, runTrafficSweepNormal, runTrafficSweepPart, type SweepRouting, sweepStates, trafficSweep, type TrafficSweepResponse } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# traffic sweep property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

interface Case {
  network: Network
  demands: DemandsDocument
}

/**
 * Small connected multigraphs (a random spanning tree plus extra, possibly parallel, links), some capacities
 * unknown, some links in one of two SRLGs, 1–6 demands of either class. `integer` lengths make equal-cost
 * paths common (ECMP's splits); real lengths make them improbable (a shortest path is then unique).
 */
const cases = (integer: boolean): fc.Arbitrary<Case> =>
  fc.integer({ min: 2, max: 7 }).chain((n) =>
    fc
      .record({
        tree: fc.array(fc.nat(1000), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 6 }),
        lengths: fc.array(integer ? fc.integer({ min: 1, max: 3 }) : fc.double({ min: 1, max: 100, noNaN: true }), { minLength: n + 5, maxLength: n + 5 }),
        capacities: fc.array(fc.option(fc.integer({ min: 1, max: 20 }), { freq: 4 }), { minLength: n + 5, maxLength: n + 5 }),
        srlgs: fc.array(fc.constantFrom(undefined, 'g1', 'g2'), { minLength: n + 5, maxLength: n + 5 }),
        demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 10 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        countries: fc.array(fc.constantFrom<string | undefined>(undefined, 'AA', 'BB', 'CC'), { minLength: n, maxLength: n }),
        crossing: fc.array(fc.option(fc.constantFrom<string>('BB', 'DD'), { freq: 5 }), { minLength: n + 5, maxLength: n + 5 }),
      })
      .map(({ tree, extra, lengths, capacities, srlgs, demands, countries, crossing }) => {
        const ends: [number, number][] = tree.map((r, i) => [i + 1, r % (i + 1)])
        for (const [a, b] of extra) if (a !== b) ends.push([a, b])
        const network: Network = {
          schemaVersion: 2,
          nodes: Array.from({ length: n }, (_, v) => ({ id: `n${v}`, name: `N${v}`, kind: 'city' as const, ...(countries[v] ? { country: countries[v] } : {}) })),
          links: ends.map(([a, b], e) => ({
            id: `l${e}`,
            a: `n${a}`,
            b: `n${b}`,
            kind: 'terrestrial' as const,
            lengthKm: lengths[e],
            ...(capacities[e] !== null ? { designCapacityGbps: capacities[e] as number } : {}),
            ...(srlgs[e] ? { srlgs: [srlgs[e] as string] } : {}),
            // A link declared to cross a country besides its ends' (a terrestrial transit, a submarine landing).
            ...(crossing[e] ? { countries: [...new Set([countries[a], countries[b], crossing[e]].filter((c): c is string => c !== undefined))] } : {}),
          })),
        }
        const list = demands
          .filter(([s, t]) => s !== t)
          .map(([s, t, gbps, prot], i) => ({ id: `d${i}`, from: `n${s}`, to: `n${t}`, gbps, class: prot ? ('protected' as const) : ('unprotected' as const) }))
        const demandsDocument: DemandsDocument = { schemaVersion: DEMANDS_SCHEMA_VERSION, demands: list }
        return { network, demands: demandsDocument }
      })
      .filter((c) => c.demands.demands.length > 0),
  )

/** The brute-force reference: `flow` run from scratch on the network without the failed links. */
async function reference(c: Case, routing: SweepRouting, avoid: string[]) {
  const index = compileIndex(c.network, defaultProfile)
  return flow(index, c.demands, { routing, metric: 'length', ...(avoid.length > 0 ? { constraints: { avoidLinks: avoid } } : {}) })
}

async function checkAgainstFlow(c: Case, routing: SweepRouting, failures: 'link' | 'srlg' | 'country') {
  const index = compileIndex(c.network, defaultProfile)
  const query = { failures, routing, metric: 'length' as const, top: 1000 }
  const steps = sweepStates(index, c.demands, query)
  let next = steps.next()
  let yields = 0
  while (!next.done) {
    yields++
    next = steps.next()
  }
  const { states } = next.value
  assert.equal(yields, states.length)
  const answer = trafficSweep(index, c.demands, query)
  const normal = await reference(c, routing, [])
  const worst = normal.links.map((l) => l.loadGbps)
  for (const state of states) {
    const failed = state.failure.edges.map((e) => c.network.links[e].id)
    const ref = await reference(c, routing, failed)
    ref.links.forEach((l, e) => {
      assert.ok(Math.abs(state.loadGbps[e] - l.loadGbps) < 1e-6, `${state.failure.name}: load of ${l.id} ${state.loadGbps[e]} ≠ flow's ${l.loadGbps}`)
      worst[e] = Math.max(worst[e], l.loadGbps)
    })
    ref.demands.forEach((d, i) => assert.ok(Math.abs(state.routedGbps[i] - d.routedGbps) < 1e-6, `${state.failure.name}: ${d.id} routed ${state.routedGbps[i]} ≠ ${d.routedGbps}`))
    const row = answer.ranked.find((r) => r.failure === state.failure.name)
    assert.ok(row)
    let lostProtected = 0
    let lostUnprotected = 0
    ref.demands.forEach((d, i) => {
      const lost = normal.demands[i].routedGbps - d.routedGbps
      if (c.demands.demands[i].class === 'protected') lostProtected += lost
      else lostUnprotected += lost
    })
    assert.ok(Math.abs(row.unroutedProtectedGbps - lostProtected) < 1e-6 && Math.abs(row.unroutedUnprotectedGbps - lostUnprotected) < 1e-6, `${state.failure.name} unrouted`)
    if (failures === 'country') checkCountryState(c, state.failure, row, normal, ref)
    const maxU = ref.maxUtilisation
    assert.ok((row.maxUtilisation === null) === (maxU === null) && Math.abs((row.maxUtilisation ?? 0) - (maxU ?? 0)) < 1e-6, `${state.failure.name}: max utilisation ${row.maxUtilisation} ≠ ${maxU}`)
    assert.equal(row.overloaded.length, Math.min(5, ref.overloadedLinks.length), `${state.failure.name}: overloaded links`)
    for (const o of row.overloaded) assert.ok(ref.overloadedLinks.includes(o.id), `${state.failure.name}: ${o.id} overloaded`)
  }
  answer.links.forEach((l, e) => assert.ok(Math.abs(l.worstLoadGbps - worst[e]) < 1e-6, `worst load of ${l.id}: ${l.worstLoadGbps} ≠ ${worst[e]}`))
  // Ranked by impact: unrouted Gbit/s (country states: transit Gbit/s unrouted) never increases down the list.
  const key = (r: (typeof answer.ranked)[number]) => (failures === 'country' ? (r.transitUnroutedGbps as number) : r.unroutedGbps)
  for (let k = 1; k < answer.ranked.length; k++) assert.ok(key(answer.ranked[k - 1]) >= key(answer.ranked[k]))
}

/**
 * A country state fails exactly the links that cross or land in the country (their countries, declared or
 * their ends', or an end in the country: brute force over the links), and splits its unrouted Gbit/s into the
 * demands with an end in the country (all of theirs lost) and transit (between two other countries).
 */
function checkCountryState(c: Case, failure: FailureSet, row: TrafficSweepResponse['ranked'][number], normal: FlowResponse, ref: FlowResponse) {
  const country = failure.country as string
  assert.equal(row.country, country)
  const nodeCountry = new Map(c.network.nodes.map((n) => [n.id, n.country]))
  const expected = c.network.links
    .filter((l) => (l.countries ?? [nodeCountry.get(l.a), nodeCountry.get(l.b)]).includes(country) || nodeCountry.get(l.a) === country || nodeCountry.get(l.b) === country)
    .map((l) => l.id)
  assert.deepEqual(row.links, expected, `country ${country}: failed links`)
  let endpoint = 0
  let transit = 0
  c.demands.demands.forEach((d, i) => {
    const lost = normal.demands[i].routedGbps - ref.demands[i].routedGbps
    const atEnd = nodeCountry.get(d.from) === country || nodeCountry.get(d.to) === country
    if (atEnd) {
      // Its node has no link left: every Gbit/s the normal state routed is lost.
      assert.equal(ref.demands[i].routedGbps, 0, `country ${country}: ${d.id} has an end there`)
      endpoint += lost
    } else transit += lost
  })
  assert.ok(Math.abs((row.endpointGbps as number) - endpoint) < 1e-6, `country ${country}: endpoint ${row.endpointGbps} ≠ ${endpoint}`)
  assert.ok(Math.abs((row.transitUnroutedGbps as number) - transit) < 1e-6, `country ${country}: transit ${row.transitUnroutedGbps} ≠ ${transit}`)
}

/**
 * Optimal rerouting against brute force: each state's U* equals `flow --routing optimal` from scratch on the
 * failed network, its unrouted Gbit/s the shortest-path sweep's (both: no path at all), and its maximum
 * utilisation is never above shortest-path rerouting's in the same state (the LP may route any way).
 */
async function checkOptimal(c: Case, failures: 'link' | 'srlg' | 'country') {
  const index = compileIndex(c.network, defaultProfile)
  const query = { failures, routing: 'optimal' as const, metric: 'length' as const, top: 1000 }
  const optimal = await optimalTrafficSweep(index, c.demands, query)
  const shortest = trafficSweep(index, c.demands, { ...query, routing: 'shortest' })
  assert.equal(optimal.states, shortest.states)
  const normal = await flow(index, c.demands, { routing: 'optimal', metric: 'length' })
  assert.equal(optimal.normal.solver?.status, 'optimal')
  assert.ok(Math.abs((optimal.normal.solver?.utilisation ?? 0) - (normal.solver?.objectiveValue ?? 0)) < 1e-6)
  for (const row of optimal.ranked) {
    const ref = await flow(index, c.demands, { routing: 'optimal', metric: 'length', constraints: { avoidLinks: row.links } })
    const solver = row.solver
    assert.ok(solver && solver.status === 'optimal', `${row.failure}: ${solver?.status}`)
    const uStar = ref.solver?.objectiveValue ?? 0
    assert.ok(Math.abs((solver.utilisation ?? 0) - uStar) < 1e-6 * Math.max(1, uStar), `${row.failure}: U* ${solver.utilisation} ≠ flow's ${uStar}`)
    // Answers are rounded to 10⁻⁶; phase 2 may run U up to U*(1 + ε).
    assert.ok((row.maxUtilisation ?? 0) <= uStar * (1 + 2e-6) + 1e-6, `${row.failure}: max utilisation ${row.maxUtilisation} above U* ${uStar}`)
    const sp = shortest.ranked.find((r) => r.failure === row.failure)
    assert.ok(sp)
    assert.ok(Math.abs(row.unroutedGbps - sp.unroutedGbps) < 1e-6, `${row.failure}: unrouted ${row.unroutedGbps} ≠ shortest's ${sp.unroutedGbps}`)
    assert.ok((row.maxUtilisation ?? 0) <= (sp.maxUtilisation ?? 0) * (1 + 2e-6) + 2e-6, `${row.failure}: optimal ${row.maxUtilisation} > shortest ${sp.maxUtilisation}`)
  }
}

/*
 *   A —— B —— C —— D —— E —— A  (a ring of five)
 *                       |
 *                       F       (E–F a bridge)      every link 100 km, 10 Gbit/s; demands A→C 4, A→F 2
 */
function ringWithPendant() {
  const link = (id: string, a: string, b: string) => ({ id, a, b, kind: 'terrestrial' as const, lengthKm: 100, designCapacityGbps: 10 })
  const network: Network = {
    schemaVersion: 2,
    nodes: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id, name: id, kind: 'city' as const })),
    links: [link('AB', 'A', 'B'), link('BC', 'B', 'C'), link('CD', 'C', 'D'), link('DE', 'D', 'E'), link('EA', 'E', 'A'), link('EF', 'E', 'F')],
  }
  const demands: DemandsDocument = { schemaVersion: DEMANDS_SCHEMA_VERSION, demands: [{ id: 'ac', from: 'A', to: 'C', gbps: 4 }, { id: 'af', from: 'A', to: 'F', gbps: 2 }] }
  return { network, demands, index: compileIndex(network, defaultProfile) }
}

describe('failure × traffic sweep', () => {
  it('equals flow run on each failed network separately: shortest path, single links (unique shortest paths)', async () => {
    await fc.assert(fc.asyncProperty(cases(false), (c) => checkAgainstFlow(c, 'shortest', 'link')), { numRuns: 120 })
  })
  it('equals flow run on each failed network separately: ECMP with equal-cost ties, single links and SRLGs', async () => {
    await fc.assert(fc.asyncProperty(cases(true), fc.constantFrom('link' as const, 'srlg' as const), (c, mode) => checkAgainstFlow(c, 'ecmp', mode)), { numRuns: 120 })
  })
  it('equals flow run on each failed network separately: shortest path, SRLGs', async () => {
    await fc.assert(fc.asyncProperty(cases(false), (c) => checkAgainstFlow(c, 'shortest', 'srlg')), { numRuns: 80 })
  })
  it('equals flow run on each failed network separately: countries (shortest path and ECMP), endpoint and transit Gbit/s apart', async () => {
    await fc.assert(fc.asyncProperty(cases(false), (c) => checkAgainstFlow(c, 'shortest', 'country')), { numRuns: 80 })
    await fc.assert(fc.asyncProperty(cases(true), (c) => checkAgainstFlow(c, 'ecmp', 'country')), { numRuns: 60 })
  })
  it('optimal rerouting: every state is flow --routing optimal on the failed network, never above shortest path', async () => {
    await fc.assert(fc.asyncProperty(cases(false), fc.constantFrom('link' as const, 'srlg' as const, 'country' as const), (c, mode) => checkOptimal(c, mode)), { numRuns: 60 })
  })
  it('a sweep cut into chunks of states merges into the whole answer (any chunk order)', async () => {
    await fc.assert(
      fc.asyncProperty(cases(false), fc.constantFrom('shortest' as const, 'optimal' as const), fc.nat(20), async (c, routing, cut) => {
        const index = compileIndex(c.network, defaultProfile)
        const query = { sweep: { failures: 'link' as const, routing, metric: 'length' as const, top: 1000 } }
        const total = c.network.links.length
        const k = cut % (total + 1)
        const whole = await runTrafficSweepPart(index, query, c.demands, { from: 0, to: total })
        const parts = [await runTrafficSweepPart(index, query, c.demands, { from: k, to: total }), await runTrafficSweepPart(index, query, c.demands, { from: 0, to: k })]
        assert.deepEqual(mergeSweepParts(index, query.sweep, parts), mergeSweepParts(index, query.sweep, [whole]))
        if (routing === 'shortest') assert.deepEqual(mergeSweepParts(index, query.sweep, [whole]), trafficSweep(index, c.demands, query.sweep))
        if (routing === 'optimal') {
          // The job's way: the normal state solved once and handed to each chunk, which then solves its states only.
          assert.equal(whole.lpSolves, total + 1)
          const normal = await runTrafficSweepNormal(index, query, c.demands)
          const handed = [await runTrafficSweepPart(index, query, c.demands, { from: k, to: total, normal }), await runTrafficSweepPart(index, query, c.demands, { from: 0, to: k, normal })]
          assert.deepEqual(handed.map((p) => p.lpSolves), [total - k, k])
          assert.deepEqual(mergeSweepParts(index, query.sweep, handed), mergeSweepParts(index, query.sweep, [whole]))
        }
      }),
      { numRuns: 40 },
    )
  })
  it('optimal rerouting stops at its time limits: states past the budget have no routing, their unrouted Gbit/s is still exact', async () => {
    // Every link's failure is a state; a fake clock advances 1 s a reading.
    const { network, demands, index } = ringWithPendant()
    let now = 0
    const clock = () => (now += 1000)
    const query = { failures: 'link' as const, routing: 'optimal' as const, metric: 'length' as const, top: 10, timeLimitS: 12 }
    const answer = await optimalTrafficSweep(index, demands, query, { clock })
    const shortest = trafficSweep(index, demands, { ...query, routing: 'shortest' })
    const solved = answer.ranked.filter((r) => r.solver?.utilisation !== null)
    const unsolved = answer.ranked.filter((r) => r.solver?.utilisation === null)
    assert.ok(solved.length >= 1 && unsolved.length >= 1, `solved ${solved.length}, unsolved ${unsolved.length}`)
    for (const r of unsolved) {
      assert.equal(r.solver?.status, 'time-limit')
      assert.equal(r.maxUtilisation, null)
      assert.equal(r.unroutedGbps, shortest.ranked.find((s) => s.failure === r.failure)?.unroutedGbps)
    }
    assert.ok(answer.warnings.some((w) => /have no routing/.test(w)))
    // EF's loss cuts F off whether or not its LP was solved.
    assert.equal(answer.ranked[0].failure, 'EF')
    assert.equal(answer.ranked[0].unroutedGbps, 2)
  })

  it("a state whose LP ran and gave no routing takes its unrouted Gbit/s from the LP's own reachability", async () => {
    // HiGHS wrapped so that every model after the first (the normal state's) reports a solve error: each failure
    // state's LP runs and returns no routing, only `routable`.
    const { network, demands, index } = ringWithPendant()
    const real = await loadHighs()
    let models = 0
    const bound = <T extends object>(target: T, override: Record<string, unknown>) =>
      new Proxy(target, { get: (t, key) => (key in override ? override[key as string] : typeof Reflect.get(t, key) === 'function' ? (Reflect.get(t, key) as (...a: unknown[]) => unknown).bind(t) : Reflect.get(t, key)) })
    const highs = bound(real, {
      createModel: (...args: Parameters<typeof real.createModel>) => {
        const model = real.createModel(...args)
        return ++models === 1 ? model : bound(model, { getModelStatus: () => real.constants.modelStatus.solveError })
      },
    })
    const query = { sweep: { failures: 'link' as const, routing: 'optimal' as const, metric: 'length' as const, top: 10 } }
    const part = await runTrafficSweepPart(index, query, demands, { from: 0, to: network.links.length, highs })
    assert.equal(part.lpSolves, network.links.length + 1)
    assert.equal(part.head.normal.solver?.status, 'optimal')
    const shortest = trafficSweep(index, demands, { ...query.sweep, routing: 'shortest' })
    for (const { row } of part.rows) {
      assert.deepEqual([row.solver?.status, row.solver?.utilisation, row.maxUtilisation], ['error', null, null], row.failure)
      const ref = shortest.ranked.find((r) => r.failure === row.failure)
      assert.deepEqual([row.unroutedGbps, row.unroutedProtectedGbps, row.unroutedUnprotectedGbps], [ref?.unroutedGbps, ref?.unroutedProtectedGbps, ref?.unroutedUnprotectedGbps], row.failure)
    }
    // EF's loss cuts F off (2 Gbit/s); every ring link's loss leaves both demands a path.
    assert.deepEqual(
      part.rows.map(({ row }) => [row.failure, row.unroutedGbps]),
      network.links.map((l) => [l.id, l.id === 'EF' ? 2 : 0]),
    )
  })

  /*
   *   A ——10—— B
   *   |        |
   *   5        5        (capacities, Gbit/s; every link 100 km)
   *   |        |
   *   D ——5——— C ——— E  (C–E a bridge, unknown capacity)
   */
  it('ranks a square with a bridge by hand: the bridge cuts E off, the A–B failure overloads the detour', () => {
    const link = (id: string, a: string, b: string, cap?: number) => ({ id, a, b, kind: 'terrestrial' as const, lengthKm: 100, ...(cap !== undefined ? { designCapacityGbps: cap } : {}) })
    const network: Network = {
      schemaVersion: 2,
      nodes: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, name: id, kind: 'city' as const })),
      links: [link('AB', 'A', 'B', 10), link('BC', 'B', 'C', 5), link('CD', 'C', 'D', 5), link('DA', 'D', 'A', 5), link('CE', 'C', 'E')],
    }
    const demands: DemandsDocument = {
      schemaVersion: DEMANDS_SCHEMA_VERSION,
      demands: [
        { id: 'ab', from: 'A', to: 'B', gbps: 8, class: 'protected' },
        { id: 'ce', from: 'C', to: 'E', gbps: 2 },
      ],
    }
    const answer = trafficSweep(compileIndex(network, defaultProfile), demands, { failures: 'link', routing: 'shortest', metric: 'length', top: 5 })
    assert.equal(answer.states, 5)
    assert.deepEqual(
      answer.ranked.map((r) => [r.failure, r.unroutedGbps, r.unroutedProtectedGbps, r.reroutedGbps, r.maxUtilisation]),
      [
        ['CE', 2, 0, 0, 0.8],
        ['AB', 0, 0, 8, 1.6],
        ['BC', 0, 0, 0, 0.8],
        ['CD', 0, 0, 0, 0.8],
        ['DA', 0, 0, 0, 0.8],
      ],
    )
    const ab = answer.ranked[1]
    assert.deepEqual(ab.overloaded.map((o) => [o.id, o.utilisation]), [['BC', 1.6], ['CD', 1.6], ['DA', 1.6]])
    assert.deepEqual(ab.hurt, [{ id: 'ab', gbps: 8, class: 'protected', reason: 'overloaded' }])
    const worst = Object.fromEntries(answer.links.map((l) => [l.id, [l.worstLoadGbps, l.worstFailure]]))
    assert.deepEqual(worst, { AB: [8, null], BC: [8, 'AB'], CD: [8, 'AB'], DA: [8, 'AB'], CE: [2, null] })
  })
})
