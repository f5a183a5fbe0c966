import assert from 'node:assert/strict'
import { test } from 'node:test'
import { calibrate } from '../calibration'
import { validateMeasurements } from '../model'
import { compileIndex } from '../routing'
import { applyScenario } from '../scenario'
import { builtinMeasurements, builtinNetwork, builtinScenarios, defaultProfile } from './index'

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

test('on the built-in corridor: the Almaty "London" hop is impossible, off-network cities unmatched, and the set is too thin to fit', () => {
  const index = compileIndex(applyScenario(builtinNetwork, 'digital-silk-way', builtinScenarios), defaultProfile)
  const answer = calibrate(index, builtinMeasurements, { maxMatchKm: 50, terms: ['overhead', 'propagation'] }, 'digital-silk-way')
  const status = Object.fromEntries(answer.pairs.map((p) => [p.id, p.status]))
  assert.equal(status['geocables-almaty-london'], 'impossible')
  assert.equal(status['tea-london-hong-kong'], 'unmatched')
  assert.equal(status['geocables-almaty-frankfurt'], 'fitted')
  assert.equal(status['azure-frankfurt-hong-kong'], 'validation')
  // One fitted pair: the shipped set cannot determine two terms, and says so rather than fitting.
  assert.equal(answer.fit, null)
  assert.match(answer.unfitted ?? '', /^1 usable measurement/)
})
