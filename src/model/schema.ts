import Type, { type Static } from 'typebox'

/**
 * The single declaration of silkway's documents. TypeBox gives from it the JSON Schema (docs/schema/*.json,
 * written by `npm run schema`), the TypeScript types below and the compiled validators in `validate.ts`.
 */

/**
 * Version of the network, scenario and profile documents. 2 added node status and position evidence, per-link
 * length evidence (route factor, declared chains), inferred alignments and weak sources, all optional;
 * version-1 documents are migrated on load (`migrate.ts`).
 */
export const NETWORK_SCHEMA_VERSION = 2

export const NODE_KINDS = ['city', 'landing-station', 'border-crossing', 'exchange', 'data-center'] as const
export const LINK_KINDS = ['terrestrial', 'submarine'] as const
export const LINK_STATUSES = ['planned', 'under-construction', 'operational', 'retired'] as const
/** Where a node's coordinates come from: a town's centre, a landing station's or crossing's estimated site, or a surveyed point. */
export const POSITION_KINDS = ['town-centre', 'landing-station', 'crossing', 'exact'] as const
/** Which profile route factor a link without a length of its own takes (docs/data.md "How a link gets its length"). */
export const ROUTE_FACTOR_BASES = ['end-to-end', 'per-hop'] as const
export const CONFIDENCES = ['low', 'medium', 'high'] as const

export type NodeKind = (typeof NODE_KINDS)[number]
export type LinkKind = (typeof LINK_KINDS)[number]
export type LinkStatus = (typeof LINK_STATUSES)[number]
export type PositionKind = (typeof POSITION_KINDS)[number]
export type RouteFactorBasis = (typeof ROUTE_FACTOR_BASES)[number]
export type Confidence = (typeof CONFIDENCES)[number]

/** The earliest and latest calendar year a document or query may name: from the first submarine telegraph cable (1850) to well past any plan. */
export const YEAR_MIN = 1850
export const YEAR_MAX = 2200

/** A calendar year in [YEAR_MIN, YEAR_MAX]: ready-for-service years and every "in service by" filter. */
export function YearSchema(description?: string) {
  return Type.Integer({ minimum: YEAR_MIN, maximum: YEAR_MAX, ...(description === undefined ? {} : { description }) })
}

const Id = Type.String({ minLength: 1, maxLength: 200, description: 'Stable identifier, unique within its list' })
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' })
const SourceIds = Type.Array(Type.String({ minLength: 1 }), {
  description: 'Ids of entries in the network-level `sources` list that support this record',
})

export const SourceSchema = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1 }),
    url: Type.Optional(Type.String({ description: 'Public address of the source' })),
    publisher: Type.Optional(Type.String()),
    date: Type.Optional(Type.String({ description: 'Publication date, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)' })),
    weak: Type.Optional(
      Type.Boolean({ description: 'True where the publisher is weak (an encyclopaedia mirror, a forum, a blog): results that rest on it say so' }),
    ),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'A public source cited by nodes, links and parameters' },
)

export const AssumptionSchema = Type.Object(
  {
    field: Type.String({ minLength: 1, description: 'The field whose value is assumed, not sourced' }),
    note: Type.String({ minLength: 1, description: 'Why the value was chosen' }),
  },
  { additionalProperties: false },
)

export const NodeSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum([...NODE_KINDS]),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude, degrees' })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude, degrees' })),
    positionKind: Type.Optional(Type.Enum([...POSITION_KINDS], { description: 'What the coordinates stand for (default: exact)' })),
    positionUncertaintyKm: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1000, description: 'How far the real site may lie from the coordinates, km' }),
    ),
    country: Type.Optional(CountryCode),
    operators: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    status: Type.Optional(Type.Enum([...LINK_STATUSES], { description: 'Defaults to operational; a node out of service takes its links with it' })),
    readyForServiceYear: Type.Optional(YearSchema('Year the site enters service; filtered by year like links')),
    sources: Type.Optional(SourceIds),
    notes: Type.Optional(Type.String()),
    assumptions: Type.Optional(Type.Array(AssumptionSchema)),
  },
  { additionalProperties: false },
)

export const LinkRouteFactorSchema = Type.Object(
  {
    value: Type.Number({ minimum: 1, maximum: 10, description: "Route length ÷ great circle for this link, from a length along the same corridor" }),
    sources: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Ids of the sources of the corridor length' }),
    note: Type.Optional(Type.String({ description: 'Which length over which great circle' })),
  },
  { additionalProperties: false, description: "A per-link route factor: used instead of the profile's when the link has no declared length or geometry" },
)

export const AlignmentInferredSchema = Type.Object(
  {
    confidence: Type.Enum([...CONFIDENCES]),
    note: Type.String({ minLength: 1, description: 'What the inference rests on' }),
  },
  { additionalProperties: false, description: 'No source gives where the fibre runs: the link is an inference from a source that names its ends or corridor' },
)

export const DeclaredChainSchema = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String()),
    links: Type.Array(Id, { minItems: 2, description: 'Ids of the links of the chain, in order, each sharing a node with the next' }),
    lengthKm: Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'Length of the whole chain as a source gives it' }),
    method: Type.Literal('great-circle-share', {
      description: "How the length is spread over the chain's links: each gets lengthKm × its great circle ÷ the chain's",
    }),
    sources: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'A length a source gives for a chain of links (a multi-hop declared length)' },
)

export const LineStringSchema = Type.Object(
  {
    type: Type.Literal('LineString'),
    coordinates: Type.Array(Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]), {
      minItems: 2,
      description: 'RFC 7946 positions, [lon, lat]',
    }),
  },
  { additionalProperties: false },
)

export const LinkSchema = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String()),
    a: Id,
    b: Id,
    kind: Type.Enum([...LINK_KINDS]),
    repeatered: Type.Optional(Type.Boolean({ description: 'Submarine only: whether the system has undersea repeaters' })),
    geometry: Type.Optional(LineStringSchema),
    lengthKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'Route length declared by a source' })),
    routeFactor: Type.Optional(LinkRouteFactorSchema),
    routeFactorBasis: Type.Optional(
      Type.Enum([...ROUTE_FACTOR_BASES], {
        description: "Which profile route factor applies when nothing else gives the length: end-to-end (a link standing for a whole route; default) or per-hop (one hop of a chain of towns along one right of way)",
      }),
    ),
    alignmentInferred: Type.Optional(AlignmentInferredSchema),
    operators: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    status: Type.Optional(Type.Enum([...LINK_STATUSES], { description: 'Defaults to operational' })),
    readyForServiceYear: Type.Optional(YearSchema()),
    fiberPairs: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Fibre pairs of the cable (lit or dark)' })),
    wavelengthsPerPair: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10000, description: "Channels per fibre pair, where a source gives them (default: the profile's channel plan)" }),
    ),
    wavelengthGbps: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: "Line rate per wavelength, Gbit/s, where a source gives it (default: the profile's transceiver rate)" }),
    ),
    designCapacityGbps: Type.Optional(
      Type.Number({ minimum: 0, description: 'Design capacity in each direction, Gbit/s, as a source states it (else derived: fiberPairs × channels × rate)' }),
    ),
    litCapacityGbps: Type.Optional(Type.Number({ minimum: 0, description: 'Capacity equipped and lit in each direction, Gbit/s, as a source states it' })),
    countries: Type.Optional(Type.Array(CountryCode, { description: 'Countries whose territory (or claimed waters) the link crosses' })),
    srlgs: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Ids of shared-risk link groups' })),
    faultsPerYear: Type.Optional(
      Type.Number({ minimum: 0, description: "Reliability override: expected faults per year on this link (default: the profile's rate per 1,000 km for its kind × its length)" }),
    ),
    mttrHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "Reliability override: mean time to repair a fault, hours (default: the profile's, by kind)" })),
    sources: Type.Optional(SourceIds),
    notes: Type.Optional(Type.String()),
    assumptions: Type.Optional(Type.Array(AssumptionSchema)),
  },
  { additionalProperties: false },
)

export const SrlgSchema = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String()),
    kind: Type.Optional(Type.Enum(['conduit', 'sea-corridor', 'landing-station', 'right-of-way', 'other'])),
    description: Type.Optional(Type.String()),
    sources: Type.Optional(SourceIds),
  },
  { additionalProperties: false },
)

export const NetworkSchema = Type.Object(
  {
    schemaVersion: Type.Literal(NETWORK_SCHEMA_VERSION),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    sources: Type.Optional(Type.Array(SourceSchema)),
    nodes: Type.Array(NodeSchema),
    links: Type.Array(LinkSchema),
    srlgs: Type.Optional(Type.Array(SrlgSchema)),
    declaredChains: Type.Optional(Type.Array(DeclaredChainSchema)),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/network-2.json', title: 'silkway network' },
)

const NodePatch = Type.Partial(Type.Omit(NodeSchema, ['id']))
const LinkPatch = Type.Partial(Type.Omit(LinkSchema, ['id']))

export const ScenarioFilterSchema = Type.Object(
  {
    statuses: Type.Optional(Type.Array(Type.Enum([...LINK_STATUSES]), { description: 'Keep only nodes and links with these statuses (a dropped node takes its links)' })),
    inServiceBy: Type.Optional(
      YearSchema('Keep only nodes and links in service by this year: not retired, and ready for service in or before it'),
    ),
  },
  { additionalProperties: false },
)

export const ScenarioSchema = Type.Object(
  {
    schemaVersion: Type.Literal(NETWORK_SCHEMA_VERSION),
    name: Id,
    title: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    base: Type.Optional(Type.String({ minLength: 1, description: 'Name of a scenario applied first' })),
    filter: Type.Optional(ScenarioFilterSchema),
    changes: Type.Optional(
      Type.Object(
        {
          addNodes: Type.Optional(Type.Array(NodeSchema)),
          removeNodes: Type.Optional(Type.Array(Id)),
          modifyNodes: Type.Optional(Type.Array(Type.Object({ id: Id, set: NodePatch }, { additionalProperties: false }))),
          addLinks: Type.Optional(Type.Array(LinkSchema)),
          removeLinks: Type.Optional(Type.Array(Id)),
          modifyLinks: Type.Optional(Type.Array(Type.Object({ id: Id, set: LinkPatch }, { additionalProperties: false }))),
        },
        { additionalProperties: false },
      ),
    ),
    sources: Type.Optional(SourceIds),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/scenario-2.json', title: 'silkway scenario' },
)

/** A documented default: its value, unit and public source. */
export const ParameterSchema = Type.Object(
  {
    value: Type.Number(),
    unit: Type.String(),
    description: Type.String(),
    source: Type.String({ description: 'Citation or address of the public source' }),
    range: Type.Optional(Type.Tuple([Type.Number(), Type.Number()])),
    assumption: Type.Optional(Type.Boolean({ description: 'True where no source fixes the value; the note says why' })),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export const ProfileSchema = Type.Object(
  {
    schemaVersion: Type.Literal(NETWORK_SCHEMA_VERSION),
    id: Type.String(),
    version: Type.String({ description: 'Version of the profile values, YYYY.MM' }),
    fiber: Type.Object({ groupIndex: ParameterSchema }, { additionalProperties: false }),
    equipment: Type.Object({ nodeDelayMs: ParameterSchema }, { additionalProperties: false }),
    routeFactor: Type.Object(
      {
        terrestrial: ParameterSchema,
        terrestrialPerHop: Type.Optional(ParameterSchema),
        submarine: ParameterSchema,
      },
      {
        additionalProperties: false,
        description: "terrestrial is end-to-end (a link standing for a whole route); terrestrialPerHop applies to links marked routeFactorBasis per-hop (absent: terrestrial)",
      },
    ),
    reliability: Type.Optional(Type.Record(Type.String(), ParameterSchema)),
    capacity: Type.Optional(
      Type.Object(
        {
          channelsPerFiberPair: ParameterSchema,
          wavelengthGbps: ParameterSchema,
        },
        { additionalProperties: false, description: 'The channel plan that derives a design capacity from a fibre-pair count' },
      ),
    ),
    traffic: Type.Optional(
      Type.Object(
        {
          gravityDistanceExponent: ParameterSchema,
          demandGrowthPerYear: ParameterSchema,
          lexicographicTolerance: Type.Optional(ParameterSchema),
        },
        { additionalProperties: false, description: 'Defaults of the gravity model of demand and of optimal routing' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/profile-2.json', title: 'silkway physical profile' },
)

export type Source = Static<typeof SourceSchema>
export type Assumption = Static<typeof AssumptionSchema>
export type NetworkNode = Static<typeof NodeSchema>
export type NetworkLink = Static<typeof LinkSchema>
export type LineString = Static<typeof LineStringSchema>
export type Srlg = Static<typeof SrlgSchema>
export type LinkRouteFactor = Static<typeof LinkRouteFactorSchema>
export type AlignmentInferred = Static<typeof AlignmentInferredSchema>
export type DeclaredChain = Static<typeof DeclaredChainSchema>
export type Network = Static<typeof NetworkSchema>
export type ScenarioFilter = Static<typeof ScenarioFilterSchema>
export type Scenario = Static<typeof ScenarioSchema>
export type Parameter = Static<typeof ParameterSchema>
export type Profile = Static<typeof ProfileSchema>
