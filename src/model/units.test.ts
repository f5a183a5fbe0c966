import { test } from 'node:test'
import assert from 'node:assert/strict'
import { dbToLinear, dbmToWatt, fiberPropagationMs, linearToDb, round, stretch, vacuumRttMs, wattToDbm } from './units'

test('1,000 km of G.652 fibre at n_g 1.4682 takes 4.897 ms one way', () => {
  assert.ok(Math.abs(fiberPropagationMs(1000, 1.4682) - 4.8974) < 1e-3)
})

test('vacuum RTT over 299.792458 km is exactly 2 ms', () => {
  assert.equal(vacuumRttMs(299.792458), 2)
})

test('a fibre route along the great circle has stretch equal to the group index', () => {
  const rtt = 2 * fiberPropagationMs(5000, 1.4682)
  assert.ok(Math.abs(stretch(rtt, 5000) - 1.4682) < 1e-12)
  assert.ok(Number.isNaN(stretch(1, 0)))
})

test('round keeps the asked decimals, halves go up as Math.round, non-finite values pass through', () => {
  assert.equal(round(8820.4567, 1), 8820.5)
  assert.equal(round(43.65104, 4), 43.651)
  assert.equal(round(362.5, 0), 363)
  assert.equal(round(1.25, 1), 1.3)
  assert.equal(round(-1.25, 1), -1.2)
  assert.equal(round(Infinity, 1), Infinity)
  assert.ok(Number.isNaN(round(Number.NaN, 2)))
})

test('dB and dBm conversions: 3 dB is ×1.995, 0 dBm is 1 mW, and each pair inverts the other', () => {
  assert.ok(Math.abs(dbToLinear(3) - 1.9953) < 1e-4)
  assert.ok(Math.abs(linearToDb(2) - 3.0103) < 1e-4)
  assert.equal(dbmToWatt(0), 0.001)
  assert.ok(Math.abs(wattToDbm(0.1) - 20) < 1e-12)
  assert.ok(Math.abs(wattToDbm(dbmToWatt(-17.3)) + 17.3) < 1e-12)
})
