import { type DemandClass, type DemandsDocument, isSilkwayError, SilkwayError, type ValidationIssue } from '../model'
import { resolveNode, type RoutingIndex } from '../routing'

/** A demand with its endpoints resolved to dense node ids of a compiled index. */
export interface ResolvedDemand {
  /** Position in the document's `demands` list. */
  index: number
  id: string
  source: number
  target: number
  gbps: number
  class: DemandClass
}

export interface ResolvedDemands {
  demands: ResolvedDemand[]
  /** Located problems: `demands[3].from: no node 'Frankfrut'; closest: frankfurt (Frankfurt, DE)`. */
  issues: ValidationIssue[]
}

/**
 * Resolves every demand's node references (id, or name as `resolveNode` matches it) against a compiled
 * network. Collects every problem instead of stopping at the first; a demand with an unknown endpoint is
 * left out and reported.
 */
export function resolveDemands(index: RoutingIndex, document: DemandsDocument): ResolvedDemands {
  const demands: ResolvedDemand[] = []
  const issues: ValidationIssue[] = []
  document.demands.forEach((demand, i) => {
    const ends: number[] = []
    for (const field of ['from', 'to'] as const) {
      try {
        ends.push(resolveNode(index, demand[field]))
      } catch (error) {
        if (!isSilkwayError(error)) throw error
        issues.push({ path: `demands[${i}].${field}`, code: error.code === 'SW_AMBIGUOUS_NODE' ? 'ambiguous-node' : 'unknown-node', message: error.message, severity: 'error' })
      }
    }
    if (ends.length !== 2) return
    if (ends[0] === ends[1]) {
      issues.push({ path: `demands[${i}].to`, code: 'self-demand', message: `'${demand.from}' and '${demand.to}' are the same node`, severity: 'error' })
      return
    }
    demands.push({ index: i, id: demand.id, source: ends[0], target: ends[1], gbps: demand.gbps, class: demand.class ?? 'unprotected' })
  })
  return { demands, issues }
}

/** For trusted call sites: resolves or throws SW_INVALID_DOCUMENT carrying every issue. */
export function resolveDemandsOrThrow(index: RoutingIndex, document: DemandsDocument): ResolvedDemand[] {
  const { demands, issues } = resolveDemands(index, document)
  const errors = issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) throw new SilkwayError('SW_INVALID_DOCUMENT', `demands: ${errors[0].path}: ${errors[0].message}`, {}, issues)
  return demands
}

/**
 * The same demands in another year at compound growth g per year: gbps × (1 + g)^(year − the demand's year).
 * Demands without a year take the document's baseYear; without either, projection is refused.
 */
export function projectDemands(document: DemandsDocument, year: number, growthPerYear: number): DemandsDocument {
  if (!(growthPerYear > -1 && growthPerYear < Infinity)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `growth per year must be greater than -1 (got ${growthPerYear})`, { field: 'growthPerYear' })
  }
  const demands = document.demands.map((demand, i) => {
    const from = demand.year ?? document.baseYear
    if (from === undefined) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `demands[${i}] has no year and the document no baseYear: cannot project to ${year}`, { field: `demands[${i}].year` })
    }
    return { ...demand, year, gbps: demand.gbps * (1 + growthPerYear) ** (year - from) }
  })
  return { ...document, baseYear: year, demands }
}
