import type { Network } from '../model'

/** A failure state: the edges (dense link indices) that fail together, and its name. */
export interface FailureSet {
  name: string
  edges: number[]
}

/**
 * The single failures a survivability question considers: every link alone (`link`), or every SRLG's links
 * together, links in no SRLG alone (`srlg`) — Net2Plan's per-SRG failure states, SNDlib's single-link states.
 */
export function failureSets(network: Network, mode: 'link' | 'srlg'): { failures: FailureSet[]; warnings: string[] } {
  const failures: FailureSet[] = []
  const warnings: string[] = []
  if (mode === 'link') {
    network.links.forEach((link, e) => failures.push({ name: link.id, edges: [e] }))
    return { failures, warnings }
  }
  const groups = new Map<string, number[]>()
  network.links.forEach((link, e) => {
    if (!link.srlgs?.length) failures.push({ name: link.id, edges: [e] })
    for (const id of link.srlgs ?? []) groups.set(id, [...(groups.get(id) ?? []), e])
  })
  for (const [id, members] of groups) failures.push({ name: `SRLG ${id}`, edges: members })
  if (groups.size === 0) warnings.push('the network declares no SRLG: srlg failures are single link failures only')
  return { failures, warnings }
}
