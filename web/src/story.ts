import type { Network, NetworkLink } from '../../src/model'

/** What the route panel tells about its answer: which paths differ and how, and what they rest on. */

export interface PathLike {
  nodes: readonly string[]
  links: readonly string[]
}

export interface PathGroup {
  /** Indices into the answer's paths: the first is shown, the others are identical to it. */
  indices: number[]
  /** What sets the path apart from the others shown: "via Baku – Aktau", "fastest". */
  label: string
}

/** Nodes that name a route well: not a border crossing (a point on a line, not a place people know). */
const naming = (network: Network, id: string) => network.nodes.find((n) => n.id === id)?.kind !== 'border-crossing'

/**
 * The paths grouped and named. Paths through the same nodes in the same order are one group (they differ only
 * by parallel links, which the map cannot tell apart); each group is named by the nodes it passes that the
 * group it is compared with does not (the best path with the second, every other with the best): "via A – B"
 * with the first and last such node, or "via A".
 */
export function groupPaths(paths: readonly PathLike[], network: Network): PathGroup[] {
  const groups: { indices: number[]; nodes: readonly string[] }[] = []
  paths.forEach((p, i) => {
    const same = groups.find((g) => g.nodes.length === p.nodes.length && g.nodes.every((n, j) => n === p.nodes[j]))
    if (same) same.indices.push(i)
    else groups.push({ indices: [i], nodes: p.nodes })
  })
  const name = (id: string) => network.nodes.find((n) => n.id === id)?.name ?? id
  return groups.map((g, gi) => {
    const other = groups[gi === 0 ? 1 : 0]
    if (!other) return { indices: g.indices, label: 'the only path' }
    const theirs = new Set(other.nodes)
    const own = g.nodes.filter((n) => !theirs.has(n))
    const named = own.filter((n) => naming(network, n))
    const shown = named.length > 0 ? named : own
    if (shown.length === 0) return { indices: g.indices, label: 'a shorter way through the same places' }
    const first = name(shown[0])
    const last = name(shown[shown.length - 1])
    return { indices: g.indices, label: shown.length === 1 ? `via ${first}` : `via ${first} – ${last}` }
  })
}

export interface PathCaveats {
  /** Links of the path not yet in service (under construction or planned), in path order. */
  notInService: { id: string; name: string; status: string; readyForServiceYear?: number }[]
  /** Links whose alignment (or geometry) is inferred, not published: their assumptions say so. */
  inferred: { id: string; name: string }[]
}

const INFERRED_FIELDS = new Set(['alignment', 'geometry'])

/** What a path rests on that a planner should know: links not in service, alignments inferred. */
export function pathCaveats(linkIds: readonly string[], network: Network): PathCaveats {
  const byId = new Map(network.links.map((l) => [l.id, l]))
  const links = linkIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as NetworkLink] : []))
  const nodeName = (id: string) => network.nodes.find((n) => n.id === id)?.name ?? id
  const name = (l: NetworkLink) => l.name ?? `${nodeName(l.a)} – ${nodeName(l.b)}`
  return {
    notInService: links
      .filter((l) => l.status === 'under-construction' || l.status === 'planned')
      .map((l) => ({ id: l.id, name: name(l), status: l.status as string, ...(l.readyForServiceYear ? { readyForServiceYear: l.readyForServiceYear } : {}) })),
    inferred: links.filter((l) => l.assumptions?.some((a) => INFERRED_FIELDS.has(a.field))).map((l) => ({ id: l.id, name: name(l) })),
  }
}

/** What a comparison row needs for the headline (a structural subset of the report's PairComparison). */
export interface PairChange {
  fromName: string
  toName: string
  base: { rttMs: number | null } | null
  target: { rttMs: number | null } | null
  rttDiffMs: number | null
}

/** Pairs ordered by how much they change, biggest first; a pair reachable in only one scenario counts as the biggest. */
export function byChange<P extends PairChange>(pairs: readonly P[]): P[] {
  const size = (p: P) => {
    if (p.rttDiffMs !== null) return Math.abs(p.rttDiffMs)
    return (p.base?.rttMs == null) !== (p.target?.rttMs == null) ? Infinity : -1
  }
  return [...pairs].sort((a, b) => size(b) - size(a))
}

const ms = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/**
 * The comparison in one line, from its biggest change: "The Trans-Caspian cable cuts Baku – Almaty from 72.1
 * to 36.3 ms". The subject is what the target adds on that pair's route (its named links), else the target
 * scenario's title.
 */
export function compareHeadline(top: PairChange | undefined, added: readonly string[], targetTitle: string): string {
  const none = `No pair's round trip changes in ${targetTitle}.`
  if (!top || top.rttDiffMs === 0) return none
  const pair = `${top.fromName} – ${top.toName}`
  const before = top.base?.rttMs ?? null
  const after = top.target?.rttMs ?? null
  const subject = added.length === 0 ? targetTitle : added.length === 1 ? added[0] : `${added.slice(0, -1).join(', ')} and ${added[added.length - 1]}`
  const plural = added.length > 1
  if (before !== null && after === null) return `${pair} has no route in ${targetTitle} (${ms(before)} ms before).`
  if (before === null && after !== null) return `${subject} ${plural ? 'connect' : 'connects'} ${pair}: ${ms(after)} ms round trip, where there was no route.`
  if (before === null || after === null || top.rttDiffMs === null) return none
  const verb = (top.rttDiffMs < 0 ? 'cut' : 'raise') + (plural ? '' : 's')
  return `${subject} ${verb} the round trip ${pair} from ${ms(before)} to ${ms(after)} ms.`
}
