import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, isSilkwayError, type Network } from '../model'
import { compileIndex } from '../routing'
import { hubs, parseNodeSet, throughput } from './index'

/*
 *   de ──100 km, 100── pl ──100 km, 30── ru ──300 km, 50── cn
 *                       └──────250 km, 20── kz ──200 km, 25──┘
 *
 * Link labels: length, design Gbit/s. Frankfurt (DE) to Beijing (CN): shortest over Russia (500 km) against
 * 550 km over Kazakhstan.
 */
const network: Network = {
  schemaVersion: 2,
  nodes: [
    { id: 'de', name: 'Frankfurt', kind: 'city', country: 'DE' },
    { id: 'pl', name: 'Warsaw', kind: 'city', country: 'PL' },
    { id: 'ru', name: 'Moscow', kind: 'city', country: 'RU' },
    { id: 'kz', name: 'Astana', kind: 'city', country: 'KZ' },
    { id: 'cn', name: 'Beijing', kind: 'city', country: 'CN' },
  ],
  links: [
    { id: 'de-pl', a: 'de', b: 'pl', kind: 'terrestrial', lengthKm: 100, designCapacityGbps: 100, operators: ['EU Net'] },
    { id: 'pl-ru', a: 'pl', b: 'ru', kind: 'terrestrial', lengthKm: 100, designCapacityGbps: 30, operators: ['Rostelecom'] },
    { id: 'ru-cn', a: 'ru', b: 'cn', kind: 'terrestrial', lengthKm: 300, designCapacityGbps: 50, operators: ['Rostelecom'] },
    { id: 'pl-kz', a: 'pl', b: 'kz', kind: 'terrestrial', lengthKm: 250, designCapacityGbps: 20, operators: ['Kazakhtelecom'] },
    { id: 'kz-cn', a: 'kz', b: 'cn', kind: 'terrestrial', lengthKm: 200, designCapacityGbps: 25, operators: ['Kazakhtelecom'] },
  ],
}
const index = compileIndex(network, defaultProfile)
const groups = { europe: ['DE', 'PL', 'RU'], asia: ['KZ', 'CN'] }
const demands: DemandsDocument = {
  schemaVersion: DEMANDS_SCHEMA_VERSION,
  demands: [
    { id: 'fra-bjs', from: 'Frankfurt', to: 'Beijing', gbps: 30 },
    { id: 'waw-mow', from: 'pl', to: 'ru', gbps: 10 },
  ],
}

describe('maximum flow between node sets, the cut named', () => {
  it('Europe ⇄ China: 30 + 20 over both corridors; the cut is pl-ru and pl-kz', () => {
    const answer = throughput(index, { fromSet: 'country:DE', toSet: 'Beijing', capacity: { overrides: { 'de-pl': 40 } } }, groups)
    // de-pl at 40 is less than the east side's 30 + 20, so it alone is the cut.
    assert.equal(answer.valueGbps, 40)
    assert.deepEqual(
      answer.cut.map((l) => l.id),
      ['de-pl'],
    )
    const wide = throughput(index, { fromSet: 'de,pl', toSet: 'country:CN' }, groups)
    assert.equal(wide.valueGbps, 50)
    assert.deepEqual(
      wide.cut.map((l) => [l.id, l.capacityGbps, l.operators.join()]),
      [
        ['pl-ru', 30, 'Rostelecom'],
        ['pl-kz', 20, 'Kazakhtelecom'],
      ],
    )
    assert.deepEqual(wide.cutCountries, ['KZ', 'PL', 'RU'])
  })

  it('without Russia only the Kazakh corridor is left, and the Russian nodes of a set are left out', () => {
    const answer = throughput(index, { fromSet: 'group:europe', toSet: 'group:asia', constraints: { avoidCountries: ['RU'] } }, groups)
    assert.equal(answer.valueGbps, 20)
    assert.deepEqual(answer.from.excluded, ['ru'])
    assert.deepEqual(
      answer.cut.map((l) => l.id),
      ['pl-kz'],
    )
  })

  it('unknown capacity is unbounded (with the path) or carries nothing, never a silent number', () => {
    const open: Network = { ...network, links: network.links.map((l) => (l.id === 'pl-kz' ? { ...l, designCapacityGbps: undefined } : l)) }
    const openIndex = compileIndex(open, defaultProfile)
    const q = { fromSet: 'pl', toSet: 'kz' }
    const unbounded = throughput(openIndex, q, groups)
    assert.equal(unbounded.valueGbps, null)
    assert.equal(unbounded.unbounded, true)
    assert.deepEqual(unbounded.unboundedPath, ['pl-kz'])
    assert.equal(throughput(openIndex, { ...q, capacity: { unknown: 'exclude' } }, groups).valueGbps, 25)
  })

  it('bad sets are refused, naming the field and the item', () => {
    assert.throws(() => parseNodeSet(index, 'country:XX', groups, 'fromSet'), /fromSet: 'country:XX' matches no node/)
    assert.throws(() => parseNodeSet(index, 'group:africa', groups, 'toSet'), /toSet: no group 'africa'; groups: asia, europe/)
    assert.throws(() => parseNodeSet(index, 'country:Russia', groups, 'toSet'), /not country:XX/)
    assert.throws(() => parseNodeSet(index, ' , ', groups, 'toSet'), /the set is empty/)
    assert.throws(() => parseNodeSet(index, 'Frankfrut', groups, 'fromSet'), { code: 'SW_UNKNOWN_NODE' })
    assert.throws(() => throughput(index, { fromSet: 'group:europe', toSet: 'Moscow' }, groups), /Moscow \(ru\) is in both fromSet and toSet/)
    assert.throws(() => throughput(index, { fromSet: 'ru', toSet: 'cn', constraints: { avoidCountries: ['RU'] } }, groups), { code: 'SW_CONSTRAINT_INFEASIBLE' })
  })

  it('any set text either parses or fails with a SilkwayError, never a crash (fuzzed)', () => {
    const item = fc.oneof(
      fc.constantFrom('de', 'Frankfurt', 'country:CN', 'group:asia', 'GROUP:Europe', 'country:', 'group:', ':', ' '),
      fc.string({ maxLength: 12 }),
      fc.string({ maxLength: 6 }).map((x) => `country:${x}`),
      fc.string({ maxLength: 6 }).map((x) => `group:${x}`),
    )
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), (items) => {
        const text = items.join(',')
        try {
          const set = parseNodeSet(index, text, groups, 'fromSet')
          assert.ok(set.nodes.length > 0 && set.nodes.every((v, i) => i === 0 || set.nodes[i - 1] < v))
        } catch (error) {
          assert.ok(isSilkwayError(error), `${JSON.stringify(text)}: ${(error as Error).stack}`)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('hubs: transit by country and operator, betweenness', () => {
  it('shortest paths: Frankfurt–Beijing crosses PL and RU in transit; Warsaw–Moscow is no one’s transit', async () => {
    const answer = await hubs(index, demands, { routing: 'shortest', metric: 'length', top: 5 }, { demandSource: 'test', groups })
    const share = (c: string) => answer.countries.find((x) => x.country === c)
    assert.deepEqual(share('RU'), { country: 'RU', transitShare: 0.75, transitGbps: 30, europeAsiaShare: 1, europeAsiaGbps: 30 })
    assert.equal(share('PL')?.transitGbps, 30)
    assert.equal(share('KZ')?.transitGbps, 0)
    assert.equal(answer.demands.europeAsiaGbps, 30)
    assert.deepEqual(
      answer.operators.map((o) => [o.operator, o.gbps]),
      [
        ['Rostelecom', 40],
        ['EU Net', 30],
      ],
    )
    // Pairs through Warsaw: de–ru, de–kz, de–cn and ru–kz (350 km against 500 km over Beijing).
    assert.equal(answer.nodes[0].id, 'pl')
    assert.equal(answer.nodes[0].betweenness, 4)
  })

  it('optimal routing moves transit to Kazakhstan once Russia’s links fill', async () => {
    const heavy: DemandsDocument = { ...demands, demands: [{ id: 'fra-bjs', from: 'de', to: 'cn', gbps: 40 }] }
    const answer = await hubs(index, heavy, { routing: 'optimal', metric: 'length' }, { demandSource: 'test', groups })
    const kz = answer.countries.find((x) => x.country === 'KZ')
    const ru = answer.countries.find((x) => x.country === 'RU')
    // min-max utilisation over pl-ru 30 and pl-kz 20: U = 40 / 50, so 24 over Russia and 16 over Kazakhstan.
    // Within the LP's tolerances (the second phase may relax U* by 10⁻⁷ relative).
    assert.ok(Math.abs((kz?.transitGbps ?? 0) - 16) < 1e-4, `KZ ${kz?.transitGbps}`)
    assert.ok(Math.abs((ru?.transitGbps ?? 0) - 24) < 1e-4, `RU ${ru?.transitGbps}`)
  })

  it('betweenness weighted by demand is the Gbit/s through each node', async () => {
    const answer = await hubs(index, demands, { metric: 'length', weightByDemand: true }, { demandSource: 'test', groups })
    const of = (id: string) => answer.nodes.find((n) => n.id === id)?.betweenness ?? 0
    assert.equal(of('pl'), 30)
    assert.equal(of('ru'), 30)
    assert.equal(of('kz'), 0)
  })
})
