import { type ModulesDocument, SilkwayError, type ValidationIssue } from '../model'
import type { RoutingIndex } from '../routing'
import type { CapacityTable } from './capacity'
import type { EdgeDesign } from './design'

/** A catalogue laid onto a network's edges: what `solveCapacityDesign` takes, and where each figure came from. */
export interface CatalogueEdges {
  edges: EdgeDesign[]
  /** Per edge, how its pre-installed capacity was found: the catalogue's entry, or the capacity basis's derivation. */
  preInstalledFrom: string[]
}

/**
 * Each link's modules, routing and setup cost (USD) and pre-installed capacity: its override in `links` where it
 * has one, else the catalogue's defaults; the pre-installed capacity defaults to the link's capacity in `table`
 * (the capacity basis flow uses, a link of unknown capacity at 0). A link the route constraints block gets
 * nothing: no design may use it. The mapping onto SNDlib's model is one to one (docs/traffic.md). An override
 * naming no link is skipped here: `catalogueIssues` / `assertCatalogueFits` report it.
 */
export function catalogueEdges(index: RoutingIndex, catalogue: ModulesDocument, table: CapacityTable, blocked: Uint8Array): CatalogueEdges {
  const override = new Map<number, { entry: NonNullable<ModulesDocument['links']>[number]; at: number }>()
  catalogue.links?.forEach((entry, at) => {
    const e = index.linkIndex.get(entry.link)
    if (e !== undefined) override.set(e, { entry, at })
  })
  const preInstalledFrom: string[] = []
  const edges: EdgeDesign[] = index.network.links.map((_, e) => {
    const own = override.get(e)
    const pre = own?.entry.preInstalledGbps ?? catalogue.preInstalledGbps
    preInstalledFrom.push(
      own?.entry.preInstalledGbps !== undefined ? `module catalogue links[${own.at}]` : pre !== undefined ? 'module catalogue' : `${table.method[e]}: ${table.derivation[e]}`,
    )
    if (blocked[e]) return { preInstalledGbps: 0, modules: [] }
    return {
      preInstalledGbps: pre ?? table.capacityGbps[e],
      modules: (own?.entry.modules ?? catalogue.modules).map((m) => ({ capacityGbps: m.capacityGbps, cost: m.costUsd })),
      routingCost: own?.entry.routingCostUsdPerGbps ?? catalogue.routingCostUsdPerGbps ?? 0,
      setupCost: own?.entry.setupCostUsd ?? catalogue.setupCostUsd ?? 0,
    }
  })
  return { edges, preInstalledFrom }
}

/** A catalogue checked against a network: every override must name one of its links. */
export function catalogueIssues(index: RoutingIndex, catalogue: ModulesDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  catalogue.links?.forEach((entry, at) => {
    if (!index.linkIndex.has(entry.link)) issues.push({ path: `links[${at}].link`, code: 'unknown-link', message: `no link '${entry.link}' in the network`, severity: 'error' })
  })
  return issues
}

/**
 * Refuses a catalogue that does not fit the network (SW_INVALID_DOCUMENT with every issue, the first in the
 * message after `where`); `prefix` places the paths in a larger document (the API's body: `modules.`).
 */
export function assertCatalogueFits(index: RoutingIndex, catalogue: ModulesDocument, where = 'modules: ', prefix = ''): void {
  const errors = catalogueIssues(index, catalogue)
    .filter((issue) => issue.severity === 'error')
    .map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }))
  if (errors.length > 0) throw new SilkwayError('SW_INVALID_DOCUMENT', `${where}${errors[0].path}: ${errors[0].message}`, {}, errors)
}

/** `catalogueEdges` for trusted call sites: an unknown link refuses the catalogue (SW_INVALID_DOCUMENT, every issue). */
export function catalogueEdgesOrThrow(index: RoutingIndex, catalogue: ModulesDocument, table: CapacityTable, blocked: Uint8Array): CatalogueEdges {
  assertCatalogueFits(index, catalogue)
  return catalogueEdges(index, catalogue, table, blocked)
}
