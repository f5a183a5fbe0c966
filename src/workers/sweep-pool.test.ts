import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildGraph } from '../graph'
import { buildSweepModel, doubleFailures, failureSet, sweepRange } from '../resilience/sweep'
import { runSweep } from './sweep-pool'

test('worker threads over shared arrays give exactly the inline answer, with progress to the end', async () => {
  // A 12 × 12 grid with unequal weights: 264 links, 34,716 double failures would be slow; take the first 600.
  const side = 12
  const tails: number[] = []
  const heads: number[] = []
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const v = r * side + c
      if (c + 1 < side) (tails.push(v), heads.push(v + 1))
      if (r + 1 < side) (tails.push(v), heads.push(v + side))
    }
  }
  const graph = buildGraph(side * side, tails, heads)
  const edgeWeight = Float64Array.from(tails, (_, e) => 1 + ((e * 7919) % 13))
  const model = buildSweepModel(graph, { edgeWeight }, Array.from({ length: side * side }, (_, v) => v))
  const set = failureSet(doubleFailures(model).slice(0, 600))
  const inline = sweepRange(model, set, 0, 600)
  let last = 0
  const threaded = await runSweep(model, set, { threads: 2, chunk: 50, onProgress: (done) => (last = done) })
  assert.deepEqual(Array.from(threaded), Array.from(inline))
  assert.equal(last, 600)
})

test('an aborted sweep stops with SweepInterrupted', async () => {
  const graph = buildGraph(3, [0, 1], [1, 2])
  const model = buildSweepModel(graph, { edgeWeight: Float64Array.from([1, 1]) }, [0, 1, 2])
  const controller = new AbortController()
  controller.abort()
  await assert.rejects(runSweep(model, failureSet([[0], [1]]), { threads: 1, signal: controller.signal }), { name: 'SweepInterrupted' })
})
