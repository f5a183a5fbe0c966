import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseSilkwayJson, writeSilkwayJson } from './index'
import { jsonLines, jsonSyntaxErrorIndex, parentPath } from './json-text'

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')

describe('parseSilkwayJson', () => {
  it('reads tiny.json without issues', () => {
    const result = parseSilkwayJson(fixture('tiny.json'))
    assert.equal(result.format, 'json')
    assert.deepEqual(result.issues, [])
    assert.equal(result.network?.nodes.length, 4)
    assert.equal(result.network?.links.length, 3)
    assert.equal(result.network?.name, 'Tiny Trans-Caspian')
  })

  it('tolerates a UTF-8 byte order mark', () => {
    const result = parseSilkwayJson(`\uFEFF${fixture('tiny.json')}`)
    assert.equal(result.network?.nodes.length, 4)
  })

  it('locates a syntax error by line and column (bad-syntax.json: a missing comma)', () => {
    const result = parseSilkwayJson(fixture('bad-syntax.json'))
    assert.equal(result.network, undefined)
    assert.equal(result.issues.length, 1)
    const [found] = result.issues
    assert.equal(found.code, 'syntax')
    assert.equal(found.line, 5)
    assert.match(found.message, /line 5, column 5/)
  })

  it('locates syntax errors V8 reports without a position', () => {
    const result = parseSilkwayJson('{\n  "schemaVersion": 1,\n  "nodes": }\n')
    assert.equal(result.issues[0].line, 3)
    assert.match(result.issues[0].message, /line 3, column 12/)
    assert.match(parseSilkwayJson('').issues[0].message, /empty/)
    assert.equal(parseSilkwayJson('{"a": 1').issues[0].line, 1)
  })

  it('names the path and line of an unknown link endpoint', () => {
    const result = parseSilkwayJson(fixture('unknown-endpoint.json'))
    assert.equal(result.network, undefined)
    const errors = result.issues.filter((found) => found.severity === 'error')
    assert.deepEqual(errors, [{ path: 'links[1].b', code: 'unknown-node', message: "unknown node 'atyrau'", severity: 'error', line: 9 }])
  })

  it('locates schema errors, and a missing field at the line of its record', () => {
    const text = [
      '{',
      '  "schemaVersion": 1,',
      '  "nodes": [',
      '    { "id": "a", "name": "A", "kind": "city" },',
      '    { "id": "b", "kind": "castle" }',
      '  ],',
      '  "links": [{ "id": "l", "a": "a", "b": "b", "kind": "terrestrial",',
      '    "lengthKm": "far", "colour": "red" }]',
      '}',
    ].join('\n')
    const byPath = new Map(parseSilkwayJson(text).issues.map((found) => [found.path, found]))
    assert.equal(byPath.get('nodes[1].name')?.line, 5)
    assert.equal(byPath.get('nodes[1].kind')?.line, 5)
    assert.equal(byPath.get('links[0].lengthKm')?.line, 8)
    assert.equal(byPath.get('links[0].colour')?.code, 'unknown-field')
    assert.equal(byPath.get('links[0].colour')?.line, 8)
  })

  it('points a GeoJSON document to the GeoJSON reader', () => {
    const result = parseSilkwayJson('{"type": "FeatureCollection", "features": []}')
    assert.equal(result.issues[0].code, 'wrong-format')
  })

  it('writes the canonical text that reads back the same', () => {
    const network = parseSilkwayJson(fixture('tiny.json')).network
    assert.ok(network)
    const text = writeSilkwayJson(network)
    assert.ok(text.endsWith('}\n'))
    assert.deepStrictEqual(parseSilkwayJson(text).network, network)
  })
})

describe('JSON text helpers', () => {
  it('finds the offset of the first syntax error', () => {
    assert.equal(jsonSyntaxErrorIndex('{"a": [1, 2,]}'), 12)
    assert.equal(jsonSyntaxErrorIndex('{"a": "\\x"}'), 7)
    assert.equal(jsonSyntaxErrorIndex('[1] 2'), 4)
    assert.equal(jsonSyntaxErrorIndex(' {"a": [true, null, -1.5e3, "\\u00e9"]} '), -1)
  })

  it('maps paths to lines in the style of pointerToPath', () => {
    const lines = jsonLines('{\n"nodes": [\n {"id": "x"},\n {"id": "y",\n  "lat": 1}\n],\n"metadata": {"7": {"a.b": 0}}\n}')
    assert.equal(lines.get('(root)'), 1)
    assert.equal(lines.get('nodes'), 2)
    assert.equal(lines.get('nodes[0]'), 3)
    assert.equal(lines.get('nodes[1].id'), 4)
    assert.equal(lines.get('nodes[1].lat'), 5)
    assert.equal(lines.get('metadata[7]["a.b"]'), 7)
  })

  it('walks up a path to its parent', () => {
    assert.equal(parentPath('links[3].b'), 'links[3]')
    assert.equal(parentPath('links[3]'), 'links')
    assert.equal(parentPath('links'), '(root)')
    assert.equal(parentPath('(root)'), undefined)
  })
})
