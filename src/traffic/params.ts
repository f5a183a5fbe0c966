import { corridorCityWeights, countryGroups } from '../data'
import { SilkwayError } from '../model'
import type { RoutingIndex } from '../routing'
import type { Highs } from 'highs'
import type { DemandsDocument } from '../model'
import type { QuerySpec } from '../query'
import { flow } from './flow'
import { resolveDemandsOrThrow } from './demands'
import { gravityDemands, type NodeWeight } from './gravity'
import { hubs } from './hubs'
import type { flowQuery, GravitySpec, hubsQuery, trafficSweepQuery } from './queries'
import type { FlowResponse, HubsResponse, MaxflowQuery, MaxflowResponse } from './schema'
import { throughput } from './throughput'
import { type OptimalNormalState, type OptimalSweepOptions, rankTrafficSweep, solveOptimalNormal, type Swept, sweepOptimalStates, sweepPart, sweepStates, type TrafficSweepPart, type TrafficSweepResponse } from './failure-sweep'
import { sweepFailureSets } from './failures'

export { flowQuery, gravityQuery, hubsQuery, maxflowQuery, trafficSweepQuery, type GravitySpec } from './queries'

/** The domain query a spec's `toQuery` yields. */
type ParamsQuery<S> = S extends QuerySpec<infer _P, infer Q> ? Q : never

/** The country groups node sets and the Europe–Asia share use. */
export { countryGroups }

/**
 * Gravity weights for a network: the corridor's city populations for the nodes it has, else every node
 * with coordinates weighing 1 (said in `source`), so a Topology Zoo file gets a distance-only matrix.
 */
export function gravityWeights(index: RoutingIndex): { weights: NodeWeight[]; source: string } {
  const present = corridorCityWeights.filter((w) => index.nodeIndex.has(w.node))
  if (present.length >= 2) return { weights: present.map((w) => ({ node: w.node, weight: w.weight })), source: 'city populations (GeoNames, src/data/city-weights.json)' }
  const weights = index.network.nodes.filter((n) => n.lat !== undefined && n.lon !== undefined).map((n) => ({ node: n.id, weight: 1 }))
  return { weights, source: 'every node with coordinates at weight 1 (no weights ship for this network)' }
}

/**
 * The gravity demands a question asks for, on this network's weights, with the profile's γ and growth where
 * the question gives none. The profile must have a `traffic` section when neither is given.
 */
export function demandsFromGravity(index: RoutingIndex, spec: GravitySpec): { document: DemandsDocument; source: string } {
  const { weights, source } = gravityWeights(index)
  const traffic = index.profile.traffic
  const distanceExponent = spec.distanceExponent ?? traffic?.gravityDistanceExponent.value
  if (distanceExponent === undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', 'the profile has no traffic.gravityDistanceExponent: give distanceExponent', { field: 'distanceExponent' })
  const growthPerYear = spec.year !== undefined ? (spec.growthPerYear ?? traffic?.demandGrowthPerYear.value) : spec.growthPerYear
  const document = gravityDemands(index, {
    weights,
    totalGbps: spec.totalGbps,
    distanceExponent,
    ...(spec.baseYear !== undefined ? { baseYear: spec.baseYear } : {}),
    ...(spec.year !== undefined ? { year: spec.year } : {}),
    ...(growthPerYear !== undefined ? { growthPerYear } : {}),
    ...(spec.noise !== undefined ? { noise: spec.noise, seed: spec.seed ?? 1 } : {}),
    weightSource: source,
  })
  return { document, source: `gravity model (γ ${distanceExponent}, total ${spec.totalGbps} Gbit/s) over ${source}` }
}

/** Demands from a file the caller read, else the gravity model; a question needs one of the two. */
function demandsFor(index: RoutingIndex, given: DemandsDocument | undefined, gravity: GravitySpec | undefined, fallback?: GravitySpec, sourceName?: string) {
  if (given) return { document: given, source: sourceName ?? 'the demands given' }
  const spec = gravity ?? fallback
  if (!spec) throw new SilkwayError('SW_INVALID_ARGUMENT', 'no demands: give a demands file (CLI --demands FILE, API a POST body) or totalGbps for the gravity model', { field: 'totalGbps' })
  return demandsFromGravity(index, spec)
}

/** `silkway flow` and `/flow`: the same answer from the same parameters. */
export function runFlow(
  index: RoutingIndex,
  query: ParamsQuery<typeof flowQuery>,
  given?: DemandsDocument,
  options: { scenario?: string; highs?: Highs; sourceName?: string; clock?: () => number } = {},
): Promise<FlowResponse> {
  const { document } = demandsFor(index, given, query.gravity, undefined, options.sourceName)
  return flow(index, document, query.flow, {
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.highs ? { highs: options.highs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
}

/**
 * `silkway hubs` and `/hubs`. Without demands or a total, the gravity matrix is normalised to 1 Gbit/s in all:
 * shares and pair-counted betweenness do not depend on the total, and the answer says the total it used.
 */
export function runHubs(
  index: RoutingIndex,
  query: ParamsQuery<typeof hubsQuery>,
  given?: DemandsDocument,
  options: { scenario?: string; highs?: Highs; sourceName?: string; betweenness?: boolean } = {},
): Promise<HubsResponse> {
  const { document, source } = demandsFor(index, given, query.gravity, { totalGbps: 1 }, options.sourceName)
  return hubs(index, document, query.hubs, {
    demandSource: source,
    groups: countryGroups,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.highs ? { highs: options.highs } : {}),
    ...(options.betweenness === false ? { betweenness: false } : {}),
  })
}

/** `silkway maxflow` and `/maxflow`. */
export function runMaxflow(index: RoutingIndex, query: MaxflowQuery, scenario?: string): MaxflowResponse {
  return throughput(index, query, countryGroups, scenario)
}

/** The sweep's demands, resolved: what the server checks before it queues a sweep job (errors located). */
export function trafficSweepDemands(index: RoutingIndex, query: ParamsQuery<typeof trafficSweepQuery>, given?: DemandsDocument): number {
  return resolveDemandsOrThrow(index, demandsFor(index, given, query.gravity).document).length
}

/**
 * `silkway traffic-sweep` and the traffic-sweep job: yields after each failure state (so the edge reports
 * progress and can stop), returns the ranked answer. Optimal rerouting needs `clock` for its time limits.
 */
export async function* runTrafficSweep(
  index: RoutingIndex,
  query: ParamsQuery<typeof trafficSweepQuery>,
  given?: DemandsDocument,
  options: { scenario?: string; sourceName?: string; highs?: Highs; clock?: () => number } = {},
): AsyncGenerator<{ done: number; total: number }, TrafficSweepResponse> {
  const { document } = demandsFor(index, given, query.gravity, undefined, options.sourceName)
  const swept = query.sweep.routing === 'optimal' ? yield* sweepOptimalStates(index, document, query.sweep, optimalOptions(options)) : yield* sweepStates(index, document, query.sweep)
  return rankTrafficSweep(index, query.sweep, swept, options.scenario)
}

const optimalOptions = (options: { highs?: Highs; clock?: () => number; from?: number; to?: number; normal?: OptimalNormalState }): OptimalSweepOptions => ({
  ...(options.highs ? { highs: options.highs } : {}),
  ...(options.clock ? { clock: options.clock } : {}),
  ...(options.from !== undefined ? { from: options.from } : {}),
  ...(options.to !== undefined ? { to: options.to } : {}),
  ...(options.normal ? { normal: options.normal } : {}),
})

/** An optimal sweep's normal state, solved once for all its chunks (the traffic-sweep job, on a worker). */
export function runTrafficSweepNormal(
  index: RoutingIndex,
  query: ParamsQuery<typeof trafficSweepQuery>,
  given: DemandsDocument | undefined,
  options: { highs?: Highs; clock?: () => number } = {},
): Promise<OptimalNormalState> {
  if (query.sweep.routing !== 'optimal') throw new Error('runTrafficSweepNormal: only optimal rerouting solves its normal state apart')
  return solveOptimalNormal(index, demandsFor(index, given, query.gravity).document, query.sweep, optimalOptions(options))
}

/**
 * One chunk of a sweep's failure states, `from` (inclusive) to `to` (exclusive), as a part for
 * `mergeSweepParts`: what the server runs on an analysis worker (optimal rerouting, a few LPs a chunk). With
 * `normal` (optimal rerouting: `runTrafficSweepNormal`) the chunk solves its own states only.
 */
export async function runTrafficSweepPart(
  index: RoutingIndex,
  query: ParamsQuery<typeof trafficSweepQuery>,
  given: DemandsDocument | undefined,
  options: { scenario?: string; highs?: Highs; clock?: () => number; from: number; to: number; normal?: OptimalNormalState },
): Promise<TrafficSweepPart> {
  const { document } = demandsFor(index, given, query.gravity)
  let swept: Swept
  if (query.sweep.routing === 'optimal') {
    const steps = sweepOptimalStates(index, document, query.sweep, optimalOptions(options))
    let next = await steps.next()
    while (!next.done) next = await steps.next()
    swept = next.value
  } else {
    const steps = sweepStates(index, document, query.sweep, options)
    let next = steps.next()
    while (!next.done) next = steps.next()
    swept = next.value
  }
  return sweepPart(index, query.sweep, swept, options.scenario)
}

/** How many failure states a sweep has (the server splits them into chunks). */
export function trafficSweepStateCount(index: RoutingIndex, query: ParamsQuery<typeof trafficSweepQuery>): number {
  return sweepFailureSets(index, query.sweep.failures).failures.length
}
