import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, type Network } from '../model'
import { compileIndex } from '../routing'
import { flow, type SweepRouting, sweepStates, trafficSweep } from './index'

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
      })
      .map(({ tree, extra, lengths, capacities, srlgs, demands }) => {
        const ends: [number, number][] = tree.map((r, i) => [i + 1, r % (i + 1)])
        for (const [a, b] of extra) if (a !== b) ends.push([a, b])
        const network: Network = {
          schemaVersion: 2,
          nodes: Array.from({ length: n }, (_, v) => ({ id: `n${v}`, name: `N${v}`, kind: 'city' as const })),
          links: ends.map(([a, b], e) => ({
            id: `l${e}`,
            a: `n${a}`,
            b: `n${b}`,
            kind: 'terrestrial' as const,
            lengthKm: lengths[e],
            ...(capacities[e] !== null ? { designCapacityGbps: capacities[e] as number } : {}),
            ...(srlgs[e] ? { srlgs: [srlgs[e] as string] } : {}),
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

async function checkAgainstFlow(c: Case, routing: SweepRouting, failures: 'link' | 'srlg') {
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
    const maxU = ref.maxUtilisation
    assert.ok((row.maxUtilisation === null) === (maxU === null) && Math.abs((row.maxUtilisation ?? 0) - (maxU ?? 0)) < 1e-6, `${state.failure.name}: max utilisation ${row.maxUtilisation} ≠ ${maxU}`)
    assert.equal(row.overloaded.length, Math.min(5, ref.overloadedLinks.length), `${state.failure.name}: overloaded links`)
    for (const o of row.overloaded) assert.ok(ref.overloadedLinks.includes(o.id), `${state.failure.name}: ${o.id} overloaded`)
  }
  answer.links.forEach((l, e) => assert.ok(Math.abs(l.worstLoadGbps - worst[e]) < 1e-6, `worst load of ${l.id}: ${l.worstLoadGbps} ≠ ${worst[e]}`))
  // Ranked by impact: unrouted Gbit/s never increases down the list.
  for (let k = 1; k < answer.ranked.length; k++) assert.ok(answer.ranked[k - 1].unroutedGbps >= answer.ranked[k].unroutedGbps)
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
