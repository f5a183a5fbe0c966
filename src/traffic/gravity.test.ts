import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { builtinNetwork, defaultProfile } from '../data'
import cityWeights from '../data/city-weights.json'
import { greatCircleKm } from '../geo'
import { type Network, validateDemands } from '../model'
import { compileIndex } from '../routing'
import { gravityDemands, projectDemands } from './index'

//   a (lat 0, lon 0) — b (0, 1) — c (0, 3): weights 1, 2, 4
const network: Network = {
  schemaVersion: 2,
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 },
    { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 1 },
    { id: 'c', name: 'C', kind: 'city', lat: 0, lon: 3 },
  ],
  links: [],
}
const index = compileIndex(network, defaultProfile)
const weights = [
  { node: 'a', weight: 1 },
  { node: 'B', weight: 2 },
  { node: 'c', weight: 4 },
]

describe('gravityDemands', () => {
  it('sums to the total and follows w_i·w_j / d^γ (checked pair by pair)', () => {
    const doc = gravityDemands(index, { weights, totalGbps: 700, distanceExponent: 1, baseYear: 2025 })
    assert.deepEqual(validateDemands(doc).issues, [])
    assert.equal(doc.demands.length, 3)
    const total = doc.demands.reduce((s, d) => s + d.gbps, 0)
    assert.ok(Math.abs(total - 700) < 1e-9)
    const km = (x: string, y: string) => {
      const [p, q] = [network.nodes.find((n) => n.id === x), network.nodes.find((n) => n.id === y)]
      return greatCircleKm(p?.lat as number, p?.lon as number, q?.lat as number, q?.lon as number)
    }
    const w: Record<string, number> = { a: 1, b: 2, c: 4 }
    const mass = (d: { from: string; to: string }) => (w[d.from] * w[d.to]) / km(d.from, d.to)
    const [ab, ac, bc] = doc.demands
    assert.deepEqual([ab.id, ac.id, bc.id], ['a--b', 'a--c', 'b--c'])
    assert.ok(Math.abs(ab.gbps / ac.gbps - mass(ab) / mass(ac)) < 1e-9)
    assert.ok(Math.abs(bc.gbps / ac.gbps - mass(bc) / mass(ac)) < 1e-9)
  })

  it('with γ = 0 distance does not matter; growth compounds per year', () => {
    const flat = gravityDemands(index, { weights, totalGbps: 14, distanceExponent: 0, baseYear: 2025 })
    assert.deepEqual(
      flat.demands.map((d) => d.gbps),
      [2, 4, 8],
    )
    const grown = gravityDemands(index, { weights, totalGbps: 14, distanceExponent: 0, baseYear: 2025, year: 2030, growthPerYear: 0.29 })
    assert.ok(Math.abs(grown.demands[0].gbps - 2 * 1.29 ** 5) < 1e-9)
    assert.equal(grown.demands[0].year, 2030)
    const projected = projectDemands(flat, 2030, 0.29)
    assert.ok(Math.abs(projected.demands[2].gbps - grown.demands[2].gbps) < 1e-9)
  })

  it('noise is seeded: the same seed gives the same demands, another seed others', () => {
    const run = (seed: number) => gravityDemands(index, { weights, totalGbps: 10, distanceExponent: 1, baseYear: 2025, noise: 0.5, seed }).demands.map((d) => d.gbps)
    assert.deepEqual(run(7), run(7))
    assert.notDeepEqual(run(7), run(8))
  })

  it('refuses bad parameters with the field named', () => {
    assert.throws(() => gravityDemands(index, { weights, totalGbps: 0, distanceExponent: 1, baseYear: 2025 }), { code: 'SW_INVALID_ARGUMENT' })
    assert.throws(() => gravityDemands(index, { weights: [{ node: 'a', weight: -1 }, ...weights.slice(1)], totalGbps: 1, distanceExponent: 1, baseYear: 2025 }), /weights\[0\]\.weight/)
    assert.throws(() => gravityDemands(index, { weights: [...weights, { node: 'A', weight: 3 }], totalGbps: 1, distanceExponent: 1, baseYear: 2025 }), /weighted twice/)
    assert.throws(() => gravityDemands(index, { weights: [{ node: 'nowhere', weight: 1 }], totalGbps: 1, distanceExponent: 1, baseYear: 2025 }), { code: 'SW_UNKNOWN_NODE' })
  })
})

describe('the corridor city weights (src/data/city-weights.json)', () => {
  it('weigh every city node once, each with its GeoNames record', () => {
    const cities = builtinNetwork.nodes.filter((n) => n.kind === 'city').map((n) => n.id)
    assert.deepEqual(cityWeights.weights.map((w) => w.node).sort(), [...cities].sort())
    for (const w of cityWeights.weights) {
      assert.ok(Number.isInteger(w.population) && w.population > 0, w.node)
      assert.ok(Number.isInteger(w.geonameId) && w.geonameId > 0, w.node)
      assert.ok(w.offsetKm < 25, `${w.node}: GeoNames place ${w.offsetKm} km away`)
    }
    assert.match(cityWeights.source.url, /geonames\.org/)
  })

  it('generate a valid demand set on the corridor', () => {
    const doc = gravityDemands(compileIndex(builtinNetwork, defaultProfile), {
      weights: cityWeights.weights.map((w) => ({ node: w.node, weight: w.population })),
      totalGbps: 1000,
      distanceExponent: defaultProfile.traffic?.gravityDistanceExponent.value ?? 1,
      baseYear: 2025,
    })
    const n = cityWeights.weights.length
    assert.equal(doc.demands.length, (n * (n - 1)) / 2)
    assert.deepEqual(validateDemands(doc).issues, [])
  })
})
