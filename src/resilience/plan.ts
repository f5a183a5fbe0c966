import { type Network, round } from '../model'
import type { RoutingIndex } from '../routing'
import { defaultEndpoints, latencySearch } from './common'
import type { FailureMode, RankedElement, SweepAnswer } from './schema'
import {
  type FailureSet,
  type SweepModel,
  buildSweepModel,
  doubleFailures,
  failureSet,
  pairCount,
  singleFailures,
  unpackImpact,
} from './sweep'

/** A sweep ready to run: the shared model, the scenarios and a name for each. */
export interface SweepPlan {
  mode: FailureMode
  model: SweepModel
  set: FailureSet
  labels: string[]
  /** Link ids failed by each scenario. */
  links: string[][]
}

/**
 * Every shared-risk group with the links (dense indices, ascending) that belong to it: the groups the network
 * declares, in its order, then those only links name, in the order first named; a group without links is left
 * out. The one grouping both SRLG sweeps use (this one, and the traffic sweep's `failureSets`).
 */
export function srlgMembers(network: Network): { id: string; edges: number[] }[] {
  const groups = new Map<string, number[]>()
  for (const g of network.srlgs ?? []) groups.set(g.id, [])
  network.links.forEach((link, e) => {
    for (const id of new Set(link.srlgs ?? [])) {
      const members = groups.get(id)
      if (members) members.push(e)
      else groups.set(id, [e])
    }
  })
  return [...groups].filter(([, edges]) => edges.length > 0).map(([id, edges]) => ({ id, edges }))
}

export function planSweep(index: RoutingIndex, mode: FailureMode, options: { allocate?: (bytes: number) => ArrayBufferLike; endpoints?: number[] } = {}): SweepPlan {
  const model = buildSweepModel(index.graph, latencySearch(index), options.endpoints ?? defaultEndpoints(index), options.allocate ? { allocate: options.allocate } : {})
  const { links } = index.network
  let scenarios: number[][]
  let labels: string[]
  if (mode === '1') {
    scenarios = singleFailures(model)
    labels = scenarios.map(([e]) => links[e].id)
  } else if (mode === '2') {
    scenarios = doubleFailures(model)
    labels = scenarios.map(([e, f]) => `${links[e].id} + ${links[f].id}`)
  } else {
    const used = srlgMembers(index.network)
    scenarios = used.map((g) => g.edges)
    labels = used.map((g) => g.id)
  }
  return { mode, model, set: failureSet(scenarios), labels, links: scenarios.map((s) => s.map((e) => links[e].id)) }
}

/**
 * The node a failure of one link isolates when it is single-homed: an endpoint of degree 1 in the compiled
 * graph. Losing a pendant link cuts off exactly the pairs of that node (the rest of its component stays
 * connected), so a ranking led by it says more about the model's coverage (a node whose other links are
 * missing) than about the corridor. A failure of several links (a pair, an SRLG) may cut more than one node's
 * pairs, so none is named for it.
 */
export function singleHomedNodeCutBy(index: RoutingIndex, linkIds: readonly string[]): string | undefined {
  if (linkIds.length !== 1) return undefined
  const e = index.linkIndex.get(linkIds[0])
  if (e === undefined) return undefined
  const { offsets, edgeTail, edgeHead } = index.graph
  const pendant = [edgeTail[e], edgeHead[e]].filter((v) => offsets[v + 1] - offsets[v] === 1)
  // Both ends of degree 1: an isolated two-node island; it is neither end's stub alone.
  return pendant.length === 1 ? index.network.nodes[pendant[0]].id : undefined
}

/**
 * Ranks the elements by criticality: pairs disconnected, then mean inflation, then worst inflation, then
 * name. `top` keeps the first N (all when absent).
 */
export function rankSweep(index: RoutingIndex, plan: SweepPlan, packed: Float64Array, top?: number, scenario?: string): SweepAnswer {
  const { endpoints } = plan.model
  const count = endpoints.length
  const pairOf = (k: number) => {
    let i = 0
    let rowStart = 0
    while (rowStart + (count - i - 1) <= k) {
      rowStart += count - i - 1
      i++
    }
    const j = i + 1 + (k - rowStart)
    return { from: index.network.nodes[endpoints[i]].id, to: index.network.nodes[endpoints[j]].id }
  }
  const ranking: RankedElement[] = plan.labels.map((element, s) => {
    const impact = unpackImpact(packed, s)
    const isolated = impact.pairsDisconnected > 0 ? singleHomedNodeCutBy(index, plan.links[s]) : undefined
    return {
      element,
      links: plan.links[s],
      pairsDisconnected: impact.pairsDisconnected,
      pairsDegraded: impact.pairsDegraded,
      meanInflation: round(impact.meanInflation, 5),
      worstInflation: round(impact.worstInflation, 4),
      extraRttMs: round(impact.extraRttMs, 2),
      worstPair: impact.worstPair >= 0 ? pairOf(impact.worstPair) : null,
      ...(isolated ? { isolatesSingleHomed: isolated } : {}),
    }
  })
  ranking.sort(
    (a, b) =>
      b.pairsDisconnected - a.pairsDisconnected ||
      b.meanInflation - a.meanInflation ||
      b.worstInflation - a.worstInflation ||
      a.element.localeCompare(b.element),
  )
  return {
    ...(scenario ? { scenario } : {}),
    failures: plan.mode,
    scenarios: plan.labels.length,
    pairs: pairCount(count),
    ranking: top === undefined ? ranking : ranking.slice(0, top),
  }
}
