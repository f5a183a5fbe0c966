import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseModulesJson } from './index'

describe('parseModulesJson', () => {
  it('reads a catalogue and locates a bad field by path and line', () => {
    const good = '{\n  "schemaVersion": 1,\n  "source": "synthetic",\n  "modules": [{ "capacityGbps": 100, "costUsd": 5, "source": "synthetic" }]\n}\n'
    assert.equal(parseModulesJson(good).modules?.modules[0].costUsd, 5)
    const bad = good.replace('"costUsd": 5', '"costUsd": -5')
    const result = parseModulesJson(bad)
    assert.equal(result.modules, undefined)
    assert.deepEqual(result.issues.map((i) => [i.path, i.line]), [['modules[0].costUsd', 4]])
    assert.equal(parseModulesJson('{ "schemaVersion": 1, ').issues[0].severity, 'error')
  })

  it('never throws on arbitrary text (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const result = parseModulesJson(text)
        assert.ok(result.modules !== undefined || result.issues.some((i) => i.severity === 'error'))
      }),
      { numRuns: 300 },
    )
  })
})
