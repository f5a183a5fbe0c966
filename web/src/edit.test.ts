import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Network, Scenario } from '../../src/model'
import { applyScenario } from '../../src/scenario'
import { type EditOp, applyEdit, foldEdit, freshId } from './edit'

//   a ── ab ── b
const network: Network = {
  schemaVersion: 2,
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 },
    { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 10 },
  ],
  links: [{ id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' }],
}

const edits: EditOp[] = [
  { op: 'addNode', node: { id: 'c', name: 'C', kind: 'city', lat: 5, lon: 5 } },
  { op: 'addLink', link: { id: 'bc', a: 'b', b: 'c', kind: 'submarine' } },
  { op: 'setNode', id: 'c', set: { lat: 6 } },
  { op: 'setNode', id: 'a', set: { lon: 1 } },
  { op: 'setLink', id: 'ab', set: { status: 'planned' } },
  { op: 'setLink', id: 'bc', set: { lengthKm: 700 } },
]

test('a scenario that records the edits describes the same network as editing the network', () => {
  const edited = edits.reduce(applyEdit, network)
  const scenario = edits.reduce(foldEdit, { schemaVersion: 2, name: 's' } as Scenario)
  assert.deepEqual(applyScenario(network, 's', [scenario]).nodes, edited.nodes)
  assert.deepEqual(applyScenario(network, 's', [scenario]).links, edited.links)
  assert.deepEqual(scenario.changes?.addNodes, [{ id: 'c', name: 'C', kind: 'city', lat: 6, lon: 5 }])
  assert.deepEqual(scenario.changes?.modifyNodes, [{ id: 'a', set: { lon: 1 } }])
})

test('deleting what the scenario added leaves no trace; deleting a base node removes its links', () => {
  const more: EditOp[] = [...edits, { op: 'removeNode', id: 'c' }, { op: 'removeLink', id: 'ab' }, { op: 'removeNode', id: 'b' }]
  const scenario = more.reduce(foldEdit, { schemaVersion: 2, name: 's' } as Scenario)
  assert.deepEqual(scenario.changes, { removeNodes: ['b'], modifyNodes: [{ id: 'a', set: { lon: 1 } }], removeLinks: ['ab'] })
  const edited = more.reduce(applyEdit, network)
  assert.deepEqual(applyScenario(network, 's', [scenario]).nodes, edited.nodes)
  assert.deepEqual(edited.links, [])
})

test('fresh ids are readable and unique', () => {
  assert.equal(freshId('Türkmenbaşy port', new Set()), 'turkmenbasy-port')
  assert.equal(freshId('A', new Set(['a', 'a-2'])), 'a-3')
})
