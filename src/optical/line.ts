import Type, { type Static } from 'typebox'

/**
 * A designed line: the chain of elements a channel crosses, each self-contained (fibre parameters and the
 * amplifier's noise model resolved from the library), so propagation needs nothing else. This is what a line
 * design produces and what a GNPy topology converts to.
 */

const NoiseModelSchema = Type.Unsafe<import('./amplifier').NoiseModel>(Type.Object({}, { additionalProperties: true, description: 'Resolved NF model (see amplifier.ts)' }))

export const FiberElementSchema = Type.Object({
  kind: Type.Literal('fiber'),
  id: Type.String(),
  fiberTypeId: Type.String(),
  lengthKm: Type.Number(),
  lossDbPerKm: Type.Number(),
  dispersionPsPerNmKm: Type.Number(),
  effectiveAreaUm2: Type.Number(),
  n2M2PerW: Type.Number(),
  pmdPsPerSqrtKm: Type.Number(),
  groupIndex: Type.Number(),
  connectorInDb: Type.Number({ description: 'Lumped loss at the span input (connector, input padding)' }),
  connectorOutDb: Type.Number({ description: 'Lumped loss at the span output (connector, splices, ageing margin), like GNPy adds EOL to con_out' }),
  spanLossDb: Type.Number({ description: 'Total loss of the span, lumped losses included' }),
  lossFrom: Type.Enum(['declared', 'computed'], { description: 'declared: a measured total span loss (OTDR); computed: length × dB/km + lumped losses' }),
})

export const AmplifierElementSchema = Type.Object({
  kind: Type.Literal('amplifier'),
  id: Type.String(),
  amplifierTypeId: Type.String(),
  role: Type.Enum(['booster', 'inline', 'preamp', 'repeater', 'ropa']),
  gainDb: Type.Number({ description: 'Gain target set by the design' }),
  pMaxDbm: Type.Number({ description: 'Maximum total output power; above it the gain is reduced' }),
  noiseModel: NoiseModelSchema,
})

export const RoadmElementSchema = Type.Object({
  kind: Type.Literal('roadm'),
  id: Type.String(),
  roadmTypeId: Type.String(),
  targetPowerPerChannelDbm: Type.Number(),
  addDropOsnr01nmDb: Type.Number(),
  pmdPs: Type.Number(),
  pdlDb: Type.Optional(Type.Number({ description: 'PDL of one crossing (0 when absent)' })),
})

export const LineElementSchema = Type.Union([FiberElementSchema, AmplifierElementSchema, RoadmElementSchema])

export type FiberElement = Static<typeof FiberElementSchema>
export type AmplifierElement = Static<typeof AmplifierElementSchema>
export type RoadmElement = Static<typeof RoadmElementSchema>
export type LineElement = Static<typeof LineElementSchema>
