import { test } from 'node:test'
import assert from 'node:assert/strict'
import { greatCircleKm } from '../geo'
import { buildGraph, shortestPath } from '../graph'
import { validateNetwork } from '../model'
import { generateNetwork, mulberry32 } from './index'

function componentCount(network: ReturnType<typeof generateNetwork>): number {
  const index = new Map(network.nodes.map((node, i) => [node.id, i]))
  const parent = network.nodes.map((_, i) => i)
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])))
  for (const link of network.links) parent[find(index.get(link.a) as number)] = find(index.get(link.b) as number)
  return new Set(network.nodes.map((_, i) => find(i))).size
}

test('mulberry32 is seeded: same seed, same stream; values in [0, 1)', () => {
  const a = mulberry32(7)
  const b = mulberry32(7)
  const values = Array.from({ length: 1000 }, () => a())
  assert.deepEqual(values, Array.from({ length: 1000 }, () => b()))
  assert.ok(values.every((v) => v >= 0 && v < 1))
  assert.notDeepEqual(values.slice(0, 5), Array.from({ length: 5 }, mulberry32(8)))
})

test('1,000 nodes: valid, connected, about 1,500 links, ids n0… and l0…', () => {
  const network = generateNetwork({ nodes: 1000, seed: 42 })
  const result = validateNetwork(network)
  assert.deepEqual(result.issues, [])
  assert.equal(network.nodes.length, 1000)
  assert.ok(Math.abs(network.links.length - 1500) <= 15, `${network.links.length} links`)
  assert.equal(componentCount(network), 1)
  assert.equal(network.nodes[0].id, 'n0')
  assert.equal(network.links[0].id, 'l0')
  assert.ok(network.links.every((l) => l.status === 'operational' && l.lengthKm === undefined))
  const submarine = network.links.filter((l) => l.kind === 'submarine').length
  assert.ok(submarine > 0 && submarine < 100, `${submarine} submarine links`)
  assert.ok(network.nodes.every((node) => node.kind === 'city' && node.lat! >= 25 && node.lat! <= 60 && node.lon! >= -10 && node.lon! <= 130))
  assert.deepEqual(
    { generator: network.metadata?.generator, seed: network.metadata?.seed },
    { generator: 'silkway synthetic', seed: 42 },
  )
})

test('same seed gives identical output; another seed another network', () => {
  const text = JSON.stringify(generateNetwork({ nodes: 500, seed: 3 }))
  assert.equal(JSON.stringify(generateNetwork({ nodes: 500, seed: 3 })), text)
  assert.notEqual(JSON.stringify(generateNetwork({ nodes: 500, seed: 4 })), text)
})

test('tiny, sparse and clustered boxes stay connected and valid', () => {
  for (const nodes of [0, 1, 2, 3, 10]) {
    const network = generateNetwork({ nodes, seed: 1 })
    assert.deepEqual(validateNetwork(network).issues, [])
    assert.equal(componentCount(network), Math.min(1, nodes))
  }
  // One neighbour each leaves a forest of small pieces: the joining step must connect them.
  const forest = generateNetwork({ nodes: 2000, seed: 5, neighbours: 1, averageDegree: 1 })
  assert.equal(componentCount(forest), 1)
  assert.equal(forest.links.length, 1999)
  const narrow = generateNetwork({ nodes: 300, seed: 9, box: { minLat: 40, maxLat: 41, minLon: 10, maxLon: 40 } })
  assert.deepEqual(validateNetwork(narrow).issues, [])
  assert.equal(componentCount(narrow), 1)
})

test('10,000 nodes scale: about 15,000 links, connected', () => {
  const network = generateNetwork({ nodes: 10_000, seed: 11 })
  assert.ok(Math.abs(network.links.length - 15_000) <= 150, `${network.links.length} links`)
  assert.equal(componentCount(network), 1)
})

test('routes are about 1.2 × the great circle, like long-haul fibre (mean over 40 pairs below 1.4)', () => {
  const network = generateNetwork({ nodes: 3000, seed: 21 })
  const index = new Map(network.nodes.map((node, i) => [node.id, i]))
  const a = network.links.map((l) => index.get(l.a) as number)
  const b = network.links.map((l) => index.get(l.b) as number)
  const graph = buildGraph(network.nodes.length, a, b)
  const km = (u: number, v: number) => greatCircleKm(network.nodes[u].lat!, network.nodes[u].lon!, network.nodes[v].lat!, network.nodes[v].lon!)
  const edgeWeight = Float64Array.from(a, (u, e) => km(u, b[e]))
  const random = mulberry32(2)
  let sum = 0
  for (let q = 0; q < 40; q++) {
    const s = Math.floor(random() * 3000)
    const t = (s + 1 + Math.floor(random() * 2999)) % 3000
    sum += (shortestPath(graph, s, t, { edgeWeight })?.cost ?? Infinity) / km(s, t)
  }
  assert.ok(sum / 40 < 1.4, `mean stretch ${sum / 40}`)
})

test('rejects a negative or fractional node count and an inverted box', () => {
  assert.throws(() => generateNetwork({ nodes: -1, seed: 1 }), RangeError)
  assert.throws(() => generateNetwork({ nodes: 2.5, seed: 1 }), RangeError)
  assert.throws(() => generateNetwork({ nodes: 5, seed: 1, box: { minLat: 10, maxLat: 0, minLon: 0, maxLon: 1 } }), RangeError)
})
