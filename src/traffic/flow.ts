import type { Highs } from 'highs'
import type { SearchOptions } from '../graph'
import type { DemandsDocument } from '../model'
import { buildMasks, describePath, type Metric, metricCosts, type RoutingIndex } from '../routing'
import { questionCapacityTable } from './optics'
import { resolveDemandsOrThrow } from './demands'
import { type EdgeDemand, ecmpLoading, type Loading, shortestPathLoading } from './load'
import { DEFAULT_LEXICOGRAPHIC_TOLERANCE, type LpFormulation, type LpObjective, solveMulticommodity } from './lp'
import type { FlowDemand, FlowLink, FlowQuery, FlowResponse, Routing } from './schema'

/** Utilisation above 1 by more than this counts as overloaded (solver tolerance on loads at 100%). */
export const OVERLOAD_TOLERANCE = 1e-6

const FORMULATIONS: Record<LpFormulation, string> = {
  path: 'path-based multicommodity flow by column generation, lexicographic: the objective, then least Gbit/s·ms within U ≤ U*(1 + ε)',
  arc: 'arc-based multicommodity flow aggregated by source, lexicographic: the objective, then least Gbit/s·ms within U ≤ U*(1 + ε)',
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export interface FlowOptions {
  scenario?: string
  highs?: Highs
  formulation?: LpFormulation
  /** Monotonic milliseconds, for `query.timeLimitS` (the edge passes `performance.now`). */
  clock?: () => number
}

/** A demand set routed onto a network, before it is written out: dense edge ids, unrounded Gbit/s. */
export interface RoutedDemands {
  routing: Routing
  metric: Metric
  objective: LpObjective | null
  resolved: ReturnType<typeof resolveDemandsOrThrow>
  table: ReturnType<typeof questionCapacityTable>
  loading: Loading
  /** λ for max concurrent flow, else 1. */
  scale: number
  solver?: FlowResponse['solver']
  warnings: string[]
}

/**
 * What every loading of a demands document starts from (flow, the failure sweep): the demands resolved, the
 * capacity table, the route constraints' masks and the metric's costs; a link of capacity 0 is blocked.
 */
export function routingSetup(index: RoutingIndex, document: DemandsDocument, query: Pick<FlowQuery, 'capacity' | 'constraints'> & { metric: Metric }) {
  const resolved = resolveDemandsOrThrow(index, document)
  const table = questionCapacityTable(index, query.capacity ?? {})
  const masks = buildMasks(index, query.constraints ?? {}, [])
  const costs = metricCosts(index, query.metric)
  const edgeBlocked = Uint8Array.from(masks.edgeBlocked, (blocked, e) => (blocked || table.capacityGbps[e] === 0 ? 1 : 0))
  const search: SearchOptions = { edgeWeight: costs.edgeWeight, nodeCost: costs.nodeCost, edgeBlocked, nodeBlocked: masks.nodeBlocked }
  const demands: EdgeDemand[] = resolved.map((d) => ({ source: d.source, target: d.target, gbps: d.gbps }))
  return { resolved, table, masks, costs, edgeBlocked, search, demands }
}

/**
 * Routes a demands document onto the capacities of a compiled network: shortest-path or ECMP loading by the
 * metric, or optimal routing by LP (min-max utilisation or max concurrent flow). Every demand is resolved
 * first (a bad reference fails with every issue located); the route constraints apply to every demand.
 */
export async function flow(index: RoutingIndex, document: DemandsDocument, query: FlowQuery = {}, options: FlowOptions = {}): Promise<FlowResponse> {
  return flowResponse(index, await routeDemands(index, document, query, options), options.scenario)
}

/** 1 where the LP may route: not blocked (constraints, capacity 0, `failed`), a usable weight, both ends open. */
export function usableEdges(index: RoutingIndex, setup: Pick<ReturnType<typeof routingSetup>, 'masks' | 'costs' | 'edgeBlocked'>, failed?: Uint8Array): Uint8Array {
  const { masks, costs, edgeBlocked } = setup
  const graph = index.graph
  return Uint8Array.from(edgeBlocked, (blocked, e) => {
    const w = costs.edgeWeight[e]
    return blocked || failed?.[e] || !(w >= 0 && w < Infinity) || masks.nodeBlocked[graph.edgeTail[e]] || masks.nodeBlocked[graph.edgeHead[e]] ? 0 : 1
  })
}

/**
 * Optimal routing of a setup's demands by LP (`solveMulticommodity`): every unblocked edge of usable weight
 * whose ends are not blocked carries flow, less the `failed` ones (a failure state of the traffic sweep);
 * phase 2 minimises Gbit/s·ms whatever the metric (one-way ms per edge, each end's node delay halved).
 */
export function optimalRouting(
  index: RoutingIndex,
  setup: Pick<ReturnType<typeof routingSetup>, 'table' | 'masks' | 'costs' | 'edgeBlocked' | 'demands'>,
  query: { metric: Metric; objective: LpObjective; timeLimitS?: number; failed?: Uint8Array },
  options: FlowOptions = {},
) {
  const { table, costs, demands } = setup
  const graph = index.graph
  const usable = usableEdges(index, setup, query.failed)
  const latency = query.metric === 'latency' ? costs : metricCosts(index, 'latency')
  const nc = latency.nodeCost
  const edgeWeight = Float64Array.from(latency.edgeWeight, (w, e) => (nc ? w + (nc[graph.edgeTail[e]] + nc[graph.edgeHead[e]]) / 2 : w))
  return solveMulticommodity(
    graph,
    demands,
    {
      objective: query.objective,
      capacityGbps: table.capacityGbps,
      usable,
      edgeWeight,
      formulation: options.formulation,
      ...(index.profile.traffic?.lexicographicTolerance ? { utilisationTolerance: index.profile.traffic.lexicographicTolerance.value } : {}),
      ...(query.timeLimitS !== undefined ? { timeLimitS: query.timeLimitS, clock: options.clock } : {}),
    },
    options.highs,
  )
}

/** `flow`'s routing without its answer document (no path latencies, ids or rounding): for `hubs`. */
export async function routeDemands(index: RoutingIndex, document: DemandsDocument, query: FlowQuery = {}, options: FlowOptions = {}): Promise<RoutedDemands> {
  const routing: Routing = query.routing ?? 'shortest'
  const metric: Metric = query.metric ?? 'latency'
  const objective: LpObjective | null = routing === 'optimal' ? (query.objective ?? 'min-max-utilisation') : null
  const { resolved, table, masks, costs, edgeBlocked, search, demands } = routingSetup(index, document, { ...query, metric })
  const warnings = [...masks.warnings]
  let loading: Loading
  let scale = 1
  let solver: FlowResponse['solver']
  if (routing === 'optimal') {
    const result = await optimalRouting(index, { table, masks, costs, edgeBlocked, demands }, { metric, objective: objective as LpObjective, ...(query.timeLimitS !== undefined ? { timeLimitS: query.timeLimitS } : {}) }, options)
    solver = {
      name: 'highs',
      formulation: FORMULATIONS[options.formulation ?? 'path'],
      status: result.status,
      objectiveValue: result.value,
      bound: result.bound,
      gap: result.gap,
      utilisationTolerance: index.profile.traffic?.lexicographicTolerance?.value ?? DEFAULT_LEXICOGRAPHIC_TOLERANCE,
      columns: result.columns,
      rows: result.rows,
      iterations: result.iterations,
    }
    if (result.status === 'unbounded') warnings.push('λ is unbounded: every demand has a path over links of unknown capacity only (set capacity.unknown to exclude, or defaultGbps)')
    if (result.status === 'time-limit' && result.value !== null) {
      warnings.push(
        `the time limit (${query.timeLimitS} s) ended the solve: the routing is the best found (${objective === 'max-concurrent-flow' ? 'λ' : 'U'} ${round(result.value, 6)}, bound ${result.bound === null ? '—' : round(result.bound, 6)}, gap ${round(result.gap ?? 0, 6)})`,
      )
    } else if (result.status !== 'optimal') warnings.push(`the solver ended with status ${result.status}: no routing is reported`)
    if (objective === 'max-concurrent-flow' && result.value !== null) scale = result.value
    loading = { loadGbps: result.loadGbps, flows: result.flows }
  } else {
    loading = routing === 'ecmp' ? ecmpLoading(index.graph, demands, search) : shortestPathLoading(index.graph, demands, search)
  }
  const unroutable = resolved.filter((d, i) => loading.flows[i].routedGbps === 0 && d.gbps > 0).length
  if (unroutable > 0) warnings.push(`${unroutable} demand(s) have no usable path under the constraints and capacities`)
  if (table.unknownEdges.length > 0) {
    warnings.push(
      table.unknownPolicy === 'uncapacitated'
        ? `${table.unknownEdges.length} link(s) have unknown capacity and carry traffic without a limit (listed in capacity.unknownLinks)`
        : `${table.unknownEdges.length} link(s) have unknown capacity and carry no traffic (listed in capacity.unknownLinks)`,
    )
  }
  return { routing, metric, objective, resolved, table, loading, scale, ...(solver ? { solver } : {}), warnings }
}

/** The answer document of a routing: per link load and utilisation, per demand its paths with their latency. */
function flowResponse(index: RoutingIndex, routed: RoutedDemands, scenario: string | undefined): FlowResponse {
  const { routing, metric, objective, resolved, table, loading, scale, solver, warnings } = routed
  const { network } = index
  let maxUtilisation: number | null = null
  const overloaded = new Uint8Array(network.links.length)
  const links: FlowLink[] = network.links.map((link, e) => {
    const load = loading.loadGbps[e]
    const capacity = table.capacityGbps[e]
    const known = table.method[e] !== 'unknown'
    const utilisation = known && capacity > 0 ? load / capacity : known && load === 0 ? 0 : null
    if (utilisation !== null && load > 0) maxUtilisation = Math.max(maxUtilisation ?? 0, utilisation)
    if (utilisation !== null && utilisation > 1 + OVERLOAD_TOLERANCE) overloaded[e] = 1
    return {
      id: link.id,
      loadGbps: round(load, 6),
      capacityGbps: known ? capacity : null,
      capacityMethod: table.method[e],
      utilisation: utilisation === null ? null : round(utilisation, 6),
    }
  })
  let demandGbps = 0
  let routedTotal = 0
  /** null once a path has no latency (a link of unknown length). */
  let latencyGbpsMs: number | null = 0
  const out: FlowDemand[] = resolved.map((d, i) => {
    const f = loading.flows[i]
    const wanted = d.gbps * scale
    const unrouted = Math.max(0, d.gbps - f.routedGbps)
    demandGbps += d.gbps
    routedTotal += f.routedGbps
    const overloadedPath = f.paths.some((p) => p.edges.some((e) => overloaded[e]))
    const fits = f.routedGbps >= wanted * (1 - OVERLOAD_TOLERANCE) && scale >= 1 - OVERLOAD_TOLERANCE && !overloadedPath && d.gbps > 0 === f.routedGbps > 0
    return {
      id: d.id,
      from: network.nodes[d.source].id,
      to: network.nodes[d.target].id,
      gbps: d.gbps,
      routedGbps: round(f.routedGbps, 6),
      unroutedGbps: round(unrouted, 6),
      fits,
      paths: f.paths.map((p) => {
        const { oneWayMs } = describePath(index, { nodes: p.nodes, edges: p.edges, cost: 0 })
        latencyGbpsMs = oneWayMs === null || latencyGbpsMs === null ? null : latencyGbpsMs + p.gbps * oneWayMs
        return { links: p.edges.map((e) => network.links[e].id), gbps: round(p.gbps, 6), oneWayMs }
      }),
      ...(f.pathsTruncated ? { pathsTruncated: true } : {}),
    }
  })
  return {
    ...(scenario ? { scenario } : {}),
    routing,
    objective,
    metric,
    capacity: { basis: table.basis, unknown: table.unknownPolicy, unknownLinks: table.unknownEdges.map((e) => network.links[e].id) },
    maxUtilisation: maxUtilisation === null ? null : round(maxUtilisation, 6),
    demandScale: scale,
    ...(solver ? { solver } : {}),
    totals: { demandGbps: round(demandGbps, 6), routedGbps: round(routedTotal, 6), unroutedGbps: round(Math.max(0, demandGbps - routedTotal), 6), latencyGbpsMs: latencyGbpsMs === null ? null : round(latencyGbpsMs, 3) },
    overloadedLinks: network.links.filter((_, e) => overloaded[e]).map((l) => l.id),
    links,
    demands: out,
    warnings,
  }
}
