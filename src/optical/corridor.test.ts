import assert from 'node:assert/strict'
import { test } from 'node:test'
import { builtinWorkbench } from '../workbench'
import { capacityTable } from '../traffic'
import { builtinEquipment } from './builtin'
import { opticalLinkRates, opticalReach, opticalRoute, opticalSpan } from './corridor'

const workbench = builtinWorkbench()
const scenario = workbench.defaultScenario
const index = workbench.index(scenario)
const equipment = builtinEquipment()

test('optical path follows the routing engine: the same links as `route`, with its constraints', () => {
  const constraints = { avoidCountries: ['RU', 'IR'] }
  const answer = opticalRoute(index, { from: 'Frankfurt', to: 'Shanghai', metric: 'latency', constraints, modeId: 'mode 1' }, equipment, scenario)
  const routed = workbench.route({ from: 'Frankfurt', to: 'Shanghai', k: 1, metric: 'latency', constraints }, scenario)
  assert.deepEqual(answer.route.links, routed.paths[0].links)
  assert.deepEqual(answer.optics.links.map((l) => l.linkId), routed.paths[0].links)
  assert.ok(!answer.route.countries.includes('RU') && !answer.route.countries.includes('IR'))
})

test('optical path: without a closing mode, regenerators sit after path links, and each segment closes', () => {
  const answer = opticalRoute(index, { from: 'Frankfurt', to: 'Shanghai', metric: 'latency', constraints: {} }, equipment, scenario)
  assert.equal(answer.optics.bestMode, null, 'a transcontinental path does not close transparently with the library transceivers')
  const regen = answer.optics.regeneration
  assert.ok(regen && regen.blockedAtLink === null && regen.regeneratorsAfterLink.length > 0)
  assert.ok(regen.regeneratorsAfterLink.every((i) => i >= 0 && i < answer.route.links.length - 1))
})

test('optical path: a higher launch power changes the figures, and --optimise-power keeps the best point of its sweep', () => {
  const base = { from: 'Baku', to: 'Almaty', metric: 'latency' as const, constraints: {}, modeId: 'mode 1' }
  const low = opticalRoute(index, { ...base, powerPerChannelDbm: -3 }, equipment, scenario)
  const high = opticalRoute(index, { ...base, powerPerChannelDbm: 3 }, equipment, scenario)
  assert.equal(low.launch.from, 'argument')
  assert.notEqual(low.optics.endToEnd!.gsnr01nmDb.toFixed(3), high.optics.endToEnd!.gsnr01nmDb.toFixed(3))
  const best = opticalRoute(index, { ...base, optimisePower: true }, equipment, scenario)
  assert.equal(best.launch.from, 'optimised')
  const top = Math.max(...best.launch.sweep.map((s) => s.marginDb))
  assert.equal(best.launch.sweep.find((s) => s.powerPerChannelDbm === best.launch.powerPerChannelDbm)!.marginDb, top)
  assert.ok(Math.abs(best.optics.modes[0].marginDb - top) < 1e-9, 'the answer is computed at the chosen power')
})

test('optical span: the Trans-Caspian link does not close unrepeatered at 380 km with any library option, and says why', () => {
  const answer = opticalSpan(index, { link: 'tcfo-sumgait-aktau' }, equipment, scenario)
  assert.ok(answer.design.spans.length > 1)
  assert.ok(answer.unrepeateredOptions.length === equipment.library.fibers.length * 3)
  assert.ok(answer.unrepeateredOptions.every((row) => row.modes.every((m) => !m.feasible)))
  // More amplification never hurts: ROPA ≥ Raman ≥ EDFA alone, per fibre.
  for (const fiber of equipment.library.fibers) {
    const m = (option: string) => answer.unrepeateredOptions.find((r) => r.fiberTypeId === fiber.id && r.option === option)!.modes[0].marginDb
    assert.ok(m('edfa+raman+ropa') >= m('edfa+raman') && m('edfa+raman') >= m('edfa'), fiber.id)
  }
  assert.ok(answer.design.assumptions.length > 0)
})

test('optical reach feeds the capacity model: basis optical = fibre pairs × λ per pair × feasible rate, method derived-from-optics', () => {
  const rates = opticalLinkRates(index, equipment)
  const table = capacityTable(index, { basis: 'optical', opticalRates: rates })
  let derived = 0
  index.network.links.forEach((link, e) => {
    const rate = rates.get(link.id)
    if (link.fiberPairs === undefined || !rate) return assert.equal(table.method[e], 'unknown')
    if (table.method[e] !== 'derived-from-optics') return
    derived++
    assert.equal(table.capacityGbps[e], link.fiberPairs * rate.wavelengthsPerPair * rate.rateGbps)
  })
  assert.ok(derived > 0)
  const reach = opticalReach(index, { links: ['tcfo-sumgait-aktau'], metric: 'latency', constraints: {} }, equipment, scenario)
  assert.equal(reach.links.length, 1)
  assert.equal(reach.links[0].rateGbps, rates.get('tcfo-sumgait-aktau')!.rateGbps)
})
