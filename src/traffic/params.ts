import Type from 'typebox'
import { corridorCityWeights, countryGroups } from '../data'
import { SilkwayError, YearSchema } from '../model'
import { defineQuery } from '../query'
import { ConstraintParams, constraintsFromParams, METRICS, type Metric, type RoutingIndex } from '../routing'
import { CAPACITY_BASES, type CapacityBasis, UNKNOWN_CAPACITY_POLICIES, type UnknownCapacityPolicy } from './capacity'
import type { Highs } from 'highs'
import type { DemandsDocument } from '../model'
import type { QuerySpec } from '../query'
import { flow } from './flow'
import { resolveDemandsOrThrow } from './demands'
import { gravityDemands, type NodeWeight } from './gravity'
import { hubs } from './hubs'
import { LP_OBJECTIVES, type LpObjective } from './lp'
import type { CapacityQuery, FlowQuery, FlowResponse, HubsQuery, HubsResponse, MaxflowQuery, MaxflowResponse, Routing } from './schema'
import { ROUTINGS } from './schema'
import { throughput } from './throughput'
import { rankTrafficSweep, SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type SweepFailureMode, type SweepRouting, sweepStates, type TrafficSweepQuery, type TrafficSweepResponse } from './failure-sweep'

/** The domain query a spec's `toQuery` yields. */
type ParamsQuery<S> = S extends QuerySpec<infer _P, infer Q> ? Q : never

/** The traffic questions' parameters as every surface names them, declared once (see src/query). */

const CapacityParams = {
  capacity: Type.Optional(Type.Enum([...CAPACITY_BASES], { default: 'design', description: `capacity each link holds in each direction: ${CAPACITY_BASES.join(' | ')}` })),
  uniformGbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'every link’s capacity with --capacity uniform, Gbit/s' })),
  defaultGbps: Type.Optional(Type.Number({ minimum: 0, description: 'capacity of links the basis gives none, Gbit/s (reported as assumed)' })),
  unknown: Type.Optional(
    Type.Enum([...UNKNOWN_CAPACITY_POLICIES], { default: 'uncapacitated', description: 'links of unknown capacity: uncapacitated (listed) | exclude (carry nothing)' }),
  ),
}

function capacityFromParams(p: { capacity?: string; uniformGbps?: number; defaultGbps?: number; unknown?: string }): CapacityQuery {
  return {
    basis: (p.capacity ?? 'design') as CapacityBasis,
    unknown: (p.unknown ?? 'uncapacitated') as UnknownCapacityPolicy,
    ...(p.uniformGbps !== undefined ? { uniformGbps: p.uniformGbps } : {}),
    ...(p.defaultGbps !== undefined ? { defaultGbps: p.defaultGbps } : {}),
  }
}

const GravityParams = {
  totalGbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'without a demands file: gravity-model demands between the weighted nodes summing to this, Gbit/s' })),
  distanceExponent: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: "gravity model's distance exponent γ (default: the profile's)" })),
}

/** Gravity-model demands to generate when the question brings no demands of its own. */
export interface GravitySpec {
  totalGbps: number
  distanceExponent?: number
  baseYear?: number
  year?: number
  growthPerYear?: number
  noise?: number
  seed?: number
}

function gravityFromParams(p: { totalGbps?: number; distanceExponent?: number }): GravitySpec | undefined {
  if (p.totalGbps === undefined) return undefined
  return { totalGbps: p.totalGbps, ...(p.distanceExponent !== undefined ? { distanceExponent: p.distanceExponent } : {}) }
}

export const flowQuery = defineQuery({
  name: 'flow',
  summary: 'route a demand set onto link capacities (shortest path, ECMP or optimal LP): loads, utilisation, what does not fit',
  params: Type.Object(
    {
      routing: Type.Optional(Type.Enum([...ROUTINGS], { default: 'shortest', description: `${ROUTINGS.join(' | ')} (optimal: HiGHS LP)` })),
      objective: Type.Optional(Type.Enum([...LP_OBJECTIVES], { default: 'min-max-utilisation', description: `of optimal routing: ${LP_OBJECTIVES.join(' | ')}` })),
      metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: `path cost: ${METRICS.join(' | ')}` })),
      timeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, description: 'solver time limit of optimal routing, seconds' })),
      ...CapacityParams,
      ...GravityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): { flow: FlowQuery; gravity?: GravitySpec } => {
    const constraints = constraintsFromParams(p)
    const flow: FlowQuery = {
      routing: (p.routing ?? 'shortest') as Routing,
      metric: (p.metric ?? 'latency') as Metric,
      capacity: capacityFromParams(p),
      ...(p.routing === 'optimal' ? { objective: (p.objective ?? 'min-max-utilisation') as LpObjective } : {}),
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
      ...(p.timeLimitS !== undefined ? { timeLimitS: p.timeLimitS } : {}),
    }
    const gravity = gravityFromParams(p)
    return gravity ? { flow, gravity } : { flow }
  },
})

const NodeSet = (description: string) => Type.String({ minLength: 1, maxLength: 10_000, description, 'x-placeholder': '<items>' })

export const maxflowQuery = defineQuery({
  name: 'maxflow',
  summary: 'how much two node sets can exchange, and the bottleneck: max flow and a minimum cut named by links, operators, countries',
  params: Type.Object(
    {
      fromSet: NodeSet('one side: comma-separated node ids or names, country:XX, group:NAME (groups: europe, asia — UN M49)'),
      toSet: NodeSet('the other side, same syntax; the sets must not overlap'),
      ...CapacityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): MaxflowQuery => {
    const constraints = constraintsFromParams(p)
    return { fromSet: p.fromSet, toSet: p.toSet, capacity: capacityFromParams(p), ...(Object.keys(constraints).length > 0 ? { constraints } : {}) }
  },
})

export const hubsQuery = defineQuery({
  name: 'hubs',
  summary: 'transit share of demand per country and operator, and betweenness per node and link: where the traffic goes through',
  params: Type.Object(
    {
      routing: Type.Optional(Type.Enum(['shortest', 'optimal'], { default: 'shortest', description: 'shortest | optimal (min-max utilisation LP)' })),
      metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: `path cost: ${METRICS.join(' | ')}` })),
      weightByDemand: Type.Optional(Type.Boolean({ description: 'betweenness weighted by each pair’s Gbit/s' })),
      top: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 10, description: 'nodes and links listed by betweenness' })),
      ...CapacityParams,
      ...GravityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): { hubs: HubsQuery; gravity?: GravitySpec } => {
    const constraints = constraintsFromParams(p)
    const hubs: HubsQuery = {
      routing: (p.routing ?? 'shortest') as 'shortest' | 'optimal',
      metric: (p.metric ?? 'latency') as Metric,
      capacity: capacityFromParams(p),
      top: p.top ?? 10,
      ...(p.weightByDemand ? { weightByDemand: true } : {}),
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    }
    const gravity = gravityFromParams(p)
    return gravity ? { hubs, gravity } : { hubs }
  },
})

export const trafficSweepQuery = defineQuery({
  name: 'traffic-sweep',
  summary: 'failure × traffic: reroute the demands after every single link or SRLG failure; Gbit/s unrouted, overloads, the capacity each link needs',
  params: Type.Object(
    {
      failures: Type.Optional(Type.Enum([...SWEEP_FAILURE_MODES], { default: 'link', description: `failure states: ${SWEEP_FAILURE_MODES.join(' | ')} (every link alone, or every SRLG's links together)` })),
      routing: Type.Optional(Type.Enum([...SWEEP_ROUTINGS], { default: 'shortest', description: `rerouting after a failure: ${SWEEP_ROUTINGS.join(' | ')}` })),
      metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: `path cost: ${METRICS.join(' | ')}` })),
      top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 20, description: 'failure states listed by impact (all are swept)' })),
      ...CapacityParams,
      ...GravityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): { sweep: TrafficSweepQuery; gravity?: GravitySpec } => {
    const constraints = constraintsFromParams(p)
    const sweep: TrafficSweepQuery = {
      failures: (p.failures ?? 'link') as SweepFailureMode,
      routing: (p.routing ?? 'shortest') as SweepRouting,
      metric: (p.metric ?? 'latency') as Metric,
      capacity: capacityFromParams(p),
      top: p.top ?? 20,
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    }
    const gravity = gravityFromParams(p)
    return gravity ? { sweep, gravity } : { sweep }
  },
})

export const gravityQuery = defineQuery({
  name: 'generate',
  summary: 'demands by the gravity model over the weighted nodes (the corridor: city populations, GeoNames), seeded',
  params: Type.Object(
    {
      totalGbps: Type.Number({ exclusiveMinimum: 0, description: 'sum of the demands in the base year, Gbit/s' }),
      baseYear: Type.Optional(YearSchema('year the total applies to')),
      year: Type.Optional(YearSchema('year to generate for, grown from the base year')),
      distanceExponent: GravityParams.distanceExponent,
      growthPerYear: Type.Optional(Type.Number({ exclusiveMinimum: -1, maximum: 10, description: "compound growth a year (default: the profile's)" })),
      noise: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'multiplicative noise: each pair × (1 ± noise), seeded' })),
      seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 1, description: 'seed of the noise' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p, label): GravitySpec => {
    if (p.year !== undefined && p.baseYear === undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', `${label('year')} needs ${label('baseYear')}: the year the total applies to`, { field: 'year' })
    return {
      totalGbps: p.totalGbps,
      ...(p.baseYear !== undefined ? { baseYear: p.baseYear } : {}),
      ...(p.year !== undefined ? { year: p.year } : {}),
      ...(p.distanceExponent !== undefined ? { distanceExponent: p.distanceExponent } : {}),
      ...(p.growthPerYear !== undefined ? { growthPerYear: p.growthPerYear } : {}),
      ...(p.noise !== undefined ? { noise: p.noise, seed: p.seed ?? 1 } : {}),
    }
  },
})

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
export function runFlow(index: RoutingIndex, query: ParamsQuery<typeof flowQuery>, given?: DemandsDocument, options: { scenario?: string; highs?: Highs; sourceName?: string } = {}): Promise<FlowResponse> {
  const { document } = demandsFor(index, given, query.gravity, undefined, options.sourceName)
  return flow(index, document, query.flow, { ...(options.scenario ? { scenario: options.scenario } : {}), ...(options.highs ? { highs: options.highs } : {}) })
}

/**
 * `silkway hubs` and `/hubs`. Without demands or a total, the gravity matrix is normalised to 1 Gbit/s in all:
 * shares and pair-counted betweenness do not depend on the total, and the answer says the total it used.
 */
export function runHubs(index: RoutingIndex, query: ParamsQuery<typeof hubsQuery>, given?: DemandsDocument, options: { scenario?: string; highs?: Highs; sourceName?: string } = {}): Promise<HubsResponse> {
  const { document, source } = demandsFor(index, given, query.gravity, { totalGbps: 1 }, options.sourceName)
  return hubs(index, document, query.hubs, { demandSource: source, groups: countryGroups, ...(options.scenario ? { scenario: options.scenario } : {}), ...(options.highs ? { highs: options.highs } : {}) })
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
 * progress and can stop), returns the ranked answer.
 */
export function* runTrafficSweep(
  index: RoutingIndex,
  query: ParamsQuery<typeof trafficSweepQuery>,
  given?: DemandsDocument,
  options: { scenario?: string; sourceName?: string } = {},
): Generator<{ done: number; total: number }, TrafficSweepResponse> {
  const { document } = demandsFor(index, given, query.gravity, undefined, options.sourceName)
  const swept = yield* sweepStates(index, document, query.sweep)
  return rankTrafficSweep(index, document, query.sweep, swept, options.scenario)
}
