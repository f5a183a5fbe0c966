import { MINUTES_PER_YEAR, SilkwayError } from '../model'
import type { RoutingIndex } from '../routing'

const HOURS_PER_YEAR = MINUTES_PER_YEAR / 60

/** Per-link failure model: faults per year, hours to repair, and the steady-state unavailability. */
export interface LinkReliability {
  faultsPerYear: Float64Array
  mttrHours: Float64Array
  unavailability: Float64Array
  /** Links whose length is unknown: counted as never failing, and named so the answer can warn. */
  unknownLength: string[]
}

function parameter(index: RoutingIndex, key: string): number {
  const p = index.profile.reliability?.[key]
  if (!p || !Number.isFinite(p.value)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `the profile has no reliability parameter '${key}' (see docs/profile.md)`, { parameter: key })
  }
  return p.value
}

/**
 * λ = rate per 1,000 km × length for the link's kind (profile `reliability`: submarine faults and repair days,
 * terrestrial cuts and repair hours; corridor-facts §4), unless the link sets `faultsPerYear` / `mttrHours`.
 * U = λ·MTTR / (1 year + λ·MTTR), the steady-state unavailability of an alternating renewal process.
 */
export function linkReliability(index: RoutingIndex): LinkReliability {
  const m = index.graph.edgeCount
  const rates = {
    submarine: parameter(index, 'submarineFaultsPer1000kmYr'),
    terrestrial: parameter(index, 'terrestrialCutsPer1000kmYr'),
  }
  const mttr = { submarine: parameter(index, 'submarineMttrDays') * 24, terrestrial: parameter(index, 'terrestrialMttrHours') }
  const faultsPerYear = new Float64Array(m)
  const mttrHours = new Float64Array(m)
  const unavailability = new Float64Array(m)
  const unknownLength: string[] = []
  index.network.links.forEach((link, e) => {
    const km = index.linkLengthKm[e]
    let lambda = link.faultsPerYear
    if (lambda === undefined) {
      if (Number.isFinite(km)) lambda = (rates[link.kind] * km) / 1000
      else {
        lambda = 0
        unknownLength.push(link.id)
      }
    }
    const r = link.mttrHours ?? mttr[link.kind]
    faultsPerYear[e] = lambda
    mttrHours[e] = r
    unavailability[e] = (lambda * r) / (HOURS_PER_YEAR + lambda * r)
  })
  return { faultsPerYear, mttrHours, unavailability, unknownLength }
}
