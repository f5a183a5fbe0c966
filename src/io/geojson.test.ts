import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { Network } from '../model'
import { parseGeoJson, writeGeoJson } from './index'

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')

const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 1)
const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties })
const line = (coordinates: number[][], properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties })

describe('parseGeoJson', () => {
  const tiny = parseGeoJson(fixture('tiny.geojson'))

  it('reads Points as nodes: ids, names, kinds, countries and lists', () => {
    assert.ok(tiny.network, JSON.stringify(tiny.issues))
    assert.equal(tiny.network.name, 'Tiny Caspian (GeoJSON)')
    const [baku, siyazan, aktau, turkmenbashi] = tiny.network.nodes
    assert.deepEqual(baku, { id: 'baku', name: 'Baku', kind: 'city', lat: 40.4093, lon: 49.8671, country: 'AZ' })
    assert.equal(siyazan.name, 'Siyazan', 'label stands in for name')
    assert.equal(siyazan.kind, 'landing-station')
    assert.equal(aktau.country, 'KZ', 'alpha-3 KAZ')
    assert.deepEqual(aktau.operators, ['Kazakhtelecom', 'Transtelecom'])
    assert.equal(turkmenbashi.id, 'n3', 'generated from the feature index')
    assert.equal(turkmenbashi.country, 'TM', 'English name')
  })

  it('reads LineStrings as links by a/b, from/to, or by snapping their ends to Points', () => {
    assert.ok(tiny.network)
    const [tcfo, bakuSiyazan, azTm] = tiny.network.links
    assert.equal(tcfo.kind, 'submarine')
    assert.equal(tcfo.lengthKm, 341, 'numeric text is a number')
    assert.equal(tcfo.geometry?.coordinates.length, 3)
    assert.equal(bakuSiyazan.a, 'baku', 'the start lies 14 m from Baku')
    assert.equal(bakuSiyazan.b, 'siyazan')
    assert.equal(bakuSiyazan.kind, 'terrestrial')
    assert.deepEqual([azTm.a, azTm.b], ['siyazan', 'n3'])
    assert.deepEqual(azTm.geometry?.coordinates, [
      [49.112407, 41.075398],
      [51.0, 40.6],
      [52.962429, 40.003424],
    ])
  })

  it('warns once per unknown property and per unusable geometry, with lines', () => {
    const warnings = tiny.issues.map(({ path, code, line }) => ({ path, code, line })).sort((p, q) => (p.line ?? 0) - (q.line ?? 0))
    assert.deepEqual(warnings, [
      { path: 'features[0].properties.population', code: 'unknown-property', line: 5 },
      { path: 'features[3].properties.color', code: 'unknown-property', line: 8 },
      { path: 'features[7].geometry.type', code: 'unsupported-geometry', line: 12 },
    ])
    assert.match(tiny.issues.find((found) => found.path.endsWith('color'))?.message ?? '', /on 2 features/)
  })

  it('names the feature whose end matches no node (unsnapped.geojson)', () => {
    const result = parseGeoJson(fixture('unsnapped.geojson'))
    assert.equal(result.network, undefined)
    assert.equal(result.issues.length, 1)
    assert.equal(result.issues[0].path, 'features[1]')
    assert.equal(result.issues[0].code, 'unsnapped-endpoint')
    assert.equal(result.issues[0].line, 5)
  })

  it('joins MultiLineString parts that meet, in either direction, and rejects a gap', () => {
    const ends = [point(0, 0, { id: 'p' }), point(3, 0, { id: 'q' })]
    const reversed = { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 0], [1, 0]], [[2, 0], [3, 0]]] }, properties: {} }
    const joined = parseGeoJson(collection([...ends, reversed]))
    assert.deepEqual(joined.network?.links[0].geometry?.coordinates, [[0, 0], [1, 0], [2, 0], [3, 0]])
    assert.deepEqual([joined.network?.links[0].a, joined.network?.links[0].b], ['p', 'q'])
    const gap = { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0]]] }, properties: { a: 'p', b: 'q' } }
    const broken = parseGeoJson(collection([...ends, gap]))
    assert.equal(broken.network, undefined)
    assert.equal(broken.issues[0].code, 'multilinestring-gap')
    assert.equal(broken.issues[0].path, 'features[2].geometry.coordinates[1]')
  })

  it('reads null geometry as a node without coordinates, or a link when it names its ends', () => {
    const result = parseGeoJson(
      collection([
        { type: 'Feature', geometry: null, properties: { id: 'x', name: 'X' } },
        point(1, 1, { id: 'y' }),
        { type: 'Feature', geometry: null, properties: { id: 'xy', source: 'x', target: 'y' } },
        { type: 'Feature', geometry: null, properties: { from: 'x' } },
      ]),
    )
    assert.equal(result.network, undefined)
    const missing = result.issues.find((found) => found.code === 'missing-endpoint')
    assert.equal(missing?.path, 'features[3].properties')
    const fixed = parseGeoJson(collection([{ type: 'Feature', geometry: null, properties: { id: 'x', name: 'X' } }, point(1, 1, { id: 'y' }), { type: 'Feature', geometry: null, properties: { id: 'xy', source: 'x', target: 'y' } }]))
    assert.deepEqual(fixed.network?.nodes[0], { id: 'x', name: 'X', kind: 'city' })
    assert.deepEqual(fixed.network?.links[0], { id: 'xy', a: 'x', b: 'y', kind: 'terrestrial' })
  })

  it('moves schema errors back to the feature property, with its line', () => {
    const text = collection([point(1, 2, { id: 'a', kind: 'castle' }), point(3, 95, { id: 'b' }), line([[1, 2], [3, 95]], { id: 'l', a: 'a', b: 'b', fiberPairs: 'many' })])
    const result = parseGeoJson(text)
    const paths = result.issues.map((found) => found.path)
    assert.ok(paths.includes('features[0].properties.kind'), paths.join())
    assert.ok(paths.includes('features[1].geometry.coordinates[1]'), paths.join())
    assert.ok(paths.includes('features[2].properties.fiberPairs'), paths.join())
    assert.ok(result.issues.every((found) => found.line !== undefined))
  })

  it('reads the network fields from the silkway foreign member', () => {
    const result = parseGeoJson(collection([], { name: 'outer', silkway: { schemaVersion: 2, name: 'inner', sources: [{ id: 's', title: 'S' }], extra: 1 } }))
    assert.equal(result.network?.name, 'inner')
    assert.deepEqual(result.network?.sources, [{ id: 's', title: 'S' }])
    assert.equal(result.issues[0].path, 'silkway.extra')
    const bad = parseGeoJson(collection([], { silkway: { schemaVersion: 3 } }))
    assert.equal(bad.issues[0].path, 'silkway.schemaVersion')
  })

  it('rejects what is not a FeatureCollection', () => {
    assert.equal(parseGeoJson('{"type": "Feature"}').issues[0].code, 'not-feature-collection')
    assert.equal(parseGeoJson('[]').issues[0].path, '(root)')
    assert.equal(parseGeoJson(collection([{ type: 'Point' }])).issues[0].path, 'features[0].type')
  })
})

describe('writeGeoJson', () => {
  const network: Network = {
    schemaVersion: 2,
    nodes: [
      { id: 'a', name: 'A', kind: 'city', lat: 40, lon: 49 },
      { id: 'b', name: 'B', kind: 'city', lat: 41, lon: 50 },
      { id: 'c', name: 'C', kind: 'exchange' },
    ],
    links: [
      { id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' },
      { id: 'bc', a: 'b', b: 'c', kind: 'terrestrial' },
    ],
  }
  const written = JSON.parse(writeGeoJson(network)) as { type: string; features: Array<{ geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }> }

  it('writes Points with [lon, lat], null geometry where a node has no coordinates', () => {
    assert.equal(written.type, 'FeatureCollection')
    assert.deepEqual(written.features[0].geometry, { type: 'Point', coordinates: [49, 40] })
    assert.equal(written.features[2].geometry, null)
  })

  it('draws a link without geometry as a marked straight line, or null when an end has no coordinates', () => {
    assert.deepEqual(written.features[3].geometry?.coordinates, [
      [49, 40],
      [50, 41],
    ])
    assert.equal(written.features[3].properties.straightLine, true)
    assert.equal(written.features[4].geometry, null)
    assert.deepStrictEqual(parseGeoJson(writeGeoJson(network)).network, network)
  })
})
