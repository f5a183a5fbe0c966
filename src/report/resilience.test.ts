import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkSchema } from '../model'
import { planSweep } from '../resilience'
import { builtinWorkbench } from '../workbench'
import { CorridorReportSchema, buildReport, resilienceReport } from '.'

const workbench = builtinWorkbench()
const scenarios = ['baseline-2022', 'digital-silk-way']
const pairs = [{ from: 'Baku', to: 'Aktau' }]

test('sweep: false leaves the single points of failure out (null) and changes nothing else', () => {
  const full = resilienceReport(workbench, { scenarios, pairs })
  const skipped = resilienceReport(workbench, { scenarios, pairs, sweep: false })
  assert.ok(full.some((s) => (s.singlePointsOfFailure?.length ?? 0) > 0), 'the corridor has single points of failure to leave out')
  assert.ok(skipped.every((s) => s.singlePointsOfFailure === null))
  assert.deepEqual(
    skipped,
    full.map((s) => ({ ...s, singlePointsOfFailure: null })),
  )
  assert.deepEqual(checkSchema(CorridorReportSchema, buildReport(workbench, { routeScenarios: ['as-is'], resilience: { scenarios, pairs, sweep: false } })), [])
})

test('the sweep reports progress per scenario in steps up to every link, with the same answer as without', () => {
  const calls: { done: number; total: number; scenario: string }[] = []
  const withProgress = resilienceReport(workbench, { scenarios, pairs: [], onSweepProgress: (done, total, scenario) => calls.push({ done, total, scenario }) })
  assert.deepEqual(withProgress, resilienceReport(workbench, { scenarios, pairs: [] }))
  for (const scenario of scenarios) {
    const mine = calls.filter((c) => c.scenario === scenario)
    const total = planSweep(workbench.index(scenario), '1').labels.length
    assert.ok(mine.length > 0)
    assert.ok(mine.every((c, i) => c.total === total && c.done > (i === 0 ? 0 : mine[i - 1].done)), 'done only grows')
    assert.equal(mine[mine.length - 1].done, total)
  }
})
