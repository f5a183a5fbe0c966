import type { Highs } from 'highs'
import type { Graph } from '../graph'
import { SilkwayError } from '../model'

export const SURVIVE_MODES = ['none', 'link', 'srlg'] as const
export type SurviveMode = (typeof SURVIVE_MODES)[number]
export const PROTECTION_MODES = ['restoration', 'restoration-strict', '1+1'] as const
export type ProtectionMode = (typeof PROTECTION_MODES)[number]
export const DESIGN_STATUSES = ['optimal', 'time-limit', 'infeasible', 'error'] as const
export type DesignStatus = (typeof DESIGN_STATUSES)[number]

/** A module that can be installed on a link in any integer number, each adding its capacity (SNDlib). */
export interface DesignModule {
  capacityGbps: number
  cost: number
}

/** Per edge: what is there and what may be added. An edge with neither carries nothing. */
export interface EdgeDesign {
  preInstalledGbps: number
  modules: readonly DesignModule[]
  /** Cost per Gbit/s routed over the edge in the normal state (SNDlib's routing cost); 0 by default. */
  routingCost?: number
  /** Fixed cost of using the edge at all (SNDlib's setup cost): paid once if anything is routed or installed on it. */
  setupCost?: number
}

export interface DesignDemand {
  id: string
  source: number
  target: number
  gbps: number
  protected: boolean
}

export interface DesignOptions {
  survive: SurviveMode
  protection: ProtectionMode
  /** The failure states (edge sets failing together): one per link, or per SRLG; ignored for `survive: none`. */
  failures: readonly { name: string; edges: readonly number[] }[]
  timeLimitS?: number
  /** Names edges in error messages. */
  edgeName: (e: number) => string
}

export interface DesignResult {
  status: DesignStatus
  /** Cost of the best design found (module cost + routing cost), null without one. */
  cost: number | null
  /** The solver's proven lower bound on the cost. */
  bound: number | null
  /** (cost − bound) ÷ cost as HiGHS reports it. */
  gap: number | null
  /** Modules added per edge: counts per module index. */
  added: { edge: number; module: number; count: number }[]
  /** Edges with a setup cost that the design opens (pays the setup cost of). */
  opened: number[]
  /** Strict path restoration: each protected demand's working path (edges, source to target). */
  workingPaths?: { demand: string; edges: number[] }[]
  /** Capacity after the design per edge (pre-installed + added), Gbit/s each direction. */
  capacityGbps: Float64Array
  /** Load of the normal state per edge. */
  normalLoadGbps: Float64Array
  states: number
  columns: number
  rows: number
  integerColumns: number
}

/** Nodes joined by the edges `usable` allows share a label. */
function labels(graph: Graph, usable: (e: number) => boolean): Int32Array {
  const label = new Int32Array(graph.nodeCount).fill(-1)
  for (let s = 0; s < graph.nodeCount; s++) {
    if (label[s] !== -1) continue
    label[s] = s
    const stack = [s]
    while (stack.length > 0) {
      const u = stack.pop() as number
      for (let a = graph.offsets[u]; a < graph.offsets[u + 1]; a++) {
        const v = graph.arcHead[a]
        if (label[v] === -1 && usable(graph.arcEdge[a])) {
          label[v] = s
          stack.push(v)
        }
      }
    }
  }
  return label
}

/**
 * Survivable capacity design as a mixed-integer program, SNDlib's model (Orlowski, Wessäly, Pióro &
 * Tomaszewski, "SNDlib 1.0", Networks 55(3), 2010: modular link capacities, undirected links, symmetric
 * demands): integer y_{e,m} modules of type m on edge e at cost κ_m; for every state s (the normal state and,
 * with restoration, one per failure) an arc flow aggregated by source for the demands that must be carried
 * in s (all in the normal state, the protected ones in a failure state) over the edges that survive s, and
 *     Σ_k x^s_k(e→) + x^s_k(e←) ≤ pre_e + Σ_m c_m·y_{e,m}        for every state s and surviving edge e.
 * Restoration is failure-specific rerouting of the protected demands (SNDlib's "unrestricted
 * reconfiguration": a relaxation of path restoration that keeps unaffected paths, so its cost is a lower
 * bound on that). `1+1` (dedicated protection, Net2Plan's 1+1 link-disjoint design) routes each protected
 * demand on two link- (or SRLG-) disjoint paths with its full Gbit/s on both: binary z_d(arc) carrying two
 * units, each edge used at most once per demand, load g_d·(z→ + z←). Minimises Σ κ_m y_{e,m} plus routing
 * cost in the normal state. Before solving, a protected demand that a failure disconnects whatever the
 * capacity (a bridge) is refused with SW_DESIGN_INFEASIBLE naming the demand and the failure.
 */
export async function solveCapacityDesign(graph: Graph, demands: readonly DesignDemand[], edges: readonly EdgeDesign[], options: DesignOptions, h: Highs): Promise<DesignResult> {
  const m = graph.edgeCount
  const usableEdge = (e: number) => graph.edgeTail[e] !== graph.edgeHead[e] && (edges[e].preInstalledGbps > 0 || edges[e].modules.length > 0)
  const live = demands.filter((d) => d.gbps > 0 && d.source !== d.target)
  const normal = labels(graph, usableEdge)
  for (const d of live) {
    if (normal[d.source] !== normal[d.target]) {
      throw new SilkwayError('SW_DESIGN_INFEASIBLE', `demand ${d.id} cannot be carried: no link that has or can get capacity joins its ends`, { demand: d.id, failure: null })
    }
  }
  const failures = options.survive === 'none' ? [] : options.failures
  const protectedDemands = live.filter((d) => d.protected)
  for (const failure of protectedDemands.length > 0 ? failures : []) {
    const down = new Set(failure.edges)
    const label = labels(graph, (e) => usableEdge(e) && !down.has(e))
    for (const d of protectedDemands) {
      if (label[d.source] !== label[d.target]) {
        const what = failure.edges.length === 1 ? `link ${options.edgeName(failure.edges[0])}` : `${failure.name} (${failure.edges.map(options.edgeName).join(', ')})`
        throw new SilkwayError('SW_DESIGN_INFEASIBLE', `protected demand ${d.id} cannot survive the failure of ${what}: it cuts every route between the demand's ends, whatever the capacity`, {
          demand: d.id,
          failure: failure.name,
        })
      }
    }
  }

  // Columns: y (integer), then flows per state, then 1+1 binaries.
  const cost: number[] = []
  const upper: number[] = []
  const integrality: number[] = []
  const addColumn = (c: number, u: number, integer: boolean) => {
    cost.push(c)
    upper.push(u)
    integrality.push(integer ? 1 : 0)
    return cost.length - 1
  }
  const moduleCols: { edge: number; module: number; col: number }[] = []
  edges.forEach((design, e) => {
    if (!usableEdge(e)) return
    design.modules.forEach((module, j) => moduleCols.push({ edge: e, module: j, col: addColumn(module.cost, h.infinity, true) }))
  })
  const modulesOf = Array.from({ length: m }, () => [] as { module: number; col: number }[])
  for (const mc of moduleCols) modulesOf[mc.edge].push(mc)
  const rows: { entries: [number, number][]; lower: number; upper: number }[] = []
  // Setup costs (SNDlib): a binary o_e at the setup cost opens the edge; the pre-installed capacity counts only
  // when open and y_{e,m} ≤ ⌈Σ_d g_d ÷ c_m⌉·o_e (no state loads an edge beyond the total demand, so the bound
  // cuts off no design). Edges without a setup cost are open for free, as before.
  const totalGbps = live.reduce((sum, d) => sum + d.gbps, 0)
  const openCol = new Int32Array(m).fill(-1)
  for (let e = 0; e < m; e++) {
    if (!usableEdge(e) || !((edges[e].setupCost ?? 0) > 0)) continue
    openCol[e] = addColumn(edges[e].setupCost as number, 1, true)
    for (const mc of modulesOf[e]) {
      const bound = Math.ceil(totalGbps / edges[e].modules[mc.module].capacityGbps)
      rows.push({ entries: [[mc.col, 1], [openCol[e], -bound]], lower: -h.infinity, upper: 0 })
    }
  }
  /** Capacity row of (state, edge): flows and 1+1 loads add to it, − Σ c·y ≤ pre (− pre·o_e ≤ 0 with a setup cost). */
  const capacityRow = new Map<string, number>()
  const capRow = (s: number, e: number): number => {
    const key = `${s}:${e}`
    let r = capacityRow.get(key)
    if (r === undefined) {
      r = rows.length
      const entries: [number, number][] = modulesOf[e].map((mc) => [mc.col, -edges[e].modules[mc.module].capacityGbps])
      if (openCol[e] >= 0) entries.push([openCol[e], -edges[e].preInstalledGbps])
      rows.push({ entries, lower: -h.infinity, upper: openCol[e] >= 0 ? 0 : edges[e].preInstalledGbps })
      capacityRow.set(key, r)
    }
    return r
  }
  const oneOne = options.protection === '1+1' && options.survive !== 'none'
  const strict = options.protection === 'restoration-strict' && options.survive !== 'none' && protectedDemands.length > 0
  /** Binary arc columns that carry a protected demand's full Gbit/s in the normal state (1+1's two paths, strict's working path). */
  const oneOneCols: { edge: number; col: number; gbps: number }[] = []
  const working = new Map<DesignDemand, { edge: number; from: number; to: number; col: number }[]>()
  const states: { down: Set<number>; carried: DesignDemand[]; hit?: Map<DesignDemand, number> }[] = [{ down: new Set(), carried: oneOne || strict ? live.filter((d) => !d.protected) : live }]
  if (strict) {
    // Strict path restoration (SNDlib's "path restoration", Net2Plan's restoration design): each protected
    // demand has one working path, binary w_d(arc) carrying one unit, made cycle-free by Miller–Tucker–Zemlin
    // potentials (J. ACM 7(4), 1960) so that no detached cycle through a failed link can fake a hit.
    const n = graph.nodeCount
    for (const d of protectedDemands) {
      const arcs: { edge: number; from: number; to: number; col: number }[] = []
      const balance = Array.from({ length: n }, () => [] as [number, number][])
      for (let e = 0; e < m; e++) {
        if (!usableEdge(e)) continue
        const r = capRow(0, e)
        const both: [number, number][] = []
        for (const [from, to] of [
          [graph.edgeTail[e], graph.edgeHead[e]],
          [graph.edgeHead[e], graph.edgeTail[e]],
        ]) {
          if (to === d.source || from === d.target) continue
          const col = addColumn((edges[e].routingCost ?? 0) * d.gbps, 1, true)
          balance[from].push([col, 1])
          balance[to].push([col, -1])
          rows[r].entries.push([col, d.gbps])
          both.push([col, 1])
          arcs.push({ edge: e, from, to, col })
          oneOneCols.push({ edge: e, col, gbps: d.gbps })
        }
        if (both.length > 1) rows.push({ entries: both, lower: 0, upper: 1 })
      }
      balance.forEach((entries, v) => {
        const b = v === d.source ? 1 : v === d.target ? -1 : 0
        if (entries.length > 0 || b !== 0) rows.push({ entries, lower: b, upper: b })
      })
      const potential = Array.from({ length: n }, () => addColumn(0, n, false))
      // p_to ≥ p_from + 1 when the arc is used: p_to − p_from − n·w ≥ 1 − n.
      for (const a of arcs) rows.push({ entries: [[potential[a.to], 1], [potential[a.from], -1], [a.col, -n]], lower: 1 - n, upper: h.infinity })
      working.set(d, arcs)
    }
    for (const failure of failures) {
      const down = new Set(failure.edges)
      const s = states.length
      const hit = new Map<DesignDemand, number>()
      for (const d of protectedDemands) {
        const arcs = working.get(d) as { edge: number; col: number }[]
        // h = 1 exactly when the working path uses a failed edge: h ≥ w(a) for each failed arc, h ≤ Σ of them.
        const col = addColumn(0, 1, false)
        const failedArcs = arcs.filter((a) => down.has(a.edge))
        for (const a of failedArcs) rows.push({ entries: [[col, 1], [a.col, -1]], lower: 0, upper: h.infinity })
        rows.push({ entries: [[col, 1], ...failedArcs.map((a): [number, number] => [a.col, -1])], lower: -h.infinity, upper: 0 })
        hit.set(d, col)
        // An unhit demand keeps its working path: its load on a surviving edge is g_d·u, u ≥ w(e→) + w(e←) − h.
        const byEdge = new Map<number, number[]>()
        for (const a of arcs) if (!down.has(a.edge)) byEdge.set(a.edge, [...(byEdge.get(a.edge) ?? []), a.col])
        for (const [e, cols] of byEdge) {
          const u = addColumn(0, 1, false)
          rows.push({ entries: [[u, 1], ...cols.map((c): [number, number] => [c, -1]), [col, 1]], lower: 0, upper: h.infinity })
          rows[capRow(s, e)].entries.push([u, d.gbps])
        }
      }
      states.push({ down, carried: protectedDemands, hit })
    }
  } else if (!oneOne && protectedDemands.length > 0) for (const failure of failures) states.push({ down: new Set(failure.edges), carried: protectedDemands })
  const normalFlowCols: { edge: number; col: number }[] = []
  states.forEach((state, s) => {
    const sources = [...new Set(state.carried.map((d) => d.source))].sort((a, b) => a - b)
    for (const source of sources) {
      const supply = new Float64Array(graph.nodeCount)
      const balance = Array.from({ length: graph.nodeCount }, () => [] as [number, number][])
      for (const d of state.carried) {
        if (d.source !== source) continue
        const hit = state.hit?.get(d)
        if (hit === undefined) {
          supply[source] += d.gbps
          supply[d.target] -= d.gbps
        } else {
          // Strict restoration reroutes g_d·h_d: out − in = g_d·h_d at the source, −g_d·h_d at the target.
          balance[source].push([hit, -d.gbps])
          balance[d.target].push([hit, d.gbps])
        }
      }
      for (let e = 0; e < m; e++) {
        if (!usableEdge(e) || state.down.has(e)) continue
        const routing = s === 0 ? (edges[e].routingCost ?? 0) : 0
        const r = capRow(s, e)
        for (const [from, to] of [
          [graph.edgeTail[e], graph.edgeHead[e]],
          [graph.edgeHead[e], graph.edgeTail[e]],
        ]) {
          const col = addColumn(routing, h.infinity, false)
          balance[from].push([col, 1])
          balance[to].push([col, -1])
          rows[r].entries.push([col, 1])
          if (s === 0) normalFlowCols.push({ edge: e, col })
        }
      }
      balance.forEach((entries, v) => {
        if (entries.length > 0 || supply[v] !== 0) rows.push({ entries, lower: supply[v], upper: supply[v] })
      })
    }
  })
  if (oneOne) {
    for (const d of protectedDemands) {
      const balance = Array.from({ length: graph.nodeCount }, () => [] as [number, number][])
      const perEdge = new Map<number, number[]>()
      for (let e = 0; e < m; e++) {
        if (!usableEdge(e)) continue
        const r = capRow(0, e)
        const both: number[] = []
        for (const [from, to] of [
          [graph.edgeTail[e], graph.edgeHead[e]],
          [graph.edgeHead[e], graph.edgeTail[e]],
        ]) {
          const col = addColumn((edges[e].routingCost ?? 0) * d.gbps, 1, true)
          balance[from].push([col, 1])
          balance[to].push([col, -1])
          rows[r].entries.push([col, d.gbps])
          both.push(col)
          oneOneCols.push({ edge: e, col, gbps: d.gbps })
        }
        perEdge.set(e, both)
        rows.push({ entries: both.map((c) => [c, 1]), lower: 0, upper: 1 })
      }
      balance.forEach((entries, v) => {
        const b = v === d.source ? 2 : v === d.target ? -2 : 0
        if (entries.length > 0 || b !== 0) rows.push({ entries, lower: b, upper: b })
      })
      if (options.survive === 'srlg') {
        for (const failure of failures) {
          if (failure.edges.length < 2) continue
          const entries: [number, number][] = failure.edges.flatMap((e) => (perEdge.get(e) ?? []).map((c): [number, number] => [c, 1]))
          if (entries.length > 0) rows.push({ entries, lower: 0, upper: 1 })
        }
      }
    }
  }

  const numCols = cost.length
  const numRows = rows.length
  const starts = new Int32Array(numRows + 1)
  const indices: number[] = []
  const values: number[] = []
  rows.forEach((row, r) => {
    for (const [c, v] of row.entries) {
      indices.push(c)
      values.push(v)
    }
    starts[r + 1] = indices.length
  })
  const result = (status: DesignStatus, x?: Float64Array, objective?: number, bound?: number, gap?: number): DesignResult => {
    const capacityGbps = Float64Array.from(edges, (d, e) => (usableEdge(e) ? d.preInstalledGbps : 0))
    const normalLoadGbps = new Float64Array(m)
    const added: DesignResult['added'] = []
    const opened: number[] = []
    const workingPaths: NonNullable<DesignResult['workingPaths']> = []
    if (x) {
      for (const mc of moduleCols) {
        const count = Math.round(x[mc.col])
        if (count <= 0) continue
        added.push({ edge: mc.edge, module: mc.module, count })
        capacityGbps[mc.edge] += count * edges[mc.edge].modules[mc.module].capacityGbps
      }
      for (const f of normalFlowCols) normalLoadGbps[f.edge] += Math.max(0, x[f.col])
      for (const f of oneOneCols) normalLoadGbps[f.edge] += Math.round(x[f.col]) * f.gbps
      for (let e = 0; e < m; e++) if (openCol[e] >= 0 && Math.round(x[openCol[e]]) === 1) opened.push(e)
      // A closed edge's pre-installed capacity is not usable: it counts only when the setup cost is paid.
      for (let e = 0; e < m; e++) if (openCol[e] >= 0 && !opened.includes(e)) capacityGbps[e] = 0
      for (const [d, arcs] of working) {
        const next = new Map(arcs.filter((a) => Math.round(x[a.col]) === 1).map((a) => [a.from, a]))
        const path: number[] = []
        for (let v = d.source, guard = 0; v !== d.target && guard <= m; guard++) {
          const a = next.get(v)
          if (!a) break
          path.push(a.edge)
          v = a.to
        }
        workingPaths.push({ demand: d.id, edges: path })
      }
    }
    return {
      status,
      cost: objective ?? null,
      bound: bound ?? null,
      gap: gap ?? null,
      added,
      opened,
      ...(strict ? { workingPaths } : {}),
      capacityGbps,
      normalLoadGbps,
      states: states.length,
      columns: numCols,
      rows: numRows,
      integerColumns: integrality.filter((i) => i === 1).length,
    }
  }
  if (numCols === 0) return result('optimal', new Float64Array(0), 0, 0, 0)
  const model = h.createModel({
    numCols,
    numRows,
    colCost: Float64Array.from(cost),
    colLower: new Float64Array(numCols),
    colUpper: Float64Array.from(upper),
    rowLower: Float64Array.from(rows, (r) => r.lower),
    rowUpper: Float64Array.from(rows, (r) => r.upper),
    matrix: { format: 'csr', numRows, numCols, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    integrality: Int32Array.from(integrality),
  })
  try {
    model.options.set({ output_flag: false, ...(options.timeLimitS !== undefined ? { time_limit: options.timeLimitS } : {}) })
    model.run()
    const codes = h.constants.modelStatus
    const status = model.getModelStatus()
    if (status === codes.infeasible) {
      throw new SilkwayError('SW_DESIGN_INFEASIBLE', 'no design carries every demand: the protected demands have no disjoint routes (1+1) or the model is infeasible', { demand: null, failure: null })
    }
    const info = (name: string) => {
      const v = Number(model.info.get(name))
      return Number.isFinite(v) && Math.abs(v) < 1e30 ? v : undefined
    }
    const objective = info('objective_function_value')
    const primal = Number(model.info.get('primal_solution_status'))
    const hasSolution = primal === 2 && objective !== undefined
    const x = hasSolution ? model.getSolution().colValue : undefined
    const bound = info('mip_dual_bound')
    const gap = info('mip_gap')
    if (status === codes.optimal) return result('optimal', x, objective, bound, gap)
    if (status === codes.timeLimit) return result('time-limit', x, hasSolution ? objective : undefined, bound, hasSolution ? gap : undefined)
    return result('error')
  } finally {
    model.dispose()
  }
}
