import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultProfile } from '../data'
import type { Network } from '../model'
import { compileIndex } from '../routing'
import { planSweep, rankSweep, singleHomedNodeCutBy } from './plan'
import { sweepRange } from './sweep'

/*
 *   a ─── b            e ── f    (an island of two: neither is the other's stub)
 *    \   /
 *      c ─── d ─── g   (d–g: g hangs on d; c–d: d has two links, so it is no stub, though c–d cuts d and g off)
 */
const city = (id: string, lon: number, lat = 0) => ({ id, name: id.toUpperCase(), kind: 'city' as const, lat, lon })
const network: Network = {
  schemaVersion: 2,
  nodes: [city('a', 0, 1), city('b', 2, 1), city('c', 1, 0), city('d', 3, 0), city('g', 5, 0), city('e', 10, 5), city('f', 11, 5)],
  links: [
    ['ab', 'a', 'b'],
    ['bc', 'b', 'c'],
    ['ca', 'c', 'a'],
    ['cd', 'c', 'd'],
    ['dg', 'd', 'g'],
    ['ef', 'e', 'f'],
  ].map(([id, a, b]) => ({ id, a, b, kind: 'terrestrial' as const })),
}

test('a link is flagged as isolating a single-homed node exactly when one of its ends has no other link', () => {
  const index = compileIndex(network, defaultProfile)
  assert.equal(singleHomedNodeCutBy(index, ['dg']), 'g')
  assert.equal(singleHomedNodeCutBy(index, ['cd']), undefined, 'd has two links')
  assert.equal(singleHomedNodeCutBy(index, ['ab']), undefined)
  assert.equal(singleHomedNodeCutBy(index, ['ef']), undefined, 'both ends single: an island, not a stub')
  assert.equal(singleHomedNodeCutBy(index, ['dg', 'ab']), undefined, 'several links: not one node’s cut')
})

test('in the sweep ranking, the flag rides on the pendant link only, and its cut pairs all involve that node', () => {
  const index = compileIndex(network, defaultProfile)
  const plan = planSweep(index, '1')
  const ranking = rankSweep(index, plan, sweepRange(plan.model, plan.set, 0, plan.labels.length)).ranking
  const by = Object.fromEntries(ranking.map((r) => [r.element, r]))
  assert.equal(by.dg.isolatesSingleHomed, 'g')
  assert.equal(by.cd.isolatesSingleHomed, undefined)
  assert.equal(by.ab.isolatesSingleHomed, undefined)
  // Brute force: g's pairs with every node it could reach before (a, b, c, d) are what d–g cuts off.
  assert.equal(by.dg.pairsDisconnected, 4)
  assert.ok(by.cd.pairsDisconnected > by.dg.pairsDisconnected, 'c–d cuts more, unflagged: a real weakness')
})
