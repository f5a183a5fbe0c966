import Type, { type Static } from 'typebox'
import type { SearchOptions } from '../graph'
import type { DemandsDocument } from '../model'
import type { RoutingIndex } from '../routing'
import { CAPACITY_BASES, UNKNOWN_CAPACITY_POLICIES } from './capacity'
import { type FailureSet, sweepFailureSets } from './failures'
import { OVERLOAD_TOLERANCE, optimalRouting, routingSetup, usableEdges } from './flow'
import { components, deadlineOf } from './colgen'
import { LP_STATUSES, type LpStatus } from './lp'
import type { Highs } from 'highs'
import { type DemandFlow, type EdgeDemand, ecmpLoading, type Loading, shortestPathLoading } from './load'
import { SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type SweepRouting, type TrafficSweepQuery } from './schema'

export { SWEEP_FAILURE_MODES, SWEEP_ROUTINGS, type SweepFailureMode, type SweepRouting, type TrafficSweepQuery } from './schema'

/** An optimal state's LP: its status and min-max utilisation U*, with the bound and gap when stopped early. */
export interface StateSolver {
  status: LpStatus
  /** U* (null without a routing: the time limit came first, or the solver failed). */
  utilisation: number | null
  bound: number | null
  gap: number | null
}

/** One failure state after rerouting: per-link loads and per-demand routed Gbit/s (the engine's raw output). */
export interface SweptState {
  failure: FailureSet
  loadGbps: Float64Array
  /** Per demand, in document order: routed Gbit/s after the failure. */
  routedGbps: Float64Array
  /** Per demand: 1 when a failed link was on its normal-state paths. */
  hit: Uint8Array
  flows: readonly DemandFlow[]
  /** Optimal rerouting: the state's LP; without a routing (`utilisation` null) the loads are unknown, not zero. */
  solver?: StateSolver
}

/** What a sweep (or one chunk of its states) hands to the ranking. */
export interface Swept {
  states: SweptState[]
  base: Loading
  setup: ReturnType<typeof routingSetup>
  warnings: string[]
  /** Failure states of the whole sweep, and the index of `states[0]` among them. */
  total: number
  from: number
  /** Optimal rerouting: the normal state's LP. */
  normalSolver?: StateSolver
  /** Optimal rerouting: LPs this run solved (its states', and the normal state's unless it was given). */
  lpSolves?: number
}

/** An optimal sweep's normal state: solved once (`solveOptimalNormal`) and handed to every chunk of states. */
export interface OptimalNormalState {
  /** The normal state's routing; no paths and zero loads when its LP gave none. */
  base: Loading
  solver: StateSolver
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const OverloadedLink = Type.Object({ id: Type.String(), loadGbps: Type.Number(), capacityGbps: Type.Number(), utilisation: Type.Number() })
const StateSolverSchema = Type.Object(
  {
    status: Type.Enum([...LP_STATUSES]),
    utilisation: Nullable(Type.Number({ description: 'U*, the least maximum utilisation of the state (null without a routing)' })),
    bound: Nullable(Type.Number({ description: 'Proven lower bound on U* (equal to it at an optimum)' })),
    gap: Nullable(Type.Number()),
  },
  { description: 'Optimal rerouting: the min-max-utilisation LP of this state' },
)

const SweepRowSchema = Type.Object({
  rank: Type.Integer(),
  failure: Type.String(),
  links: Type.Array(Type.String()),
  country: Type.Optional(Type.String({ description: 'Country states: the country whose links fail' })),
  unroutedGbps: Type.Number({ description: 'Demand left without any path by the failure' }),
  unroutedProtectedGbps: Type.Number(),
  unroutedUnprotectedGbps: Type.Number(),
  endpointGbps: Type.Optional(Type.Number({ description: 'Country states: of the unrouted, demand that starts or ends in the failed country (lost whatever the network does)' })),
  transitUnroutedGbps: Type.Optional(Type.Number({ description: 'Country states: of the unrouted, demand between two other countries that loses its transit (what the network could fix)' })),
  reroutedGbps: Type.Number({ description: 'Demand whose normal paths crossed a failed link and that found another path' }),
  maxUtilisation: Nullable(Type.Number({ description: 'Over links of known capacity, after rerouting' })),
  overloadedGbps: Type.Number({ description: 'Demand whose paths after rerouting cross an overloaded link' }),
  overloaded: Type.Array(OverloadedLink, { description: 'The most overloaded links (utilisation > 1), worst first, at most 5' }),
  demandsHurt: Type.Integer({ description: 'Demands unrouted, or on an overloaded link after rerouting' }),
  hurt: Type.Array(Type.Object({ id: Type.String(), gbps: Type.Number(), class: Type.Enum(['protected', 'unprotected']), reason: Type.Enum(['unrouted', 'endpoint', 'overloaded']) }), {
    description: 'The largest hurt demands, at most 10 (endpoint: unrouted because an end is in the failed country)',
  }),
  solver: Type.Optional(StateSolverSchema),
})
type SweepRow = Omit<Static<typeof SweepRowSchema>, 'rank'>

export const TrafficSweepResponseSchema = Type.Object({
  scenario: Type.Optional(Type.String()),
  failures: Type.Enum([...SWEEP_FAILURE_MODES]),
  routing: Type.Enum([...SWEEP_ROUTINGS]),
  metric: Type.String(),
  capacity: Type.Object({ basis: Type.Enum([...CAPACITY_BASES]), unknown: Type.Enum([...UNKNOWN_CAPACITY_POLICIES]), unknownLinks: Type.Array(Type.String()) }),
  states: Type.Integer({ description: 'Failure states swept (each rerouted)' }),
  demands: Type.Object({ count: Type.Integer(), gbps: Type.Number(), protectedGbps: Type.Number() }),
  normal: Type.Object({ maxUtilisation: Nullable(Type.Number()), unroutedGbps: Type.Number(), overloadedLinks: Type.Array(Type.String()), solver: Type.Optional(StateSolverSchema) }),
  ranked: Type.Array(SweepRowSchema, {
    description: 'Failure states by impact: unrouted Gbit/s (country states: transit Gbit/s unrouted first), then Gbit/s on overloaded links, then max utilisation',
  }),
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

/** The part of the answer one chunk of states gives: its rows and loads, with what every chunk computes alike. */
export interface TrafficSweepPart {
  head: Omit<TrafficSweepResponse, 'states' | 'ranked' | 'links'>
  /** Failure states of the whole sweep. */
  total: number
  /** Per state of the chunk: its index in the sweep, its row, its loads (null when unknown: an LP without routing). */
  rows: { s: number; row: SweepRow; loadGbps: Float64Array | null }[]
  baseLoadGbps: Float64Array
  /** Per link: its capacity, null when unknown. */
  capacityGbps: (number | null)[]
  /** Optimal rerouting: LPs the chunk solved (not part of the answer; the job's solve count is tested). */
  lpSolves?: number
}

/** Groups of demands a loading recomputes together: by source for shortest path, by target for ECMP. */
function demandGroups(demands: readonly EdgeDemand[], routing: SweepRouting): Map<number, number[]> {
  const key = routing === 'ecmp' ? (d: EdgeDemand) => d.target : (d: EdgeDemand) => d.source
  const groups = new Map<number, number[]>()
  demands.forEach((d, i) => groups.set(key(d), [...(groups.get(key(d)) ?? []), i]))
  return groups
}

/** The states of `range` (default: all) among a mode's failure states. */
function statesOf(index: RoutingIndex, query: Pick<TrafficSweepQuery, 'failures'>, range: { from?: number; to?: number }) {
  const { failures, warnings } = sweepFailureSets(index, query.failures)
  const from = Math.max(0, Math.min(range.from ?? 0, failures.length))
  const to = Math.max(from, Math.min(range.to ?? failures.length, failures.length))
  return { failures: failures.slice(from, to), warnings, total: failures.length, from }
}

const failedMask = (m: number, failure: FailureSet) => {
  const failed = new Uint8Array(m)
  for (const e of failure.edges) failed[e] = 1
  return failed
}

const hitBy = (base: Loading, failed: Uint8Array) => Uint8Array.from(base.flows, (f) => (f.paths.some((p) => p.edges.some((e) => failed[e])) ? 1 : 0))

/**
 * Failure × traffic (Net2Plan's per-SRG failure analysis, "Offline_failureAnalysis"): for every single failure
 * state (a link, an SRLG's links together, or a country's links) the demands are routed again, shortest path
 * or ECMP, on the network without the failed links. Only the demand groups (by source for shortest path, by
 * target for ECMP, as the loadings group them) that put traffic on a failed link are recomputed: distances
 * only grow when a link fails, so every other group's paths stay shortest and its loads stay exact (ties among
 * equal-cost paths aside: a recomputed group breaks them as a fresh run does). O(states × affected groups ×
 * Dijkstra). Optimal rerouting is `sweepOptimalStates`.
 *
 * A generator: it yields after each state (done, total), so an edge can report progress and stop between
 * states; its return value is the per-state engine output.
 */
export function* sweepStates(index: RoutingIndex, document: DemandsDocument, query: Omit<TrafficSweepQuery, 'top'>, range: { from?: number; to?: number } = {}): Generator<{ done: number; total: number }, Swept> {
  if (query.routing === 'optimal') throw new Error('sweepStates: optimal rerouting is sweepOptimalStates')
  const setup = routingSetup(index, document, query)
  const { graph } = index
  const m = graph.edgeCount
  const { demands, search } = setup
  const groups = demandGroups(demands, query.routing)
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
  const { failures, warnings, total, from } = statesOf(index, query, range)
  const states: SweptState[] = []
  for (const failure of failures) {
    const failed = failedMask(m, failure)
    const hit = hitBy(base, failed)
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
  return { states, base, setup, warnings, total, from }
}

/** Options of an optimal sweep: the solver, and the clock its time limits are read from (the domain has none). */
export interface OptimalSweepOptions {
  highs?: Highs
  /** Monotonic milliseconds; needed with `timeLimitS` or `stateTimeLimitS`. */
  clock?: () => number
  from?: number
  to?: number
  /** The normal state, solved once for every chunk (`solveOptimalNormal`); solved here when absent. */
  normal?: OptimalNormalState
}

const stateSolver = (result: { status: LpStatus; value: number | null; bound: number | null; gap: number | null }): StateSolver => ({
  status: result.status,
  utilisation: result.value === null ? null : round(result.value),
  bound: result.bound === null ? null : round(result.bound),
  gap: result.gap === null ? null : round(result.gap),
})

const SPENT: StateSolver = { status: 'time-limit', utilisation: null, bound: null, gap: null }

/**
 * One optimal sweep's LPs: each state's min-max-utilisation LP within the time left (`stateTimeLimitS` each,
 * `timeLimitS` for the run; each LP gets the lesser of the two that is left), undefined once the budget is spent.
 */
function stateLps(index: RoutingIndex, setup: ReturnType<typeof routingSetup>, query: Omit<TrafficSweepQuery, 'top'>, options: OptimalSweepOptions) {
  const overall = deadlineOf({ ...(query.timeLimitS !== undefined ? { timeLimitS: query.timeLimitS } : {}), ...(options.clock ? { clock: options.clock } : {}) })
  /** Seconds the next LP may take; undefined without limits, ≤ 0 once the whole budget is spent. */
  const limit = (): number | undefined => {
    const left = overall?.left()
    if (left === undefined) return query.stateTimeLimitS
    return query.stateTimeLimitS === undefined ? left : Math.min(left, query.stateTimeLimitS)
  }
  const counter = { solves: 0 }
  const solve = async (failed?: Uint8Array) => {
    const seconds = limit()
    if (seconds !== undefined && seconds <= 0) return undefined
    counter.solves++
    return optimalRouting(index, setup, { metric: query.metric, objective: 'min-max-utilisation', ...(seconds !== undefined ? { timeLimitS: seconds } : {}), ...(failed ? { failed } : {}) }, { ...(options.highs ? { highs: options.highs } : {}), ...(options.clock ? { clock: options.clock } : {}) })
  }
  return { solve, counter }
}

/** The normal state from its LP (or from none: the budget was spent first). */
async function normalState(setup: ReturnType<typeof routingSetup>, m: number, solve: ReturnType<typeof stateLps>['solve']): Promise<OptimalNormalState> {
  const normal = await solve()
  const base: Loading = normal && normal.value !== null ? { loadGbps: normal.loadGbps, flows: normal.flows } : { loadGbps: new Float64Array(m), flows: setup.demands.map(() => ({ paths: [], routedGbps: 0 })) }
  return { base, solver: normal ? stateSolver(normal) : SPENT }
}

/**
 * The normal state of an optimal sweep, solved once so that each chunk of states (the server's job) gets it
 * instead of solving it again: one LP within `stateTimeLimitS` and `timeLimitS`, as `sweepOptimalStates` does.
 */
export async function solveOptimalNormal(index: RoutingIndex, document: DemandsDocument, query: Omit<TrafficSweepQuery, 'top'>, options: OptimalSweepOptions = {}): Promise<OptimalNormalState> {
  const setup = routingSetup(index, document, query)
  return normalState(setup, index.graph.edgeCount, stateLps(index, setup, query, options).solve)
}

/**
 * Optimal rerouting per failure state: the normal state and every failure state each solved as one
 * min-max-utilisation LP (`optimalRouting`, flow's lexicographic path formulation), on the network without the
 * failed links — so each state's answer is `flow --routing optimal` on that network. Every state is solved
 * whole (a failure changes the LP's optimum everywhere), which costs states × an LP.
 *
 * Time: `stateTimeLimitS` bounds each LP, `timeLimitS` the whole run (the normal state included); each LP gets
 * the least of the two that is left. A state stopped early keeps its incumbent (status `time-limit`, U, bound,
 * gap); a state without any routing (the budget was spent first) has unknown loads: it is reported with
 * `utilisation` null and is left out of the worst loads. Unrouted Gbit/s never depends on the solve: a demand
 * is unrouted exactly when no usable path joins its ends (`routable`).
 *
 * `from`/`to` pick a chunk of the states (the server runs chunks on its analysis workers); `normal` hands the
 * chunk the normal state solved once (`solveOptimalNormal`), so a chunk solves only its own states.
 */
export async function* sweepOptimalStates(index: RoutingIndex, document: DemandsDocument, query: Omit<TrafficSweepQuery, 'top'>, options: OptimalSweepOptions = {}): AsyncGenerator<{ done: number; total: number }, Swept> {
  const setup = routingSetup(index, document, query)
  const m = index.graph.edgeCount
  const warnings: string[] = []
  const { solve, counter } = stateLps(index, setup, query, options)
  const { base, solver: normalSolver } = options.normal ?? (await normalState(setup, m, solve))
  if (normalSolver.utilisation === null) warnings.push(`the normal state's LP ended with status ${normalSolver.status} and no routing: no demand counts as rerouted`)
  const { failures, warnings: failureWarnings, total, from } = statesOf(index, query, options)
  warnings.push(...failureWarnings)
  const states: SweptState[] = []
  let unsolved = 0
  for (const failure of failures) {
    const failed = failedMask(m, failure)
    const result = await solve(failed)
    const solver = result ? stateSolver(result) : SPENT
    const solved = result !== undefined && result.value !== null
    if (!solved) unsolved++
    // The LP routes every routable demand in full; without a routing, routability alone says what is lost: the
    // LP's own `routable` when it ran, the components of the usable links when the budget was spent before it.
    const routedGbps = solved ? Float64Array.from(result.flows, (f) => f.routedGbps) : result ? routableGbps(setup, result.routable) : routableGbps(setup, reachable(index, setup, failed))
    const loadGbps = solved ? result.loadGbps : new Float64Array(m)
    for (let e = 0; e < m; e++) if (failed[e] || Math.abs(loadGbps[e]) < 1e-9) loadGbps[e] = 0
    states.push({ failure, loadGbps, routedGbps, hit: hitBy(base, failed), flows: solved ? result.flows : setup.demands.map(() => ({ paths: [], routedGbps: 0 })), solver })
    yield { done: states.length, total: failures.length }
  }
  if (unsolved > 0) warnings.push(`${unsolved} failure state(s) have no routing (the time limit came first, or the solver failed): their loads are unknown and left out of the worst loads`)
  return { states, base, setup, warnings, total, from, normalSolver, lpSolves: counter.solves }
}

/** Per demand: whether a usable path joins its ends once `failed` fail, as the LP decides its `routable`. */
function reachable(index: RoutingIndex, setup: ReturnType<typeof routingSetup>, failed: Uint8Array): boolean[] {
  const label = components(index.graph, usableEdges(index, setup, failed))
  return setup.demands.map((d) => d.source !== d.target && d.gbps > 0 && label[d.source] === label[d.target])
}

/** Per demand: its Gbit/s when it is routable, else 0. */
const routableGbps = (setup: ReturnType<typeof routingSetup>, routable: readonly boolean[]) => Float64Array.from(setup.demands, (d, i) => (routable[i] ? d.gbps : 0))

/** A swept chunk as rows: each state's impact, and what the merge needs to rank them and find the worst loads. */
export function sweepPart(index: RoutingIndex, query: Omit<TrafficSweepQuery, 'top'>, swept: Swept, scenario?: string): TrafficSweepPart {
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
  const countryOf = (v: number) => network.nodes[v].country
  const normal = utilisations(base.loadGbps)
  const normalUnrouted = resolved.reduce((s, d, i) => s + Math.max(0, d.gbps - base.flows[i].routedGbps), 0)
  const rows = states.map((state, k) => {
    const loadsKnown = state.solver === undefined || state.solver.utilisation !== null
    const { max, over } = loadsKnown ? utilisations(state.loadGbps) : { max: null, over: [] }
    const overloaded = new Uint8Array(m)
    for (const e of over) overloaded[e] = 1
    const { country } = state.failure
    let unroutedProtected = 0
    let unroutedUnprotected = 0
    let endpoint = 0
    let rerouted = 0
    let overloadedGbps = 0
    const hurt: { id: string; gbps: number; class: 'protected' | 'unprotected'; reason: 'unrouted' | 'endpoint' | 'overloaded' }[] = []
    resolved.forEach((d, i) => {
      // Unrouted by this failure: what the normal state routed and this state does not.
      const lost = Math.max(0, base.flows[i].routedGbps - state.routedGbps[i])
      if (protectedOf[i]) unroutedProtected += lost
      else unroutedUnprotected += lost
      if (state.hit[i] && state.routedGbps[i] > 0) rerouted += state.routedGbps[i]
      const klass = protectedOf[i] ? 'protected' : 'unprotected'
      const atEnd = country !== undefined && (countryOf(d.source) === country || countryOf(d.target) === country)
      if (atEnd) endpoint += lost
      if (lost > 0) hurt.push({ id: d.id, gbps: d.gbps, class: klass, reason: atEnd ? 'endpoint' : 'unrouted' })
      else if (state.flows[i].paths.some((p) => p.edges.some((e) => overloaded[e]))) {
        overloadedGbps += d.gbps
        hurt.push({ id: d.id, gbps: d.gbps, class: klass, reason: 'overloaded' })
      }
    })
    hurt.sort((a, b) => b.gbps - a.gbps || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const unrouted = round(unroutedProtected + unroutedUnprotected)
    const row: SweepRow = {
      failure: state.failure.name,
      links: state.failure.edges.map((e) => network.links[e].id),
      ...(country !== undefined ? { country } : {}),
      unroutedGbps: unrouted,
      unroutedProtectedGbps: round(unroutedProtected),
      unroutedUnprotectedGbps: round(unroutedUnprotected),
      ...(country !== undefined ? { endpointGbps: round(endpoint), transitUnroutedGbps: round(Math.max(0, unroutedProtected + unroutedUnprotected - endpoint)) } : {}),
      reroutedGbps: round(rerouted),
      maxUtilisation: max === null ? null : round(max),
      overloadedGbps: round(overloadedGbps),
      overloaded: over.slice(0, 5).map((e) => ({ id: network.links[e].id, loadGbps: round(state.loadGbps[e]), capacityGbps: table.capacityGbps[e], utilisation: round(state.loadGbps[e] / table.capacityGbps[e]) })),
      demandsHurt: hurt.length,
      hurt: hurt.slice(0, 10),
      ...(state.solver ? { solver: state.solver } : {}),
    }
    return { s: swept.from + k, row, loadGbps: loadsKnown ? state.loadGbps : null }
  })
  const warnings = [...setup.masks.warnings, ...swept.warnings]
  if (table.unknownEdges.length > 0) warnings.push(`${table.unknownEdges.length} link(s) have unknown capacity: their loads are reported, their utilisation is not (capacity.unknownLinks)`)
  return {
    head: {
      ...(scenario ? { scenario } : {}),
      failures: query.failures,
      routing: query.routing,
      metric: query.metric,
      capacity: { basis: table.basis, unknown: table.unknownPolicy, unknownLinks: table.unknownEdges.map((e) => network.links[e].id) },
      demands: { count: resolved.length, gbps: round(resolved.reduce((s, d) => s + d.gbps, 0)), protectedGbps: round(resolved.reduce((s, d, i) => s + (protectedOf[i] ? d.gbps : 0), 0)) },
      normal: {
        maxUtilisation: normal.max === null ? null : round(normal.max),
        unroutedGbps: round(normalUnrouted),
        overloadedLinks: normal.over.map((e) => network.links[e].id),
        ...(swept.normalSolver ? { solver: swept.normalSolver } : {}),
      },
      warnings,
    },
    total: swept.total,
    rows,
    baseLoadGbps: base.loadGbps,
    capacityGbps: network.links.map((_, e) => (table.method[e] !== 'unknown' ? table.capacityGbps[e] : null)),
    ...(swept.lpSolves !== undefined ? { lpSolves: swept.lpSolves } : {}),
  }
}

/**
 * The sweep's answer from its parts (one, or the chunks a server ran, in any order): failure states ranked by
 * impact, and each link's worst load over every state. Country states rank by the transit Gbit/s they leave
 * unrouted first (what losing transit through the country costs), then as the others.
 */
export function mergeSweepParts(index: RoutingIndex, query: Pick<TrafficSweepQuery, 'top' | 'failures'>, parts: readonly TrafficSweepPart[]): TrafficSweepResponse {
  if (parts.length === 0) throw new Error('mergeSweepParts: no part')
  const { network } = index
  const m = network.links.length
  const first = parts[0]
  const all = parts.flatMap((p) => p.rows).sort((a, b) => a.s - b.s)
  const worst = Float64Array.from(first.baseLoadGbps)
  const worstState = new Int32Array(m).fill(-1)
  for (const { loadGbps, s } of all) {
    if (!loadGbps) continue
    for (let e = 0; e < m; e++) {
      if (loadGbps[e] > worst[e] * (1 + 1e-12) + 1e-12) {
        worst[e] = loadGbps[e]
        worstState[e] = s
      }
    }
  }
  const name = new Map(all.map(({ s, row }) => [s, row.failure]))
  const transit = (r: SweepRow) => (query.failures === 'country' ? (r.transitUnroutedGbps ?? 0) : 0)
  const ranked = all
    .sort((a, b) => transit(b.row) - transit(a.row) || b.row.unroutedGbps - a.row.unroutedGbps || b.row.overloadedGbps - a.row.overloadedGbps || (b.row.maxUtilisation ?? -1) - (a.row.maxUtilisation ?? -1) || a.s - b.s)
    .slice(0, query.top)
    .map(({ row }, k) => ({ rank: k + 1, ...row }))
  const { warnings, demands, normal, ...head } = first.head
  return {
    ...head,
    states: all.length,
    demands,
    normal,
    ranked,
    links: network.links.map((link, e) => {
      const capacity = first.capacityGbps[e]
      return {
        id: link.id,
        capacityGbps: capacity,
        normalLoadGbps: round(first.baseLoadGbps[e]),
        worstLoadGbps: round(worst[e]),
        worstFailure: worstState[e] === -1 ? null : (name.get(worstState[e]) as string),
        worstUtilisation: capacity !== null && capacity > 0 ? round(worst[e] / capacity) : capacity !== null && worst[e] === 0 ? 0 : null,
      }
    }),
    warnings,
  }
}

/** The sweep's answer: failure states ranked by impact, and each link's worst load over every state. */
export function rankTrafficSweep(index: RoutingIndex, query: TrafficSweepQuery, swept: Swept, scenario?: string): TrafficSweepResponse {
  return mergeSweepParts(index, query, [sweepPart(index, query, swept, scenario)])
}

/** The whole sweep at once (tests, small networks); the edges drive `sweepStates` to report progress. */
export function trafficSweep(index: RoutingIndex, document: DemandsDocument, query: TrafficSweepQuery, scenario?: string): TrafficSweepResponse {
  const steps = sweepStates(index, document, query)
  let next = steps.next()
  while (!next.done) next = steps.next()
  return rankTrafficSweep(index, query, next.value, scenario)
}

/** The whole optimal sweep at once (tests). */
export async function optimalTrafficSweep(index: RoutingIndex, document: DemandsDocument, query: TrafficSweepQuery, options: OptimalSweepOptions = {}, scenario?: string): Promise<TrafficSweepResponse> {
  const steps = sweepOptimalStates(index, document, query, options)
  let next = await steps.next()
  while (!next.done) next = await steps.next()
  return rankTrafficSweep(index, query, next.value, scenario)
}
