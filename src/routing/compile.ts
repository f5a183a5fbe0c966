import { ADMISSIBLE_GREAT_CIRCLE_SCALE, greatCircleKm } from '../geo'
import { type Graph, buildGraph } from '../graph'
import { type Network, type NetworkNode, type Profile, fiberPropagationMs } from '../model'
import { type LengthMethod, declaredChainLengths, linkLength } from './length'

/**
 * Everything the route queries need, compiled once per (network, scenario, profile) and reused: the CSR graph
 * plus per-link and per-node typed arrays (STYLE §4). Edge e of the graph is network.links[e]; node v is
 * network.nodes[v].
 */
export interface RoutingIndex {
  readonly network: Network
  readonly profile: Profile
  readonly graph: Graph
  readonly nodeIndex: ReadonlyMap<string, number>
  readonly linkIndex: ReadonlyMap<string, number>
  readonly linkLengthKm: Float64Array
  readonly linkLengthMethod: readonly LengthMethod[]
  /** One-way propagation time of each link, ms. */
  readonly linkPropagationMs: Float64Array
  /** Equipment delay charged when a path passes through or ends at each node, ms. */
  readonly nodeDelayMs: Float64Array
  /** Countries each link crosses: declared, else its endpoints' countries. */
  readonly linkCountries: readonly (readonly string[])[]
  /** Whether every link is at least as long as the (scaled) great circle between its ends, so A* is admissible. */
  readonly greatCircleIsLowerBound: boolean
}

/** Border-crossing nodes mark where a cable crosses a border, not an equipment site, so they add no delay. */
function nodeDelay(node: NetworkNode, profile: Profile): number {
  return node.kind === 'border-crossing' ? 0 : profile.equipment.nodeDelayMs.value
}

export function compileIndex(network: Network, profile: Profile): RoutingIndex {
  const nodeIndex = new Map<string, number>()
  network.nodes.forEach((node, v) => nodeIndex.set(node.id, v))
  const linkIndex = new Map<string, number>()
  const tails = new Int32Array(network.links.length)
  const heads = new Int32Array(network.links.length)
  const linkLengthKm = new Float64Array(network.links.length)
  const linkPropagationMs = new Float64Array(network.links.length)
  const linkLengthMethod: LengthMethod[] = []
  const linkCountries: string[][] = []
  const groupIndex = profile.fiber.groupIndex.value
  let greatCircleIsLowerBound = true
  const chains = declaredChainLengths(network)
  network.links.forEach((link, e) => {
    linkIndex.set(link.id, e)
    const u = nodeIndex.get(link.a)
    const v = nodeIndex.get(link.b)
    if (u === undefined || v === undefined) throw new RangeError(`link '${link.id}' has an unknown endpoint; validate the network first`)
    tails[e] = u
    heads[e] = v
    const a = network.nodes[u]
    const b = network.nodes[v]
    const length = linkLength(link, a, b, profile, chains)
    linkLengthKm[e] = length.lengthKm
    linkLengthMethod.push(length.method)
    linkPropagationMs[e] = fiberPropagationMs(length.lengthKm, groupIndex)
    const countries = link.countries ?? [a.country, b.country].filter((c): c is string => c !== undefined)
    linkCountries.push([...new Set(countries)])
    if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) greatCircleIsLowerBound = false
    else if (!(length.lengthKm >= ADMISSIBLE_GREAT_CIRCLE_SCALE * greatCircleKm(a.lat, a.lon, b.lat, b.lon))) greatCircleIsLowerBound = false
  })
  if (network.nodes.some((n) => n.lat === undefined)) greatCircleIsLowerBound = false
  const nodeDelayMs = Float64Array.from(network.nodes, (node) => nodeDelay(node, profile))
  return {
    network,
    profile,
    graph: buildGraph(network.nodes.length, tails, heads),
    nodeIndex,
    linkIndex,
    linkLengthKm,
    linkLengthMethod,
    linkPropagationMs,
    nodeDelayMs,
    linkCountries,
    greatCircleIsLowerBound,
  }
}
