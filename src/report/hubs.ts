import type { Workbench } from '../workbench'
import { demandsFromGravity, runHubs } from '../traffic'
import type { HubReport } from './schema'

export interface HubReportOptions {
  scenarios: string[]
  /** Countries shown in every scenario; without them, the five with the most transit in the first scenario. */
  countries?: string[]
  /** Nodes listed by betweenness per scenario. */
  topNodes?: number
}

/** Routings the hub table compares: the IGP's shortest paths, and the LP's min-max-utilisation routing. */
const ROUTINGS = ['shortest', 'optimal'] as const

/**
 * Kazakhstan as a hub (issue 10 §6): for each scenario, the share of all demand and of the Europe–Asia demand
 * that crosses each country in transit, under shortest-path and optimal routing, and the nodes of highest
 * betweenness. The demands are the gravity model over the network's weights (`runHubs` without a total: the
 * shares do not depend on it), capacities the design basis with unknown links uncapacitated, as `silkway hubs`.
 */
export async function hubReport(workbench: Workbench, options: HubReportOptions): Promise<HubReport> {
  const rows: HubReport['rows'] = []
  const nodes: HubReport['nodes'] = []
  let countries = options.countries
  let source = ''
  for (const scenario of options.scenarios) {
    const index = workbench.index(scenario)
    // One gravity matrix per scenario for both routings (runHubs's default: 1 Gbit/s in all).
    const gravity = demandsFromGravity(index, { totalGbps: 1 })
    for (const routing of ROUTINGS) {
      // Betweenness does not depend on the routing and the table lists it once, from the shortest-path run.
      const answer = await runHubs(index, { hubs: { routing, metric: 'latency', top: options.topNodes ?? 5 } }, gravity.document, {
        scenario,
        sourceName: gravity.source,
        betweenness: routing === 'shortest',
      })
      source = answer.demands.source
      countries ??= answer.countries.slice(0, 5).map((c) => c.country)
      for (const country of countries) {
        const found = answer.countries.find((c) => c.country === country)
        rows.push({ scenario, routing, country, transitShare: found?.transitShare ?? 0, europeAsiaShare: found?.europeAsiaShare ?? null })
      }
      if (routing === 'shortest') nodes.push(...answer.nodes.map((n) => ({ scenario, id: n.id, name: n.name, country: n.country, betweenness: n.normalised })))
    }
  }
  return { demandSource: source, rows, nodes }
}
