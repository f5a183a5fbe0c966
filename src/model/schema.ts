import Type, { type Static } from 'typebox'

/**
 * The single declaration of silkway's documents. TypeBox gives from it the JSON Schema (docs/schema/*.json,
 * written by `npm run schema`), the TypeScript types below and the compiled validators in `validate.ts`.
 */

export const NETWORK_SCHEMA_VERSION = 1

export const NODE_KINDS = ['city', 'landing-station', 'border-crossing', 'exchange', 'data-center'] as const
export const LINK_KINDS = ['terrestrial', 'submarine'] as const
export const LINK_STATUSES = ['planned', 'under-construction', 'operational', 'retired'] as const

export type NodeKind = (typeof NODE_KINDS)[number]
export type LinkKind = (typeof LINK_KINDS)[number]
export type LinkStatus = (typeof LINK_STATUSES)[number]

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
    country: Type.Optional(CountryCode),
    operators: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    sources: Type.Optional(SourceIds),
    notes: Type.Optional(Type.String()),
    assumptions: Type.Optional(Type.Array(AssumptionSchema)),
  },
  { additionalProperties: false },
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
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/network-1.json', title: 'silkway network' },
)

const NodePatch = Type.Partial(Type.Omit(NodeSchema, ['id']))
const LinkPatch = Type.Partial(Type.Omit(LinkSchema, ['id']))

export const ScenarioFilterSchema = Type.Object(
  {
    statuses: Type.Optional(Type.Array(Type.Enum([...LINK_STATUSES]), { description: 'Keep only links with these statuses' })),
    inServiceBy: Type.Optional(YearSchema('Keep only links in service by this year: not retired, and ready for service in or before it')),
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
  { additionalProperties: false, $id: 'https://silkway.dev/schema/scenario-1.json', title: 'silkway scenario' },
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
    routeFactor: Type.Object({ terrestrial: ParameterSchema, submarine: ParameterSchema }, { additionalProperties: false }),
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
        },
        { additionalProperties: false, description: 'Defaults of the gravity model of demand' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/profile-1.json', title: 'silkway physical profile' },
)

export type Source = Static<typeof SourceSchema>
export type Assumption = Static<typeof AssumptionSchema>
export type NetworkNode = Static<typeof NodeSchema>
export type NetworkLink = Static<typeof LinkSchema>
export type LineString = Static<typeof LineStringSchema>
export type Srlg = Static<typeof SrlgSchema>
export type Network = Static<typeof NetworkSchema>
export type ScenarioFilter = Static<typeof ScenarioFilterSchema>
export type Scenario = Static<typeof ScenarioSchema>
export type Parameter = Static<typeof ParameterSchema>
export type Profile = Static<typeof ProfileSchema>
