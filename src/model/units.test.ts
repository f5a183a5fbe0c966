import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fiberPropagationMs, round, stretch, vacuumRttMs } from './units'

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
