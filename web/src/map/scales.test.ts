import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  MARGIN_RAMP,
  NO_MARGIN_COLOR,
  OVERLOAD_COLOR,
  UNKNOWN_COLOR,
  UNKNOWN_WIDTH_PX,
  UTILISATION_RAMP,
  capacityWidthPx,
  marginColor,
  rampColor,
  rateColor,
  utilisationColor,
} from './scales'

test('a ramp is its stops at the stops, the midpoint between two, and clamped outside', () => {
  const ramp = [
    { at: 0, color: '#000000' },
    { at: 1, color: '#ffffff' },
    { at: 3, color: '#ff0000' },
  ]
  assert.equal(rampColor(ramp, 0), '#000000')
  assert.equal(rampColor(ramp, 1), '#ffffff')
  assert.equal(rampColor(ramp, 0.5), '#808080')
  assert.equal(rampColor(ramp, 2), '#ff8080')
  assert.equal(rampColor(ramp, -4), '#000000')
  assert.equal(rampColor(ramp, 99), '#ff0000')
  assert.equal(rampColor(ramp, Number.NaN), '#000000')
})

test('utilisation: idle to full along the ramp, overload and unknown capacity distinct from every ramp colour', () => {
  assert.equal(utilisationColor(0), UTILISATION_RAMP[0].color)
  assert.equal(utilisationColor(1), '#d62728')
  assert.equal(utilisationColor(1.2), OVERLOAD_COLOR)
  assert.equal(utilisationColor(null), UNKNOWN_COLOR)
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (u) => {
      const c = utilisationColor(u)
      assert.notEqual(c, OVERLOAD_COLOR)
      assert.notEqual(c, UNKNOWN_COLOR)
      assert.match(c, /^#[0-9a-f]{6}$/)
    }),
  )
  fc.assert(fc.property(fc.double({ min: 1.001, max: 1e6, noNaN: true }), (u) => assert.equal(utilisationColor(u), OVERLOAD_COLOR)))
})

test('margin: below 0 dB red, 0 dB orange, 6 dB and more green, not designed grey', () => {
  assert.equal(marginColor(-0.01), NO_MARGIN_COLOR)
  assert.equal(marginColor(-20), NO_MARGIN_COLOR)
  assert.equal(marginColor(0), MARGIN_RAMP[0].color)
  assert.equal(marginColor(6), '#1a9850')
  assert.equal(marginColor(25), '#1a9850')
  assert.equal(marginColor(null), UNKNOWN_COLOR)
  fc.assert(fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (m) => assert.notEqual(marginColor(m), NO_MARGIN_COLOR)))
})

test('rate: none red, the lowest rate orange, the highest green', () => {
  const rates = [100, 200, 300, 400]
  assert.equal(rateColor(0, rates), NO_MARGIN_COLOR)
  assert.equal(rateColor(100, rates), '#f28e2b')
  assert.equal(rateColor(400, rates), '#1a9850')
  assert.equal(rateColor(null, rates), UNKNOWN_COLOR)
  assert.notEqual(rateColor(200, rates), rateColor(300, rates))
})

test('capacity width grows with capacity, within bounds; unknown capacity has its own width, not 0 and not the cap', () => {
  assert.equal(capacityWidthPx(100), 1.5)
  assert.ok(Math.abs(capacityWidthPx(1000) - 3.1) < 1e-9)
  assert.equal(capacityWidthPx(1e9), 9)
  assert.equal(capacityWidthPx(null), UNKNOWN_WIDTH_PX)
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      assert.ok(capacityWidthPx(lo) <= capacityWidthPx(hi))
      assert.ok(capacityWidthPx(lo) >= 1.5 && capacityWidthPx(hi) <= 9)
    }),
  )
})
