import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Network, Scenario } from '../../src/model'
import { applyScenario } from '../../src/scenario'
import { type EditOp, applyEdit, foldEdit, freshId, networkDiff, withoutEdit } from './edit'

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

test('the diff before a save: added, removed and changed records with their fields; unsourced records flagged', () => {
  const after = edits.reduce(applyEdit, network)
  const moved = applyEdit({ ...network, nodes: network.nodes.map((n) => (n.id === 'a' ? { ...n, sources: ['s1'] } : n)) }, { op: 'setNode', id: 'a', set: { lat: 1 } })
  assert.deepEqual(networkDiff(network, moved), [{ type: 'node', id: 'a', name: 'A', change: 'changed', fields: [{ field: 'lat', before: 0, after: 1 }, { field: 'sources', before: undefined, after: ['s1'] }], unsourced: false }])
  const diff = networkDiff(network, after)
  assert.deepEqual(diff.map((d) => [d.type, d.id, d.change, d.unsourced]), diff.map((d) => [d.type, d.id, d.change, d.change !== 'removed']))
  assert.ok(diff.some((d) => d.type === 'node' && d.id === 'c' && d.change === 'added'))
  assert.deepEqual(networkDiff(network, applyEdit(network, { op: 'removeLink', id: 'ab' })).map((d) => [d.id, d.change]), [['ab', 'removed']])
  assert.deepEqual(networkDiff(network, network), [])
})

test('undo one edit: the others stay; undoing an added node drops the later edits of that node', () => {
  assert.deepEqual(withoutEdit(edits, 2), [edits[0], edits[1], ...edits.slice(3)])
  const left = withoutEdit(edits, 0)
  assert.ok(left.every((e) => !(e.op === 'setNode' && e.id === 'c') && !(e.op === 'addLink' && (e.link.a === 'c' || e.link.b === 'c'))), JSON.stringify(left))
  // What is left applies cleanly: no record points at the node that was never added.
  const result = left.reduce(applyEdit, network)
  assert.ok(result.links.every((l) => result.nodes.some((n) => n.id === l.a) && result.nodes.some((n) => n.id === l.b)))
})
