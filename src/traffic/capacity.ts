import { type NetworkLink, type Profile, SilkwayError } from '../model'
import type { RoutingIndex } from '../routing'

/**
 * How the capacity an analysis uses for a link was obtained, as `LengthMethod` does for length: stated by a
 * source; derived from the link's fibre pairs × the channel plan (the profile's, or the link's own channels
 * and rate); an assumption (the link records the field as assumed, or the analysis gave a default for links
 * without one); given by the user for this analysis; or unknown.
 */
export const CAPACITY_METHODS = ['declared', 'derived-from-pairs', 'derived-from-optics', 'assumed', 'user', 'unknown'] as const
export type CapacityMethod = (typeof CAPACITY_METHODS)[number]

/**
 * Which capacity an analysis loads: the design ceiling, what is lit today, one value for every link, or what the
 * optical layer says each link's fibre pairs carry (`opticalRates`, from src/optical `opticalLinkRates`).
 */
export const CAPACITY_BASES = ['design', 'lit', 'uniform', 'optical'] as const
export type CapacityBasis = (typeof CAPACITY_BASES)[number]

/** What a link of unknown capacity does in an analysis: carry traffic without a limit (reported), or none. */
export const UNKNOWN_CAPACITY_POLICIES = ['uncapacitated', 'exclude'] as const
export type UnknownCapacityPolicy = (typeof UNKNOWN_CAPACITY_POLICIES)[number]

export interface CapacityOptions {
  basis?: CapacityBasis
  /** The capacity of every link when basis is `uniform`, Gbit/s. */
  uniformGbps?: number
  /** Per-link capacities that replace the basis, Gbit/s, by link id. */
  overrides?: Readonly<Record<string, number>>
  /** Capacity of links the basis gives none, Gbit/s: reported as `assumed`. */
  defaultGbps?: number
  unknown?: UnknownCapacityPolicy
  /** Basis `optical`: per link id, the feasible rate per wavelength and the wavelengths per fibre pair. */
  opticalRates?: ReadonlyMap<string, OpticalLinkRate>
}

/** What the optical layer says one wavelength carries on a link, and how many fit a fibre pair. */
export interface OpticalLinkRate {
  rateGbps: number
  wavelengthsPerPair: number
  modeId: string | null
}

/** Fibre pairs × wavelengths per pair × the rate the optics closes: needs the link's pair count. */
export function opticalCapacity(link: NetworkLink, rate: OpticalLinkRate | undefined): LinkCapacity {
  if (!rate) return { capacityGbps: Number.NaN, method: 'unknown', basis: 'no optical design (length unknown)' }
  if (link.fiberPairs === undefined) return { capacityGbps: Number.NaN, method: 'unknown', basis: 'no fibre-pair count for the optical basis' }
  const assumed = assumedField(link, 'fiberPairs')
  return {
    capacityGbps: link.fiberPairs * rate.wavelengthsPerPair * rate.rateGbps,
    method: assumed ? 'assumed' : 'derived-from-optics',
    basis: `${link.fiberPairs} pairs × ${rate.wavelengthsPerPair} λ × ${rate.rateGbps} Gbit/s (${rate.modeId ?? 'no mode closes'}, optical layer)`,
  }
}

export interface LinkCapacity {
  /** Gbit/s in each direction; NaN when unknown. */
  capacityGbps: number
  method: CapacityMethod
  /** How the figure was reached, for reports: "2 pairs × 96 λ × 100 Gbit/s". */
  basis: string
}

/** The channel plan a fibre-pair count is multiplied by; undefined when the profile has none. */
export function channelPlan(profile: Profile): { channelsPerFiberPair: number; wavelengthGbps: number } | undefined {
  const plan = profile.capacity
  if (!plan) return undefined
  return { channelsPerFiberPair: plan.channelsPerFiberPair.value, wavelengthGbps: plan.wavelengthGbps.value }
}

function assumedField(link: NetworkLink, field: string): boolean {
  return (link.assumptions ?? []).some((a) => a.field === field)
}

/** A link's design capacity: declared, else fibre pairs × channels × rate, else unknown. */
export function designCapacity(link: NetworkLink, profile: Profile): LinkCapacity {
  if (link.designCapacityGbps !== undefined) {
    const method = assumedField(link, 'designCapacityGbps') ? 'assumed' : 'declared'
    return { capacityGbps: link.designCapacityGbps, method, basis: 'designCapacityGbps' }
  }
  if (link.fiberPairs !== undefined) {
    const plan = channelPlan(profile)
    const channels = link.wavelengthsPerPair ?? plan?.channelsPerFiberPair
    const rate = link.wavelengthGbps ?? plan?.wavelengthGbps
    if (channels !== undefined && rate !== undefined) {
      const assumed = assumedField(link, 'fiberPairs') || assumedField(link, 'wavelengthsPerPair') || assumedField(link, 'wavelengthGbps')
      return {
        capacityGbps: link.fiberPairs * channels * rate,
        method: assumed ? 'assumed' : 'derived-from-pairs',
        basis: `${link.fiberPairs} pairs × ${channels} λ${link.wavelengthsPerPair === undefined ? ' (profile)' : ''} × ${rate} Gbit/s${link.wavelengthGbps === undefined ? ' (profile)' : ''}`,
      }
    }
  }
  return { capacityGbps: Number.NaN, method: 'unknown', basis: 'no design capacity, no fibre-pair count' }
}

/** A link's lit capacity: only a source can state it. */
export function litCapacity(link: NetworkLink): LinkCapacity {
  if (link.litCapacityGbps === undefined) return { capacityGbps: Number.NaN, method: 'unknown', basis: 'no lit capacity stated' }
  return { capacityGbps: link.litCapacityGbps, method: assumedField(link, 'litCapacityGbps') ? 'assumed' : 'declared', basis: 'litCapacityGbps' }
}

/**
 * The capacities an analysis loads, per edge of the compiled index. Parallel links stay separate edges, so
 * their capacities add up in every flow; each holds in each direction (links are full duplex).
 */
export interface CapacityTable {
  basis: CapacityBasis
  unknownPolicy: UnknownCapacityPolicy
  /** Gbit/s per edge; Infinity for an uncapacitated link of unknown capacity, 0 for an excluded one. */
  capacityGbps: Float64Array
  method: CapacityMethod[]
  derivation: string[]
  /** Edges whose capacity is unknown, in edge order. */
  unknownEdges: number[]
}

export function capacityTable(index: RoutingIndex, options: CapacityOptions = {}): CapacityTable {
  const basis = options.basis ?? 'design'
  const unknownPolicy = options.unknown ?? 'uncapacitated'
  if (basis === 'uniform' && !(options.uniformGbps !== undefined && options.uniformGbps > 0)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', 'a uniform capacity basis needs uniformGbps > 0', { field: 'uniformGbps' })
  }
  if (basis === 'optical' && !options.opticalRates) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', "the optical capacity basis needs the optical layer's per-link rates (src/optical opticalLinkRates)", { field: 'basis' })
  }
  for (const [id, gbps] of Object.entries(options.overrides ?? {})) {
    if (!index.linkIndex.has(id)) throw new SilkwayError('SW_INVALID_ARGUMENT', `capacity override for unknown link '${id}'`, { field: 'overrides', link: id })
    if (!(gbps >= 0 && gbps < Infinity)) throw new SilkwayError('SW_INVALID_ARGUMENT', `capacity override for '${id}' must be a finite number ≥ 0 (got ${gbps})`, { field: 'overrides', link: id })
  }
  if (options.defaultGbps !== undefined && !(options.defaultGbps >= 0 && options.defaultGbps < Infinity)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `defaultGbps must be a finite number ≥ 0 (got ${options.defaultGbps})`, { field: 'defaultGbps' })
  }
  const { links } = index.network
  const capacityGbps = new Float64Array(links.length)
  const method: CapacityMethod[] = []
  const derivation: string[] = []
  const unknownEdges: number[] = []
  links.forEach((link, e) => {
    const override = options.overrides?.[link.id]
    let found: LinkCapacity
    if (override !== undefined) found = { capacityGbps: override, method: 'user', basis: 'per-link override' }
    else if (basis === 'uniform') found = { capacityGbps: options.uniformGbps as number, method: 'user', basis: 'uniform capacity' }
    else if (basis === 'optical') found = opticalCapacity(link, options.opticalRates?.get(link.id))
    else found = basis === 'design' ? designCapacity(link, index.profile) : litCapacity(link)
    if (found.method === 'unknown' && options.defaultGbps !== undefined) {
      found = { capacityGbps: options.defaultGbps, method: 'assumed', basis: `analysis default (${found.basis})` }
    }
    if (found.method === 'unknown') {
      unknownEdges.push(e)
      capacityGbps[e] = unknownPolicy === 'exclude' ? 0 : Number.POSITIVE_INFINITY
    } else {
      capacityGbps[e] = found.capacityGbps
    }
    method.push(found.method)
    derivation.push(found.basis)
  })
  return { basis, unknownPolicy, capacityGbps, method, derivation, unknownEdges }
}
