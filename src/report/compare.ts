import { type Calibration, expectedRtt } from '../calibration'
import type { NodePairRef } from '../data'
import { isSilkwayError } from '../model'
import type { Metric, PathResult, RouteConstraints } from '../routing'
import type { Workbench } from '../workbench'
import type { Comparison, PairComparison, ScenarioRoute } from './schema'

/** Two nodes by id or name: the one pair type of the data and the report. */
export type NodePair = NodePairRef

const summarise = (path: PathResult): ScenarioRoute => ({
  lengthKm: path.lengthKm,
  oneWayMs: path.oneWayMs,
  rttMs: path.rttMs,
  stretch: path.stretch,
  nodes: path.nodes,
  countries: path.countries,
  dependsOn: path.dependsOn,
})

const difference = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : Math.round((b - a) * 1000) / 1000

/**
 * The best route of each pair in two scenarios and their difference. A pair unreachable on one side is
 * reported with the reason, not dropped; an unknown node fails the whole comparison.
 */
export function compareScenarios(
  workbench: Workbench,
  options: { base: string; target: string; pairs: readonly NodePair[]; metric?: Metric; constraints?: RouteConstraints; calibration?: Calibration },
): Comparison {
  const metric = options.metric ?? 'latency'
  const constraints = options.constraints ?? {}
  const pairs = options.pairs.map((pair): PairComparison => {
    const side = (scenario: string) => {
      try {
        const answer = workbench.route({ from: pair.from, to: pair.to, metric, constraints }, scenario)
        const path = answer.paths[0]
        const route = summarise(path)
        if (options.calibration && path.rttMs !== null) {
          const expected = expectedRtt(workbench.index(scenario), options.calibration, path.links, path.nodes)
          route.expectedRttMs = Math.round(expected.rttMs * 1000) / 1000
          route.expectedRttToleranceMs = options.calibration.toleranceMs
          if (expected.extrapolated) route.expectedRttExtrapolated = true
        }
        return { answer, route }
      } catch (error) {
        if (isSilkwayError(error) && (error.code === 'SW_NO_PATH' || error.code === 'SW_CONSTRAINT_INFEASIBLE')) return { reason: error.message }
        throw error
      }
    }
    const base = side(options.base)
    const target = side(options.target)
    const reference = base.answer ?? target.answer
    const fromName = reference?.from.name ?? pair.from
    const toName = reference?.to.name ?? pair.to
    return {
      from: reference?.from.id ?? pair.from,
      to: reference?.to.id ?? pair.to,
      fromName,
      toName,
      greatCircleKm: reference?.greatCircleKm ?? null,
      base: base.route ?? null,
      target: target.route ?? null,
      ...(base.reason ? { baseUnreachable: base.reason } : {}),
      ...(target.reason ? { targetUnreachable: target.reason } : {}),
      lengthDiffKm: difference(base.route?.lengthKm, target.route?.lengthKm),
      rttDiffMs: difference(base.route?.rttMs, target.route?.rttMs),
    }
  })
  return { base: options.base, target: options.target, metric, constraints, pairs }
}
