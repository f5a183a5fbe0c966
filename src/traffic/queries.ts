import Type from 'typebox'
import { SilkwayError, YearSchema } from '../model'
import { defineQuery } from '../query'
import { ConstraintParams, constraintsFromParams } from '../routing/params'
import { METRICS, type Metric } from '../routing/schema'
import { CAPACITY_BASES, type CapacityBasis, UNKNOWN_CAPACITY_POLICIES, type UnknownCapacityPolicy } from './capacity'
import { LP_OBJECTIVES, type LpObjective } from './lp'
import type { CapacityQuery, FlowQuery, HubsQuery, MaxflowQuery, Routing } from './schema'
import { ROUTINGS, SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type SweepFailureMode, type SweepRouting, type TrafficSweepQuery } from './schema'

/*
 * The parameter declarations alone, apart from the code that answers them (./params.ts): the web app reads its
 * Traffic tab's form fields from these (fieldsOf) without bundling the flow, gravity and geodesic code.
 */

/** The traffic questions' parameters as every surface names them, declared once (see src/query). */

export const CapacityParams = {
  capacity: Type.Optional(Type.Enum([...CAPACITY_BASES], { default: 'design', description: `capacity each link holds in each direction: ${CAPACITY_BASES.join(' | ')}` })),
  uniformGbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'every link’s capacity with --capacity uniform, Gbit/s' })),
  defaultGbps: Type.Optional(Type.Number({ minimum: 0, description: 'capacity of links the basis gives none, Gbit/s (reported as assumed)' })),
  unknown: Type.Optional(
    Type.Enum([...UNKNOWN_CAPACITY_POLICIES], { default: 'uncapacitated', description: 'links of unknown capacity: uncapacitated (listed) | exclude (carry nothing)' }),
  ),
}

export function capacityFromParams(p: { capacity?: string; uniformGbps?: number; defaultGbps?: number; unknown?: string }): CapacityQuery {
  return {
    basis: (p.capacity ?? 'design') as CapacityBasis,
    unknown: (p.unknown ?? 'uncapacitated') as UnknownCapacityPolicy,
    ...(p.uniformGbps !== undefined ? { uniformGbps: p.uniformGbps } : {}),
    ...(p.defaultGbps !== undefined ? { defaultGbps: p.defaultGbps } : {}),
  }
}

/**
 * The largest gravity total: one demand's ceiling in a demands document (DemandsSchema, 10⁹ Gbit/s). Beyond it
 * the sums overflowed to Infinity (1e308 answered 500, and a document of `null` Gbit/s).
 */
const MAX_TOTAL_GBPS = 1e9

export const GravityParams = {
  totalGbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_TOTAL_GBPS, description: 'without a demands file: gravity-model demands between the weighted nodes summing to this, Gbit/s' })),
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

export function gravityFromParams(p: { totalGbps?: number; distanceExponent?: number }): GravitySpec | undefined {
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
  summary: 'failure × traffic: reroute the demands after every single link, SRLG or country failure; Gbit/s unrouted, overloads, the capacity each link needs',
  params: Type.Object(
    {
      failures: Type.Optional(
        Type.Enum([...SWEEP_FAILURE_MODES], {
          default: 'link',
          description: `failure states: ${SWEEP_FAILURE_MODES.join(' | ')} (every link alone, every SRLG's links together, or every link crossing or landing in a country)`,
        }),
      ),
      routing: Type.Optional(Type.Enum([...SWEEP_ROUTINGS], { default: 'shortest', description: `rerouting after a failure: ${SWEEP_ROUTINGS.join(' | ')} (optimal: one min-max-utilisation LP per state)` })),
      metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: `path cost: ${METRICS.join(' | ')}` })),
      top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 20, description: 'failure states listed by impact (all are swept)' })),
      timeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400, description: 'optimal rerouting: time budget of the whole sweep, seconds (states left when it is spent have no routing)' })),
      stateTimeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, description: "optimal rerouting: each state's LP time limit, seconds (its best routing is kept)" })),
      ...CapacityParams,
      ...GravityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p, label): { sweep: TrafficSweepQuery; gravity?: GravitySpec } => {
    const constraints = constraintsFromParams(p)
    const sweep: TrafficSweepQuery = {
      failures: (p.failures ?? 'link') as SweepFailureMode,
      routing: (p.routing ?? 'shortest') as SweepRouting,
      metric: (p.metric ?? 'latency') as Metric,
      capacity: capacityFromParams(p),
      top: p.top ?? 20,
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
      ...(p.timeLimitS !== undefined ? { timeLimitS: p.timeLimitS } : {}),
      ...(p.stateTimeLimitS !== undefined ? { stateTimeLimitS: p.stateTimeLimitS } : {}),
    }
    if ((p.timeLimitS !== undefined || p.stateTimeLimitS !== undefined) && sweep.routing !== 'optimal') {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `${label(p.timeLimitS !== undefined ? 'timeLimitS' : 'stateTimeLimitS')} bounds optimal rerouting only: give ${label('routing')} optimal`, { field: p.timeLimitS !== undefined ? 'timeLimitS' : 'stateTimeLimitS' })
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
      totalGbps: Type.Number({ exclusiveMinimum: 0, maximum: MAX_TOTAL_GBPS, description: 'sum of the demands in the base year, Gbit/s' }),
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
