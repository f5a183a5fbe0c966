import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  MEAN_EARTH_RADIUS_KM,
  alongTrackKm,
  crossTrackKm,
  destinationPoint,
  distanceToPolylineKm,
  distanceToSegmentKm,
  greatCircleKm,
  greatCirclePoints,
  initialBearingRad,
  roughKm,
} from './sphere'

const DEG = Math.PI / 180
/** Degrees, minutes, seconds → decimal degrees. */
const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`)

test('great circle: Sumgait–Aktau 363 km, Frankfurt–Shanghai 8,820 km (corridor-facts §6.1), 1° of the equator R·π/180', () => {
  assert.equal(Math.round(greatCircleKm(40.5897, 49.6686, 43.651, 51.1978)), 363)
  assert.equal(Math.round(greatCircleKm(50.1109, 8.6821, 31.2304, 121.4737)), 8820)
  near(greatCircleKm(0, 0, 0, 1), 111.19508, 1e-5, '1° on the equator')
  assert.equal(greatCircleKm(10, 20, 10, 20), 0)
})

test('rough distance: exact along the equator, within 0.01 % of the great circle over 1° at 60° N and Sumgait–Aktau', () => {
  near(roughKm(0, 0, 0, 1), greatCircleKm(0, 0, 0, 1), 1e-9, 'equator')
  // At 60° N a degree of longitude is half as long: R·π/180·cos 60° = 55.5975 km.
  near(roughKm(60, 0, 60, 1), 55.5975, 1e-4, '1° at 60° N')
  near(roughKm(60, 0, 60, 1), greatCircleKm(60, 0, 60, 1), 55.6e-4, '1° at 60° N against the great circle')
  near(roughKm(40.5897, 49.6686, 43.651, 51.1978), 363.0, 0.05, 'Sumgait–Aktau')
})

test('initial bearing: the four compass points, and Baghdad → Osaka 60° (Veness, movable-type.co.uk)', () => {
  near(initialBearingRad(0, 0, 10, 0) / DEG, 0, 1e-12, 'north')
  near(initialBearingRad(0, 0, 0, 10) / DEG, 90, 1e-12, 'east')
  near(initialBearingRad(0, 0, -10, 0) / DEG, 180, 1e-12, 'south')
  near(initialBearingRad(0, 0, 0, -10) / DEG, -90, 1e-12, 'west')
  near(initialBearingRad(35, 45, 35, 135) / DEG, 60.16, 0.01, 'Baghdad → Osaka')
})

test("destination: 124.8 km at 096°01′18″ from 53°19′14″N 001°43′47″W reaches 53°11′18″N 000°08′00″E (Veness's example)", () => {
  const end = destinationPoint(dms(53, 19, 14), -dms(1, 43, 47), dms(96, 1, 18) * DEG, 124.8)
  // The example is rounded to whole seconds of arc: 0.5″ is 15 m.
  near(end.lat, dms(53, 11, 18), 0.5 / 3600, 'lat')
  near(end.lon, dms(0, 8, 0), 0.5 / 3600, 'lon')
  const east = destinationPoint(0, 0, 90 * DEG, (MEAN_EARTH_RADIUS_KM * Math.PI) / 2)
  near(east.lat, 0, 1e-12, 'quarter of the equator lat')
  near(east.lon, 90, 1e-12, 'quarter of the equator lon')
})

test("cross-track −307.5 m and along-track 62.331 km (Veness's example); signs follow the direction a → b", () => {
  near(crossTrackKm(53.2611, -0.7972, 53.3206, -1.7297, 53.1887, 0.1334), -0.3075, 1e-4, 'cross-track')
  near(alongTrackKm(53.2611, -0.7972, 53.3206, -1.7297, 53.1887, 0.1334), 62.331, 1e-3, 'along-track')
  // Heading east along the equator: 1° north is on the left (negative), 1° south on the right.
  near(crossTrackKm(1, 5, 0, 0, 0, 10), -111.19508, 1e-5, 'left')
  near(crossTrackKm(-1, 5, 0, 0, 0, 10), 111.19508, 1e-5, 'right')
  near(alongTrackKm(0, -3, 0, 0, 0, 10), -3 * 111.19508, 1e-4, 'behind a')
})

test('distance to a segment: across it inside, to the nearer end beyond it', () => {
  near(distanceToSegmentKm(1, 5, 0, 0, 0, 10), 111.19, 0.1, '1° north of an equatorial segment')
  near(distanceToSegmentKm(0, 12, 0, 0, 0, 10), 2 * 111.19, 0.2, '2° beyond its end')
  assert.ok(distanceToSegmentKm(0, -3, 0, 0, 0, 10) > 333)
  assert.equal(distanceToSegmentKm(1, 1, 0, 0, 0, 0), greatCircleKm(0, 0, 1, 1), 'a segment of no length is its end')
})

test('a polyline is as near as its nearest segment', () => {
  near(distanceToPolylineKm(0.5, 10.5, [[0, 0], [10, 0], [10, 10]]), 0.5 * 111.19, 0.2, 'corner')
  assert.equal(distanceToPolylineKm(0, 0, [[5, 5]]), Infinity, 'a single position has no segment')
})

test('great-circle points: both ends, even steps, the equator and a meridian split evenly', () => {
  assert.deepEqual(greatCirclePoints(0, 0, 0, 90, 2), [{ lat: 0, lon: 0 }, { lat: 0, lon: 45 }, { lat: 0, lon: 90 }])
  greatCirclePoints(0, 0, 90, 0, 3).forEach((p, i) => near(p.lat, 30 * i, 1e-12, `meridian point ${i}`))
  assert.deepEqual(greatCirclePoints(10, 20, 10, 20, 4), [{ lat: 10, lon: 20 }, { lat: 10, lon: 20 }], 'coincident ends')
})

const lat = fc.double({ min: -80, max: 80, noNaN: true })
const lon = fc.double({ min: -179, max: 179, noNaN: true })

test('property: points along a great circle are evenly spaced and add up to its length; destination inverts bearing and distance', () => {
  fc.assert(
    fc.property(lat, lon, lat, lon, fc.integer({ min: 1, max: 20 }), (lat1, lon1, lat2, lon2, segments) => {
      const totalKm = greatCircleKm(lat1, lon1, lat2, lon2)
      fc.pre(totalKm > 1 && totalKm < 19_000)
      const points = greatCirclePoints(lat1, lon1, lat2, lon2, segments)
      assert.equal(points.length, segments + 1)
      const steps = points.slice(1).map((p, i) => greatCircleKm(points[i].lat, points[i].lon, p.lat, p.lon))
      for (const step of steps) near(step, totalKm / segments, 1e-6 * totalKm, 'step')
      near(points[segments].lat, lat2, 1e-9, 'end lat')
      const end = destinationPoint(lat1, lon1, initialBearingRad(lat1, lon1, lat2, lon2), totalKm)
      near(greatCircleKm(end.lat, end.lon, lat2, lon2), 0, 1e-6, 'destination')
    }),
    { numRuns: 300 },
  )
})

test('property: distance to a segment matches the nearest of 2,000 points along it (brute force)', () => {
  fc.assert(
    fc.property(lat, lon, lat, lon, lat, lon, (pLat, pLon, aLat, aLon, bLat, bLon) => {
      const lengthKm = greatCircleKm(aLat, aLon, bLat, bLon)
      fc.pre(lengthKm > 1 && lengthKm < 15_000)
      const samples = greatCirclePoints(aLat, aLon, bLat, bLon, 2000)
      const bruteKm = Math.min(...samples.map((s) => greatCircleKm(pLat, pLon, s.lat, s.lon)))
      const closedKm = distanceToSegmentKm(pLat, pLon, aLat, aLon, bLat, bLon)
      // The nearest sample is at most half a step from the true foot of the perpendicular.
      assert.ok(closedKm <= bruteKm + 1e-6, `closed form ${closedKm} above brute force ${bruteKm}`)
      assert.ok(closedKm >= bruteKm - lengthKm / 4000 - 1e-6, `closed form ${closedKm} far below brute force ${bruteKm}`)
      assert.ok(closedKm >= Math.abs(crossTrackKm(pLat, pLon, aLat, aLon, bLat, bLon)) - 1e-6, 'never nearer than the whole great circle')
    }),
    { numRuns: 200 },
  )
})
