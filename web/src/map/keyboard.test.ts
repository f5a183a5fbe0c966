import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Network } from '../../../src/model'
import { type Position, networkLayers } from '../geo'
import { announce, keyAction, stepTarget, targetsInView } from './keyboard'

//   w(0,0) ── wm ── m(10,0) ── me ── e(20,0)        far(100,50) alone, out of view
const network: Network = {
  schemaVersion: 2,
  nodes: [
    { id: 'e', name: 'East', kind: 'city', country: 'KZ', lat: 0, lon: 20 },
    { id: 'w', name: 'West', kind: 'city', lat: 0, lon: 0 },
    { id: 'm', name: 'Middle', kind: 'landing-station', lat: 0, lon: 10 },
    { id: 'far', name: 'Far', kind: 'city', lat: 50, lon: 100 },
  ],
  links: [
    { id: 'me', a: 'm', b: 'e', kind: 'submarine', status: 'under-construction' },
    { id: 'wm', a: 'w', b: 'm', kind: 'terrestrial' },
  ],
}
const layers = networkLayers(network)
const box = (west: number, south: number, east: number, north: number) => ({ contains: ([lon, lat]: Position) => lon >= west && lon <= east && lat >= south && lat <= north })

test('nodes in view, west to east; those outside are left out', () => {
  const nodes = targetsInView(layers, 'node', box(-5, -5, 25, 5))
  assert.deepEqual(nodes.map((t) => t.id), ['w', 'm', 'e'])
  assert.equal(nodes[2].label, 'East, city, KZ')
  assert.equal(nodes[1].label, 'Middle, landing station')
  assert.deepEqual(targetsInView(layers, 'node', box(15, -5, 25, 5)).map((t) => t.id), ['e'])
})

test('links in view by any vertex, named with kind and status', () => {
  const links = targetsInView(layers, 'link', box(15, -5, 25, 5))
  assert.deepEqual(links.map((t) => t.id), ['me'])
  assert.equal(links[0].label, 'me, submarine link, under construction')
  assert.deepEqual(targetsInView(layers, 'link', box(-5, -5, 25, 5)).map((t) => t.id), ['wm', 'me'])
})

test('stepping wraps both ways and starts at either end', () => {
  const nodes = targetsInView(layers, 'node', box(-5, -5, 25, 5))
  assert.equal(stepTarget(nodes, undefined, 1)?.id, 'w')
  assert.equal(stepTarget(nodes, undefined, -1)?.id, 'e')
  assert.equal(stepTarget(nodes, { type: 'node', id: 'e' }, 1)?.id, 'w')
  assert.equal(stepTarget(nodes, { type: 'node', id: 'w' }, -1)?.id, 'e')
  // A link reached before: stepping nodes starts afresh.
  assert.equal(stepTarget(nodes, { type: 'link', id: 'wm' }, 1)?.id, 'w')
  assert.equal(stepTarget([], undefined, 1), undefined)
  assert.equal(announce(nodes[1], nodes), 'Middle, landing station: node 2 of 3 in view. Enter to open, Escape to let go.')
  // A link of a value overlay says its value too, as hovering it does.
  const links = targetsInView(layers, 'link', box(-5, -5, 25, 5))
  assert.match(announce(links[0], links, 'load 5.0 of 10 Gbit/s · utilisation 50.0 %'), /^[^:]+ link, [^:]+, load 5\.0 of 10 Gbit\/s · utilisation 50\.0 %: link 1 of \d+ in view\./)
})

test('stepping forward n times from the first visits every target once (against brute force)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }), (xs) => {
      const ids = [...new Set(xs)]
      const targets = ids.map((x) => ({ type: 'node' as const, id: String(x), feature: x, position: [x, 0] as Position, label: String(x) }))
      const seen: string[] = []
      let at = stepTarget(targets, undefined, 1)
      for (let i = 0; i < targets.length; i++) {
        seen.push(at?.id ?? '')
        at = stepTarget(targets, at, 1)
      }
      assert.deepEqual([...seen].sort(), [...ids.map(String)].sort())
      assert.equal(at?.id, targets[0].id)
    }),
  )
})

test('keys: n/N nodes, l/L links, Enter, Escape; with a modifier or any other key, not ours', () => {
  const k = (key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => keyAction({ key, altKey: false, ctrlKey: false, metaKey: false, ...mods })
  assert.deepEqual(k('n'), { step: 'node', by: 1 })
  assert.deepEqual(k('N'), { step: 'node', by: -1 })
  assert.deepEqual(k('l'), { step: 'link', by: 1 })
  assert.deepEqual(k('L'), { step: 'link', by: -1 })
  assert.deepEqual(k('Enter'), { act: true })
  assert.deepEqual(k('Escape'), { clear: true })
  assert.equal(k('n', { ctrlKey: true }), undefined)
  assert.equal(k('ArrowLeft'), undefined)
  assert.equal(k('+'), undefined)
})
