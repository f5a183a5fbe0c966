import Type, { type Static } from 'typebox'
import type { SearchOptions } from '../graph'
import type { DemandsDocument } from '../model'
import type { RoutingIndex } from '../routing'
import { CAPACITY_BASES, UNKNOWN_CAPACITY_POLICIES } from './capacity'
import { type FailureSet, failureSets } from './failures'
import { OVERLOAD_TOLERANCE, routingSetup } from './flow'
import { type DemandFlow, type EdgeDemand, ecmpLoading, type Loading, shortestPathLoading } from './load'
import { SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type TrafficSweepQuery } from './schema'

export { SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type SweepFailureMode, type SweepRouting, type TrafficSweepQuery } from './schema'

/** One failure state after rerouting: per-link loads and per-demand routed Gbit/s (the engine's raw output). */
export interface SweptState {
  failure: FailureSet
  loadGbps: Float64Array
  /** Per demand, in document order: routed Gbit/s after the failure. */
  routedGbps: Float64Array
  /** Per demand: 1 when a failed link was on its normal-state paths. */
  hit: Uint8Array
  flows: readonly DemandFlow[]
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const OverloadedLink = Type.Object({ id: Type.String(), loadGbps: Type.Number(), capacityGbps: Type.Number(), utilisation: Type.Number() })

export const TrafficSweepResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  failures: Type.Enum([...SWEEP_FAILURE_MODES]),
  routing: Type.Enum([...SWEEP_ROUTINGS]),
  metric: Type.String(),
  capacity: Type.Object({ basis: Type.Enum([...CAPACITY_BASES]), unknown: Type.Enum([...UNKNOWN_CAPACITY_POLICIES]), unknownLinks: Type.Array(Type.String()) }),
  states: Type.Integer({ description: 'Failure states swept (each rerouted)' }),
  demands: Type.Object({ count: Type.Integer(), gbps: Type.Number(), protectedGbps: Type.Number() }),
  normal: Type.Object({ maxUtilisation: Nullable(Type.Number()), unroutedGbps: Type.Number(), overloadedLinks: Type.Array(Type.String()) }),
  ranked: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      failure: Type.String(),
      links: Type.Array(Type.String()),
      unroutedGbps: Type.Number({ description: 'Demand left without any path by the failure' }),
      unroutedProtectedGbps: Type.Number(),
      unroutedUnprotectedGbps: Type.Number(),
      reroutedGbps: Type.Number({ description: 'Demand whose normal paths crossed a failed link and that found another path' }),
      maxUtilisation: Nullable(Type.Number({ description: 'Over links of known capacity, after rerouting' })),
      overloadedGbps: Type.Number({ description: 'Demand whose paths after rerouting cross an overloaded link' }),
      overloaded: Type.Array(OverloadedLink, { description: 'The most overloaded links (utilisation > 1), worst first, at most 5' }),
      demandsHurt: Type.Integer({ description: 'Demands unrouted, or on an overloaded link after rerouting' }),
      hurt: Type.Array(Type.Object({ id: Type.String(), gbps: Type.Number(), class: Type.Enum(['protected', 'unprotected']), reason: Type.Enum(['unrouted', 'overloaded']) }), {
        description: 'The largest hurt demands, at most 10',
      }),
    }),
    { description: 'Failure states by impact: unrouted Gbit/s, then Gbit/s on overloaded links, then max utilisation' },
  ),
  links: Type.Array(
    Type.Object({
      id: Type.String(),
      capacityGbps: Nullable(Type.Number()),
      normalLoadGbps: Type.Number(),
      worstLoadGbps: Type.Number({ description: 'Highest load over the normal state and every failure state: the capacity the link needs to survive any single failure' }),
      worstFailure: Nullable(Type.String({ description: 'The failure state giving the worst load; null when the normal state does' })),
      worstUtilisation: Nullable(Type.Number()),
    }),
  ),
  warnings: Type.Array(Type.String()),
})
export type TrafficSweepResponse = Static<typeof TrafficSweepResponseSchema>

const round = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * Failure × traffic (Net2Plan's per-SRG failure analysis, "Offline_failureAnalysis"): for every single failure
 * state (a link, or an SRLG's links together) the demands are routed again, shortest path or ECMP, on the
 * network without the failed links. Only the demand groups (by source for shortest path, by target for ECMP,
 * as the loadings group them) that put traffic on a failed link are recomputed: distances only grow when a
 * link fails, so every other group's paths stay shortest and its loads stay exact (ties among equal-cost paths
 * aside: a recomputed group breaks them as a fresh run does). O(states × affected groups × Dijkstra).
 *
 * A generator: it yields after each state (done, total), so an edge can report progress and stop between
 * states; its return value is the per-state engine output.
 */
export function* sweepStates(index: RoutingIndex, document: DemandsDocument, query: Omit<TrafficSweepQuery, 'top'>): Generator<{ done: number; total: number }, { states: SweptState[]; base: Loading; setup: ReturnType<typeof routingSetup>; warnings: string[] }> {
  const setup = routingSetup(index, document, query)
  const { graph } = index
  const m = graph.edgeCount
  const { demands, search } = setup
  const key = query.routing === 'ecmp' ? (d: EdgeDemand) => d.target : (d: EdgeDemand) => d.source
  const groups = new Map<number, number[]>()
  demands.forEach((d, i) => groups.set(key(d), [...(groups.get(key(d)) ?? []), i]))
  const load = (members: readonly number[], options: SearchOptions) => {
    const picked = members.map((i) => demands[i])
    return query.routing === 'ecmp' ? ecmpLoading(graph, picked, options) : shortestPathLoading(graph, picked, options)
  }
  const base: Loading = { loadGbps: new Float64Array(m), flows: demands.map(() => ({ paths: [], routedGbps: 0 })) }
  const groupLoads = new Map<number, Float64Array>()
  for (const [g, members] of groups) {
    const loading = load(members, search)
    groupLoads.set(g, loading.loadGbps)
    for (let e = 0; e < m; e++) base.loadGbps[e] += loading.loadGbps[e]
    members.forEach((i, k) => {
      base.flows[i] = loading.flows[k]
    })
  }
  const { failures, warnings } = failureSets(index.network, query.failures)
  const states: SweptState[] = []
  for (const failure of failures) {
    const failed = new Uint8Array(m)
    for (const e of failure.edges) failed[e] = 1
    const hit = Uint8Array.from(base.flows, (f) => (f.paths.some((p) => p.edges.some((e) => failed[e])) ? 1 : 0))
    const loadGbps = Float64Array.from(base.loadGbps)
    const flows = [...base.flows]
    const blocked: SearchOptions = { ...search, edgeBlocked: Uint8Array.from(search.edgeBlocked ?? new Uint8Array(m), (b, e) => b | failed[e]) }
    for (const [g, members] of groups) {
      const before = groupLoads.get(g) as Float64Array
      if (!failure.edges.some((e) => before[e] > 0) && !members.some((i) => hit[i])) continue
      const after = load(members, blocked)
      for (let e = 0; e < m; e++) loadGbps[e] += after.loadGbps[e] - before[e]
      members.forEach((i, k) => {
        flows[i] = after.flows[k]
      })
    }
    // Subtracting a group's loads leaves rounding residue (1e-13) on links it no longer uses.
    for (let e = 0; e < m; e++) if (failed[e] || Math.abs(loadGbps[e]) < 1e-9) loadGbps[e] = 0
    states.push({ failure, loadGbps, routedGbps: Float64Array.from(flows, (f) => f.routedGbps), hit, flows })
    yield { done: states.length, total: failures.length }
  }
  return { states, base, setup, warnings }
}

/** The sweep's answer: failure states ranked by impact, and each link's worst load over every state. */
export function rankTrafficSweep(
  index: RoutingIndex,
  query: TrafficSweepQuery,
  swept: { states: SweptState[]; base: Loading; setup: ReturnType<typeof routingSetup>; warnings: string[] },
  scenario?: string,
): TrafficSweepResponse {
  const { network } = index
  const { states, base, setup } = swept
  const { table, resolved } = setup
  const m = network.links.length
  const known = (e: number) => table.method[e] !== 'unknown' && table.capacityGbps[e] > 0
  const utilisations = (loadGbps: Float64Array) => {
    let max: number | null = null
    const over: number[] = []
    for (let e = 0; e < m; e++) {
      if (!known(e) || loadGbps[e] <= 0) continue
      const u = loadGbps[e] / table.capacityGbps[e]
      max = Math.max(max ?? 0, u)
      if (u > 1 + OVERLOAD_TOLERANCE) over.push(e)
    }
    return { max, over: over.sort((a, b) => loadGbps[b] / table.capacityGbps[b] - loadGbps[a] / table.capacityGbps[a] || a - b) }
  }
  const protectedOf = resolved.map((d) => d.class === 'protected')
  const normal = utilisations(base.loadGbps)
  const normalUnrouted = resolved.reduce((s, d, i) => s + Math.max(0, d.gbps - base.flows[i].routedGbps), 0)
  const worst = Float64Array.from(base.loadGbps)
  const worstState = new Int32Array(m).fill(-1)
  const rows = states.map((state, s) => {
    for (let e = 0; e < m; e++) {
      if (state.loadGbps[e] > worst[e] * (1 + 1e-12) + 1e-12) {
        worst[e] = state.loadGbps[e]
        worstState[e] = s
      }
    }
    const { max, over } = utilisations(state.loadGbps)
    const overloaded = new Uint8Array(m)
    for (const e of over) overloaded[e] = 1
    let unroutedProtected = 0
    let unroutedUnprotected = 0
    let rerouted = 0
    let overloadedGbps = 0
    const hurt: { id: string; gbps: number; class: 'protected' | 'unprotected'; reason: 'unrouted' | 'overloaded' }[] = []
    resolved.forEach((d, i) => {
      // Unrouted by this failure: what the normal state routed and this state does not.
      const lost = Math.max(0, base.flows[i].routedGbps - state.routedGbps[i])
      if (protectedOf[i]) unroutedProtected += lost
      else unroutedUnprotected += lost
      if (state.hit[i] && state.routedGbps[i] > 0) rerouted += state.routedGbps[i]
      const klass = protectedOf[i] ? 'protected' : 'unprotected'
      if (lost > 0) hurt.push({ id: d.id, gbps: d.gbps, class: klass, reason: 'unrouted' })
      else if (state.flows[i].paths.some((p) => p.edges.some((e) => overloaded[e]))) {
        overloadedGbps += d.gbps
        hurt.push({ id: d.id, gbps: d.gbps, class: klass, reason: 'overloaded' })
      }
    })
    hurt.sort((a, b) => b.gbps - a.gbps || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return {
      failure: state.failure.name,
      links: state.failure.edges.map((e) => network.links[e].id),
      unroutedGbps: round(unroutedProtected + unroutedUnprotected),
      unroutedProtectedGbps: round(unroutedProtected),
      unroutedUnprotectedGbps: round(unroutedUnprotected),
      reroutedGbps: round(rerouted),
      maxUtilisation: max === null ? null : round(max),
      overloadedGbps: round(overloadedGbps),
      overloaded: over.slice(0, 5).map((e) => ({ id: network.links[e].id, loadGbps: round(state.loadGbps[e]), capacityGbps: table.capacityGbps[e], utilisation: round(state.loadGbps[e] / table.capacityGbps[e]) })),
      demandsHurt: hurt.length,
      hurt: hurt.slice(0, 10),
    }
  })
  const ranked = rows
    .map((row, s) => ({ row, s }))
    .sort((a, b) => b.row.unroutedGbps - a.row.unroutedGbps || b.row.overloadedGbps - a.row.overloadedGbps || (b.row.maxUtilisation ?? -1) - (a.row.maxUtilisation ?? -1) || a.s - b.s)
    .slice(0, query.top)
    .map(({ row }, k) => ({ rank: k + 1, ...row }))
  const warnings = [...setup.masks.warnings, ...swept.warnings]
  if (table.unknownEdges.length > 0) warnings.push(`${table.unknownEdges.length} link(s) have unknown capacity: their loads are reported, their utilisation is not (capacity.unknownLinks)`)
  return {
    ...(scenario ? { scenario } : {}),
    failures: query.failures,
    routing: query.routing,
    metric: query.metric,
    capacity: { basis: table.basis, unknown: table.unknownPolicy, unknownLinks: table.unknownEdges.map((e) => network.links[e].id) },
    states: states.length,
    demands: { count: resolved.length, gbps: round(resolved.reduce((s, d) => s + d.gbps, 0)), protectedGbps: round(resolved.reduce((s, d, i) => s + (protectedOf[i] ? d.gbps : 0), 0)) },
    normal: { maxUtilisation: normal.max === null ? null : round(normal.max), unroutedGbps: round(normalUnrouted), overloadedLinks: normal.over.map((e) => network.links[e].id) },
    ranked,
    links: network.links.map((link, e) => ({
      id: link.id,
      capacityGbps: table.method[e] !== 'unknown' ? table.capacityGbps[e] : null,
      normalLoadGbps: round(base.loadGbps[e]),
      worstLoadGbps: round(worst[e]),
      worstFailure: worstState[e] === -1 ? null : states[worstState[e]].failure.name,
      worstUtilisation: known(e) ? round(worst[e] / table.capacityGbps[e]) : table.method[e] !== 'unknown' && worst[e] === 0 ? 0 : null,
    })),
    warnings,
  }
}

/** The whole sweep at once (tests, small networks); the edges drive `sweepStates` to report progress. */
export function trafficSweep(index: RoutingIndex, document: DemandsDocument, query: TrafficSweepQuery, scenario?: string): TrafficSweepResponse {
  const steps = sweepStates(index, document, query)
  let next = steps.next()
  while (!next.done) next = steps.next()
  return rankTrafficSweep(index, query, next.value, scenario)
}
