import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Network } from '../../src/model'
import { boundsOf } from './geo'
import { byChange, compareHeadline, groupPaths, pathCaveats } from './story'

//   Frankfurt ── Istanbul ── Baku ══ Aktau ── Almaty
//        \                                   /
//         Moscow ─────── (border) ───────────
// (══ the cable, under construction; Moscow–Almaty twice: two parallel links)
const network: Network = {
  schemaVersion: 2,
  name: 't',
  nodes: [
    { id: 'fra', name: 'Frankfurt', kind: 'city' },
    { id: 'ist', name: 'Istanbul', kind: 'city' },
    { id: 'bak', name: 'Baku', kind: 'city' },
    { id: 'akt', name: 'Aktau', kind: 'landing-station' },
    { id: 'ala', name: 'Almaty', kind: 'city' },
    { id: 'mow', name: 'Moscow', kind: 'city' },
    { id: 'bx', name: 'Border X', kind: 'border-crossing' },
  ],
  links: [
    { id: 'fra-ist', a: 'fra', b: 'ist', kind: 'terrestrial' },
    { id: 'ist-bak', a: 'ist', b: 'bak', kind: 'terrestrial', assumptions: [{ field: 'alignment', note: 'along the highway' }] },
    { id: 'cable', name: 'The Cable', a: 'bak', b: 'akt', kind: 'submarine', status: 'under-construction', readyForServiceYear: 2026 },
    { id: 'akt-ala', a: 'akt', b: 'ala', kind: 'terrestrial', status: 'operational' },
    { id: 'fra-mow', a: 'fra', b: 'mow', kind: 'terrestrial' },
    { id: 'mow-bx', a: 'mow', b: 'bx', kind: 'terrestrial' },
    { id: 'bx-ala', a: 'bx', b: 'ala', kind: 'terrestrial' },
    { id: 'bx-ala-2', a: 'bx', b: 'ala', kind: 'terrestrial', status: 'planned' },
  ],
} as Network

const south = { nodes: ['fra', 'ist', 'bak', 'akt', 'ala'], links: ['fra-ist', 'ist-bak', 'cable', 'akt-ala'] }
const north = { nodes: ['fra', 'mow', 'bx', 'ala'], links: ['fra-mow', 'mow-bx', 'bx-ala'] }
const north2 = { nodes: ['fra', 'mow', 'bx', 'ala'], links: ['fra-mow', 'mow-bx', 'bx-ala-2'] }

test('paths are named by the places that set them apart; identical node sequences collapse into one', () => {
  const groups = groupPaths([south, north, north2], network)
  assert.deepEqual(groups, [
    { indices: [0], label: 'via Istanbul – Aktau' },
    // Border crossings do not name a route: Moscow does.
    { indices: [1, 2], label: 'via Moscow' },
  ])
  assert.deepEqual(groupPaths([south], network), [{ indices: [0], label: 'the only path' }])
})

test('caveats: links not yet in service and inferred alignments, in path order', () => {
  assert.deepEqual(pathCaveats(south.links, network), {
    notInService: [{ id: 'cable', name: 'The Cable', status: 'under-construction', readyForServiceYear: 2026 }],
    inferred: [{ id: 'ist-bak', name: 'Istanbul – Baku' }],
  })
  assert.deepEqual(pathCaveats(north.links, network), { notInService: [], inferred: [] })
  assert.deepEqual(pathCaveats(north2.links, network).notInService.map((l) => l.status), ['planned'])
})

test('bounds of positions', () => {
  assert.equal(boundsOf([]), undefined)
  assert.deepEqual(boundsOf([[10, 5], [-3, 7], [4, -1]]), [[-3, -1], [10, 7]])
})

test('comparison: biggest change first; the headline names what the target adds', () => {
  const pairs = [
    { fromName: 'A', toName: 'B', base: { rttMs: 50 }, target: { rttMs: 49 }, rttDiffMs: -1 },
    { fromName: 'Baku', toName: 'Almaty', base: { rttMs: 72.1 }, target: { rttMs: 36.3 }, rttDiffMs: -35.8 },
    { fromName: 'C', toName: 'D', base: { rttMs: 10 }, target: { rttMs: 12 }, rttDiffMs: 2 },
  ]
  assert.deepEqual(byChange(pairs).map((p) => p.fromName), ['Baku', 'C', 'A'])
  assert.equal(compareHeadline(byChange(pairs)[0], ['The Cable'], 'DSW'), 'The Cable cuts the round trip Baku – Almaty from 72.1 to 36.3 ms.')
  assert.equal(compareHeadline(pairs[2], [], 'DSW'), 'DSW raises the round trip C – D from 10.0 to 12.0 ms.')
  assert.equal(compareHeadline({ ...pairs[0], base: null, rttDiffMs: null }, ['X', 'Y'], 'DSW'), 'X and Y connect A – B: 49.0 ms round trip, where there was no route.')
  assert.equal(compareHeadline({ ...pairs[0], rttDiffMs: 0 }, [], 'DSW'), "No pair's round trip changes in DSW.")
})
