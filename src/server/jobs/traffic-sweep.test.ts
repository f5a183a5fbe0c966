import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMANDS_SCHEMA_VERSION, type DemandsDocument, type Network } from '../../model'
import { fromParams } from '../../query'
import { runTrafficSweep, type TrafficSweepPart, type TrafficSweepResponse, trafficSweepQuery } from '../../traffic'
import { Workbench } from '../../workbench'
import { type AnalysisTask, runAnalysis } from '../compute/tasks'
import type { JobContext } from './runner'
import { trafficSweepJob } from './traffic-sweep'

/*
 *   n0 — n1 — n2 — … — n19 — n0     a ring of 20 (100 km, 10 Gbit/s a link)
 *   n0 — n10, n5 — n15, n3 — n13, n7 — n17     four chords (24 links: 24 failure states, 12 chunks of 2)
 */
const RING = 20
const CHORDS: [number, number][] = [
  [0, 10],
  [5, 15],
  [3, 13],
  [7, 17],
]
const network: Network = {
  schemaVersion: 2,
  nodes: Array.from({ length: RING }, (_, v) => ({ id: `n${v}`, name: `N${v}`, kind: 'city' as const })),
  links: [...Array.from({ length: RING }, (_, v): [number, number] => [v, (v + 1) % RING]), ...CHORDS].map(([a, b], e) => ({
    id: `l${e}`,
    a: `n${a}`,
    b: `n${b}`,
    kind: 'terrestrial' as const,
    lengthKm: 100,
    designCapacityGbps: 10,
  })),
}
const demands: DemandsDocument = {
  schemaVersion: DEMANDS_SCHEMA_VERSION,
  demands: [
    { id: 'a', from: 'n0', to: 'n9', gbps: 6 },
    { id: 'b', from: 'n2', to: 'n14', gbps: 4 },
    { id: 'c', from: 'n6', to: 'n18', gbps: 5 },
  ],
}

test('an optimal sweep job solves the normal state once: one LP per failure state plus one, and the answer of the whole sweep', async () => {
  const workbench = new Workbench({ network })
  const query = fromParams(trafficSweepQuery, { failures: 'link', routing: 'optimal', metric: 'length', top: 100 })
  const tasks: AnalysisTask['kind'][] = []
  let lpSolves = 0
  let normals = 0
  let result: unknown
  const context = {
    id: 'job',
    params: { workspace: 'default', network: 'ring', scenario: workbench.defaultScenario, query, demands },
    services: {
      workbenches: { get: async () => ({ workbench, settings: {} }) },
      analyses: {
        // Inline, with the structured clone a worker's message makes of the task and of its answer.
        run: async (target: { workbench: Workbench }, task: AnalysisTask) => {
          tasks.push(task.kind)
          if (task.kind === 'traffic-sweep-part' && !task.normal) normals++
          if (task.kind === 'traffic-sweep-normal') normals++
          const answer = structuredClone(await runAnalysis(target.workbench, structuredClone(task)))
          if (task.kind === 'traffic-sweep-normal') lpSolves++
          if (task.kind === 'traffic-sweep-part') lpSolves += (answer as TrafficSweepPart).lpSolves ?? Number.NaN
          return answer
        },
      },
    },
    progress: async () => {},
    finish: async (answer: unknown) => {
      result = answer
    },
  } as unknown as JobContext
  await trafficSweepJob(context)
  const states = network.links.length
  assert.equal(tasks.filter((k) => k === 'traffic-sweep-part').length, 12)
  assert.equal(normals, 1, `the normal state was solved by ${normals} tasks`)
  assert.equal(lpSolves, states + 1)
  const steps = runTrafficSweep(workbench.index(workbench.defaultScenario), query, demands, { scenario: workbench.defaultScenario })
  let next = await steps.next()
  while (!next.done) next = await steps.next()
  assert.deepEqual(result, next.value satisfies TrafficSweepResponse)
  assert.equal((result as TrafficSweepResponse).normal.solver?.status, 'optimal')
})
