import Type, { type Static } from 'typebox'
import { YearSchema } from '../model'
import { METRICS, RouteConstraintsSchema } from '../routing'
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
  objectiveValue: NullableNumber,
  gap: NullableNumber,
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
  totals: Type.Object({ demandGbps: Type.Number(), routedGbps: Type.Number(), unroutedGbps: Type.Number() }),
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
