import type { Highs } from 'highs'
import { type Path, disjointPaths } from '../graph'
import { SilkwayError } from '../model'
import { type PathResult, type RoutingIndex, describePath, resolveNode } from '../routing'
import { latencySearch, nodeRef } from './common'
import { edgeGroups, groupDisjointPaths } from './group-disjoint'
import { DIVERSITY, type DisjointAnswer, type DisjointQuery, type Shared } from './schema'

/**
 * k diverse paths of least total latency. Link and node diversity: Suurballe's algorithm, exact; SRLG and
 * country diversity: an exact MIP (HiGHS) or, on large networks, a heuristic. When no fully diverse set
 * exists, the set sharing the fewest elements is returned and `shared` names them.
 */
export async function diversePaths(index: RoutingIndex, query: DisjointQuery, scenario?: string, loadSolver?: () => Promise<Highs>): Promise<DisjointAnswer> {
  const k = query.k ?? 2
  const by = query.by ?? 'link'
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new SilkwayError('SW_INVALID_ARGUMENT', `k must be an integer from 1 to 10 (got ${k})`, { field: 'k' })
  if (!(DIVERSITY as readonly string[]).includes(by)) throw new SilkwayError('SW_INVALID_ARGUMENT', `by must be one of ${DIVERSITY.join(', ')}`)
  const s = resolveNode(index, query.from)
  const t = resolveNode(index, query.to)
  if (s === t) throw new SilkwayError('SW_INVALID_ARGUMENT', 'from and to are the same node')
  const search = latencySearch(index)
  const { network } = index
  let paths: Path[]
  let method: string
  if (by === 'link' || by === 'node') {
    const exact = disjointPaths(index.graph, s, t, k, by === 'link' ? 'edge' : 'node', search)
    if (exact.paths.length === k) {
      paths = exact.paths
      method = by === 'link' ? 'suurballe' : 'suurballe-node-split'
    } else {
      paths = disjointPaths(index.graph, s, t, k, by === 'link' ? 'edge' : 'node', { ...search, sharePenalty: 1e9 }).paths
      method = by === 'link' ? 'suurballe-min-shared' : 'suurballe-node-split-min-shared'
    }
  } else {
    const names: string[] = []
    const id = new Map<string, number>()
    const groupOf = (name: string) => {
      let g = id.get(name)
      if (g === undefined) {
        g = names.length
        names.push(name)
        id.set(name, g)
      }
      return g
    }
    const exempt = new Set([network.nodes[s].country, network.nodes[t].country].filter(Boolean))
    const membership = network.links.map((link, e) => {
      if (by === 'srlg') return (link.srlgs ?? []).map(groupOf)
      const countries = new Set([...index.linkCountries[e], network.nodes[index.graph.edgeTail[e]].country, network.nodes[index.graph.edgeHead[e]].country])
      return [...countries].filter((c): c is string => c !== undefined && !exempt.has(c)).map(groupOf)
    })
    const result = await groupDisjointPaths(index.graph, s, t, k, edgeGroups(network.links.length, membership, names.length), search, loadSolver)
    paths = result.paths
    method = result.method
  }
  if (paths.length === 0) throw new SilkwayError('SW_NO_PATH', `no path connects ${network.nodes[s].name} and ${network.nodes[t].name}`)
  const described = paths.map((p) => describePath(index, p))
  const shared = sharedElements(index, paths, described, s, t)
  const fullyDisjoint =
    paths.length === k &&
    shared.links.length === 0 &&
    (by !== 'node' || shared.nodes.length === 0) &&
    (by !== 'srlg' || shared.srlgs.length === 0) &&
    (by !== 'country' || shared.countries.length === 0)
  return { ...(scenario ? { scenario } : {}), from: nodeRef(index, s), to: nodeRef(index, t), by, k, method, fullyDisjoint, paths: described, shared }
}

function sharedElements(index: RoutingIndex, paths: Path[], described: PathResult[], s: number, t: number): Shared {
  const { network } = index
  const moreThanOnce = (sets: Set<string>[]) => {
    const count = new Map<string, number>()
    for (const set of sets) for (const x of set) count.set(x, (count.get(x) ?? 0) + 1)
    return [...count].filter(([, c]) => c > 1).map(([x]) => x).sort()
  }
  const exempt = new Set([network.nodes[s].country, network.nodes[t].country])
  return {
    links: moreThanOnce(paths.map((p) => new Set(p.edges.map((e) => network.links[e].id)))),
    nodes: moreThanOnce(paths.map((p) => new Set(p.nodes.slice(1, -1).map((v) => network.nodes[v].id)))),
    srlgs: moreThanOnce(paths.map((p) => new Set(p.edges.flatMap((e) => network.links[e].srlgs ?? [])))),
    countries: moreThanOnce(described.map((p) => new Set(p.countries.filter((c) => !exempt.has(c))))),
  }
}
