import type { Network } from '../model'
import { resolveCut, srlgMembers } from '../resilience'
import type { RoutingIndex } from '../routing'

/** A failure state: the edges (dense link indices) that fail together, and its name. */
export interface FailureSet {
  name: string
  edges: number[]
  /** A country state: the country whose links fail (a demand with an end there loses its endpoint). */
  country?: string
}

/**
 * The single failures a survivability question considers: every link alone (`link`), or every SRLG's links
 * together, links in no SRLG alone (`srlg`) — Net2Plan's per-SRG failure states, SNDlib's single-link states.
 * The SRLGs are `srlgMembers`'s (the resilience sweep's grouping); unlike that sweep, a link in no SRLG is a
 * state of its own here, since capacity design and the traffic sweep must survive its loss too.
 */
export function failureSets(network: Network, mode: 'link' | 'srlg'): { failures: FailureSet[]; warnings: string[] } {
  const failures: FailureSet[] = []
  const warnings: string[] = []
  if (mode === 'link') {
    network.links.forEach((link, e) => failures.push({ name: link.id, edges: [e] }))
    return { failures, warnings }
  }
  network.links.forEach((link, e) => {
    if (!link.srlgs?.length) failures.push({ name: link.id, edges: [e] })
  })
  const groups = srlgMembers(network)
  for (const { id, edges } of groups) failures.push({ name: `SRLG ${id}`, edges })
  if (groups.length === 0) warnings.push('the network declares no SRLG: srlg failures are single link failures only')
  return { failures, warnings }
}

/**
 * One state per country, in code order: every link that crosses or lands in it fails (`resolveCut`'s
 * countries, the links `--avoid-country` blocks: the link's countries, declared or its endpoints', and the
 * links ending at a node of the country). The country's own nodes are left without links, so its demands
 * lose an endpoint whatever the network does.
 */
export function countryFailureSets(index: RoutingIndex): { failures: FailureSet[]; warnings: string[] } {
  const codes = new Set<string>()
  for (const countries of index.linkCountries) for (const c of countries) codes.add(c)
  for (const node of index.network.nodes) if (node.country) codes.add(node.country)
  const failures = [...codes]
    .sort()
    .map((country) => ({ name: `country ${country}`, edges: resolveCut(index, { countries: [country] }), country }))
    .filter((f) => f.edges.length > 0)
  return { failures, warnings: failures.length === 0 ? ['no link names a country and no node has one: there are no country failure states'] : [] }
}

/** The failure states of a sweep mode. */
export function sweepFailureSets(index: RoutingIndex, mode: 'link' | 'srlg' | 'country'): { failures: FailureSet[]; warnings: string[] } {
  return mode === 'country' ? countryFailureSets(index) : failureSets(index.network, mode)
}
