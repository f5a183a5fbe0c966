import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Network } from '../../src/model'
import { capacityClass, circleRing, greatCircleArc, greatCircleKm, networkLayers, nodesAlong, pathLine } from './geo'

test('great-circle distance: Frankfurt–Shanghai is about 8,900 km', () => {
  const km = greatCircleKm([8.68, 50.11], [121.47, 31.23])
  assert.ok(Math.abs(km - 8900) < 100, String(km))
})

test('an arc starts and ends at its ends, has no step longer than asked, and stays continuous across the antimeridian', () => {
  const arc = greatCircleArc([170, 0], [-170, 0], 100)
  assert.deepEqual(arc[0], [170, 0])
  const end = arc[arc.length - 1]
  assert.ok(Math.abs(end[0] - 190) < 1e-9 && Math.abs(end[1]) < 1e-9, String(end))
  for (let i = 1; i < arc.length; i++) assert.ok(greatCircleKm(arc[i - 1], arc[i]) <= 100.001)
})

test('links draw along their geometry or the great circle; paths orient each link along the path', () => {
  const network: Network = {
    schemaVersion: 2,
    nodes: [
      { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 },
      { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 10 },
      { id: 'c', name: 'C', kind: 'city', lat: 5, lon: 10 },
      { id: 'x', name: 'Nowhere', kind: 'city' },
    ],
    links: [
      { id: 'ab', a: 'a', b: 'b', kind: 'terrestrial', designCapacityGbps: 400_000 },
      { id: 'cb', a: 'c', b: 'b', kind: 'submarine', status: 'planned', geometry: { type: 'LineString', coordinates: [[10, 5], [11, 2.5], [10, 0]] } },
      { id: 'ax', a: 'a', b: 'x', kind: 'terrestrial' },
    ],
  }
  const layers = networkLayers(network)
  assert.equal(layers.nodes.features.length, 3)
  assert.deepEqual(layers.links.features.map((f) => [f.properties.id, f.properties.status, f.properties.capacity]), [['ab', 'operational', 3], ['cb', 'planned', 0]])
  assert.deepEqual(layers.bounds, [[0, 0], [10, 5]])
  const line = pathLine(['a', 'b', 'c'], ['ab', 'cb'], network, layers.lines)
  assert.deepEqual(line[0], [0, 0])
  assert.deepEqual(line.slice(-3), [[10, 0], [11, 2.5], [10, 5]])
  assert.equal(capacityClass(network.links[2]), 0)
  // An answer that lists links only (a flow path): the nodes follow from the start, whichever way a link is stored.
  assert.deepEqual(nodesAlong('a', ['ab', 'cb'], network), ['a', 'b', 'c'])
  assert.deepEqual(nodesAlong('c', ['cb', 'ab'], network), ['c', 'b', 'a'])
  assert.deepEqual(pathLine(nodesAlong('c', ['cb', 'ab'], network), ['cb', 'ab'], network, layers.lines), [...line].reverse())
})

test('a cut circle is a closed ring at the radius', () => {
  const ring = circleRing([50, 40], 100)
  assert.deepEqual(ring[0].map((x) => x.toFixed(6)), ring[ring.length - 1].map((x) => x.toFixed(6)))
  for (const p of ring) assert.ok(Math.abs(greatCircleKm([50, 40], p) - 100) < 0.5)
})
