import assert from 'node:assert/strict'
import { test } from 'node:test'
import { builtinNetwork } from '../../../src/data'
import type { Network } from '../../../src/model'
import { entryText, networkLegend, overlayLegend, rampGradient } from './legend'

test('the network legend explains only what the network has', () => {
  const ids = networkLegend(builtinNetwork).map((e) => e.id)
  for (const id of ['terrestrial', 'submarine', 'under-construction', 'planned', 'capacity', 'node-city', 'node-landing-station', 'node-border-crossing']) assert.ok(ids.includes(id), id)
  const small = { schemaVersion: 2, name: 's', nodes: [{ id: 'a', name: 'A', kind: 'city' }, { id: 'b', name: 'B', kind: 'city' }], links: [{ id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' }] } as Network
  assert.deepEqual(networkLegend(small).map((e) => e.id), ['terrestrial', 'capacity', 'node-city'])
})

test('the overlay legend names every labelled path, the pins, the shaded countries and the cut', () => {
  const entries = overlayLegend({
    paths: [{ color: '#0072b2', label: '1 · via Baku – Aktau' }, { color: '#e69f00', dashed: true, label: '2 · via Moscow' }, { color: '#000' }],
    cut: [],
    pins: [{ text: 'A', name: 'Frankfurt' }, { text: 'B', name: 'Shanghai' }],
    shade: ['RU'],
  })
  assert.deepEqual(entries.map((e) => e.label), ['1 · via Baku – Aktau', '2 · via Moscow', 'Frankfurt', 'Shanghai', 'country avoided'])
  assert.deepEqual(overlayLegend({ paths: [], cut: ['x'] }).map((e) => e.id), ['cut'])
})

test('a panel\'s ramp entry reaches the legend after the drawn marks, and its gradient spaces the stops by value', () => {
  const ramp = { id: 'utilisation', label: 'utilisation', swatch: { kind: 'ramp' as const, stops: [{ at: 0, color: '#000000' }, { at: 0.5, color: '#808080' }, { at: 2, color: '#ffffff' }], from: '0', to: '200 %' } }
  assert.deepEqual(overlayLegend({ paths: [], cut: ['x'], legend: [ramp] }).map((e) => e.id), ['cut', 'utilisation'])
  assert.equal(entryText(ramp), 'utilisation 0 → 200 %')
  assert.equal(rampGradient(ramp.swatch.stops), 'linear-gradient(90deg, #000000 0%, #808080 25%, #ffffff 100%)')
})
