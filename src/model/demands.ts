import Type, { type Static } from 'typebox'
import type { ValidationIssue } from './errors'
import { SourceSchema, YearSchema } from './schema'
import { type ValidationResult, validateDocument } from './validate'

/**
 * The demands document: traffic a network must carry, kept apart from the network so that one network can be
 * loaded with many demand sets (a year, a growth scenario, an SNDlib instance). Node references are ids or
 * names and are resolved against a compiled network by `resolveDemands` (src/traffic).
 */

export const DEMANDS_SCHEMA_VERSION = 1

export const DEMAND_CLASSES = ['protected', 'unprotected'] as const
export type DemandClass = (typeof DEMAND_CLASSES)[number]

const NodeRef = Type.String({ minLength: 1, maxLength: 200, description: 'Node id or name' })

export const DemandSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: 'Unique within the document' }),
    from: NodeRef,
    to: NodeRef,
    gbps: Type.Number({
      minimum: 0,
      maximum: 1e9,
      description: 'Capacity required in each direction, Gbit/s: a demand is symmetric, as a wavelength or an IRU is bought',
    }),
    year: Type.Optional(YearSchema('Year the figure applies to (default: the document’s baseYear)')),
    class: Type.Optional(
      Type.Enum([...DEMAND_CLASSES], {
        default: 'unprotected',
        description: 'protected: must survive a single failure (used by survivable design); unprotected: normal state only',
      }),
    ),
    source: Type.Optional(Type.String({ minLength: 1, description: 'Where the figure comes from: an id in `sources`, a citation or the model that generated it' })),
    notes: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export const DemandsSchema = Type.Object(
  {
    schemaVersion: Type.Literal(DEMANDS_SCHEMA_VERSION),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    network: Type.Optional(Type.String({ description: 'Name of the network the node references were written for' })),
    baseYear: Type.Optional(YearSchema('Year of demands that give none')),
    generator: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Model and parameters that generated the demands, when generated' })),
    sources: Type.Optional(Type.Array(SourceSchema)),
    demands: Type.Array(DemandSchema),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/demands-1.json', title: 'silkway demands' },
)

export type Demand = Static<typeof DemandSchema>
export type DemandsDocument = Static<typeof DemandsSchema>

/** Checks within the document: unique ids, distinct endpoints (by reference text), known source ids. */
export function demandsIssues(document: DemandsDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const sourceIds = new Set((document.sources ?? []).map((source) => source.id))
  const ids = new Map<string, number>()
  document.demands.forEach((demand, i) => {
    const path = `demands[${i}]`
    const first = ids.get(demand.id)
    if (first !== undefined) issues.push({ path: `${path}.id`, code: 'duplicate-id', message: `duplicate demand id '${demand.id}' (first at demands[${first}])`, severity: 'error' })
    else ids.set(demand.id, i)
    if (demand.from === demand.to) issues.push({ path: `${path}.to`, code: 'self-demand', message: `demand '${demand.id}' starts and ends at '${demand.from}'`, severity: 'error' })
    if (demand.gbps === 0) issues.push({ path: `${path}.gbps`, code: 'zero-demand', message: `demand '${demand.id}' is 0 Gbit/s`, severity: 'warning' })
    if (demand.source !== undefined && sourceIds.size > 0 && !sourceIds.has(demand.source) && /^[a-z0-9-]+$/.test(demand.source)) {
      issues.push({ path: `${path}.source`, code: 'unknown-source', message: `'${demand.source}' looks like a source id but is not in sources`, severity: 'warning' })
    }
  })
  return issues
}

/** Validates an untrusted demands document: schema first, then the checks across records. */
export function validateDemands(document: unknown): ValidationResult<DemandsDocument> {
  return validateDocument<DemandsDocument>(DemandsSchema, document, demandsIssues)
}
