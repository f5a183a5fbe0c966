import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ADMISSIBLE_GREAT_CIRCLE_SCALE, geodesicKm, polylineGeodesicKm } from './distance'
import { greatCircleKm } from './sphere'

test('WGS84 geodesic: one degree of latitude at the equator is 110.574 km', () => {
  assert.ok(Math.abs(geodesicKm(0, 0, 1, 0) - 110.574) < 0.001)
})

test('polyline length is the sum of its segments and reversal-invariant', () => {
  const line: [number, number][] = [[49.6686, 40.5897], [50.5, 42], [51.1978, 43.651]]
  const total = geodesicKm(40.5897, 49.6686, 42, 50.5) + geodesicKm(42, 50.5, 43.651, 51.1978)
  assert.ok(Math.abs(polylineGeodesicKm(line) - total) < 1e-9)
  assert.ok(Math.abs(polylineGeodesicKm([...line].reverse()) - total) < 1e-6)
})

test('scaled haversine never exceeds the WGS84 geodesic (A* admissibility)', () => {
  const lat = fc.double({ min: -89, max: 89, noNaN: true })
  const lon = fc.double({ min: -179, max: 179, noNaN: true })
  fc.assert(
    fc.property(lat, lon, lat, lon, (lat1, lon1, lat2, lon2) => {
      const bound = ADMISSIBLE_GREAT_CIRCLE_SCALE * greatCircleKm(lat1, lon1, lat2, lon2)
      return bound <= geodesicKm(lat1, lon1, lat2, lon2) + 1e-9
    }),
    { numRuns: 2000 },
  )
})
