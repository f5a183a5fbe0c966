import Type, { type Static } from 'typebox'
import { LINK_KINDS, YearSchema } from '../model'

/** Route queries and answers: one declaration for the CLI's --json, the HTTP API and its OpenAPI document. */

export const METRICS = ['latency', 'length', 'hops'] as const
export type Metric = (typeof METRICS)[number]

export const RouteConstraintsSchema = Type.Object(
  {
    avoidCountries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { description: 'No node in, and no link crossing, these countries' })),
    allowEndpointCountries: Type.Optional(
      Type.Boolean({ description: "Exempt the endpoints' and waypoints' own countries from avoidCountries", default: false }),
    ),
    avoidOperators: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'No link operated by these (case-insensitive)' })),
    avoidKinds: Type.Optional(Type.Array(Type.Enum([...LINK_KINDS]), { description: 'No link of these kinds' })),
    avoidNodes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    avoidLinks: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    year: Type.Optional(YearSchema('Only links in service by this year')),
  },
  { additionalProperties: false },
)

export const RouteQuerySchema = Type.Object(
  {
    from: Type.String({ minLength: 1, description: 'Node id or name' }),
    to: Type.String({ minLength: 1, description: 'Node id or name' }),
    k: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1, description: 'Number of loopless paths, best first' })),
    metric: Type.Optional(Type.Enum([...METRICS], { default: 'latency' })),
    via: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 8, description: 'Waypoints, in order' })),
    constraints: Type.Optional(RouteConstraintsSchema),
  },
  { additionalProperties: false },
)

export const NodeRefSchema = Type.Object({ id: Type.String(), name: Type.String(), country: Type.Optional(Type.String()) })
const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const PathResultSchema = Type.Object({
  nodes: Type.Array(Type.String(), { description: 'Node ids, source first' }),
  nodeNames: Type.Array(Type.String()),
  links: Type.Array(Type.String(), { description: 'Link ids in path order' }),
  hops: Type.Integer(),
  lengthKm: NullableNumber,
  oneWayMs: NullableNumber,
  rttMs: NullableNumber,
  stretch: NullableNumber,
  countries: Type.Array(Type.String(), { description: 'Jurisdictions the path touches, in path order' }),
  lengthBreakdownKm: Type.Object({
    declared: Type.Number(),
    geodesic: Type.Number(),
    estimated: Type.Number(),
    unknownLinks: Type.Integer(),
  }, { description: 'declared includes shares of declared chain lengths; estimated includes per-link sourced route factors' }),
  dependsOn: Type.Object(
    {
      inferredAlignmentLinks: Type.Array(Type.String(), { description: 'Links of the path whose alignment is inferred (alignmentInferred)' }),
      weakSources: Type.Array(Type.String(), { description: 'Sources flagged weak that a link or node of the path cites' }),
    },
    { description: 'What the result rests on that no strong source fixes' },
  ),
  expectedRttMs: Type.Optional(
    Type.Number({ description: 'With a calibration: the RTT a service is expected to see on this path, ms (rttMs stays the physical floor)' }),
  ),
  expectedRttToleranceMs: Type.Optional(Type.Number({ description: "The ± of expectedRttMs: the calibration's held-out (leave-one-out) RMS error, ms" })),
})

export const RouteResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  metric: Type.Enum([...METRICS]),
  from: NodeRefSchema,
  to: NodeRefSchema,
  via: Type.Array(NodeRefSchema),
  greatCircleKm: NullableNumber,
  vacuumRttMs: NullableNumber,
  constraints: RouteConstraintsSchema,
  paths: Type.Array(PathResultSchema),
  calibration: Type.Optional(
    Type.Object(
      {
        id: Type.String(),
        version: Type.String(),
        scenario: Type.String({ description: 'Scenario the calibration was fitted on' }),
        toleranceMs: Type.Number(),
        terms: Type.Array(Type.String()),
      },
      { description: 'The calibration expectedRttMs comes from (docs/calibration.md)' },
    ),
  ),
  warnings: Type.Array(Type.String()),
})

export type RouteConstraints = Static<typeof RouteConstraintsSchema>
export type RouteQuery = Static<typeof RouteQuerySchema>
export type PathResult = Static<typeof PathResultSchema>
export type RouteResponse = Static<typeof RouteResponseSchema>
export type NodeRef = Static<typeof NodeRefSchema>
