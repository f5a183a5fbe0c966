import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Position } from '../geo'
import type { Topology } from 'topojson-specification'
import { buildBasemap, countryCode, unwrap } from './basemap'

test('world-atlas ids become the alpha-2 codes the network uses', () => {
  assert.equal(countryCode('398', 'Kazakhstan'), 'KZ')
  assert.equal(countryCode(31, 'Azerbaijan'), 'AZ')
  assert.equal(countryCode(undefined, 'Kosovo'), 'XK')
  assert.equal(countryCode(undefined, 'Siachen Glacier'), '')
})

test('a ring across the antimeridian is unwrapped to continuous longitudes; a ring around the pole is left', () => {
  const chukotka: Position[] = [[170, 65], [179.9, 66], [-175, 66], [-175, 64], [179.9, 64], [170, 65]]
  const unwrapped = unwrap(chukotka, true)
  for (let i = 1; i < unwrapped.length; i++) assert.ok(Math.abs(unwrapped[i][0] - unwrapped[i - 1][0]) < 180)
  assert.deepEqual(unwrapped[2], [185, 66])
  const oneJump: Position[] = [[0, -80], [179, -80], [-179, -80], [0, -85]]
  assert.deepEqual(unwrap(oneJump, true), oneJump)
})

test('the lines of the base map: an arc two countries share is a border, an arc of one country alone a coastline', () => {
  // Two unit squares side by side, A west of B; arc 0 is the edge they share.
  const topology = {
    type: 'Topology',
    arcs: [
      [[1, 0], [1, 1]],
      [[1, 1], [0, 1], [0, 0], [1, 0]],
      [[1, 0], [2, 0], [2, 1], [1, 1]],
    ],
    objects: {
      countries: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', id: '398', properties: { name: 'A' }, arcs: [[0, 1]] },
          { type: 'Polygon', id: '031', properties: { name: 'B' }, arcs: [[2, -1]] },
        ],
      },
    },
  } as unknown as Topology
  const { borders } = buildBasemap(topology)
  const byKind = (coast: boolean) => borders.features.filter((f) => f.properties.coast === coast).flatMap((f) => f.geometry.coordinates)
  assert.deepEqual(byKind(false), [[[1, 0], [1, 1]]])
  // topojson's mesh stitches the two outer arcs into one line where they meet.
  const coast = byKind(true)
  // Every point of the squares' outline but the shared edge's inside is on the coast, and the shared edge is not.
  const points = new Set(coast.flat().map((p) => p.join(',')))
  for (const p of ['0,0', '0,1', '2,0', '2,1', '1,0', '1,1']) assert.ok(points.has(p), p)
  assert.ok(!coast.some((line) => line.length === 2 && line[0][0] === 1 && line[1][0] === 1), 'the shared edge is not a coastline')
})
