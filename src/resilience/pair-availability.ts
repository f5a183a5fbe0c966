import { disjointPaths, shortestPath } from '../graph'
import { MINUTES_PER_YEAR, SilkwayError, round } from '../model'
import { type PathResult, type RoutingIndex, describePath, resolveNode } from '../routing'
import { monteCarloAvailability, protectedAvailability, seriesAvailability, twoTerminalAvailability } from './availability'
import { latencySearch, nodeRef } from './common'
import { linkReliability } from './reliability'
import type { AvailabilityAnswer, AvailabilityMethod, AvailabilityQuery } from './schema'

/** Factoring work (edges reduced, summed over steps) before restoration falls back to Monte Carlo. */
export const FACTORING_BUDGET = 4_000_000

/** Pair availability under independent link failures (model: docs/resilience.md). */
export function pairAvailability(index: RoutingIndex, query: AvailabilityQuery, scenario?: string): AvailabilityAnswer {
  const protection = query.protection ?? 'none'
  const s = resolveNode(index, query.from)
  const t = resolveNode(index, query.to)
  if (s === t) throw new SilkwayError('SW_INVALID_ARGUMENT', 'from and to are the same node')
  const reliability = linkReliability(index)
  const u = reliability.unavailability
  const search = latencySearch(index)
  const warnings = reliability.unknownLength.length > 0 ? [`${reliability.unknownLength.length} links of unknown length are counted as never failing`] : []
  let availability: number
  let method: AvailabilityMethod
  let paths: PathResult[] = []
  let interval: [number, number] | undefined
  let samples: number | undefined
  const noPath = () => new SilkwayError('SW_NO_PATH', `no path connects ${index.network.nodes[s].name} and ${index.network.nodes[t].name}`)
  if (protection === 'none') {
    const path = shortestPath(index.graph, s, t, search)
    if (!path) throw noPath()
    availability = seriesAvailability(path.edges, u)
    method = 'series-exact'
    paths = [describePath(index, path)]
  } else if (protection === '1+1') {
    // Two link-disjoint paths of least total latency; where only shared ones exist, the least shared pair.
    const pair = disjointPaths(index.graph, s, t, 2, 'edge', { ...search, sharePenalty: 1e9 }).paths
    if (pair.length === 0) throw noPath()
    if (pair.length === 1) warnings.push('only one path exists: 1+1 is the unprotected path')
    availability = pair.length === 1 ? seriesAvailability(pair[0].edges, u) : protectedAvailability(pair[0].edges, pair[1].edges, u)
    const shared = pair.length === 2 ? pair[0].edges.filter((e) => pair[1].edges.includes(e)) : []
    if (shared.length > 0) warnings.push(`the two paths share ${shared.map((e) => index.network.links[e].id).join(', ')}`)
    method = 'inclusion-exclusion-exact'
    paths = pair.map((p) => describePath(index, p))
  } else {
    const exact = twoTerminalAvailability(index.graph, s, t, u, FACTORING_BUDGET)
    if (exact !== null) {
      availability = exact
      method = 'factoring-exact'
    } else {
      const estimate = monteCarloAvailability(index.graph, s, t, u, { samples: query.samples ?? 200_000, seed: query.seed ?? 1 })
      availability = estimate.availability
      interval = [estimate.confidenceInterval[0], estimate.confidenceInterval[1]]
      samples = estimate.samples
      method = 'monte-carlo'
    }
    if (availability === 0) throw noPath()
  }
  return {
    ...(scenario ? { scenario } : {}),
    from: nodeRef(index, s),
    to: nodeRef(index, t),
    protection,
    availability: round(availability, 10),
    availabilityPct: round(100 * availability, 6),
    downtimeMinutesPerYear: round((1 - availability) * MINUTES_PER_YEAR, 3),
    method,
    ...(interval ? { confidenceInterval: interval.map((x) => round(x, 10)) as [number, number], samples } : {}),
    paths,
    warnings,
  }
}
