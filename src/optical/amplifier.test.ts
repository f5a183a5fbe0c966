import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { noiseFigureDb, NoiseModelError, variableGainCoils } from './amplifier'
import { PLANCK_J_S, REFERENCE_BANDWIDTH_HZ } from './constants'
import { dbmToWatt, linearToDb } from '../model'

const model = (gainMinDb: number, gainFlatMaxDb: number, nfMinDb: number, nfMaxDb: number) => ({
  kind: 'variable-gain' as const,
  gainMinDb,
  gainFlatMaxDb,
  ...variableGainCoils(gainMinDb, gainFlatMaxDb, nfMinDb, nfMaxDb),
})

test("variable-gain NF matches the values GNPy prints for its library (tests/invocation/transmission_main_example*, d65865b8)", () => {
  // std_low_gain (8–16 dB, NF 6.5–11) at 15 dB: 6.62; std_medium_gain (15–26, 6–10) at 20: 6.58; test (15–25, 5.8–10) at 16: 8.86
  assert.equal(noiseFigureDb(model(8, 16, 6.5, 11), 15).toFixed(2), '6.62')
  assert.equal(noiseFigureDb(model(15, 26, 6, 10), 20).toFixed(2), '6.58')
  assert.equal(noiseFigureDb(model(15, 25, 5.8, 10), 16).toFixed(2), '8.86')
})

test('variable-gain NF is nf_min at the flat maximum and nf_max at the minimum gain', () => {
  const m = model(15, 26, 6, 10)
  assert.ok(Math.abs(noiseFigureDb(m, 26) - 6) < 0.01)
  assert.ok(Math.abs(noiseFigureDb(m, 15) - 10) < 0.01)
})

test('below gain_min the pad adds to the NF dB for dB; NF never rises with gain inside the range', () => {
  const m = model(15, 26, 6, 10)
  assert.ok(Math.abs(noiseFigureDb(m, 12) - (noiseFigureDb(m, 15) + 3)) < 1e-9)
  fc.assert(fc.property(fc.double({ min: 15, max: 25.9, noNaN: true }), (g) => noiseFigureDb(m, g + 0.1) <= noiseFigureDb(m, g) + 1e-12))
})

test('inconsistent NF data is refused with a reason', () => {
  assert.throws(() => variableGainCoils(15, 26, 3, 10), NoiseModelError)
})

test('dual stage follows Friis: a noiseless 12 dB first stage hides most of the second', () => {
  const booster = { kind: 'fixed-gain' as const, gainMinDb: 0, nf0Db: 6 }
  const raman = { kind: 'fixed-gain' as const, gainMinDb: 12, nf0Db: -1 }
  const nf = noiseFigureDb({ kind: 'dual-stage', preamp: raman, preampGainDb: 12, booster }, 25)
  assert.ok(Math.abs(nf - linearToDb(10 ** -0.1 + 10 ** ((6 - 12) / 10))) < 1e-12)
})

test('OSNR of one amplifier, worked: 0 dBm per channel, 20 dB span, NF 5 dB gives 58.0 − 20 − 5 = 33.0 dB in 0.1 nm', () => {
  // ASE in 0.1 nm at the amplifier output is h·ν·NF·G·B_ref; with G = span loss the output signal is the launch power.
  const nuHz = 193.4e12
  const aseW = PLANCK_J_S * nuHz * 10 ** 0.5 * 100 * REFERENCE_BANDWIDTH_HZ
  const osnrDb = linearToDb(dbmToWatt(0) / aseW)
  assert.ok(Math.abs(osnrDb - (57.95 - 20 - 5)) < 0.01)
})
