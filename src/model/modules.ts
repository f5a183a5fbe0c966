import Type, { type Static } from 'typebox'
import type { ValidationIssue } from './errors'
import { type ValidationResult, validateDocument } from './validate'

/**
 * The module catalogue: what capacity can be bought on a network's links and at what price, for survivable
 * capacity design (src/traffic `designNetwork`). SNDlib's link model (Orlowski et al., "SNDlib 1.0", Networks
 * 55(3), 2010): any integer number of each module per link, each adding its capacity in each direction, plus an
 * optional routing cost per Gbit/s carried and a setup cost paid once when the link is used. `modules` is the
 * default list for every link; `links` overrides it per link id. Kept apart from the network, like demands, so
 * that one network can be priced by many catalogues; the built-in corridor ships none (no public per-module price).
 */

export const MODULES_SCHEMA_VERSION = 1

const Source = (what: string) => Type.String({ minLength: 1, maxLength: 2000, description: `Where ${what} comes from: a citation, a quote, or "synthetic" with why` })
const CostUsd = (description: string) => Type.Number({ minimum: 0, maximum: 1e15, description })

export const CapacityModuleSchema = Type.Object(
  {
    capacityGbps: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 'Capacity one module adds, Gbit/s in each direction' }),
    costUsd: CostUsd('Price of one module installed on a link, US dollars'),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "100G wavelength", "4 × 400G line card"' })),
    source: Source('the price'),
  },
  { additionalProperties: false },
)

const PerLinkCosts = {
  routingCostUsdPerGbps: Type.Optional(CostUsd('Cost per Gbit/s carried over the link in the normal state, US dollars (SNDlib routing cost)')),
  setupCostUsd: Type.Optional(CostUsd('Cost paid once when the design uses the link at all, US dollars (SNDlib setup cost)')),
  preInstalledGbps: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1e9, description: "Capacity already there, Gbit/s in each direction; default: the link's capacity under the design's capacity basis (--capacity)" }),
  ),
}

export const LinkOverrideSchema = Type.Object(
  {
    link: Type.String({ minLength: 1, maxLength: 200, description: 'Link id in the network' }),
    modules: Type.Optional(Type.Array(CapacityModuleSchema, { maxItems: 100, description: "Replaces the default modules on this link; [] = nothing can be added here" })),
    ...PerLinkCosts,
    source: Source("the link's figures"),
    notes: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

export const ModulesSchema = Type.Object(
  {
    schemaVersion: Type.Literal(MODULES_SCHEMA_VERSION),
    name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    network: Type.Optional(Type.String({ description: 'Name of the network the link ids were written for' })),
    modules: Type.Array(CapacityModuleSchema, { maxItems: 100, description: 'The modules every link can get unless `links` says otherwise' }),
    ...PerLinkCosts,
    source: Source('the catalogue'),
    links: Type.Optional(Type.Array(LinkOverrideSchema, { maxItems: 1_000_000, description: 'Per-link overrides, by link id' })),
  },
  { additionalProperties: false, $id: 'https://silkway.dev/schema/modules-1.json', title: 'silkway module catalogue' },
)

export type CapacityModule = Static<typeof CapacityModuleSchema>
export type LinkOverride = Static<typeof LinkOverrideSchema>
export type ModulesDocument = Static<typeof ModulesSchema>

/** Checks within the document: one override per link, and an override that says something. */
export function modulesIssues(document: ModulesDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const first = new Map<string, number>()
  document.links?.forEach((entry, i) => {
    const seen = first.get(entry.link)
    if (seen !== undefined) issues.push({ path: `links[${i}].link`, code: 'duplicate-id', message: `a second override for link '${entry.link}' (first at links[${seen}])`, severity: 'error' })
    else first.set(entry.link, i)
    if (entry.modules === undefined && entry.routingCostUsdPerGbps === undefined && entry.setupCostUsd === undefined && entry.preInstalledGbps === undefined) {
      issues.push({ path: `links[${i}]`, code: 'empty-override', message: `the override for link '${entry.link}' changes nothing`, severity: 'warning' })
    }
  })
  return issues
}

/** Validates an untrusted module catalogue: schema first, then the checks across entries. */
export function validateModules(document: unknown): ValidationResult<ModulesDocument> {
  return validateDocument<ModulesDocument>(ModulesSchema, document, modulesIssues)
}
