import { test } from 'node:test'
import assert from 'node:assert/strict'
import { distanceToPolylineKm, distanceToSegmentKm } from './circle'

test('a point on the equator 1° north of a meridian-free equatorial segment is ~111 km away', () => {
  const d = distanceToSegmentKm(1, 5, 0, 0, 0, 10)
  assert.ok(Math.abs(d - 111.19) < 0.1, String(d))
})

test('beyond the end of a segment the distance is to the nearer end', () => {
  const d = distanceToSegmentKm(0, 12, 0, 0, 0, 10)
  assert.ok(Math.abs(d - 2 * 111.19) < 0.2, String(d))
  assert.ok(distanceToSegmentKm(0, -3, 0, 0, 0, 10) > 333)
})

test('a polyline is as near as its nearest segment', () => {
  const d = distanceToPolylineKm(0.5, 10.5, [[0, 0], [10, 0], [10, 10]])
  assert.ok(Math.abs(d - 0.5 * 111.19) < 0.2, String(d))
})
