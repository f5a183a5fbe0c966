import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, isSilkwayError, MODULES_SCHEMA_VERSION, type ModulesDocument, type Network } from '../model'
import { compileIndex } from '../routing'
import { type DesignQuery, designNetwork, loadHighs } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# design catalogue property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

//   A ——ab 10—— B          ab, bc: 10 Gbit/s design capacity; ad: unknown (none pre-installed);
//   |            |         dc: 100. D is in RU. A demand A→C has exactly two routes: A-B-C and A-D-C.
//  ad ?        bc 10
//   |            |
//   D ——dc 100—— C
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
const LINKS = ['ab', 'bc', 'ad', 'dc'] as const
const ROUTES = [
  ['ab', 'bc'],
  ['ad', 'dc'],
]

const synthetic = 'synthetic (test)'
const catalogue = (extra: Partial<ModulesDocument> = {}): ModulesDocument => ({
  schemaVersion: MODULES_SCHEMA_VERSION,
  source: synthetic,
  modules: [
    { capacityGbps: 10, costUsd: 3, source: synthetic },
    { capacityGbps: 40, costUsd: 10, source: synthetic },
  ],
  ...extra,
})
const demands = (gbps: number, cls: 'protected' | 'unprotected' = 'unprotected'): DemandsDocument => ({ schemaVersion: DEMANDS_SCHEMA_VERSION, demands: [{ id: 'a-c', from: 'A', to: 'C', gbps, class: cls }] })
const query = (survive: DesignQuery['survive'] = 'none'): DesignQuery => ({ survive, protection: 'restoration', protectAll: false, timeLimitS: 60 })
const designBasis = { capacity: { basis: 'design' as const, unknown: 'exclude' as const } }

/**
 * Brute force over module counts 0..3 of each module on each link: the cheapest total whose capacities carry
 * `gbps` from A to C over the two routes in the normal state and, when `survive`, after any single link failure.
 */
function bruteForce(pre: Record<string, number>, modules: Record<string, { capacityGbps: number; costUsd: number }[]>, gbps: number, survive: boolean): number {
  const options = (link: string) => {
    let combos: { gbps: number; cost: number }[] = [{ gbps: 0, cost: 0 }]
    for (const m of modules[link]) combos = combos.flatMap((c) => [0, 1, 2, 3].map((k) => ({ gbps: c.gbps + k * m.capacityGbps, cost: c.cost + k * m.costUsd })))
    return combos
  }
  const carries = (capacity: Record<string, number>, down?: string) => ROUTES.filter((r) => !r.includes(down ?? '')).reduce((sum, r) => sum + Math.min(...r.map((l) => capacity[l])), 0) >= gbps - 1e-9
  let best = Infinity
  const choices = LINKS.map(options)
  const visit = (i: number, capacity: Record<string, number>, cost: number) => {
    if (cost >= best) return
    if (i === LINKS.length) {
      if (carries(capacity) && (!survive || LINKS.every((down) => carries(capacity, down)))) best = cost
      return
    }
    for (const c of choices[i]) visit(i + 1, { ...capacity, [LINKS[i]]: pre[LINKS[i]] + c.gbps }, cost + c.cost)
  }
  visit(0, {}, 0)
  return best
}

describe('capacity design on a network with a module catalogue', async () => {
  const highs = await loadHighs()

  it('hand-worked: 10 Gbit/s stay on A-B-C, 15 go via D on two 10G modules (6 USD), as brute force finds', async () => {
    const answer = await designNetwork(index, demands(25), catalogue(), query(), { ...designBasis, highs })
    assert.equal(answer.status, 'optimal')
    assert.equal(answer.cost, 6)
    assert.equal(bruteForce({ ab: 10, bc: 10, ad: 0, dc: 100 }, Object.fromEntries(LINKS.map((l) => [l, catalogue().modules])), 25, false), 6)
    const ad = answer.links.find((l) => l.id === 'ad')
    assert.deepEqual(ad?.modules, [{ capacityGbps: 10, cost: 3, count: 2 }])
    assert.equal(ad?.preInstalledGbps, 0)
    assert.match(ad?.preInstalledFrom ?? '', /^unknown/)
    assert.equal(answer.links.find((l) => l.id === 'ab')?.preInstalledFrom, 'declared: designCapacityGbps')
    assert.deepEqual(answer.capacity, { basis: 'design', unknownLinks: ['ad'] })
    assert.equal(answer.catalogue?.costUnit, 'USD')
  })

  it('a per-link override beats the default list', async () => {
    const cheap = catalogue({ links: [{ link: 'ad', modules: [{ capacityGbps: 40, costUsd: 2, source: synthetic }], source: synthetic }] })
    const answer = await designNetwork(index, demands(25), cheap, query(), { ...designBasis, highs })
    assert.equal(answer.cost, 2)
    assert.deepEqual(answer.links.find((l) => l.id === 'ad')?.modules, [{ capacityGbps: 40, cost: 2, count: 1 }])
    // An empty list means nothing can be added there: the overflow goes round by A-B-C (2 × 10G on ab and bc).
    const none = catalogue({ links: [{ link: 'ad', modules: [], source: synthetic }] })
    assert.equal((await designNetwork(index, demands(25), none, query(), { ...designBasis, highs })).cost, 12)
  })

  it('pre-installed capacity lowers the cost; a greenfield catalogue raises it', async () => {
    const installed = catalogue({ links: [{ link: 'ad', preInstalledGbps: 15, source: synthetic }] })
    const withPre = await designNetwork(index, demands(25), installed, query(), { ...designBasis, highs })
    assert.equal(withPre.cost, 0)
    assert.equal(withPre.links.find((l) => l.id === 'ad')?.preInstalledFrom, 'module catalogue links[0]')
    const greenfield = await designNetwork(index, demands(25), catalogue({ preInstalledGbps: 0 }), query(), { ...designBasis, highs })
    // Nothing there: 30 Gbit/s of 10G modules on both links of a route (18 USD; a 40G on each would be 20), as brute force finds.
    assert.equal(greenfield.cost, 18)
    assert.equal(bruteForce({ ab: 0, bc: 0, ad: 0, dc: 0 }, Object.fromEntries(LINKS.map((l) => [l, catalogue().modules])), 25, false), 18)
  })

  it('a protected demand with --survive link costs more than unprotected, as brute force finds', async () => {
    const unprotected = await designNetwork(index, demands(25), catalogue(), query('link'), { ...designBasis, highs })
    assert.equal(unprotected.cost, 6)
    assert.ok(unprotected.warnings.some((w) => /protects nothing/.test(w)))
    const protectedAnswer = await designNetwork(index, demands(25, 'protected'), catalogue(), query('link'), { ...designBasis, highs })
    const expected = bruteForce({ ab: 10, bc: 10, ad: 0, dc: 100 }, Object.fromEntries(LINKS.map((l) => [l, catalogue().modules])), 25, true)
    assert.equal(expected, 21)
    assert.equal(protectedAnswer.cost, expected)
    assert.equal(protectedAnswer.solver.states, 5)
  })

  it('the route constraints exclude links: avoiding RU leaves A-B-C alone', async () => {
    const answer = await designNetwork(index, demands(25), catalogue(), query(), { ...designBasis, constraints: { avoidCountries: ['RU'] }, highs })
    assert.equal(answer.cost, 12)
    assert.deepEqual(answer.links.filter((l) => l.excluded).map((l) => l.id), ['ad', 'dc'])
    const toD: DemandsDocument = { schemaVersion: DEMANDS_SCHEMA_VERSION, demands: [{ id: 'a-d', from: 'A', to: 'D', gbps: 1 }] }
    await assert.rejects(designNetwork(index, toD, catalogue(), query(), { ...designBasis, constraints: { avoidCountries: ['RU'] }, highs }), (error: unknown) => {
      assert.ok(isSilkwayError(error) && error.code === 'SW_DESIGN_INFEASIBLE', String(error))
      assert.match(error.message, /demand a-d .*under the route constraints, which exclude 2 link/)
      return true
    })
  })

  it('topDemands keeps the largest demands and counts the rest', async () => {
    const two: DemandsDocument = {
      schemaVersion: DEMANDS_SCHEMA_VERSION,
      demands: [
        { id: 'small', from: 'A', to: 'B', gbps: 5 },
        { id: 'big', from: 'A', to: 'C', gbps: 25 },
      ],
    }
    const answer = await designNetwork(index, two, catalogue(), query(), { ...designBasis, topDemands: 1, highs })
    assert.deepEqual(answer.demands.omitted, { count: 1, gbps: 5 })
    assert.equal(answer.demands.count, 1)
    assert.equal(answer.cost, 6)
  })

  it('refuses a catalogue naming an unknown link, and a question without demands', async () => {
    const bad = catalogue({ links: [{ link: 'ab', preInstalledGbps: 1, source: synthetic }, { link: 'zz', preInstalledGbps: 1, source: synthetic }] })
    await assert.rejects(designNetwork(index, demands(1), bad, query(), { ...designBasis, highs }), (error: unknown) => {
      assert.ok(isSilkwayError(error) && error.code === 'SW_INVALID_DOCUMENT', String(error))
      assert.equal(error.message, "modules: links[1].link: no link 'zz' in the network")
      return true
    })
    await assert.rejects(designNetwork(index, undefined, catalogue(), query(), { ...designBasis, highs }), /no demands/)
  })

  it('equals brute force on random prices, pre-installed capacities and demands, with and without survival', async () => {
    const moduleArb = fc.record({ capacityGbps: fc.constantFrom(10, 20, 40), costUsd: fc.integer({ min: 1, max: 10 }), source: fc.constant(synthetic) })
    await fc.assert(
      fc.asyncProperty(
        fc.array(moduleArb, { minLength: 1, maxLength: 2 }),
        fc.array(fc.option(fc.array(moduleArb, { minLength: 0, maxLength: 1 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom(0, 5, 10, 30), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        async (defaults, overrides, pre, gbps, survive) => {
          const doc = catalogue({
            modules: defaults,
            links: LINKS.map((link, i) => ({ link, preInstalledGbps: pre[i], ...(overrides[i] ? { modules: overrides[i] } : {}), source: synthetic })),
          })
          const perLink = Object.fromEntries(LINKS.map((l, i) => [l, overrides[i] ?? defaults]))
          const expected = bruteForce(Object.fromEntries(LINKS.map((l, i) => [l, pre[i]])), perLink, gbps, survive)
          let cost: number | null
          try {
            cost = (await designNetwork(index, demands(gbps, survive ? 'protected' : 'unprotected'), doc, query(survive ? 'link' : 'none'), { ...designBasis, highs })).cost
          } catch (error) {
            // A link that can carry nothing makes a protected demand's survival impossible: refused before solving.
            if (!(isSilkwayError(error) && error.code === 'SW_DESIGN_INFEASIBLE')) throw error
            cost = null
          }
          if (expected === Infinity) assert.equal(cost, null)
          else assert.ok(cost !== null && Math.abs(cost - expected) < 1e-6, `MIP ${cost}, brute force ${expected}`)
        },
      ),
      { numRuns: 40 },
    )
  })
})
