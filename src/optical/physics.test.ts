import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { beta2S2PerM, effectiveAreaM2, gammaPerWPerM, spanDispersionPsPerNm, spanLatencyMs, spanPmdPs } from './fiber'
import { REFERENCE_FREQUENCY_HZ } from './constants'
import { gnEtaMatrix, spanNliW } from './nli'
import { channelComb } from './spectrum'
import { optimumLaunchPower } from './launch'
import { propagate, snrDb } from './propagate'
import { builtinEquipment } from './builtin'
import { designLink } from './design'
import { channelSnrs } from './gsnr'
import type { LineElement } from './line'

const ssmf = { lengthKm: 80, lossDbPerKm: 0.2, dispersionPsPerNmKm: 16.7, effectiveAreaUm2: 83, n2M2PerW: 2.6e-20, pmdPsPerSqrtKm: 0.04, groupIndex: 1.468 }
const comb = channelComb({ fMinThz: 191.3, fMaxThz: 195.1, spacingGhz: 50, baudRateGbaud: 32 })

test('worked values: CD 80 km × 16.7 = 1336 ps/nm, PMD 0.04·√80 = 0.358 ps, latency 80 × 1.468 / c = 0.392 ms', () => {
  assert.ok(Math.abs(spanDispersionPsPerNm(ssmf) - 1336) < 1e-9)
  assert.ok(Math.abs(spanPmdPs(ssmf) - 0.35777) < 1e-4)
  assert.ok(Math.abs(spanLatencyMs(ssmf) - 0.39172) < 1e-4)
  // β2 of SSMF at 1550 nm: −21.3 ps²/km; γ = 2π·n2/(λ·Aeff) = 1.27 /W/km at the reference frequency (GNPy's value)
  assert.ok(Math.abs(beta2S2PerM(16.7) * 1e27 + 21.3) < 0.05)
  assert.ok(Math.abs(gammaPerWPerM(ssmf, REFERENCE_FREQUENCY_HZ) * 1e3 - 1.27) < 0.005)
  assert.ok(Math.abs(effectiveAreaM2(83, REFERENCE_FREQUENCY_HZ) - 83e-12) < 1e-18)
})

test('0.1 nm ↔ signal bandwidth: at 32 GBd the 0.1 nm figure is 4.08 dB higher', () => {
  const s = snrDb(1, 0.01, 32e9)
  assert.ok(Math.abs(s.signalBandwidthDb - 20) < 1e-12)
  assert.ok(Math.abs(s.ref01nmDb - s.signalBandwidthDb - 4.0824) < 1e-4)
})

test('NLI grows with the cube of launch power (property)', () => {
  const eta = gnEtaMatrix(comb, ssmf)
  fc.assert(
    fc.property(fc.double({ min: 1e-5, max: 1e-2, noNaN: true }), fc.double({ min: 1.1, max: 10, noNaN: true }), (p, k) => {
      const a = spanNliW(eta, new Float64Array(comb.frequencyHz.length).fill(p))
      const b = spanNliW(eta, new Float64Array(comb.frequencyHz.length).fill(p * k))
      return Math.abs(b[38] / a[38] / k ** 3 - 1) < 1e-9
    }),
  )
})

test('at the optimum launch power NLI is half the ASE, and the GSNR is highest there', () => {
  const opt = optimumLaunchPower(ssmf, comb, 5, 17)
  const p = 10 ** ((opt.powerPerChannelDbm - 30) / 10)
  assert.ok(Math.abs((opt.etaPerW2 * p ** 3) / opt.aseW - 0.5) < 1e-9)
  const gsnr = (pW: number) => pW / (opt.aseW + opt.etaPerW2 * pW ** 3)
  assert.ok(gsnr(p) > gsnr(p * 1.1) && gsnr(p) > gsnr(p / 1.1))
  // Plausible range for 80 km SSMF at 50 GHz (GNPy designs around 0 dBm): between −3 and +4 dBm
  assert.ok(opt.powerPerChannelDbm > -3 && opt.powerPerChannelDbm < 4, String(opt.powerPerChannelDbm))
})

test('ASE doubles (+3 dB) with the number of identical spans, and GSNR falls monotonically as spans are added', () => {
  const equipment = builtinEquipment()
  const line = designLink({ id: 'p', lengthKm: 80 * 16, kind: 'terrestrial' }, equipment)
  // (fibre, in-line amplifier) pairs after the ROADM and booster, launched straight into the first span
  const inner: LineElement[] = line.elements.slice(2, -1)
  const osnrAfter = (spans: number) => {
    const r = propagate(inner.slice(0, 2 * spans), comb, line.spans[0].launchPerChannelDbm)
    return channelSnrs(r, [])[38]
  }
  const o4 = osnrAfter(4)
  const o8 = osnrAfter(8)
  assert.ok(Math.abs(o4.osnrAse01nmDb - o8.osnrAse01nmDb - 3.01) < 0.1, `${o4.osnrAse01nmDb} → ${o8.osnrAse01nmDb}`)
  let previous = Number.POSITIVE_INFINITY
  for (let spans = 1; spans <= 16; spans++) {
    const g = osnrAfter(spans).gsnr01nmDb
    assert.ok(g < previous)
    previous = g
  }
})
