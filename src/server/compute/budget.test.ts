import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isSilkwayError } from '../../model'
import { reportOptionsFor } from '../../report'
import { defaultEndpoints } from '../../resilience'
import { generateNetwork } from '../../synthetic'
import { Workbench, builtinWorkbench } from '../../workbench'
import { ANALYSIS_LIMITS, placeAnalysis, reportSweepWork } from './budget'

const refusal = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    assert.ok(isSilkwayError(error), String(error))
    assert.equal(error.code, 'SW_BUDGET_EXCEEDED')
    return error.message
  }
  assert.fail('not refused')
}

test("a report's sweep is budgeted before it runs: links × traffic nodes × nodes, per scenario", () => {
  const network = generateNetwork({ nodes: 1000, seed: 7 })
  const workbench = new Workbench({ network })
  const index = workbench.index(workbench.defaultScenario)
  const options = reportOptionsFor(false, undefined, workbench.defaultScenario)
  const work = index.graph.edgeCount * defaultEndpoints(index).length * index.graph.nodeCount
  assert.equal(reportSweepWork(workbench, options), work)
  assert.ok(work > ANALYSIS_LIMITS.reportSweepWork, `${work} is over the limit on 1,000 nodes (45 s on a loaded machine)`)
  const message = refusal(() => placeAnalysis(workbench, { kind: 'report', options }))
  assert.match(message, /single-point-of-failure sweep/)
  assert.match(message, new RegExp(`${work.toLocaleString('en-US')} is over the service's limit of ${ANALYSIS_LIMITS.reportSweepWork.toLocaleString('en-US')}`))
  assert.match(message, /skipSweep=true/)
  // Without the sweep the same report is placed on a worker, and costs nothing up front.
  const skipped = reportOptionsFor(false, undefined, workbench.defaultScenario, { skipSweep: true })
  assert.equal(reportSweepWork(workbench, skipped), 0)
  assert.equal(placeAnalysis(workbench, { kind: 'report', options: skipped }), 'worker')
})

test('the built-in corridor report (two scenarios swept) is well within the budget', () => {
  const workbench = builtinWorkbench()
  const options = reportOptionsFor(true, undefined, workbench.defaultScenario)
  const work = reportSweepWork(workbench, options)
  assert.ok(work > 0 && work < ANALYSIS_LIMITS.reportSweepWork / 100, `corridor sweep work ${work}`)
  assert.equal(placeAnalysis(workbench, { kind: 'report', options }), 'worker')
})

test('a comparison is budgeted by pairs × 2 scenarios × (nodes + links)', () => {
  const network = generateNetwork({ nodes: 20_000, seed: 3 })
  const workbench = new Workbench({ network })
  const { graph } = workbench.index(workbench.defaultScenario)
  const pair = (i: number) => ({ from: network.nodes[i].id, to: network.nodes[network.nodes.length - 1 - i].id })
  const perPair = 2 * (graph.nodeCount + graph.edgeCount)
  const fits = Math.floor(ANALYSIS_LIMITS.compareRouteWork / perPair)
  const query = (n: number) => ({
    kind: 'compare' as const,
    query: { base: workbench.defaultScenario, target: workbench.defaultScenario, pairs: Array.from({ length: n }, (_, i) => pair(i)), metric: 'latency' as const, constraints: {} },
  })
  assert.equal(placeAnalysis(workbench, query(fits)), 'worker')
  const message = refusal(() => placeAnalysis(workbench, query(fits + 1)))
  assert.match(message, /pairs × 2 scenarios × \(nodes \+ links\): [\d,]+ is over the service's limit of 10,000,000; compare fewer pairs/)
})
