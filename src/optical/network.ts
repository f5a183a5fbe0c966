import type { Network, Profile, ValidationIssue } from '../model'
import { declaredChainLengths, linkLength } from '../routing'
import type { LinkOptics } from './design'

/**
 * A silkway network's links as the optical layer sees them: length as routing computes it (declared, geodesic
 * or great-circle estimate, `linkLength`), kind, and unrepeatered only where the data says `repeatered: false`.
 * A link of unknown length is an issue, located, and left out.
 */
export function networkLinkOptics(network: Network, profile: Profile): { links: LinkOptics[]; notes: Map<string, string>; issues: ValidationIssue[] } {
  const nodes = new Map(network.nodes.map((n) => [n.id, n]))
  const links: LinkOptics[] = []
  const notes = new Map<string, string>()
  const issues: ValidationIssue[] = []
  const chains = declaredChainLengths(network)
  network.links.forEach((link, i) => {
    const length = linkLength(link, nodes.get(link.a), nodes.get(link.b), profile, chains)
    if (!Number.isFinite(length.lengthKm)) {
      issues.push({ path: `links[${i}]`, code: 'unknown-length', message: `link '${link.id}' has no length, geometry or endpoint coordinates`, severity: 'warning' })
      return
    }
    const unrepeatered = link.kind === 'submarine' && link.repeatered === false
    if (link.kind === 'submarine' && link.repeatered === undefined) notes.set(link.id, 'repeatered or not is unknown in the data: designed with repeaters')
    if (length.method !== 'declared') notes.set(link.id, `${notes.get(link.id) ? `${notes.get(link.id)}; ` : ''}length ${length.lengthKm.toFixed(0)} km from ${length.method}`)
    links.push({ id: link.id, lengthKm: length.lengthKm, kind: link.kind, unrepeatered })
  })
  return { links, notes, issues }
}
