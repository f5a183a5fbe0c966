import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MODULES_SCHEMA_VERSION, validateModules } from './index'

const base = () => ({
  schemaVersion: MODULES_SCHEMA_VERSION,
  source: 'synthetic (test)',
  modules: [
    { capacityGbps: 100, costUsd: 10, source: 'synthetic' },
    { capacityGbps: 400, costUsd: 30, source: 'synthetic' },
  ],
})

describe('module catalogue schema', () => {
  it('accepts a catalogue with defaults and per-link overrides', () => {
    const result = validateModules({ ...base(), setupCostUsd: 5, links: [{ link: 'x', modules: [], preInstalledGbps: 0, source: 'synthetic' }] })
    assert.ok(result.value, JSON.stringify(result.issues))
    assert.deepEqual(result.issues, [])
  })

  it('locates each problem: a negative price, a zero capacity, a missing source, an unknown field, a second override', () => {
    const withIssue = (document: unknown) => validateModules(document).issues.filter((i) => i.severity === 'error').map((i) => i.path)
    const negative = base()
    negative.modules[1].costUsd = -1
    assert.deepEqual(withIssue(negative), ['modules[1].costUsd'])
    const zero = base()
    zero.modules[0].capacityGbps = 0
    assert.deepEqual(withIssue(zero), ['modules[0].capacityGbps'])
    const { source: _source, ...unsourced } = base().modules[0]
    assert.deepEqual(withIssue({ ...base(), modules: [unsourced] }), ['modules[0].source'])
    assert.deepEqual(withIssue({ ...base(), price: 3 }), ['price'])
    assert.deepEqual(withIssue({ ...base(), schemaVersion: 2 }), ['schemaVersion'])
    const twice = { ...base(), links: [{ link: 'x', setupCostUsd: 1, source: 's' }, { link: 'x', setupCostUsd: 2, source: 's' }] }
    assert.deepEqual(withIssue(twice), ['links[1].link'])
  })

  it('warns about an override that changes nothing', () => {
    const result = validateModules({ ...base(), links: [{ link: 'x', source: 's' }] })
    assert.ok(result.value)
    assert.deepEqual(result.issues.map((i) => [i.path, i.severity]), [['links[0]', 'warning']])
  })
})
