import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Network, Scenario } from '../model'
import { SilkwayError } from '../model'
import { applyScenario, inServiceBy } from './apply'

const network: Network = {
  schemaVersion: 2,
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 },
    { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 1 },
    { id: 'c', name: 'C', kind: 'city', lat: 1, lon: 1 },
  ],
  links: [
    { id: 'ab', a: 'a', b: 'b', kind: 'terrestrial', status: 'operational', readyForServiceYear: 2010 },
    { id: 'bc', a: 'b', b: 'c', kind: 'submarine', status: 'under-construction', readyForServiceYear: 2026 },
    { id: 'ac', a: 'a', b: 'c', kind: 'terrestrial', status: 'planned' },
    { id: 'old', a: 'a', b: 'c', kind: 'terrestrial', status: 'retired', readyForServiceYear: 1999 },
  ],
}

const scenarios: Scenario[] = [
  { schemaVersion: 2, name: 'then', filter: { inServiceBy: 2022 } },
  { schemaVersion: 2, name: 'all', filter: { statuses: ['operational', 'under-construction', 'planned'] } },
  { schemaVersion: 2, name: 'variant', base: 'all', changes: { removeLinks: ['bc'], addLinks: [{ id: 'bc2', a: 'b', b: 'c', kind: 'submarine', status: 'planned' }] } },
  { schemaVersion: 2, name: 'loop1', base: 'loop2' },
  { schemaVersion: 2, name: 'loop2', base: 'loop1' },
  { schemaVersion: 2, name: 'broken', changes: { removeLinks: ['nope'] } },
]

const ids = (n: Network) => n.links.map((l) => l.id)

test('inServiceBy: dated links by year, undated only when operational, retired never', () => {
  assert.equal(inServiceBy(network.links[0], 2022), true)
  assert.equal(inServiceBy(network.links[1], 2022), false)
  assert.equal(inServiceBy(network.links[1], 2027), true)
  assert.equal(inServiceBy(network.links[2], 2100), false)
  assert.equal(inServiceBy(network.links[3], 2000), false)
})

test('a year filter keeps only what was in service then', () => {
  assert.deepEqual(ids(applyScenario(network, 'then', scenarios)), ['ab'])
})

test('a scenario applies its base first, then its changes; the input is untouched', () => {
  assert.deepEqual(ids(applyScenario(network, 'variant', scenarios)), ['ab', 'ac', 'bc2'])
  assert.equal(network.links.length, 4)
})

test('unknown scenarios, cycles and dangling changes are located errors', () => {
  assert.throws(() => applyScenario(network, 'nope', scenarios), (e: unknown) => e instanceof SilkwayError && e.code === 'SW_UNKNOWN_SCENARIO')
  assert.throws(() => applyScenario(network, 'loop1', scenarios), /cycle/)
  assert.throws(
    () => applyScenario(network, 'broken', scenarios),
    (e: unknown) => e instanceof SilkwayError && e.issues[0].path === "scenario 'broken' changes.removeLinks[0]",
  )
})

test('nodes are filtered like links: a node not in service takes its links with it', () => {
  const withPlannedNode: Network = {
    ...network,
    nodes: [...network.nodes, { id: 'd', name: 'D', kind: 'landing-station', lat: 2, lon: 2, status: 'planned', readyForServiceYear: 2027 }],
    links: [...network.links, { id: 'cd', a: 'c', b: 'd', kind: 'submarine', status: 'operational' }],
  }
  const then = applyScenario(withPlannedNode, 'then', scenarios)
  assert.ok(!then.nodes.some((n) => n.id === 'd'))
  assert.ok(!then.links.some((l) => l.id === 'cd'), 'an operational link to a planned node is not usable before the node is')
  const later: Scenario[] = [{ schemaVersion: 2, name: 'later', filter: { inServiceBy: 2030 } }]
  const after = applyScenario(withPlannedNode, 'later', later)
  assert.ok(after.nodes.some((n) => n.id === 'd') && after.links.some((l) => l.id === 'cd'))
})
