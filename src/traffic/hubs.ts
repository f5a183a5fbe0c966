import type { Highs } from 'highs'
import type { DemandsDocument } from '../model'
import { buildMasks, type Metric, metricCosts, type RoutingIndex } from '../routing'
import { betweenness, type PairWeights } from './betweenness'
import { routeDemands } from './flow'
import type { HubsQuery, HubsResponse } from './schema'
import type { CountryGroups } from './sets'

const round = (x: number, digits = 6) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export interface HubsOptions {
  scenario?: string
  highs?: Highs
  /** Where the demands come from, echoed in the answer. */
  demandSource: string
  /** Country groups; `europe` and `asia` define the Europe–Asia demand. */
  groups: CountryGroups
  /** False: skip betweenness (nodes and links come back empty), for a caller that shows only the shares. */
  betweenness?: boolean
}

/**
 * Which countries, operators and nodes the traffic goes through. Transit: a demand's Gbit/s on a path counts
 * for every country the path's links cross other than the countries of the demand's two endpoints (a
 * country's own traffic is not transit), and for every operator of a link on it. Shares are of all demand and
 * of the Europe–Asia demand (one end in group:europe, the other in group:asia). The paths are `flow`'s, under
 * shortest-path or optimal (LP) routing, so optimal routing shows how transit moves when capacity binds.
 * Betweenness (Brandes) is per node and link, by pair or weighted by demand, on the same metric and constraints.
 */
export async function hubs(index: RoutingIndex, document: DemandsDocument, query: HubsQuery, options: HubsOptions): Promise<HubsResponse> {
  const routing = query.routing ?? 'shortest'
  const metric: Metric = query.metric ?? 'latency'
  // Routed at a total of 10⁶ (shares and paths do not depend on the scale: shortest paths ignore it, min-max
  // utilisation is homogeneous), where the LP is better conditioned than at a 1 Gbit/s gravity total: HiGHS's
  // absolute tolerances then sit far below every flow. The routing itself, not flow's answer document.
  const given = document.demands.reduce((sum, d) => sum + d.gbps, 0)
  const scale = given > 0 ? 1e6 / given : 1
  const scaled = { ...document, demands: document.demands.map((d) => ({ ...d, gbps: d.gbps * scale })) }
  const routed = await routeDemands(index, scaled, { routing, metric, capacity: query.capacity, constraints: query.constraints }, { highs: options.highs })
  const { network } = index
  const europe = new Set(options.groups.europe ?? [])
  const asia = new Set(options.groups.asia ?? [])
  const countryGbps = new Map<string, { all: number; europeAsia: number }>()
  const operatorGbps = new Map<string, { all: number; europeAsia: number }>()
  for (const node of network.nodes) if (node.country) countryGbps.set(node.country, { all: 0, europeAsia: 0 })
  let total = 0
  let europeAsiaTotal = 0
  let routedTotal = 0
  routed.resolved.forEach((d, i) => {
    const a = network.nodes[d.source].country
    const b = network.nodes[d.target].country
    const isEuropeAsia = a !== undefined && b !== undefined && ((europe.has(a) && asia.has(b)) || (asia.has(a) && europe.has(b)))
    const gbps = d.gbps / scale
    total += gbps
    if (isEuropeAsia) europeAsiaTotal += gbps
    const { paths, routedGbps } = routed.loading.flows[i]
    routedTotal += routedGbps / scale
    for (const path of paths) {
      const countries = new Set<string>()
      const operators = new Set<string>()
      for (const e of path.edges) {
        for (const c of index.linkCountries[e]) countries.add(c)
        for (const o of network.links[e].operators ?? []) operators.add(o)
      }
      const add = (table: Map<string, { all: number; europeAsia: number }>, key: string) => {
        const entry = table.get(key) ?? { all: 0, europeAsia: 0 }
        entry.all += path.gbps / scale
        if (isEuropeAsia) entry.europeAsia += path.gbps / scale
        table.set(key, entry)
      }
      for (const c of countries) if (c !== a && c !== b) add(countryGbps, c)
      for (const o of operators) add(operatorGbps, o)
    }
  })
  const share = (x: number, of: number) => (of > 0 ? round(x / of) : null)
  const countries = [...countryGbps]
    .map(([country, g]) => ({
      country,
      transitShare: share(g.all, total) ?? 0,
      transitGbps: round(g.all),
      europeAsiaShare: share(g.europeAsia, europeAsiaTotal),
      europeAsiaGbps: round(g.europeAsia),
    }))
    .sort((x, y) => y.transitGbps - x.transitGbps || (x.country < y.country ? -1 : 1))
  const operators = [...operatorGbps]
    .map(([operator, g]) => ({ operator, share: share(g.all, total) ?? 0, gbps: round(g.all), europeAsiaShare: share(g.europeAsia, europeAsiaTotal) }))
    .sort((x, y) => y.gbps - x.gbps || (x.operator < y.operator ? -1 : 1))

  const masks = buildMasks(index, query.constraints ?? {}, [])
  const costs = metricCosts(index, metric)
  let weights: PairWeights | undefined
  if (query.weightByDemand) {
    const rows = new Map<number, Float64Array>()
    for (const d of routed.resolved) {
      if (d.source === d.target) continue
      const row = rows.get(d.source) ?? new Float64Array(network.nodes.length)
      row[d.target] += d.gbps / scale
      rows.set(d.source, row)
    }
    weights = rows
  }
  const central =
    options.betweenness === false
      ? { node: new Float64Array(0), edge: new Float64Array(0) }
      : betweenness(index.graph, { edgeWeight: costs.edgeWeight, nodeCost: costs.nodeCost, edgeBlocked: masks.edgeBlocked, nodeBlocked: masks.nodeBlocked }, weights)
  const n = network.nodes.length
  const norm = weights ? total : ((n - 1) * (n - 2)) / 2
  const top = query.top ?? 10
  const byValue = (values: Float64Array) =>
    Array.from(values, (value, i) => ({ i, value }))
      .sort((x, y) => y.value - x.value || x.i - y.i)
      .slice(0, top)
  return {
    ...(options.scenario ? { scenario: options.scenario } : {}),
    routing,
    metric,
    demands: {
      count: routed.resolved.length,
      totalGbps: round(total),
      europeAsiaGbps: round(europeAsiaTotal),
      unroutedGbps: round(Math.max(0, total - routedTotal)),
      source: options.demandSource,
    },
    countries,
    operators,
    nodes: byValue(central.node).map(({ i, value }) => ({
      id: network.nodes[i].id,
      name: network.nodes[i].name,
      country: network.nodes[i].country ?? null,
      betweenness: round(value),
      normalised: norm > 0 ? round(value / norm) : 0,
    })),
    links: byValue(central.edge).map(({ i, value }) => ({ id: network.links[i].id, betweenness: round(value) })),
    ...(routing === 'optimal'
      ? { capacity: { basis: routed.table.basis, unknown: routed.table.unknownPolicy, unknownLinks: routed.table.unknownEdges.map((e) => network.links[e].id) } }
      : {}),
    warnings: routed.warnings,
  }
}
