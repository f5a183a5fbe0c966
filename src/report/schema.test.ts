import assert from 'node:assert/strict'
import { test } from 'node:test'
import { claims, corridorPairs, mainComparePairs } from '../data'
import { checkSchema } from '../model'
import { builtinWorkbench } from '../workbench'
import { ComparisonSchema, CorridorReportSchema, buildReport, compareScenarios } from '.'

const workbench = builtinWorkbench()
const scenarios = ['baseline-2022', 'digital-silk-way']

test('the corridor report, as the CLI and the server build it, matches its schema', () => {
  const report = buildReport(workbench, {
    scenarios,
    claims,
    corridorPairs,
    routeScenarios: scenarios,
    resilience: { scenarios: ['digital-silk-way'], pairs: [{ from: 'Baku', to: 'Aktau' }] },
  })
  assert.deepEqual(checkSchema(CorridorReportSchema, report), [])
  // The parts an empty schema would let through are there to be checked.
  assert.ok(report.claims.length > 0 && report.europeChina.length === corridorPairs.length * scenarios.length)
  assert.ok(report.resilience?.every((r) => r.availability.length === 1))
  // A report of another network: no claims, no corridor pairs, optional fields absent.
  assert.deepEqual(checkSchema(CorridorReportSchema, buildReport(workbench, { routeScenarios: ['as-is'] })), [])
})

test('the schema is closed: an undeclared or mistyped field is an issue with its path', () => {
  const report = buildReport(workbench, { routeScenarios: ['as-is'] })
  const extra = { ...report, profile: { ...report.profile, speedOfLight: 299.792458 } }
  assert.ok(checkSchema(CorridorReportSchema, extra).some((i) => i.path.startsWith('profile')), 'an extra field is refused')
  const wrong = { ...report, scenarios: [{ ...report.scenarios[0], nodes: 'many' }] }
  assert.ok(checkSchema(CorridorReportSchema, wrong).some((i) => i.path.startsWith('scenarios[0]')), 'a mistyped field is refused')
})

test('a scenario comparison, reachable and unreachable pairs alike, matches its schema', () => {
  const comparison = compareScenarios(workbench, { base: scenarios[0], target: scenarios[1], pairs: [...claims.map(({ from, to }) => ({ from, to })), ...mainComparePairs] })
  assert.deepEqual(checkSchema(ComparisonSchema, comparison), [])
  assert.ok(comparison.pairs.some((p) => p.base && p.target && p.rttDiffMs !== null))
  // Avoiding China without exempting the endpoints: Shanghai is unreachable on both sides, with the reason.
  const avoiding = compareScenarios(workbench, { base: scenarios[0], target: scenarios[1], pairs: [{ from: 'Frankfurt', to: 'Shanghai' }], metric: 'length', constraints: { avoidCountries: ['CN'] } })
  assert.equal(avoiding.pairs[0].base, null)
  assert.equal(typeof avoiding.pairs[0].baseUnreachable, 'string')
  assert.deepEqual(checkSchema(ComparisonSchema, avoiding), [])
})
