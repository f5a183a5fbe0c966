import Type, { type Static, type TSchema } from 'typebox'
import { AVAILABILITY_METHODS } from '../resilience'
import { METRICS, RouteConstraintsSchema } from '../routing'

/**
 * The corridor report and the scenario comparison as they leave the engine: one declaration for the CLI's
 * --json, the HTTP API (`/report`, `/compare`) and the web app's types. Objects are closed
 * (additionalProperties: false), so a field the engine adds without declaring it fails the schema test.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const NullableNumber = Nullable(Type.Number())
const Strings = (description?: string) => Type.Array(Type.String(), description ? { description } : {})
const closed = { additionalProperties: false } as const

export const ClaimCheckSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    from: Type.String(),
    to: Type.String(),
    baselineScenario: Type.String(),
    targetScenario: Type.String(),
    baselineKm: NullableNumber,
    targetKm: NullableNumber,
    savedKm: NullableNumber,
    baselineOneWayMs: NullableNumber,
    targetOneWayMs: NullableNumber,
    claimedBaselineKm: NullableNumber,
    claimedTargetKm: Type.Number(),
    claimedSavedKm: Type.Number(),
    claimedBaselineOneWayMs: NullableNumber,
    claimedTargetOneWayMs: NullableNumber,
    targetDeviationKm: Type.Union([Type.Number(), Type.Null()], { description: 'Computed − claimed target length, km' }),
    targetDeviationPct: Type.Union([Type.Number(), Type.Null()], { description: 'Computed − claimed target length, % of the claim' }),
    savedDeviationKm: NullableNumber,
    verdict: Type.String(),
    sources: Strings("Ids in the network's sources table"),
    note: Type.String(),
  },
  { ...closed, description: 'A public claim beside what silkway computes from the two scenarios, with the deviation' },
)

export const ScenarioSummarySchema = Type.Object(
  {
    name: Type.String(),
    title: Type.Optional(Type.String()),
    isDefault: Type.Boolean(),
    nodes: Type.Integer(),
    links: Type.Integer(),
    routeKm: Type.Number(),
    submarineKm: Type.Number(),
    countries: Strings(),
    lengthMethods: Type.Object(
      { declared: Type.Integer(), geodesic: Type.Integer(), 'great-circle-estimate': Type.Integer(), unknown: Type.Integer() },
      { ...closed, description: 'Links by how their length is known (LENGTH_METHODS)' },
    ),
  },
  closed,
)

export const RouteSummarySchema = Type.Object(
  { lengthKm: NullableNumber, oneWayMs: NullableNumber, rttMs: NullableNumber, stretch: NullableNumber, countries: Strings(), nodeNames: Strings() },
  closed,
)

export const CorridorRouteSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    scenario: Type.String(),
    greatCircleKm: NullableNumber,
    fastest: Nullable(RouteSummarySchema),
    avoidingRussia: Type.Union([RouteSummarySchema, Type.Null()], { description: "Fastest route with no node in and no link across Russia (the endpoints' own countries exempt)" }),
    unreachable: Type.Optional(Type.String()),
    avoidingRussiaUnreachable: Type.Optional(Type.String()),
  },
  closed,
)

export const SinglePointOfFailureSchema = Type.Object(
  { link: Type.String(), pairsDisconnected: Type.Integer({ description: "Pairs of traffic nodes the link's failure cuts off" }), srlgs: Strings() },
  closed,
)

const ProtectedAvailability = Nullable(Type.Object({ availabilityPct: Type.Number(), downtimeMinutesPerYear: Type.Number(), method: Type.Enum([...AVAILABILITY_METHODS]) }, closed))

export const PairAvailabilityRowSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    protections: Type.Object(
      { none: ProtectedAvailability, '1+1': ProtectedAvailability, restoration: ProtectedAvailability },
      { ...closed, description: 'Per protection (PROTECTIONS): availability %, downtime minutes a year and how it was computed; null when unreachable' },
    ),
  },
  closed,
)

export const ScenarioResilienceSchema = Type.Object(
  {
    scenario: Type.String(),
    links: Type.Integer(),
    singlePointsOfFailure: Type.Union([Type.Array(SinglePointOfFailureSchema), Type.Null()], { description: 'null when the report was asked to skip the sweep (skipSweep)' }),
    availability: Type.Array(PairAvailabilityRowSchema),
  },
  closed,
)

export const ProfileSummarySchema = Type.Object(
  {
    id: Type.String(),
    version: Type.String(),
    groupIndex: Type.Number({ description: "The profile's fiber.groupIndex" }),
    nodeDelayMs: Type.Number(),
    routeFactorTerrestrial: Type.Number(),
    routeFactorSubmarine: Type.Number(),
  },
  { ...closed, description: 'The physical profile the answers were computed with' },
)

export const HubReportSchema = Type.Object(
  {
    demandSource: Type.String({ description: 'The demands the shares are of (the gravity model and its weights)' }),
    rows: Type.Array(
      Type.Object(
        {
          scenario: Type.String(),
          routing: Type.Enum(['shortest', 'optimal']),
          country: Type.String(),
          transitShare: Type.Number({ description: 'Share of all demand crossing the country in transit' }),
          europeAsiaShare: NullableNumber,
        },
        closed,
      ),
    ),
    nodes: Type.Array(
      Type.Object(
        { scenario: Type.String(), id: Type.String(), name: Type.String(), country: Nullable(Type.String()), betweenness: Type.Number({ description: 'Normalised: ÷ (n−1)(n−2)/2' }) },
        closed,
      ),
    ),
  },
  { ...closed, description: 'Transit shares before and after, and the nodes of highest betweenness (issue 10 §6)' },
)

export const CorridorReportSchema = Type.Object(
  {
    network: Type.Object({ name: Type.Optional(Type.String()), sources: Type.Integer(), srlgs: Type.Integer() }, closed),
    profile: ProfileSummarySchema,
    scenarios: Type.Array(ScenarioSummarySchema),
    claims: Type.Array(ClaimCheckSchema),
    europeChina: Type.Array(CorridorRouteSchema),
    resilience: Type.Optional(Type.Array(ScenarioResilienceSchema, { description: 'Single points of failure and pair availability per scenario, when asked for' })),
    hubs: Type.Optional(HubReportSchema),
  },
  { ...closed, title: 'silkway corridor report', description: 'The same JSON as `silkway report --json`' },
)

export const ScenarioRouteSchema = Type.Object(
  {
    lengthKm: NullableNumber,
    oneWayMs: NullableNumber,
    rttMs: NullableNumber,
    stretch: NullableNumber,
    nodes: Strings('Node ids, source first'),
    countries: Strings(),
    expectedRttMs: Type.Optional(Type.Number({ description: 'With a calibration: the expected RTT, ms (rttMs stays the floor; docs/calibration.md)' })),
    expectedRttToleranceMs: Type.Optional(Type.Number({ description: "The ± of expectedRttMs: the calibration's held-out RMS error, ms" })),
  },
  closed,
)

export const PairComparisonSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    fromName: Type.String(),
    toName: Type.String(),
    greatCircleKm: NullableNumber,
    base: Nullable(ScenarioRouteSchema),
    target: Nullable(ScenarioRouteSchema),
    baseUnreachable: Type.Optional(Type.String({ description: 'Why the base has no route (no path, or the constraints exclude every path)' })),
    targetUnreachable: Type.Optional(Type.String()),
    lengthDiffKm: Type.Union([Type.Number(), Type.Null()], { description: 'target − base; negative means the target scenario is shorter' }),
    rttDiffMs: Type.Union([Type.Number(), Type.Null()], { description: 'target − base; negative means the target scenario is faster' }),
  },
  closed,
)

export const ComparisonSchema = Type.Object(
  { base: Type.String(), target: Type.String(), metric: Type.Enum([...METRICS]), constraints: RouteConstraintsSchema, pairs: Type.Array(PairComparisonSchema) },
  { ...closed, title: 'silkway scenario comparison', description: 'The same JSON as `silkway compare --json`' },
)

export type ClaimCheck = Static<typeof ClaimCheckSchema>
export type ScenarioSummary = Static<typeof ScenarioSummarySchema>
export type RouteSummary = Static<typeof RouteSummarySchema>
export type CorridorRoute = Static<typeof CorridorRouteSchema>
export type SinglePointOfFailure = Static<typeof SinglePointOfFailureSchema>
export type PairAvailabilityRow = Static<typeof PairAvailabilityRowSchema>
export type ScenarioResilience = Static<typeof ScenarioResilienceSchema>
export type CorridorReport = Static<typeof CorridorReportSchema>
export type ScenarioRoute = Static<typeof ScenarioRouteSchema>
export type PairComparison = Static<typeof PairComparisonSchema>
export type Comparison = Static<typeof ComparisonSchema>
export type HubReport = Static<typeof HubReportSchema>
