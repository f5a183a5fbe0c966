import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isSilkwayError, type Network, type ValidationIssue } from '../model'
import { detectFormat, formatIssues, type NetworkFormat, parseNetwork, writeNetwork } from './index'

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')

describe('detectFormat', () => {
  it('goes by the file extension first', () => {
    assert.equal(detectFormat('', 'a.geojson'), 'geojson')
    assert.equal(detectFormat('', 'a.GraphML'), 'graphml')
    assert.equal(detectFormat('', 'zoo/a.xml'), 'graphml')
    assert.equal(detectFormat('{}', 'a.json'), 'json')
  })

  it('tells GeoJSON from silkway JSON inside a .json file', () => {
    assert.equal(detectFormat(fixture('tiny.geojson'), 'export.json'), 'geojson')
    assert.equal(detectFormat(fixture('tiny.json'), 'tiny.json'), 'json')
  })

  it('sniffs content without a name or with an unknown extension', () => {
    assert.equal(detectFormat(fixture('tiny.graphml')), 'graphml')
    assert.equal(detectFormat(`\uFEFF  ${fixture('tiny.json')}`, 'network.txt'), 'json')
    assert.equal(detectFormat('{"type": "FeatureCollection", "features": [')?.toString(), 'geojson')
    assert.equal(detectFormat('<html></html>'), undefined)
    assert.equal(detectFormat('nodes,links'), undefined)
    assert.equal(detectFormat(''), undefined)
  })
})

describe('parseNetwork', () => {
  it('reads every fixture format by name', () => {
    for (const [name, format] of [
      ['tiny.json', 'json'],
      ['tiny.geojson', 'geojson'],
      ['tiny.graphml', 'graphml'],
    ] as Array<[string, NetworkFormat]>) {
      const result = parseNetwork(fixture(name), { fileName: name })
      assert.equal(result.format, format)
      assert.ok(result.network, name)
    }
  })

  it('lets an explicit format win over the name', () => {
    assert.equal(parseNetwork(fixture('tiny.geojson'), { fileName: 'x.json', format: 'geojson' }).format, 'geojson')
  })

  it('reports an unrecognisable document as unknown-format on line 1', () => {
    const result = parseNetwork('just some words', { fileName: 'notes.txt' })
    assert.equal(result.network, undefined)
    assert.equal(result.issues[0].code, 'unknown-format')
    assert.equal(result.issues[0].line, 1)
    assert.match(result.issues[0].message, /notes\.txt/)
  })
})

describe('writeNetwork', () => {
  const network: Network = { schemaVersion: 2, nodes: [], links: [] }

  it('writes each format and rejects an unknown one with SW_INVALID_ARGUMENT', () => {
    for (const format of ['json', 'geojson', 'graphml'] as const) assert.ok(parseNetwork(writeNetwork(network, format), { format }).network)
    assert.throws(
      () => writeNetwork(network, 'csv' as NetworkFormat),
      (error) => isSilkwayError(error) && error.code === 'SW_INVALID_ARGUMENT',
    )
  })
})

describe('formatIssues', () => {
  const issues: ValidationIssue[] = [
    { path: 'nodes[2]', code: 'no-coordinates', message: "node 'x' has no coordinates", severity: 'warning', line: 3 },
    { path: 'links[1].b', code: 'unknown-node', message: "unknown node 'y'", severity: 'error', line: 9 },
    { path: 'links[0].a', code: 'unknown-node', message: "unknown node 'z'", severity: 'error', line: 7 },
    { path: 'name', code: 'type', message: 'must be string', severity: 'error' },
  ]

  it('prints errors first in file order, then warnings, compiler style', () => {
    assert.equal(
      formatIssues(issues, 'corridor.json'),
      [
        "corridor.json:7: links[0].a: unknown node 'z'",
        "corridor.json:9: links[1].b: unknown node 'y'",
        'corridor.json: name: must be string',
        "corridor.json:3: nodes[2]: warning: node 'x' has no coordinates",
      ].join('\n'),
    )
  })

  it('leaves the file out when it has no name', () => {
    assert.equal(formatIssues(issues.slice(3)), 'name: must be string')
    assert.equal(formatIssues(issues.slice(0, 1)), "3: nodes[2]: warning: node 'x' has no coordinates")
    assert.equal(formatIssues([]), '')
  })
})
