import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { builtinEquipment, designLink, lineFigures } from '../optical'
import { gnpyLine, readGnpyEquipment, readGnpyTopology } from './gnpy'
import { roadmUid, trxUid, writeGnpyEquipment, writeGnpyTopology } from './gnpy-write'

const equipment = builtinEquipment()
const { spectrum } = equipment.library
const plan = { fMinThz: spectrum.fMinThz, fMaxThz: spectrum.fMaxThz, spacingGhz: spectrum.spacingGhz, baudRateGbaud: spectrum.baudRateGbaud }
const gnpyEquipment = readGnpyEquipment(JSON.parse(JSON.stringify(writeGnpyEquipment(equipment.library)))).value!

/** Export a designed link to GNPy's JSON, read it back, and propagate both lines the same way. */
function roundTrip(lengthKm: number, kind: 'terrestrial' | 'submarine') {
  const design = designLink({ id: 'x', lengthKm, kind }, equipment)
  const nodes = [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]
  const text = JSON.stringify(writeGnpyTopology(nodes, [{ linkId: 'x', from: 'a', to: 'b', elements: design.elements }]))
  const topology = readGnpyTopology(JSON.parse(text))
  assert.ok(topology.value, JSON.stringify(topology.issues))
  const line = gnpyLine(topology.value, gnpyEquipment, trxUid('a'), trxUid('b'))
  assert.ok(line.value, JSON.stringify(line.issues))
  const query = { plan, launchPerChannelDbm: spectrum.powerPerChannelDbm, txOsnr01nmDb: spectrum.txOsnr01nmDb }
  return { design, silkway: lineFigures({ ...query, elements: design.elements }), gnpy: lineFigures({ ...query, elements: line.value.elements }), uids: line.value.uids }
}

test('GNPy export → import: the same line, element by element, and the same GSNR, CD and PMD', () => {
  const { design, silkway, gnpy, uids } = roundTrip(380, 'submarine')
  assert.equal(uids[1], roadmUid('a'))
  assert.equal(gnpy.spans.length, design.elements.length)
  assert.ok(Math.abs(gnpy.gsnr01nmDb - silkway.gsnr01nmDb) < 1e-9)
  assert.ok(Math.abs(gnpy.cdPsPerNm - silkway.cdPsPerNm) < 1e-6)
  assert.ok(Math.abs(gnpy.pmdPs - silkway.pmdPs) < 1e-9)
  // GNPy has no per-fibre group index: latency comes back at n = 1.468 instead of the library's.
  assert.ok(Math.abs(gnpy.latencyMs / silkway.latencyMs - 1) < 0.005)
})

test('GNPy export → import property: any designable link comes back with the GSNR silkway computed', () => {
  fc.assert(
    fc.property(fc.integer({ min: 10, max: 3000 }), fc.constantFrom('terrestrial' as const, 'submarine' as const), (lengthKm, kind) => {
      if (designLink({ id: 'x', lengthKm, kind }, equipment).unserved.length) return true
      const { silkway, gnpy } = roundTrip(lengthKm, kind)
      return Math.abs(gnpy.gsnrSignalBandwidthDb - silkway.gsnrSignalBandwidthDb) < 1e-9
    }),
    { numRuns: 25 },
  )
})
