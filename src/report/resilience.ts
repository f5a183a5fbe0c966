import { isSilkwayError } from '../model'
import { type Protection, pairAvailability, planSweep, rankSweep, sweepRange } from '../resilience'
import type { Workbench } from '../workbench'
import type { NodePair } from './compare'
import type { PairAvailabilityRow, ScenarioResilience } from './schema'

export interface ResilienceReportOptions {
  scenarios: string[]
  pairs: readonly NodePair[]
}

const PROTECTIONS: Protection[] = ['none', '1+1', 'restoration']

/** Each scenario's single points of failure (links whose loss cuts pairs off) and the pairs' availability. */
export function resilienceReport(workbench: Workbench, options: ResilienceReportOptions): ScenarioResilience[] {
  return options.scenarios.map((scenario) => {
    const index = workbench.index(scenario)
    const plan = planSweep(index, '1')
    const ranking = rankSweep(index, plan, sweepRange(plan.model, plan.set, 0, plan.labels.length)).ranking
    const singlePointsOfFailure = ranking
      .filter((r) => r.pairsDisconnected > 0)
      .map((r) => {
        const link = index.network.links[index.linkIndex.get(r.element) as number]
        return { link: r.element, pairsDisconnected: r.pairsDisconnected, srlgs: link.srlgs ?? [] }
      })
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
