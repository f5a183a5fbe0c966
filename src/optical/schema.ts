import Type, { type Static } from 'typebox'
import { ParameterSchema } from '../model'

/**
 * The optical layer's documents: the equipment library (versioned data, every value with its public source),
 * the line a design produces, and the queries and answers an edge (CLI, HTTP) exposes. One declaration gives
 * the TypeScript type, the validator and the JSON Schema.
 */

export const EQUIPMENT_SCHEMA_VERSION = 1

const Id = Type.String({ minLength: 1, maxLength: 200 })
const Citation = Type.String({ minLength: 1, description: 'Public source of the values: document, file and commit, or address' })
const Sourced = {
  source: Citation,
  fieldSources: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Per-field sources where they differ from `source`' })),
  assumptions: Type.Optional(Type.Array(Type.String(), { description: 'Fields no source fixes: their values are assumptions, said here' })),
  note: Type.Optional(Type.String()),
}

export const FiberTypeSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    standard: Type.String({ description: 'ITU-T recommendation the fibre complies with (G.652.D, G.654.E, G.655)' }),
    lossDbPerKm: Type.Number({ exclusiveMinimum: 0, maximum: 2, description: 'Attenuation at 1550 nm' }),
    dispersionPsPerNmKm: Type.Number({ minimum: -30, maximum: 30, description: 'Chromatic dispersion at 1550 nm' }),
    effectiveAreaUm2: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    n2M2PerW: Type.Number({ exclusiveMinimum: 0, description: 'Nonlinear refractive index (gamma = 2π·n2·f / (c·Aeff))' }),
    pmdPsPerSqrtKm: Type.Number({ minimum: 0 }),
    groupIndex: Type.Number({ minimum: 1.4, maximum: 1.5 }),
    ...Sourced,
  },
  { additionalProperties: false },
)

export const AMPLIFIER_KINDS = ['variable-gain', 'fixed-gain', 'dual-stage'] as const

export const AmplifierTypeSchema = Type.Object(
  {
    id: Id,
    kind: Type.Enum([...AMPLIFIER_KINDS], {
      description:
        "variable-gain: NF between nfMinDb (at gainFlatMaxDb) and nfMaxDb (at gainMinDb) through GNPy's two-coil model; fixed-gain: nf0Db; dual-stage: preamp then booster (Friis)",
    }),
    gainMinDb: Type.Number(),
    gainFlatMaxDb: Type.Optional(Type.Number()),
    pMaxDbm: Type.Optional(Type.Number({ description: 'Maximum total output power' })),
    nfMinDb: Type.Optional(Type.Number()),
    nfMaxDb: Type.Optional(Type.Number()),
    nf0Db: Type.Optional(Type.Number()),
    preampId: Type.Optional(Id),
    boosterId: Type.Optional(Id),
    raman: Type.Optional(Type.Boolean({ description: 'Includes distributed Raman gain in the span before it' })),
    allowedForDesign: Type.Boolean({ description: 'Automatic design may pick it' }),
    ...Sourced,
  },
  { additionalProperties: false },
)

export const PenaltyPointSchema = Type.Object(
  {
    upTo: Type.Number({ description: 'Impairment value of the point (GNPy `up_to_boundary`), in the unit its table names' }),
    penaltyDb: Type.Number({ minimum: 0, description: 'OSNR penalty at that value' }),
  },
  { additionalProperties: false },
)

export const ModePenaltiesSchema = Type.Object(
  {
    chromaticDispersionPsPerNm: Type.Optional(Type.Array(PenaltyPointSchema, { minItems: 1 })),
    pmdPs: Type.Optional(Type.Array(PenaltyPointSchema, { minItems: 1 })),
    pdlDb: Type.Optional(Type.Array(PenaltyPointSchema, { minItems: 1 })),
  },
  {
    additionalProperties: false,
    description:
      "Receiver penalty tables (GNPy ≥ 2.8 `penalties`): linear between points, infeasible outside the table; when every point is above 0 a (0, 0 dB) point is assumed first, as GNPy does",
  },
)

export const TransceiverModeSchema = Type.Object(
  {
    id: Id,
    baudRateGbaud: Type.Number({ exclusiveMinimum: 0 }),
    bitRateGbps: Type.Number({ exclusiveMinimum: 0 }),
    requiredOsnr01nmDb: Type.Number({ description: 'Required OSNR (GSNR) in 0.1 nm at the receiver, back to back' }),
    rollOff: Type.Number({ minimum: 0, maximum: 1 }),
    txOsnr01nmDb: Type.Number({ description: 'OSNR of the transmitter output, in 0.1 nm' }),
    minSpacingGhz: Type.Number({ exclusiveMinimum: 0 }),
    penalties: Type.Optional(ModePenaltiesSchema),
  },
  { additionalProperties: false },
)

export const TransceiverTypeSchema = Type.Object(
  { id: Id, modes: Type.Array(TransceiverModeSchema, { minItems: 1 }), ...Sourced },
  { additionalProperties: false },
)

export const RoadmTypeSchema = Type.Object(
  {
    id: Id,
    targetPowerPerChannelDbm: Type.Number({ description: 'Per-channel power out of the ROADM (equalised)' }),
    addDropOsnr01nmDb: Type.Number({ description: 'OSNR of one add plus one drop together, in 0.1 nm (GNPy add_drop_osnr); each alone is 3.01 dB better' }),
    pmdPs: Type.Number({ minimum: 0 }),
    pdlDb: Type.Optional(Type.Number({ minimum: 0, description: 'Polarisation-dependent loss of one crossing; accumulates as √Σ PDL² (GNPy `Roadm` roadm-pdl)' })),
    ...Sourced,
  },
  { additionalProperties: false },
)

export const RamanOptionSchema = Type.Object(
  {
    id: Id,
    onOffGainDb: Type.Number({ minimum: 0, description: 'Distributed gain it adds to the span it pumps' }),
    effectiveNfDb: Type.Number({ description: 'Equivalent lumped NF at the span end (negative: distributed gain is quieter)' }),
    ...Sourced,
  },
  { additionalProperties: false },
)

export const RopaOptionSchema = Type.Object(
  {
    id: Id,
    gainDb: Type.Number({ minimum: 0 }),
    nfDb: Type.Number(),
    distanceFromReceiverKm: Type.Number({ exclusiveMinimum: 0, description: 'Where the remote erbium coil sits, before the receiving terminal' }),
    ...Sourced,
  },
  { additionalProperties: false },
)

export const SpectrumSchema = Type.Object(
  {
    fMinThz: Type.Number({ minimum: 150, maximum: 250 }),
    fMaxThz: Type.Number({ minimum: 150, maximum: 250 }),
    spacingGhz: Type.Number({ exclusiveMinimum: 0 }),
    baudRateGbaud: Type.Number({ exclusiveMinimum: 0 }),
    rollOff: Type.Number({ minimum: 0, maximum: 1 }),
    powerPerChannelDbm: Type.Number({ description: 'Launch power per channel into a span of the reference loss' }),
    txOsnr01nmDb: Type.Number(),
    ...Sourced,
  },
  { additionalProperties: false, description: "The reference channel plan of a design, like GNPy's SI block" },
)

export const AMPLIFIER_FAMILIES = ['edfa', 'raman-hybrid'] as const

const Family = Type.Enum([...AMPLIFIER_FAMILIES], { description: 'edfa: erbium only; raman-hybrid: a library amplifier with distributed Raman (raman: true)' })

export const AmplifierFamilyRuleSchema = Type.Object(
  {
    families: Type.Array(Family, { minItems: 1, description: 'Families the design picks from first (lowest NF among them)' }),
    fallback: Type.Array(Family, { description: 'Families added only where none of `families` reaches the gain (the span loss needs them)' }),
    description: Type.String(),
    source: Type.String(),
    assumption: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export const DesignDefaultsSchema = Type.Object(
  {
    amplifierFamilies: Type.Object(
      {
        terrestrialInline: AmplifierFamilyRuleSchema,
        submarineRepeater: AmplifierFamilyRuleSchema,
        unrepeatered: AmplifierFamilyRuleSchema,
      },
      { additionalProperties: false, description: "Which amplifier families a site may use, by the link's kind; a link that declares raman: true may use Raman hybrids at every site after a span" },
    ),
    terrestrialAmplifierSpacingKm: ParameterSchema,
    submarineRepeaterSpacingKm: ParameterSchema,
    maxSpanLossDb: ParameterSchema,
    connectorLossDb: ParameterSchema,
    spliceLossDb: ParameterSchema,
    spliceSpacingKm: ParameterSchema,
    ageingMarginDb: ParameterSchema,
    spanLossRefDb: ParameterSchema,
    powerSlope: ParameterSchema,
    deltaPowerMinDb: ParameterSchema,
    deltaPowerMaxDb: ParameterSchema,
    deltaPowerStepDb: ParameterSchema,
    systemMarginDb: ParameterSchema,
    launchSweepMinDbm: ParameterSchema,
    launchSweepMaxDbm: ParameterSchema,
  },
  { additionalProperties: false },
)

export const EquipmentLibrarySchema = Type.Object(
  {
    schemaVersion: Type.Literal(EQUIPMENT_SCHEMA_VERSION),
    id: Type.String(),
    version: Type.String({ description: 'Version of the values, YYYY.MM' }),
    fibers: Type.Array(FiberTypeSchema, { minItems: 1 }),
    amplifiers: Type.Array(AmplifierTypeSchema, { minItems: 1 }),
    transceivers: Type.Array(TransceiverTypeSchema, { minItems: 1 }),
    roadms: Type.Array(RoadmTypeSchema, { minItems: 1 }),
    raman: Type.Array(RamanOptionSchema),
    ropa: Type.Array(RopaOptionSchema),
    spectrum: SpectrumSchema,
    design: DesignDefaultsSchema,
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/equipment-1.json', title: 'silkway optical equipment library' },
)

export type FiberType = Static<typeof FiberTypeSchema>
export type AmplifierType = Static<typeof AmplifierTypeSchema>
export type PenaltyPoint = Static<typeof PenaltyPointSchema>
export type ModePenalties = Static<typeof ModePenaltiesSchema>
export type TransceiverMode = Static<typeof TransceiverModeSchema>
export type TransceiverType = Static<typeof TransceiverTypeSchema>
export type RoadmType = Static<typeof RoadmTypeSchema>
export type RamanOption = Static<typeof RamanOptionSchema>
export type RopaOption = Static<typeof RopaOptionSchema>
export type Spectrum = Static<typeof SpectrumSchema>
export type AmplifierFamily = (typeof AMPLIFIER_FAMILIES)[number]
export type AmplifierFamilyRule = Static<typeof AmplifierFamilyRuleSchema>
export type DesignDefaults = Static<typeof DesignDefaultsSchema>
export type EquipmentLibrary = Static<typeof EquipmentLibrarySchema>
