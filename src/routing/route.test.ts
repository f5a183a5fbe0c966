import { test } from 'node:test'
import assert from 'node:assert/strict'
import { type Network, type Profile, SilkwayError, fiberPropagationMs } from '../model'
import { compileIndex } from './compile'
import { route } from './route'

/*
 * A small corridor, west to east (x = node, country in brackets):
 *
 *   fra[DE] ──── mow[RU] ─────────────── pek[CN]
 *     │                                     │
 *   ist[TR] ── tbs[GE] ~~~ akt[KZ] ── ala[KZ]┘
 *                   (sea, 2027)
 *     └────────────── thr[IR] ───────────────┘   (planned, operator X)
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
  ],
  links: [
    { id: 'fra-mow', a: 'fra', b: 'mow', kind: 'terrestrial', lengthKm: 2200, operators: ['Rostelecom'] },
    { id: 'mow-pek', a: 'mow', b: 'pek', kind: 'terrestrial', lengthKm: 7000, operators: ['Rostelecom'] },
    { id: 'fra-ist', a: 'fra', b: 'ist', kind: 'terrestrial', lengthKm: 2300 },
    { id: 'ist-tbs', a: 'ist', b: 'tbs', kind: 'terrestrial', lengthKm: 1500 },
    { id: 'tbs-akt', a: 'tbs', b: 'akt', kind: 'submarine', lengthKm: 900, countries: ['GE', 'AZ', 'KZ'], status: 'under-construction', readyForServiceYear: 2027 },
    { id: 'akt-ala', a: 'akt', b: 'ala', kind: 'terrestrial', lengthKm: 2800 },
    { id: 'ala-pek', a: 'ala', b: 'pek', kind: 'terrestrial', lengthKm: 3500 },
    { id: 'ist-thr', a: 'ist', b: 'thr', kind: 'terrestrial', lengthKm: 2600, operators: ['X'] },
    { id: 'thr-pek', a: 'thr', b: 'pek', kind: 'terrestrial', lengthKm: 6200, operators: ['X'], status: 'planned' },
  ],
}
const param = (value: number) => ({ value, unit: '-', description: 'test', source: 'test' })
const profile: Profile = {
  schemaVersion: 2,
  id: 'test',
  version: 'test',
  fiber: { groupIndex: param(1.5) },
  equipment: { nodeDelayMs: param(0.1) },
  routeFactor: { terrestrial: param(1.3), submarine: param(1.06) },
}
const index = compileIndex(network, profile)

test('the fastest path goes through Russia and reports its latency, stretch and jurisdictions', () => {
  const answer = route(index, { from: 'fra', to: 'pek' })
  const [best] = answer.paths
  assert.deepEqual(best.nodes, ['fra', 'mow', 'pek'])
  assert.equal(best.lengthKm, 9200)
  const expectedOneWay = fiberPropagationMs(9200, 1.5) + 3 * 0.1
  assert.ok(Math.abs((best.oneWayMs as number) - expectedOneWay) < 1e-3)
  assert.ok(Math.abs((best.rttMs as number) - 2 * expectedOneWay) < 2e-3)
  assert.ok((best.stretch as number) > 1.5)
  assert.deepEqual(best.countries, ['DE', 'RU', 'CN'])
})

test('avoiding Russia takes the Caspian path, with the sea crossing’s countries in order', () => {
  const [best] = route(index, { from: 'FRA', to: 'Pek', constraints: { avoidCountries: ['RU'] } }).paths
  assert.deepEqual(best.nodes, ['fra', 'ist', 'tbs', 'akt', 'ala', 'pek'])
  assert.deepEqual(best.countries, ['DE', 'TR', 'GE', 'AZ', 'KZ', 'CN'])
  assert.ok(!best.countries.includes('RU'))
})

test('a year before the sea cable and without the planned Iranian link leaves no path avoiding Russia', () => {
  assert.throws(
    () => route(index, { from: 'fra', to: 'pek', constraints: { avoidCountries: ['RU'], year: 2026 } }),
    (e: unknown) => e instanceof SilkwayError && e.code === 'SW_CONSTRAINT_INFEASIBLE',
  )
  const [best] = route(index, { from: 'fra', to: 'pek', constraints: { avoidCountries: ['RU'], year: 2027 } }).paths
  assert.ok(best.links.includes('tbs-akt'))
})

test('avoiding an operator, a kind and a country together', () => {
  const answer = route(index, { from: 'fra', to: 'pek', constraints: { avoidOperators: ['rostelecom'], avoidKinds: ['submarine'] } })
  assert.deepEqual(answer.paths[0].nodes, ['fra', 'ist', 'thr', 'pek'])
  const warned = route(index, { from: 'fra', to: 'pek', constraints: { avoidOperators: ['nobody'] } })
  assert.match(warned.warnings[0], /nobody/)
})

test('k paths come best first and loopless; via forces a waypoint', () => {
  const answer = route(index, { from: 'fra', to: 'pek', k: 3, metric: 'length' })
  assert.equal(answer.paths.length, 3)
  const lengths = answer.paths.map((p) => p.lengthKm as number)
  assert.deepEqual(lengths, [...lengths].sort((x, y) => x - y))
  for (const p of answer.paths) assert.equal(new Set(p.nodes).size, p.nodes.length)
  const via = route(index, { from: 'fra', to: 'pek', via: ['thr'] })
  assert.deepEqual(via.paths[0].nodes, ['fra', 'ist', 'thr', 'pek'])
})

test('an endpoint in an avoided country is infeasible unless its own country is exempted', () => {
  assert.throws(() => route(index, { from: 'mow', to: 'pek', constraints: { avoidCountries: ['RU'] } }), /avoid/)
  const answer = route(index, { from: 'mow', to: 'pek', constraints: { avoidCountries: ['RU'], allowEndpointCountries: true } })
  assert.deepEqual(answer.paths[0].nodes, ['mow', 'pek'])
})

test('unknown and misspelt nodes fail with the closest matches', () => {
  assert.throws(
    () => route(index, { from: 'frx', to: 'pek' }),
    (e: unknown) => e instanceof SilkwayError && e.code === 'SW_UNKNOWN_NODE' && /fra/.test(e.message),
  )
})

test('hops metric counts links; a disconnected node gives SW_NO_PATH', () => {
  const [best] = route(index, { from: 'fra', to: 'pek', metric: 'hops' }).paths
  assert.equal(best.hops, 2)
  const island = compileIndex({ ...network, nodes: [...network.nodes, node('isl', 'IS', 64, -22)] }, profile)
  assert.throws(() => route(island, { from: 'fra', to: 'isl' }), (e: unknown) => e instanceof SilkwayError && e.code === 'SW_NO_PATH')
})

test('the year filter blocks nodes not yet in service, like links; an endpoint not in service is infeasible', () => {
  const later: Network = {
    ...network,
    nodes: network.nodes.map((n) => (n.id === 'mow' ? { ...n, status: 'planned' as const, readyForServiceYear: 2030 } : n)),
  }
  const laterIndex = compileIndex(later, profile)
  const answer = route(laterIndex, { from: 'fra', to: 'pek', constraints: { year: 2028 } })
  assert.ok(!answer.paths[0].nodes.includes('mow'))
  assert.deepEqual(route(laterIndex, { from: 'fra', to: 'pek', constraints: { year: 2030 } }).paths[0].nodes, ['fra', 'mow', 'pek'])
  assert.throws(() => route(laterIndex, { from: 'fra', to: 'mow', constraints: { year: 2028 } }), (e: unknown) => e instanceof SilkwayError && e.code === 'SW_CONSTRAINT_INFEASIBLE')
})

test('a path says which inferred alignments and weak sources it rests on', () => {
  const flagged: Network = {
    ...network,
    sources: [
      { id: 'mirror', title: 'An encyclopaedia mirror', weak: true },
      { id: 'operator', title: 'An operator release' },
    ],
    links: network.links.map((l) =>
      l.id === 'fra-mow'
        ? { ...l, sources: ['mirror'], alignmentInferred: { confidence: 'low' as const, note: 'only the end points are named' } }
        : l.id === 'mow-pek'
          ? { ...l, sources: ['operator'] }
          : l,
    ),
  }
  const [best] = route(compileIndex(flagged, profile), { from: 'fra', to: 'pek' }).paths
  assert.deepEqual(best.dependsOn, { inferredAlignmentLinks: ['fra-mow'], weakSources: ['mirror'] })
  const [other] = route(compileIndex(flagged, profile), { from: 'fra', to: 'pek', constraints: { avoidLinks: ['fra-mow'] } }).paths
  assert.deepEqual(other.dependsOn, { inferredAlignmentLinks: [], weakSources: [] })
})
