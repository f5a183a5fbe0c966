import Type, { type Static } from 'typebox'
import { YearSchema } from '../model'
import { METRICS, type Metric, type RouteConstraints, RouteConstraintsSchema } from '../routing/schema'
import { CAPACITY_BASES, CAPACITY_METHODS, UNKNOWN_CAPACITY_POLICIES } from './capacity'
import { LP_OBJECTIVES, LP_STATUSES } from './lp'

/**
 * Traffic queries and answers: one declaration for the functions' types and, through thin adapters, the
 * CLI's --json, the HTTP API and its OpenAPI document. The demands document itself is `DemandsSchema`
 * (src/model/demands.ts), a stored document with its own schemaVersion.
 */

export const ROUTINGS = ['shortest', 'ecmp', 'optimal'] as const
export type Routing = (typeof ROUTINGS)[number]

const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const CapacityQuerySchema = Type.Object(
  {
    basis: Type.Optional(Type.Enum([...CAPACITY_BASES], { default: 'design', description: 'design ceiling, lit capacity, or uniformGbps on every link' })),
    uniformGbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Capacity of every link when basis is uniform, Gbit/s' })),
    defaultGbps: Type.Optional(Type.Number({ minimum: 0, description: 'Capacity of links the basis gives none, Gbit/s (reported as assumed)' })),
    unknown: Type.Optional(
      Type.Enum([...UNKNOWN_CAPACITY_POLICIES], {
        default: 'uncapacitated',
        description: 'Links of unknown capacity carry traffic without a limit (and are listed), or none',
      }),
    ),
    overrides: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Number({ minimum: 0 }), { description: 'Gbit/s by link id, replacing the basis' })),
  },
  { additionalProperties: false },
)

export const FlowQuerySchema = Type.Object(
  {
    routing: Type.Optional(Type.Enum([...ROUTINGS], { default: 'shortest' })),
    objective: Type.Optional(Type.Enum([...LP_OBJECTIVES], { default: 'min-max-utilisation', description: 'Objective of optimal routing' })),
    metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: 'Path cost of shortest and ECMP routing, and tie-break of optimal routing' })),
    capacity: Type.Optional(CapacityQuerySchema),
    constraints: Type.Optional(RouteConstraintsSchema),
    timeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, description: 'Solver time limit, seconds (optimal routing)' })),
  },
  { additionalProperties: false },
)

export const FlowPathSchema = Type.Object({
  links: Type.Array(Type.String()),
  gbps: Type.Number(),
  oneWayMs: NullableNumber,
})

export const FlowLinkSchema = Type.Object({
  id: Type.String(),
  loadGbps: Type.Number({ description: 'In each direction (demands are symmetric)' }),
  capacityGbps: Type.Union([Type.Number(), Type.Null()], { description: 'Null where unknown' }),
  capacityMethod: Type.Enum([...CAPACITY_METHODS]),
  utilisation: Type.Union([Type.Number(), Type.Null()], { description: 'load ÷ capacity; null where the capacity is unknown' }),
})

export const FlowDemandSchema = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  gbps: Type.Number(),
  routedGbps: Type.Number(),
  unroutedGbps: Type.Number(),
  fits: Type.Boolean({ description: 'Routed in full and over no link loaded beyond its capacity' }),
  paths: Type.Array(FlowPathSchema),
  pathsTruncated: Type.Optional(Type.Boolean()),
})

export const SolverReportSchema = Type.Object({
  name: Type.Literal('highs'),
  formulation: Type.String(),
  status: Type.Enum([...LP_STATUSES]),
  objectiveValue: Type.Union([Type.Number(), Type.Null()], { description: 'The first objective: U* (min-max) or λ* (max concurrent flow); the incumbent when stopped by the time limit' }),
  bound: Type.Union([Type.Number(), Type.Null()], { description: 'Proven bound on the first objective: a lower bound on U, an upper bound on λ (= objectiveValue at an optimum)' }),
  gap: NullableNumber,
  utilisationTolerance: Type.Number({ description: 'ε of the lexicographic optimum: the second objective (least Gbit/s·ms) is minimised within U ≤ U*(1 + ε)' }),
  columns: Type.Integer(),
  rows: Type.Integer(),
  iterations: Type.Integer(),
})

export const FlowResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  routing: Type.Enum([...ROUTINGS]),
  objective: Type.Union([Type.Enum([...LP_OBJECTIVES]), Type.Null()]),
  metric: Type.Enum([...METRICS]),
  capacity: Type.Object({
    basis: Type.Enum([...CAPACITY_BASES]),
    unknown: Type.Enum([...UNKNOWN_CAPACITY_POLICIES]),
    unknownLinks: Type.Array(Type.String(), { description: 'Links whose capacity is unknown: never silently infinite' }),
  }),
  maxUtilisation: Type.Union([Type.Number(), Type.Null()], { description: 'Over links of known capacity; null when none carries load' }),
  demandScale: Type.Number({ description: 'Factor applied to every demand: λ for max concurrent flow, else 1' }),
  solver: Type.Optional(SolverReportSchema),
  totals: Type.Object({
    demandGbps: Type.Number(),
    routedGbps: Type.Number(),
    unroutedGbps: Type.Number(),
    latencyGbpsMs: Type.Union([Type.Number(), Type.Null()], {
      description: 'Σ over every path of its Gbit/s × one-way ms: the latency-weighted load, the second objective of optimal routing (null if a path has no latency)',
    }),
  }),
  overloadedLinks: Type.Array(Type.String()),
  links: Type.Array(FlowLinkSchema),
  demands: Type.Array(FlowDemandSchema),
  warnings: Type.Array(Type.String()),
})

export const GravityQuerySchema = Type.Object(
  {
    totalGbps: Type.Number({ exclusiveMinimum: 0, description: 'Sum of the demands in baseYear, Gbit/s' }),
    baseYear: YearSchema(),
    year: Type.Optional(YearSchema('Year to generate for (grown from baseYear)')),
    distanceExponent: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: "Default: the profile's traffic.gravityDistanceExponent" })),
    growthPerYear: Type.Optional(Type.Number({ exclusiveMinimum: -1, description: "Default: the profile's traffic.demandGrowthPerYear" })),
    minDistanceKm: Type.Optional(Type.Number({ minimum: 0 })),
    minGbps: Type.Optional(Type.Number({ minimum: 0 })),
    noise: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Uniform multiplicative noise: each pair × (1 ± noise), seeded' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
  },
  { additionalProperties: false },
)

export type CapacityQuery = Static<typeof CapacityQuerySchema>
export type FlowQuery = Static<typeof FlowQuerySchema>
export type FlowResponse = Static<typeof FlowResponseSchema>
export type FlowLink = Static<typeof FlowLinkSchema>
export type FlowDemand = Static<typeof FlowDemandSchema>
export type GravityQuery = Static<typeof GravityQuerySchema>

const CapacityUsedSchema = Type.Object({
  basis: Type.Enum([...CAPACITY_BASES]),
  unknown: Type.Enum([...UNKNOWN_CAPACITY_POLICIES]),
  unknownLinks: Type.Array(Type.String(), { description: 'Links whose capacity is unknown: never silently infinite' }),
})

export const MaxflowQuerySchema = Type.Object(
  {
    fromSet: Type.String({ minLength: 1, description: 'Comma-separated node ids or names, country:XX and group:NAME items' }),
    toSet: Type.String({ minLength: 1, description: 'The other side, in the same syntax; no node may be in both' }),
    capacity: Type.Optional(CapacityQuerySchema),
    constraints: Type.Optional(RouteConstraintsSchema),
  },
  { additionalProperties: false },
)

const NodeSetAnswerSchema = Type.Object({
  set: Type.String({ description: 'As written' }),
  nodes: Type.Array(Type.String(), { description: 'Node ids the set holds and that the constraints leave usable' }),
  excluded: Type.Array(Type.String(), { description: 'Node ids of the set that the constraints exclude' }),
})

export const CutLinkSchema = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  a: Type.String(),
  b: Type.String(),
  capacityGbps: Type.Number({ description: 'In each direction; 0 for a link that carries nothing under the capacity basis' }),
  capacityMethod: Type.Enum([...CAPACITY_METHODS]),
  operators: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
})

export const MaxflowResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  from: NodeSetAnswerSchema,
  to: NodeSetAnswerSchema,
  valueGbps: Type.Union([Type.Number(), Type.Null()], { description: 'Maximum flow in each direction, Gbit/s; null when unbounded' }),
  unbounded: Type.Boolean({ description: 'A path of links of unknown (uncapacitated) capacity joins the sets' }),
  unboundedPath: Type.Optional(Type.Array(Type.String(), { description: 'Link ids of one such path' })),
  capacity: CapacityUsedSchema,
  cut: Type.Array(CutLinkSchema, { description: 'A minimum cut: the links whose capacities sum to the maximum flow (the bottleneck)' }),
  cutCountries: Type.Array(Type.String(), { description: 'Countries the cut links cross, sorted' }),
  cutOperators: Type.Array(Type.String(), { description: 'Operators of the cut links, sorted' }),
  links: Type.Array(
    Type.Object({ id: Type.String(), flowGbps: Type.Number({ description: 'Net flow, positive from a to b' }) }),
    { description: 'Links carrying flow in one maximum flow (one of possibly many)' },
  ),
  warnings: Type.Array(Type.String()),
})

export const HUB_DEMAND_SCOPES = ['europe-asia', 'all'] as const

export const HubsQuerySchema = Type.Object(
  {
    routing: Type.Optional(Type.Enum(['shortest', 'optimal'], { default: 'shortest' })),
    metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency' })),
    capacity: Type.Optional(CapacityQuerySchema),
    constraints: Type.Optional(RouteConstraintsSchema),
    weightByDemand: Type.Optional(Type.Boolean({ description: 'Betweenness weighted by the Gbit/s of each pair, not one per pair' })),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 10, description: 'Nodes and links listed by betweenness' })),
  },
  { additionalProperties: false },
)

const TransitShareSchema = Type.Object({
  transitShare: Type.Number({ description: 'Share of all demand (Gbit/s) whose paths cross the country without starting or ending there' }),
  transitGbps: Type.Number(),
  europeAsiaShare: Type.Union([Type.Number(), Type.Null()], { description: 'The same share of the Europe–Asia demand; null when there is none' }),
  europeAsiaGbps: Type.Number(),
})

export const HubsResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  routing: Type.Enum(['shortest', 'optimal']),
  metric: Type.Enum([...METRICS]),
  demands: Type.Object({
    count: Type.Integer(),
    totalGbps: Type.Number(),
    europeAsiaGbps: Type.Number({ description: 'Demand with one end in group:europe and the other in group:asia (UN M49)' }),
    unroutedGbps: Type.Number(),
    source: Type.String({ description: 'Where the demands come from (a file, or the gravity model and its weights)' }),
  }),
  countries: Type.Array(Type.Object({ country: Type.String(), ...TransitShareSchema.properties }), { description: 'By transit share of all demand, largest first' }),
  operators: Type.Array(
    Type.Object({
      operator: Type.String(),
      share: Type.Number({ description: 'Share of all demand carried over a link of the operator' }),
      gbps: Type.Number(),
      europeAsiaShare: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  nodes: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      country: Type.Union([Type.String(), Type.Null()]),
      betweenness: Type.Number({ description: 'Pairs (or Gbit/s when weighted by demand) whose shortest paths pass through the node' }),
      normalised: Type.Number({ description: 'Betweenness ÷ the pairs of other nodes, (n−1)(n−2)/2 (unweighted only; else ÷ total demand)' }),
    }),
  ),
  links: Type.Array(Type.Object({ id: Type.String(), betweenness: Type.Number() })),
  capacity: Type.Optional(CapacityUsedSchema),
  warnings: Type.Array(Type.String()),
})

export type MaxflowQuery = Static<typeof MaxflowQuerySchema>
export type MaxflowResponse = Static<typeof MaxflowResponseSchema>
export type CutLink = Static<typeof CutLinkSchema>
export type HubsQuery = Static<typeof HubsQuerySchema>
export type HubsResponse = Static<typeof HubsResponseSchema>

/** The failure × traffic sweep's choices (./failure-sweep.ts), here so the query declarations need no engine code. */
export const SWEEP_FAILURE_MODES = ['link', 'srlg', 'country'] as const
export type SweepFailureMode = (typeof SWEEP_FAILURE_MODES)[number]
export const SWEEP_ROUTINGS = ['shortest', 'ecmp', 'optimal'] as const
export type SweepRouting = (typeof SWEEP_ROUTINGS)[number]

export interface TrafficSweepQuery {
  failures: SweepFailureMode
  routing: SweepRouting
  metric: Metric
  capacity?: CapacityQuery
  constraints?: RouteConstraints
  /** Failure states listed in the ranking (all are swept). */
  top: number
  /** Optimal rerouting: the whole sweep's time budget, seconds (the normal state's LP and every state's). */
  timeLimitS?: number
  /** Optimal rerouting: each LP's time limit, seconds (within what the whole budget leaves). */
  stateTimeLimitS?: number
}

