import type { SearchOptions } from '../graph'
import { type NodeRef, type RoutingIndex, metricCosts } from '../routing'

/** Node kinds that carry traffic: pairs are drawn among them (border crossings and landing stations only relay). */
const RELAY_KINDS = new Set(['border-crossing', 'landing-station'])

/** The default pair endpoints: every node except pure relays, in network order. */
export function defaultEndpoints(index: RoutingIndex): number[] {
  const out: number[] = []
  index.network.nodes.forEach((node, v) => {
    if (!RELAY_KINDS.has(node.kind)) out.push(v)
  })
  return out
}

/** One-way latency as the router computes it: link propagation plus the delay of each node entered. */
export function latencySearch(index: RoutingIndex): SearchOptions {
  const costs = metricCosts(index, 'latency')
  return { edgeWeight: costs.edgeWeight, ...(costs.nodeCost ? { nodeCost: costs.nodeCost } : {}) }
}

/** RTT of a path whose search cost (which excludes the source's own delay) is `cost`. */
export function rttMs(index: RoutingIndex, source: number, cost: number): number {
  return 2 * (cost + index.nodeDelayMs[source])
}

export function nodeRef(index: RoutingIndex, v: number): NodeRef {
  const node = index.network.nodes[v]
  return node.country ? { id: node.id, name: node.name, country: node.country } : { id: node.id, name: node.name }
}

