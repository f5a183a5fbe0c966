import assert from 'node:assert/strict'
import { test } from 'node:test'
import { builtinCalibration, expectedRtt } from '../calibration'
import { builtinWorkbench } from '../workbench'
import { compareScenarios } from './compare'

const workbench = builtinWorkbench()
const pairs = [
  { from: 'Baku', to: 'Almaty' },
  { from: 'Baku', to: 'Aktau' },
  { from: 'Frankfurt', to: 'Beijing' },
]
const compare = (fittedPropagationRttMs: [number, number]) =>
  compareScenarios(workbench, { base: 'baseline-2022', target: 'digital-silk-way', pairs, calibration: { ...builtinCalibration, fittedPropagationRttMs } })

test('compare flags an expected RTT outside the range the calibration was fitted on, and only then', () => {
  const routes = (c: ReturnType<typeof compare>) => c.pairs.flatMap((p) => [p.base, p.target]).filter((r) => r !== null)
  const inside = routes(compare([0, 1e9]))
  assert.equal(inside.length, 6)
  assert.ok(inside.every((r) => r.expectedRttMs !== undefined && r.expectedRttExtrapolated === undefined))
  assert.ok(routes(compare([1e8, 1e9])).every((r) => r.expectedRttExtrapolated === true))
  // With the shipped range, the flag is exactly expectedRtt's verdict on each route's own path.
  const shipped = compareScenarios(workbench, { base: 'baseline-2022', target: 'digital-silk-way', pairs, calibration: builtinCalibration })
  for (const [i, pair] of shipped.pairs.entries()) {
    for (const side of ['base', 'target'] as const) {
      const scenario = side === 'base' ? 'baseline-2022' : 'digital-silk-way'
      const path = workbench.route({ from: pairs[i].from, to: pairs[i].to, metric: 'latency' }, scenario).paths[0]
      const verdict = expectedRtt(workbench.index(scenario), builtinCalibration, path.links, path.nodes).extrapolated
      assert.equal(pair[side]?.expectedRttExtrapolated === true, verdict, `${pair.fromName}–${pair.toName} ${side}`)
    }
  }
  assert.ok(
    shipped.pairs.some((p) => p.target?.expectedRttExtrapolated),
    'Baku–Aktau lies below the fitted range (a reachable case, so the flag is exercised)',
  )
})
