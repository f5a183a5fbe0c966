import Type, { type Static } from 'typebox'
import type { ValidationIssue } from './errors'
import { SourceSchema } from './schema'
import { type ValidationResult, validateDocument } from './validate'

/**
 * The measurements document: round-trip times measured between places, the evidence a calibration is fitted
 * to (docs/calibration.md). Kept apart from the network, as demands are, so one network can be calibrated
 * against several measurement sets. An endpoint is a node id or name, or a located place (a RIPE Atlas probe,
 * a city the network lacks) that the calibration maps to the nearest node within a distance the user sets.
 */

export const MEASUREMENTS_SCHEMA_VERSION = 1

/** What a measurement is for: `fit` enters the fit; `validation` is only compared with it (cloud-provider tables, issue 11). */
export const MEASUREMENT_USES = ['fit', 'validation'] as const
export type MeasurementUse = (typeof MEASUREMENT_USES)[number]

export const MEASUREMENT_METHODS = ['ping', 'traceroute', 'operator', 'cloud', 'other'] as const

export const LocatedPlaceSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'What the place is (a probe, a city)' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, degrees (WGS84)' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, degrees (WGS84)' }),
  },
  { additionalProperties: false },
)

export const EndpointSchema = Type.Union([Type.String({ minLength: 1, maxLength: 200, description: 'Node id or name' }), LocatedPlaceSchema], {
  description: 'A node id or name, or a located place mapped to the nearest node within the matching distance',
})

export const MeasurementSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Unique within the document; default m{index}' })),
    from: EndpointSchema,
    to: EndpointSchema,
    rttMs: Type.Number({ minimum: 0, maximum: 10_000, description: 'Measured round-trip time, ms' }),
    percentile: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: 'Which statistic rttMs is: min, p50, p95, mean, best (an operator’s best RTD), …' }),
    ),
    date: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'When it was measured or published, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)' })),
    source: Type.String({ minLength: 1, description: 'Where the figure comes from: an id in `sources` or a citation' }),
    method: Type.Optional(Type.Enum([...MEASUREMENT_METHODS], { description: 'How it was measured' })),
    use: Type.Optional(Type.Enum([...MEASUREMENT_USES], { default: 'fit', description: 'fit: enters the fit; validation: only compared with it' })),
    weak: Type.Optional(Type.Boolean({ description: 'The only source is a blog, forum or second-hand quote (corridor-facts legend [WEAK])' })),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export const MeasurementsSchema = Type.Object(
  {
    schemaVersion: Type.Literal(MEASUREMENTS_SCHEMA_VERSION),
    name: Type.Optional(Type.String()),
    version: Type.Optional(Type.String({ description: 'Version of the measurement set; a calibration fitted to it records it' })),
    description: Type.Optional(Type.String()),
    sources: Type.Optional(Type.Array(SourceSchema)),
    measurements: Type.Array(MeasurementSchema, { maxItems: 100_000 }),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/measurements-1.json', title: 'silkway measurements' },
)

export type LocatedPlace = Static<typeof LocatedPlaceSchema>
export type Endpoint = Static<typeof EndpointSchema>
export type Measurement = Static<typeof MeasurementSchema>
export type MeasurementsDocument = Static<typeof MeasurementsSchema>

/** The id a measurement goes by: its own, else `m{index}`. */
export function measurementId(measurement: Measurement, index: number): string {
  return measurement.id ?? `m${index}`
}

/** Checks within the document: unique ids, known source ids, distinct endpoints. */
export function measurementsIssues(document: MeasurementsDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const sourceIds = new Set((document.sources ?? []).map((source) => source.id))
  const ids = new Map<string, number>()
  document.measurements.forEach((measurement, i) => {
    const path = `measurements[${i}]`
    const id = measurementId(measurement, i)
    const first = ids.get(id)
    if (first !== undefined) issues.push({ path: `${path}.id`, code: 'duplicate-id', message: `duplicate measurement id '${id}' (first at measurements[${first}])`, severity: 'error' })
    else ids.set(id, i)
    if (typeof measurement.from === 'string' && measurement.from === measurement.to) {
      issues.push({ path: `${path}.to`, code: 'self-measurement', message: `measurement '${id}' starts and ends at '${measurement.from}'`, severity: 'error' })
    }
    if (sourceIds.size > 0 && /^[a-z0-9-]+$/.test(measurement.source) && !sourceIds.has(measurement.source)) {
      issues.push({ path: `${path}.source`, code: 'unknown-source', message: `'${measurement.source}' looks like a source id but is not in sources`, severity: 'warning' })
    }
  })
  return issues
}

/** Validates an untrusted measurements document: schema first, then the checks across records. */
export function validateMeasurements(document: unknown): ValidationResult<MeasurementsDocument> {
  return validateDocument<MeasurementsDocument>(MeasurementsSchema, document, measurementsIssues)
}
