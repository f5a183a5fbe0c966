import { isSilkwayError } from '../model'
import { IMPACT_FIELDS, type Protection, failureScratch, pairAvailability, planSweep, rankSweep, sweepRange } from '../resilience'
import type { RoutingIndex } from '../routing'
import type { Workbench } from '../workbench'
import type { NodePair } from './compare'
import type { PairAvailabilityRow, ScenarioResilience } from './schema'

export interface ResilienceReportOptions {
  scenarios: string[]
  pairs: readonly NodePair[]
  /**
   * Sweep every link for single points of failure (default); false leaves `singlePointsOfFailure` null: the sweep
   * is links × traffic nodes × nodes of work, the costly part of a report on a large network.
   */
  sweep?: boolean
  /** Called as the sweep of each scenario advances (failure scenarios done of total): the CLI's progress bar. */
  onSweepProgress?: (done: number, total: number, scenario: string) => void
}

/** Failure scenarios evaluated between two progress calls. */
const PROGRESS_CHUNK = 64

const PROTECTIONS: Protection[] = ['none', '1+1', 'restoration']

/** Links whose loss alone cuts pairs of traffic nodes off, most pairs first. */
function singlePoints(index: RoutingIndex, onProgress?: (done: number, total: number) => void): ScenarioResilience['singlePointsOfFailure'] {
  const plan = planSweep(index, '1')
  const total = plan.labels.length
  let packed: Float64Array
  if (!onProgress) packed = sweepRange(plan.model, plan.set, 0, total)
  else {
    packed = new Float64Array(total * IMPACT_FIELDS)
    const scratch = failureScratch(plan.model)
    for (let from = 0; from < total; from += PROGRESS_CHUNK) {
      const to = Math.min(total, from + PROGRESS_CHUNK)
      packed.set(sweepRange(plan.model, plan.set, from, to, scratch), from * IMPACT_FIELDS)
      onProgress(to, total)
    }
  }
  const ranking = rankSweep(index, plan, packed).ranking
  return ranking
    .filter((r) => r.pairsDisconnected > 0)
    .map((r) => {
      const link = index.network.links[index.linkIndex.get(r.element) as number]
      return { link: r.element, pairsDisconnected: r.pairsDisconnected, srlgs: link.srlgs ?? [], ...(r.isolatesSingleHomed ? { isolatesSingleHomed: r.isolatesSingleHomed } : {}) }
    })
}

/** Each scenario's single points of failure (links whose loss cuts pairs off) and the pairs' availability. */
export function resilienceReport(workbench: Workbench, options: ResilienceReportOptions): ScenarioResilience[] {
  return options.scenarios.map((scenario) => {
    const index = workbench.index(scenario)
    const singlePointsOfFailure = options.sweep === false ? null : singlePoints(index, options.onSweepProgress && ((done, total) => options.onSweepProgress?.(done, total, scenario)))
    const availability = options.pairs.map((pair) => {
      const protections = {} as PairAvailabilityRow['protections']
      let names = { from: pair.from, to: pair.to }
      for (const protection of PROTECTIONS) {
        try {
          const answer = pairAvailability(index, { from: pair.from, to: pair.to, protection })
          names = { from: answer.from.name, to: answer.to.name }
          protections[protection] = { availabilityPct: answer.availabilityPct, downtimeMinutesPerYear: answer.downtimeMinutesPerYear, method: answer.method }
        } catch (error) {
          if (!isSilkwayError(error) || error.code !== 'SW_NO_PATH') throw error
          protections[protection] = null
        }
      }
      return { ...names, protections }
    })
    return { scenario, links: index.graph.edgeCount, singlePointsOfFailure, availability }
  })
}
