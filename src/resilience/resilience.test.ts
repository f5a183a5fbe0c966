import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Network, Profile } from '../model'
import { compileIndex } from '../routing'
import { cutImpact, diversePaths, linkReliability, pairAvailability, planSweep, rankSweep, sweepRange } from '.'

/*
 * A small corridor, west to east (country in brackets, ~ is sea):
 *
 *   fra[DE] ──────── mow[RU] ──────────── pek[CN]
 *     │                                      │
 *   ist[TR] ── tbs[GE] ~~~~ akt[KZ] ──── ala[KZ]
 *     │           (sea: SRLG caspian)        │
 *     └──────────── thr[IR] ─────────────────┘    ist-thr and thr-ala share SRLG iran-row
 *
 *   ala ─── bsk[KZ]   a spur: its only link is a single point of failure
 */
const node = (id: string, country: string, lat: number, lon: number) => ({ id, name: id.toUpperCase(), kind: 'city' as const, country, lat, lon })
const network: Network = {
  schemaVersion: 2,
  nodes: [
    node('fra', 'DE', 50.1, 8.7),
    node('mow', 'RU', 55.8, 37.6),
    node('pek', 'CN', 39.9, 116.4),
    node('ist', 'TR', 41.0, 29.0),
    node('tbs', 'GE', 41.7, 44.8),
    node('akt', 'KZ', 43.7, 51.2),
    node('ala', 'KZ', 43.2, 76.9),
    node('thr', 'IR', 35.7, 51.4),
    node('bsk', 'KZ', 46.8, 75.0),
  ],
  links: [
    { id: 'fra-mow', a: 'fra', b: 'mow', kind: 'terrestrial', lengthKm: 2200 },
    { id: 'mow-pek', a: 'mow', b: 'pek', kind: 'terrestrial', lengthKm: 7000 },
    { id: 'fra-ist', a: 'fra', b: 'ist', kind: 'terrestrial', lengthKm: 2300 },
    { id: 'ist-tbs', a: 'ist', b: 'tbs', kind: 'terrestrial', lengthKm: 1500 },
    { id: 'tbs-akt', a: 'tbs', b: 'akt', kind: 'submarine', lengthKm: 900, countries: ['GE', 'AZ', 'KZ'], srlgs: ['caspian'] },
    { id: 'akt-ala', a: 'akt', b: 'ala', kind: 'terrestrial', lengthKm: 2800 },
    { id: 'ala-pek', a: 'ala', b: 'pek', kind: 'terrestrial', lengthKm: 3500 },
    { id: 'ist-thr', a: 'ist', b: 'thr', kind: 'terrestrial', lengthKm: 2600, srlgs: ['iran-row'] },
    { id: 'thr-ala', a: 'thr', b: 'ala', kind: 'terrestrial', lengthKm: 3000, srlgs: ['iran-row'] },
    { id: 'ala-bsk', a: 'ala', b: 'bsk', kind: 'terrestrial', lengthKm: 500, faultsPerYear: 1, mttrHours: 24 },
  ],
  srlgs: [{ id: 'caspian' }, { id: 'iran-row' }],
}
const param = (value: number) => ({ value, unit: '-', description: 'test', source: 'test' })
const profile: Profile = {
  schemaVersion: 2,
  id: 'test',
  version: 'test',
  fiber: { groupIndex: param(1.5) },
  equipment: { nodeDelayMs: param(0) },
  routeFactor: { terrestrial: param(1.3), submarine: param(1.06) },
  reliability: {
    submarineFaultsPer1000kmYr: param(0.1),
    submarineMttrDays: param(20),
    terrestrialCutsPer1000kmYr: param(2),
    terrestrialMttrHours: param(12),
  },
}
const index = compileIndex(network, profile)

test('two link-disjoint Frankfurt–Almaty paths: via Russia and via the Caspian', async () => {
  const two = await diversePaths(index, { from: 'fra', to: 'ala', k: 2 })
  assert.equal(two.method, 'suurballe')
  assert.equal(two.fullyDisjoint, true)
  assert.deepEqual(two.paths.map((p) => p.nodes.join(' ')).sort(), ['fra ist tbs akt ala', 'fra mow pek ala'])
})

test('Frankfurt has two links, so four paths share: the maximally disjoint set names what', async () => {
  const four = await diversePaths(index, { from: 'fra', to: 'ala', k: 4 })
  assert.equal(four.method, 'suurballe-min-shared')
  assert.equal(four.fullyDisjoint, false)
  assert.equal(four.paths.length, 4)
  assert.ok(four.shared.links.length > 0)
})

test('country-disjoint Frankfurt–Beijing: no transit country in common, by the MIP', async () => {
  const answer = await diversePaths(index, { from: 'fra', to: 'pek', by: 'country' })
  assert.equal(answer.method, 'mip-highs')
  assert.deepEqual(answer.shared.countries, [])
  const transit = answer.paths.map((p) => new Set(p.countries.filter((c) => c !== 'DE' && c !== 'CN')))
  assert.ok(![...transit[0]].some((c) => transit[1].has(c)))
})

test('SRLG-disjoint Istanbul–Almaty must avoid pairing the two Iranian links', async () => {
  const answer = await diversePaths(index, { from: 'ist', to: 'ala', by: 'srlg' })
  assert.equal(answer.fullyDisjoint, true)
  assert.deepEqual(answer.shared.srlgs, [])
})

test('cutting Kazakhstan cuts the spur off; a circle on the Caspian cuts only the sea link', () => {
  const kz = cutImpact(index, { countries: ['KZ'] }, [{ from: 'fra', to: 'bsk' }, { from: 'fra', to: 'pek' }])
  assert.deepEqual(kz.disconnected, [{ from: 'fra', to: 'bsk' }])
  const sea = cutImpact(index, { circles: [{ lat: 42.5, lon: 48, radiusKm: 100 }] })
  assert.deepEqual(sea.cut.links, ['tbs-akt'])
  assert.ok(sea.pairs.every((p) => p.connected))
})

test('the single-failure sweep puts the spur first', () => {
  const plan = planSweep(index, '1')
  const answer = rankSweep(index, plan, sweepRange(plan.model, plan.set, 0, plan.labels.length), 3)
  assert.equal(answer.ranking[0].element, 'ala-bsk')
  assert.equal(answer.ranking[0].pairsDisconnected, 8)
})

test('availability: the per-link override and the profile rates give the textbook numbers', () => {
  const reliability = linkReliability(index)
  const e = index.linkIndex.get('ala-bsk') as number
  const hoursPerYear = 365.25 * 24
  assert.ok(Math.abs(reliability.unavailability[e] - 24 / (hoursPerYear + 24)) < 1e-15)
  const spur = pairAvailability(index, { from: 'ala', to: 'bsk' })
  assert.equal(spur.method, 'series-exact')
  assert.ok(Math.abs(spur.downtimeMinutesPerYear - (24 / (hoursPerYear + 24)) * hoursPerYear * 60) < 0.01)
  const none = pairAvailability(index, { from: 'fra', to: 'pek', protection: 'none' })
  const oneplusone = pairAvailability(index, { from: 'fra', to: 'pek', protection: '1+1' })
  const restoration = pairAvailability(index, { from: 'fra', to: 'pek', protection: 'restoration' })
  assert.equal(restoration.method, 'factoring-exact')
  assert.ok(none.availability < oneplusone.availability && oneplusone.availability <= restoration.availability)
  const sampled = pairAvailability(index, { from: 'fra', to: 'pek', protection: 'restoration', samples: 1 })
  assert.equal(sampled.method, 'factoring-exact', 'small networks are always exact')
})
