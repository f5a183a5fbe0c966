import assert from 'node:assert/strict'
import { test } from 'node:test'
import { builtinEquipment, opticalLinkRates } from '../optical'
import { builtinWorkbench } from '../workbench'
import { flow } from './flow'
import { questionCapacityTable } from './optics'
import { throughput } from './throughput'
import { countryGroups } from './params'

const workbench = builtinWorkbench()
const scenario = workbench.defaultScenario
const index = workbench.index(scenario)
const rates = opticalLinkRates(index, builtinEquipment())

test('basis optical asks the optical layer: each capacity is fibre pairs × λ per pair × the rate that closes', () => {
  const table = questionCapacityTable(index, { basis: 'optical' })
  let derived = 0
  index.network.links.forEach((link, e) => {
    if (table.method[e] !== 'derived-from-optics') return
    derived++
    const rate = rates.get(link.id)!
    assert.equal(table.capacityGbps[e], link.fiberPairs! * rate.wavelengthsPerPair * rate.rateGbps, link.id)
  })
  assert.ok(derived > 0, 'some corridor links have fibre pairs and an optical design')
})

test('maxflow and flow run on optical capacities: the cut and the loads use the optical figures', async () => {
  const table = questionCapacityTable(index, { basis: 'optical', unknown: 'exclude' })
  const derived = index.network.links.filter((_, e) => table.method[e] === 'derived-from-optics')
  assert.ok(derived.length > 0)
  for (const link of derived) {
    const opticalGbps = table.capacityGbps[index.network.links.indexOf(link)]
    const answer = throughput(index, { fromSet: link.a, toSet: link.b, capacity: { basis: 'optical', unknown: 'exclude' } }, countryGroups, scenario)
    const cut = answer.cut.find((c) => c.id === link.id)
    assert.ok(cut, `${link.id} is in the cut between its own ends`)
    assert.equal(cut.capacityGbps, opticalGbps, link.id)
    const routed = await flow(index, { schemaVersion: 1, demands: [{ id: 'd1', from: link.a, to: link.b, gbps: 1 }] }, { capacity: { basis: 'optical', unknown: 'exclude' } })
    assert.equal(routed.capacity.basis, 'optical')
    assert.equal(routed.links.find((l) => l.id === link.id)?.capacityGbps, opticalGbps, link.id)
  }
})
