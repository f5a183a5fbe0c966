import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { builtinEquipment } from './builtin'
import { designLink } from './design'
import { marginOf, modeMargin } from './feasibility'
import { interpolatePenaltyDb, modePenalties, normalisedTable } from './penalties'
import type { PenaltyPoint } from './schema'

// OpenROADM ver5 "100 Gbit/s, 31.57 Gbaud, DP-QPSK" CD table (gnpy/example-data/eqpt_config_openroadm_ver5.json @ d65865b8).
const cd100g = [
  { upTo: -1000, penaltyDb: 0 },
  { upTo: 4000, penaltyDb: 0 },
  { upTo: 48000, penaltyDb: 0.5 },
]

test('worked example: CD 20040 ps/nm on the 100G 31.57 GBd table is 0.5·16040/44000 = 0.1823 dB; beyond 48000 or below −1000 the mode cannot run', () => {
  assert.ok(Math.abs(interpolatePenaltyDb(cd100g, 20040) - 0.182273) < 1e-6)
  assert.equal(interpolatePenaltyDb(cd100g, 3000), 0)
  assert.equal(interpolatePenaltyDb(cd100g, 48000), 0.5)
  assert.equal(interpolatePenaltyDb(cd100g, 48000.1), Number.POSITIVE_INFINITY)
  assert.equal(interpolatePenaltyDb(cd100g, -1000.1), Number.POSITIVE_INFINITY)
})

test("GNPy's normalisation: a table whose points are all above 0 gets (0, 0 dB) first, and is sorted", () => {
  // extra_eqpt_config.json @ d65865b8 lists its PDL points out of order: 1.5, 3.5, 3.
  const pdl = normalisedTable([{ upTo: 1.5, penaltyDb: 0 }, { upTo: 3.5, penaltyDb: 1.8 }, { upTo: 3, penaltyDb: 1.3 }])
  assert.deepEqual(pdl.map((p) => p.upTo), [0, 1.5, 3, 3.5])
  assert.ok(Math.abs(interpolatePenaltyDb(pdl, 3.25) - 1.55) < 1e-12)
  // PDL 0.5 dB → 0.5 dB penalty on OpenROADM's PDL table (first point 1 dB → 0.5 dB, so 0 → 0 is assumed).
  assert.ok(Math.abs(interpolatePenaltyDb(normalisedTable([{ upTo: 1, penaltyDb: 0.5 }, { upTo: 2, penaltyDb: 1 }]), 0.5) - 0.25) < 1e-12)
  assert.equal(normalisedTable(cd100g)[0].upTo, -1000)
})

const tableArb = fc
  .uniqueArray(fc.integer({ min: -5000, max: 50_000 }), { minLength: 1, maxLength: 6 })
  .chain((xs) => fc.tuple(fc.constant(xs), fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: xs.length, maxLength: xs.length })))
  .map(([xs, ys]) => xs.map((x, i): PenaltyPoint => ({ upTo: x, penaltyDb: ys[i] })))

test('property: interpolation equals a brute-force numpy.interp (left = right = inf) on random tables', () => {
  fc.assert(
    fc.property(tableArb, fc.double({ min: -10_000, max: 60_000, noNaN: true }), (points, value) => {
      const table = normalisedTable(points)
      // Brute force: find the bracketing pair by scanning every pair.
      let expected = Number.POSITIVE_INFINITY
      if (value >= table[0].upTo && value <= table[table.length - 1].upTo) {
        for (let i = 0; i < table.length; i++) if (table[i].upTo === value) expected = table[i].penaltyDb
        if (!Number.isFinite(expected)) {
          for (let i = 1; i < table.length; i++) {
            const a = table[i - 1]
            const b = table[i]
            if (a.upTo < value && value < b.upTo) expected = a.penaltyDb + ((b.penaltyDb - a.penaltyDb) * (value - a.upTo)) / (b.upTo - a.upTo)
          }
        }
      }
      const got = interpolatePenaltyDb(table, value)
      if (!Number.isFinite(expected)) return got === expected
      return Math.abs(got - expected) < 1e-9
    }),
  )
})

test('a mode without tables has no penalty; one impairment beyond its table makes the mode infeasible whatever the GSNR', () => {
  assert.deepEqual(modePenalties(undefined, { chromaticDispersionPsPerNm: 1e6, pmdPs: 1e3, pdlDb: 10 }), { rows: [], totalDb: 0, withinTables: true })
  const mode = { id: 'm', baudRateGbaud: 31.57, bitRateGbps: 100, requiredOsnr01nmDb: 12, rollOff: 0.15, txOsnr01nmDb: 36, minSpacingGhz: 50, penalties: { chromaticDispersionPsPerNm: cd100g, pmdPs: [{ upTo: 10, penaltyDb: 0 }, { upTo: 30, penaltyDb: 0.5 }] } }
  const ok = marginOf(mode, 30, { cdPsPerNm: 20040, pmdPs: 20, pdlDb: 0 }, 2)
  assert.ok(Math.abs(ok.penaltyDb - (0.182273 + 0.25)) < 1e-6)
  assert.ok(Math.abs(ok.marginDb - (30 - ok.penaltyDb - 12 - 2)) < 1e-12)
  assert.equal(ok.feasible, true)
  const beyond = marginOf(mode, 30, { cdPsPerNm: 50000, pmdPs: 20, pdlDb: 0 }, 2)
  assert.equal(beyond.feasible, false)
  assert.equal(beyond.penalties.find((p) => p.impairment === 'chromaticDispersionPsPerNm')!.penaltyDb, null)
  assert.ok(beyond.marginDb > 0, 'the GSNR margin alone would close: the table is what blocks it')
})

test("OpenROADM ver5 from the built-in library: on a 1000 km SSMF link (CD 16700 ps/nm) 400G DP-16QAM is beyond its 12000 ps/nm table, 100G 31.57 GBd pays 0.144 dB", () => {
  const equipment = builtinEquipment()
  const trx = equipment.library.transceivers.find((t) => t.id === 'openroadm-ver5')!
  const line = designLink({ id: 'x', lengthKm: 1000, kind: 'terrestrial', fiberTypeId: 'ssmf' }, equipment)
  const m400 = modeMargin(line.elements, trx.modes.find((m) => m.id === '400 Gbit/s, DP-16QAM')!, equipment)
  const cd = m400.penalties.find((p) => p.impairment === 'chromaticDispersionPsPerNm')!
  const fiber = equipment.library.fibers.find((f) => f.id === 'ssmf')!
  assert.ok(Math.abs(cd.value - 1000 * fiber.dispersionPsPerNmKm) < 1e-6)
  assert.equal(cd.penaltyDb, null)
  assert.equal(m400.feasible, false)
  const m100 = modeMargin(line.elements, trx.modes.find((m) => m.id === '100 Gbit/s, 31.57 Gbaud, DP-QPSK')!, equipment)
  const cd100 = m100.penalties.find((p) => p.impairment === 'chromaticDispersionPsPerNm')!
  assert.ok(Math.abs(cd100.penaltyDb! - (0.5 * (cd100.value - 4000)) / 44000) < 1e-9)
  assert.ok(Math.abs(cd100.penaltyDb! - 0.1443) < 5e-4)
})
