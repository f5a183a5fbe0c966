import Type, { type Static, type TSchema } from 'typebox'
import { AVAILABILITY_METHODS } from '../resilience'
import { LENGTH_METHODS, METRICS, RouteConstraintsSchema } from '../routing'

/**
 * The corridor report and the scenario comparison as they leave the engine: one declaration for the CLI's
 * --json, the HTTP API (`/report`, `/compare`) and the web app's types. Objects are closed
 * (additionalProperties: false), so a field the engine adds without declaring it fails the schema test.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const NullableNumber = Nullable(Type.Number())
const Strings = (description?: string) => Type.Array(Type.String(), description ? { description } : {})
const closed = { additionalProperties: false } as const

export const ClaimRangeSchema = Type.Object(
  {
    perHopRouteFactor: Type.Number({ description: "One end of the profile's routeFactor.terrestrialPerHop range" }),
    baselineKm: NullableNumber,
    targetKm: NullableNumber,
    savedKm: NullableNumber,
    targetOneWayMs: NullableNumber,
  },
  { ...closed, description: 'The claim computed again with the per-hop route factor at one end of its range' },
)

export const ClaimCheckSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    from: Type.String(),
    to: Type.String(),
    fromAny: Strings('Endpoint set at the "from" end: the nearest counts'),
    toAny: Strings('Endpoint set at the "to" end: the nearest counts'),
    baselineScenario: Type.String(),
    targetScenario: Type.String(),
    baselineKm: NullableNumber,
    targetKm: NullableNumber,
    savedKm: NullableNumber,
    baselineOneWayMs: NullableNumber,
    targetOneWayMs: NullableNumber,
    baselinePath: Nullable(Strings('Node ids of the baseline route')),
    targetPath: Nullable(Strings('Node ids of the target route')),
    claimedBaselineKm: NullableNumber,
    claimedTargetKm: Type.Number(),
    claimedSavedKm: Type.Number(),
    claimedBaselineOneWayMs: NullableNumber,
    claimedTargetOneWayMs: NullableNumber,
    floorOneWayMsAtClaimedKm: Type.Union([Type.Number(), Type.Null()], {
      description: "One-way propagation floor of the claimed target length at the profile's group index, ms (computed; null without a claimed delay)",
    }),
    claimedDelayBelowFloor: Type.Union([Type.Boolean(), Type.Null()], {
      description: 'Whether the claimed target delay is below that floor: then it cannot be one-way propagation over the claimed length',
    }),
    perHopRange: Type.Array(ClaimRangeSchema),
    inferredAlignmentLinks: Strings('Links of either route whose alignment is inferred (alignmentInferred)'),
    weakSources: Strings('Sources flagged weak that either route rests on'),
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
      Object.fromEntries(LENGTH_METHODS.map((m) => [m, Type.Integer()])) as Record<(typeof LENGTH_METHODS)[number], ReturnType<typeof Type.Integer>>,
      { ...closed, description: 'Links by how their length is known (LENGTH_METHODS)' },
    ),
  },
  closed,
)

const ExpectedRtt = {
  expectedRttMs: Type.Optional(Type.Number({ description: 'With a calibration: the expected RTT, ms (rttMs stays the floor; docs/calibration.md)' })),
  expectedRttToleranceMs: Type.Optional(Type.Number({ description: "The ± of expectedRttMs: the calibration's held-out RMS error, ms" })),
  expectedRttExtrapolated: Type.Optional(
    Type.Literal(true, { description: "Present when the path's floor RTT lies outside the range the calibration was fitted on: expectedRttMs is an extrapolation" }),
  ),
}

export const RouteSummarySchema = Type.Object(
  { lengthKm: NullableNumber, oneWayMs: NullableNumber, rttMs: NullableNumber, stretch: NullableNumber, countries: Strings(), nodeNames: Strings(), ...ExpectedRtt },
  closed,
)

/** One measured pair against the model: the report's measured-vs-modelled plot. */
export const MeasuredPairSchema = Type.Object(
  {
    id: Type.String(),
    from: Type.String({ description: 'Node id, or the measured place when unmatched' }),
    to: Type.String(),
    measuredRttMs: Type.Number(),
    percentile: Type.Optional(Type.String()),
    floorRttMs: Type.Union([Type.Number(), Type.Null()], { description: 'The model route floor; for an unmatched pair the great-circle fibre floor, else null' }),
    floorKind: Type.Union([Type.Literal('route'), Type.Literal('great-circle'), Type.Null()]),
    expectedRttMs: Type.Union([Type.Number(), Type.Null()], { description: 'Held-out prediction for a fitted pair (a fit without it), the fit for a validation pair, else null' }),
    status: Type.String({ description: 'fitted, validation, impossible (below a floor), unmatched, …' }),
    weak: Type.Optional(Type.Boolean()),
  },
  closed,
)

export const MeasuredVsModelledSchema = Type.Object(
  {
    calibration: Type.Object(
      {
        id: Type.String(),
        version: Type.String(),
        scenario: Type.String(),
        terms: Strings(),
        coefficients: Type.Record(Type.String(), Type.Number()),
        toleranceMs: Type.Number(),
        heldOutMethod: Type.String(),
        fitted: Type.Integer(),
      },
      closed,
    ),
    measurements: Type.Object({ name: Type.Optional(Type.String()), version: Type.Optional(Type.String()), count: Type.Integer() }, closed),
    pairs: Type.Array(MeasuredPairSchema),
    validationRmseMs: Type.Union([Type.Number(), Type.Null()], { description: 'RMS error on the validation-only pairs (cloud tables), never fitted' }),
  },
  { ...closed, description: 'Measured RTT against the floor and the expected RTT, per measured pair (docs/calibration.md)' },
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
  {
    link: Type.String(),
    pairsDisconnected: Type.Integer({ description: "Pairs of traffic nodes the link's failure cuts off" }),
    srlgs: Strings(),
    isolatesSingleHomed: Type.Optional(
      Type.String({ description: 'Node id: every pair cut off has one end at this node, whose only link this is (a model coverage gap, or a real stub)' }),
    ),
  },
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
    routeFactorTerrestrial: Type.Number({ description: 'End-to-end terrestrial route factor' }),
    routeFactorTerrestrialPerHop: Type.Union([Type.Number(), Type.Null()], { description: 'Per-hop terrestrial route factor (links marked per-hop); null when the profile has none' }),
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
    measuredVsModelled: Type.Optional(MeasuredVsModelledSchema),
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
    dependsOn: Type.Object(
      {
        inferredAlignmentLinks: Strings('Links of the route whose alignment is inferred (alignmentInferred)'),
        weakSources: Strings('Sources flagged weak that a link or node of the route cites'),
      },
      { ...closed, description: "What the route rests on that no strong source fixes (as route's dependsOn)" },
    ),
    ...ExpectedRtt,
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
export type ClaimRange = Static<typeof ClaimRangeSchema>
export type ScenarioSummary = Static<typeof ScenarioSummarySchema>
export type RouteSummary = Static<typeof RouteSummarySchema>
export type CorridorRoute = Static<typeof CorridorRouteSchema>
export type SinglePointOfFailure = Static<typeof SinglePointOfFailureSchema>
export type PairAvailabilityRow = Static<typeof PairAvailabilityRowSchema>
export type ScenarioResilience = Static<typeof ScenarioResilienceSchema>
export type CorridorReport = Static<typeof CorridorReportSchema>
export type MeasuredVsModelled = Static<typeof MeasuredVsModelledSchema>
export type ScenarioRoute = Static<typeof ScenarioRouteSchema>
export type PairComparison = Static<typeof PairComparisonSchema>
export type Comparison = Static<typeof ComparisonSchema>
export type HubReport = Static<typeof HubReportSchema>
