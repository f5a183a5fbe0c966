import Type, { type Static } from 'typebox'
import { NodeRefSchema, PathResultSchema } from '../routing'

/**
 * Resilience queries and answers: one declaration for the functions' types, the CLI's --json, the HTTP API and
 * its OpenAPI document.
 */

export const DIVERSITY = ['link', 'node', 'srlg', 'country'] as const
export type DiversityBy = (typeof DIVERSITY)[number]

export const FAILURE_MODES = ['1', '2', 'srlg'] as const
export type FailureMode = (typeof FAILURE_MODES)[number]

export const PROTECTIONS = ['none', '1+1', 'restoration'] as const
export type Protection = (typeof PROTECTIONS)[number]

export const AVAILABILITY_METHODS = ['series-exact', 'inclusion-exclusion-exact', 'factoring-exact', 'monte-carlo'] as const
export type AvailabilityMethod = (typeof AVAILABILITY_METHODS)[number]

const NodeName = Type.String({ minLength: 1, maxLength: 200, description: 'Node id or name' })
const Id = Type.String({ minLength: 1, maxLength: 200 })
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const Scenario = Type.Optional(Type.String({ description: 'The scenario analysed' }))

export const DisjointQuerySchema = Type.Object(
  {
    from: NodeName,
    to: NodeName,
    k: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 2, description: 'Number of paths' })),
    by: Type.Optional(Type.Enum([...DIVERSITY], { default: 'link', description: 'What the paths may not share' })),
  },
  { additionalProperties: false },
)

export const SharedSchema = Type.Object(
  {
    links: Type.Array(Type.String()),
    nodes: Type.Array(Type.String(), { description: 'Nodes other than the endpoints' }),
    srlgs: Type.Array(Type.String()),
    countries: Type.Array(Type.String(), { description: "Transit countries: other than the endpoints' own" }),
  },
  { description: 'What two or more of the paths have in common; all empty when the set is fully disjoint' },
)

export const DisjointAnswerSchema = Type.Object({
  scenario: Scenario,
  from: NodeRefSchema,
  to: NodeRefSchema,
  by: Type.Enum([...DIVERSITY]),
  k: Type.Integer(),
  method: Type.String({
    description:
      'How the set was found: suurballe, suurballe-node-split (exact), their -min-shared variants (maximally disjoint), mip-highs, mip-highs-time-limit, heuristic-penalised-reroute',
  }),
  fullyDisjoint: Type.Boolean({ description: 'The paths share nothing of the kind asked for (and no link)' }),
  paths: Type.Array(PathResultSchema),
  shared: SharedSchema,
})

export const CircleSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude of the centre, degrees' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude of the centre, degrees' }),
    radiusKm: Type.Number({ minimum: 0, maximum: 20_040 }),
  },
  { additionalProperties: false },
)

const PairSchema = Type.Object({ from: NodeName, to: NodeName }, { additionalProperties: false })

/** What to cut (a union of all that is named), and optionally which pairs to report. */
export const CutQuerySchema = Type.Object(
  {
    links: Type.Optional(Type.Array(Id, { maxItems: 10_000, description: 'Link ids' })),
    srlgs: Type.Optional(Type.Array(Id, { maxItems: 10_000, description: 'Shared-risk link groups: all their links' })),
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 300, description: 'Every link touching these countries (ISO alpha-2)' })),
    circles: Type.Optional(Type.Array(CircleSchema, { maxItems: 100, description: 'Every link passing within radiusKm of the centre' })),
    pairs: Type.Optional(Type.Array(PairSchema, { maxItems: 10_000, description: 'Only these pairs (default: all pairs of traffic nodes, listing those the cut changes)' })),
  },
  { additionalProperties: false },
)

export const PairImpactSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  connected: Type.Boolean(),
  baseRttMs: Type.Number(),
  rttMs: NullableNumber,
  inflation: NullableNumber,
})

const PairRef = Type.Object({ from: Type.String(), to: Type.String() })

export const CutAnswerSchema = Type.Object({
  scenario: Scenario,
  cut: Type.Object({ links: Type.Array(Type.String(), { description: 'Link ids the cut hit' }) }),
  pairs: Type.Array(PairImpactSchema, { description: 'Pairs asked for; with all pairs, only those the cut changes (`pairsUnchanged` counts the rest)' }),
  disconnected: Type.Array(PairRef),
  pairsConsidered: Type.Integer(),
  pairsUnchanged: Type.Integer(),
  pairsOmitted: Type.Optional(Type.Integer({ description: 'Changed pairs left out of `pairs` (and of `disconnected`) to keep the answer within the service\'s response limit' })),
})

export const SweepQuerySchema = Type.Object(
  {
    failures: Type.Enum([...FAILURE_MODES], { description: '1: every link; 2: every pair of links; srlg: every shared-risk group' }),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20, description: 'Keep the N most critical' })),
  },
  { additionalProperties: false },
)

export const RankedElementSchema = Type.Object({
  element: Type.String({ description: 'Link id, `a + b` for a link pair, or SRLG id' }),
  links: Type.Array(Type.String()),
  pairsDisconnected: Type.Integer(),
  pairsDegraded: Type.Integer(),
  meanInflation: Type.Number(),
  worstInflation: Type.Number(),
  extraRttMs: Type.Number({ description: 'Σ over pairs of the extra round-trip time, ms (weights × ms)' }),
  worstPair: Type.Union([PairRef, Type.Null()]),
  isolatesSingleHomed: Type.Optional(
    Type.String({
      description:
        'Node id when every pair this failure cuts off has one end at a node whose only link it is: it isolates a single-homed node (a model coverage gap, or a real stub), not a weakness of the corridor',
    }),
  ),
})

export const SweepAnswerSchema = Type.Object({
  scenario: Scenario,
  failures: Type.Enum([...FAILURE_MODES]),
  scenarios: Type.Integer({ description: 'Failure scenarios evaluated' }),
  pairs: Type.Integer({ description: 'Pairs of traffic nodes scored' }),
  ranking: Type.Array(RankedElementSchema, { description: 'Most critical first' }),
})

export const AvailabilityQuerySchema = Type.Object(
  {
    from: NodeName,
    to: NodeName,
    protection: Type.Optional(Type.Enum([...PROTECTIONS], { default: 'none' })),
    samples: Type.Optional(Type.Integer({ minimum: 100, maximum: 100_000_000, default: 200_000, description: 'Monte Carlo samples when exact factoring gives up' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31, default: 1, description: 'Monte Carlo seed' })),
  },
  { additionalProperties: false },
)

export const AvailabilityAnswerSchema = Type.Object({
  scenario: Scenario,
  from: NodeRefSchema,
  to: NodeRefSchema,
  protection: Type.Enum([...PROTECTIONS]),
  availability: Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of time the pair is connected' }),
  availabilityPct: Type.Number(),
  downtimeMinutesPerYear: Type.Number(),
  method: Type.Enum([...AVAILABILITY_METHODS]),
  confidenceInterval: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '95 % interval on the availability (Monte Carlo only)' })),
  samples: Type.Optional(Type.Integer()),
  paths: Type.Array(PathResultSchema, { description: 'The working path (none) or the two diverse paths (1+1)' }),
  warnings: Type.Array(Type.String()),
})

export type DisjointQuery = Static<typeof DisjointQuerySchema>
export type Shared = Static<typeof SharedSchema>
export type DisjointAnswer = Static<typeof DisjointAnswerSchema>
export type Circle = Static<typeof CircleSchema>
export type CutQuery = Static<typeof CutQuerySchema>
export type CutSpec = Omit<CutQuery, 'pairs'>
export type PairImpact = Static<typeof PairImpactSchema>
export type CutAnswer = Static<typeof CutAnswerSchema>
export type SweepQuery = Static<typeof SweepQuerySchema>
export type RankedElement = Static<typeof RankedElementSchema>
export type SweepAnswer = Static<typeof SweepAnswerSchema>
export type AvailabilityQuery = Static<typeof AvailabilityQuerySchema>
export type AvailabilityAnswer = Static<typeof AvailabilityAnswerSchema>
