import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { builtinNetwork, defaultProfile } from '../data'
import type { Network, NetworkLink } from '../model'
import { compileIndex } from '../routing'
import { capacityTable, designCapacity, litCapacity } from './index'

const link = (fields: Partial<NetworkLink>): NetworkLink => ({ id: 'l', a: 'x', b: 'y', kind: 'submarine', ...fields })

describe('designCapacity', () => {
  it('takes a stated figure as declared, or as assumed when the link says so', () => {
    assert.deepEqual(designCapacity(link({ designCapacityGbps: 400000, fiberPairs: 2 }), defaultProfile), { capacityGbps: 400000, method: 'declared', basis: 'designCapacityGbps' })
    const assumed = designCapacity(link({ designCapacityGbps: 10, assumptions: [{ field: 'designCapacityGbps', note: 'guess' }] }), defaultProfile)
    assert.equal(assumed.method, 'assumed')
  })

  it('derives pairs × channels × rate from the profile, or from the link where it states them', () => {
    const plan = defaultProfile.capacity
    assert.ok(plan)
    const fromProfile = designCapacity(link({ fiberPairs: 36 }), defaultProfile)
    assert.equal(fromProfile.method, 'derived-from-pairs')
    assert.equal(fromProfile.capacityGbps, 36 * plan.channelsPerFiberPair.value * plan.wavelengthGbps.value)
    assert.match(fromProfile.basis, /36 pairs × 96 λ \(profile\) × 100 Gbit\/s \(profile\)/)
    assert.equal(designCapacity(link({ fiberPairs: 2, wavelengthsPerPair: 64, wavelengthGbps: 10 }), defaultProfile).capacityGbps, 1280)
  })

  it('is unknown without a figure or a pair count, or without a channel plan', () => {
    assert.equal(designCapacity(link({}), defaultProfile).method, 'unknown')
    assert.ok(Number.isNaN(designCapacity(link({}), defaultProfile).capacityGbps))
    const { capacity: _, ...noPlan } = defaultProfile
    assert.equal(designCapacity(link({ fiberPairs: 2 }), noPlan).method, 'unknown')
  })

  it('lit capacity is only ever stated', () => {
    assert.equal(litCapacity(link({ fiberPairs: 2 })).method, 'unknown')
    assert.deepEqual(litCapacity(link({ litCapacityGbps: 800 })), { capacityGbps: 800, method: 'declared', basis: 'litCapacityGbps' })
  })
})

describe('capacityTable', () => {
  //   a ==== b      two parallel links a–b (10 and 30 Gbit/s) and b–c of unknown capacity
  //           \
  //            c
  const network: Network = {
    schemaVersion: 2,
    nodes: ['a', 'b', 'c'].map((id) => ({ id, name: id, kind: 'city' as const })),
    links: [
      { id: 'ab1', a: 'a', b: 'b', kind: 'terrestrial', lengthKm: 10, designCapacityGbps: 10, litCapacityGbps: 5 },
      { id: 'ab2', a: 'a', b: 'b', kind: 'terrestrial', lengthKm: 10, designCapacityGbps: 30 },
      { id: 'bc', a: 'b', b: 'c', kind: 'terrestrial', lengthKm: 10 },
    ],
  }
  const index = compileIndex(network, defaultProfile)

  it('lists unknown capacities and never makes them silently infinite', () => {
    const table = capacityTable(index)
    assert.deepEqual(table.unknownEdges, [2])
    assert.deepEqual(table.method, ['declared', 'declared', 'unknown'])
    assert.equal(table.capacityGbps[2], Infinity)
    assert.equal(capacityTable(index, { unknown: 'exclude' }).capacityGbps[2], 0)
  })

  it('uses lit, uniform, default and per-link values as asked, and says so', () => {
    const lit = capacityTable(index, { basis: 'lit' })
    assert.deepEqual([...lit.capacityGbps.slice(0, 1)], [5])
    assert.deepEqual(lit.unknownEdges, [1, 2])
    const uniform = capacityTable(index, { basis: 'uniform', uniformGbps: 100, overrides: { bc: 7 } })
    assert.deepEqual([...uniform.capacityGbps], [100, 100, 7])
    assert.deepEqual(uniform.method, ['user', 'user', 'user'])
    const withDefault = capacityTable(index, { defaultGbps: 1 })
    assert.equal(withDefault.method[2], 'assumed')
    assert.deepEqual(withDefault.unknownEdges, [])
  })

  it('refuses an override of an unknown link and a uniform basis without a value', () => {
    assert.throws(() => capacityTable(index, { overrides: { nope: 1 } }), { code: 'SW_INVALID_ARGUMENT' })
    assert.throws(() => capacityTable(index, { basis: 'uniform' }), { code: 'SW_INVALID_ARGUMENT' })
  })
})

describe('the built-in corridor', () => {
  const table = capacityTable(compileIndex(builtinNetwork, defaultProfile))
  const byId = (id: string) => builtinNetwork.links.findIndex((l) => l.id === id)

  it('carries the capacities its sources give, each with its method', () => {
    const tcfo = byId('tcfo-sumgait-aktau')
    assert.equal(table.capacityGbps[tcfo], 400000)
    assert.equal(table.method[tcfo], 'declared')
    const ccs = byId('ccs-poti-balchik')
    assert.equal(table.capacityGbps[ccs], 19200)
    assert.equal(table.method[ccs], 'derived-from-pairs')
    const tap = byId('exa-kipoi-melendugno')
    assert.equal(table.method[tap], 'derived-from-pairs')
    assert.equal(table.capacityGbps[byId('peace-karachi-zafarana')], 96000)
  })

  it('leaves every other link unknown, and every capacity figure cites a source', () => {
    for (const [e, l] of builtinNetwork.links.entries()) {
      if (table.method[e] === 'unknown') continue
      assert.ok((l.sources ?? []).length > 0, l.id)
    }
    assert.ok(table.unknownEdges.length > 0)
  })
})
