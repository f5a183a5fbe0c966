import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type Network, validateNetwork } from '../model'
import { networkArbitrary } from './arbitraries'
import { formatIssues, type NetworkFormat, parseNetwork, writeNetwork } from './index'

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')

/** The network as its JSON text carries it (JSON has no -0), which is what every round trip starts from. */
const asJson = (network: Network): Network => JSON.parse(JSON.stringify(network)) as Network

function roundTrip(network: Network, format: NetworkFormat): Network {
  const back = parseNetwork(writeNetwork(network, format), { format })
  assert.ok(back.network, `${format} did not read back:\n${formatIssues(back.issues)}`)
  assert.deepEqual(back.issues.filter((found) => found.code !== 'no-coordinates' && found.code !== 'geometry-endpoints' && found.code !== 'not-applicable' && found.code !== 'capacity'), [])
  return back.network
}

describe('round trips', () => {
  const tiny = parseNetwork(fixture('tiny.json'), { fileName: 'tiny.json' }).network
  assert.ok(tiny)

  for (const format of ['json', 'geojson', 'graphml'] as const) {
    it(`json → ${format} → json keeps tiny.json unchanged`, () => {
      assert.deepStrictEqual(roundTrip(tiny, format), tiny)
    })

    it(`json → ${format} → json keeps generated valid networks unchanged`, () => {
      fc.assert(
        fc.property(networkArbitrary(), (network) => {
          assert.ok(validateNetwork(network).value, 'the generator made an invalid network')
          assert.deepStrictEqual(roundTrip(network, format), asJson(network))
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 200) },
      )
    })
  }

  it('graphml → json → graphml → json is stable for a Zoo-style file', () => {
    const first = parseNetwork(fixture('tiny.graphml'), { fileName: 'tiny.graphml' }).network
    assert.ok(first)
    assert.deepStrictEqual(roundTrip(first, 'graphml'), first)
    assert.deepStrictEqual(roundTrip(first, 'geojson'), first)
  })

  it('geojson → json → geojson → json is stable', () => {
    const first = parseNetwork(fixture('tiny.geojson'), { fileName: 'tiny.geojson' }).network
    assert.ok(first)
    assert.deepStrictEqual(roundTrip(first, 'geojson'), first)
    assert.deepStrictEqual(roundTrip(first, 'graphml'), first)
  })
})
