import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Calibration, DEFAULT_MAX_MATCH_KM, calibrate, validateCalibration } from '../calibration'
import { validateMeasurements } from '../model'
import { compileIndex } from '../routing'
import { applyScenario } from '../scenario'
import { DEFAULT_SCENARIO, builtinCalibrationDocument, builtinMeasurements, builtinNetwork, builtinScenarios, defaultProfile } from './index'

test('the shipped measurements validate, and every one cites a known source with an address', () => {
  const result = validateMeasurements(builtinMeasurements)
  assert.deepEqual(result.issues, [])
  const sources = new Map((builtinMeasurements.sources ?? []).map((s) => [s.id, s]))
  for (const m of builtinMeasurements.measurements) {
    const source = sources.get(m.source)
    assert.ok(source, `${m.id}: unknown source ${m.source}`)
    assert.ok(source.url?.startsWith('https://'), `${m.id}: source without an address`)
  }
})

test('cloud-provider tables are validation only, never fitted (issue 11)', () => {
  for (const m of builtinMeasurements.measurements) {
    if (m.method === 'cloud') assert.equal(m.use, 'validation', m.id)
  }
})

test('on the built-in corridor: the Almaty "London" hop is impossible, off-network cities unmatched, and five pairs between nodes fitted', () => {
  const index = compileIndex(applyScenario(builtinNetwork, 'digital-silk-way', builtinScenarios), defaultProfile)
  const answer = calibrate(index, builtinMeasurements, { maxMatchKm: 50, terms: ['overhead', 'propagation'] }, 'digital-silk-way')
  const status = Object.fromEntries(answer.pairs.map((p) => [p.id, p.status]))
  assert.equal(status['geocables-almaty-london'], 'impossible')
  assert.equal(status['tea-london-hong-kong'], 'unmatched')
  assert.equal(status['azure-frankfurt-hong-kong'], 'validation')
  for (const id of ['geocables-almaty-frankfurt', 'wonderproxy-milan-moscow', 'ctg-kt-hong-kong-frankfurt', 'ctg-tsr-shanghai-frankfurt', 'ctg-tsr-hong-kong-frankfurt']) {
    assert.equal(status[id], 'fitted', id)
  }
  assert.equal(answer.fit?.n, 5)
  // The held-out error is larger than the in-sample one: it is not the fit's own error.
  assert.ok((answer.heldOut?.rmseMs ?? 0) > (answer.fit?.inSample.rmseMs ?? Infinity))
})

test('the built-in calibration is what calibrate writes for the shipped set on the default scenario (re-fitted, not stored by hand)', () => {
  const calibration = builtinCalibrationDocument as Calibration
  assert.deepEqual(validateCalibration(calibration).issues, [])
  const index = compileIndex(applyScenario(builtinNetwork, DEFAULT_SCENARIO, builtinScenarios), defaultProfile)
  const answer = calibrate(index, builtinMeasurements, { maxMatchKm: DEFAULT_MAX_MATCH_KM, terms: [...calibration.terms] }, DEFAULT_SCENARIO)
  // Any change to the corridor, the profile or the measurements that moves the fit fails here: regenerate
  // src/data/calibration.json with `silkway calibrate --out` and read the change (docs/calibration.md).
  assert.deepEqual(answer.calibration, calibration)
  assert.equal(calibration.version, builtinMeasurements.version)
})
