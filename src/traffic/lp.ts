import type { Highs } from 'highs'
import type { Graph } from '../graph'
import { components, deadlineOf, emptyResult, solvePathMulticommodity } from './colgen'
import type { DemandFlow, EdgeDemand, RoutedPath } from './load'
import { DEFAULT_LEXICOGRAPHIC_TOLERANCE, type LpStatus, type McfOptions, type McfResult } from './mcf'

export { DEFAULT_LEXICOGRAPHIC_TOLERANCE, LP_FORMULATIONS, LP_OBJECTIVES, LP_STATUSES, type LpFormulation, type LpObjective, type LpStatus, type McfOptions, type McfResult } from './mcf'

let solver: Promise<Highs> | undefined

/** The shared HiGHS instance (WebAssembly), loaded on first use; `group-disjoint.ts` loads its own the same way. */
export async function loadHighs(): Promise<Highs> {
  solver ??= import('highs').then((module) => module.default())
  return solver
}

/**
 * Multicommodity flow by linear programming, arc-based and aggregated by source (one commodity per distinct
 * source node, the standard reduction: Ahuja, Magnanti & Orlin, Network Flows, 1993, §17.2). Size:
 * S × 2m flow columns and S × n conservation rows plus one capacity row per capacitated edge, polynomial, with
 * no path enumeration (a path-based model needs column generation to be exact). A demand is symmetric: a unit
 * of flow on an edge in either orientation loads the edge by one unit in each direction, so the capacity row
 * of edge e is Σ_k x_k(e→) + x_k(e←) ≤ c_e·U (min-max utilisation, minimise U) or ≤ c_e (max concurrent
 * flow: supplies λ·d, maximise λ; Shahrokhi & Matula, J. ACM 37(2), 1990).
 *
 * Phase 2 holds the optimum (U ≤ U*·(1 + ε), λ = λ*·(1 − ε)) and minimises Σ flow × edge weight, so that
 * among the optimal routings the one on the shortest paths is returned, without detours or cycles; the
 * per-demand paths come from decomposing each source's flow (flow decomposition theorem, AMO §3.5). It is the
 * reference the path formulation is tested against: its rows follow the input's edge order, so ties left
 * after phase 2 may fall differently for another link order. The deadline bounds both solves.
 */
export async function solveMulticommodity(
  graph: Graph,
  demands: readonly EdgeDemand[],
  options: McfOptions,
  highs?: Highs,
): Promise<McfResult> {
  const { objective, capacityGbps, usable } = options
  const label = components(graph, usable)
  const routable = demands.map((d) => d.source !== d.target && d.gbps > 0 && usable.length > 0 && label[d.source] === label[d.target])
  const empty = (status: LpStatus, value: number | null) => emptyResult(graph, demands, objective, routable, status, value)
  const edges: number[] = []
  for (let e = 0; e < graph.edgeCount; e++) if (usable[e] && graph.edgeTail[e] !== graph.edgeHead[e]) edges.push(e)
  const routed = demands.map((_, i) => i).filter((i) => routable[i])
  if (routed.length === 0) return empty('optimal', objective === 'min-max-utilisation' ? 0 : null)
  if ((options.formulation ?? 'path') === 'path') return solvePathMulticommodity(graph, demands, options, routable, edges, highs ?? (await loadHighs()))

  // Scale Gbit/s so the largest demand is 1: the solver's absolute tolerances then mean the same on any input.
  let scale = 0
  for (const i of routed) scale = Math.max(scale, demands[i].gbps)
  const sources = [...new Set(routed.map((i) => demands[i].source))].sort((a, b) => a - b)
  const commodity = new Map(sources.map((s, k) => [s, k]))
  const K = sources.length
  const A = 2 * edges.length
  const zCol = K * A
  const numCols = K * A + 1
  const col = (k: number, arc: number) => k * A + arc
  const supply = Array.from({ length: K }, () => new Float64Array(graph.nodeCount))
  for (const i of routed) {
    const k = commodity.get(demands[i].source) as number
    supply[k][demands[i].source] += demands[i].gbps / scale
    supply[k][demands[i].target] -= demands[i].gbps / scale
  }
  const edgePosition = new Int32Array(graph.edgeCount).fill(-1)
  edges.forEach((e, i) => (edgePosition[e] = i))

  const starts: number[] = [0]
  const indices: number[] = []
  const values: number[] = []
  const rowLower: number[] = []
  const rowUpper: number[] = []
  for (let k = 0; k < K; k++) {
    for (let v = 0; v < graph.nodeCount; v++) {
      if (label[v] !== label[sources[k]]) continue
      const b = supply[k][v]
      let count = 0
      for (let a = graph.offsets[v]; a < graph.offsets[v + 1]; a++) {
        const e = graph.arcEdge[a]
        const p = edgePosition[e]
        if (p < 0) continue
        // Arc 2p runs tail → head, 2p + 1 head → tail.
        const out = graph.edgeTail[e] === v ? 2 * p : 2 * p + 1
        indices.push(col(k, out), col(k, out ^ 1))
        values.push(1, -1)
        count += 2
      }
      if (count === 0 && b === 0) continue
      if (objective === 'max-concurrent-flow' && b !== 0) {
        indices.push(zCol)
        values.push(-b)
        rowLower.push(0)
        rowUpper.push(0)
      } else {
        rowLower.push(b)
        rowUpper.push(b)
      }
      starts.push(indices.length)
    }
  }
  const capacityRows: number[] = []
  edges.forEach((e, p) => {
    const c = capacityGbps[e]
    if (!Number.isFinite(c)) return
    for (let k = 0; k < K; k++) {
      indices.push(col(k, 2 * p), col(k, 2 * p + 1))
      values.push(1, 1)
    }
    if (objective === 'min-max-utilisation') {
      indices.push(zCol)
      values.push(-c / scale)
      rowUpper.push(0)
    } else {
      rowUpper.push(c / scale)
    }
    rowLower.push(-Infinity)
    capacityRows.push(starts.length - 1)
    starts.push(indices.length)
  })
  const numRows = rowLower.length
  const h = highs ?? (await loadHighs())
  const colCost = new Float64Array(numCols)
  colCost[zCol] = objective === 'min-max-utilisation' ? 1 : -1
  const model = h.createModel({
    numCols,
    numRows,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(h.infinity),
    rowLower: Float64Array.from(rowLower, (x) => (x === -Infinity ? -h.infinity : x)),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: 'csr', numRows, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  })
  let iterations = 0
  const deadline = deadlineOf(options)
  const epsilon = options.utilisationTolerance ?? DEFAULT_LEXICOGRAPHIC_TOLERANCE
  /** Runs HiGHS within what is left of the deadline; false when nothing is left. */
  const run = (): boolean => {
    if (deadline) {
      const left = deadline.left()
      if (left <= 0) return false
      model.options.set({ time_limit: left })
    }
    model.run()
    return true
  }
  try {
    model.options.set({ output_flag: false })
    const ran = run()
    const codes = h.constants.modelStatus
    const base = { objective, routable, columns: numCols, rows: numRows }
    if (!ran) return { ...empty('time-limit', null), ...base, iterations }
    const status1 = model.getModelStatus()
    iterations = Number(model.info.get('simplex_iteration_count'))
    if (status1 === codes.infeasible) return { ...empty('infeasible', null), ...base, iterations }
    if (status1 === codes.unbounded || status1 === codes.unboundedOrInfeasible) return { ...empty('unbounded', null), ...base, iterations }
    if (status1 !== codes.optimal) return { ...empty(status1 === codes.timeLimit ? 'time-limit' : 'error', null), ...base, iterations }
    const z = model.getSolution().colValue[zCol]
    const gap = relativeGap(model)
    const x1 = Float64Array.from(model.getSolution().colValue)
    if (options.secondPhase === false) return finish(x1, z, gap, 'optimal')
    // Phase 2: hold the optimum, route on the cheapest paths among the optimal routings.
    let wMax = 0
    for (const e of edges) wMax = Math.max(wMax, options.edgeWeight[e])
    const cost2 = new Float64Array(numCols)
    for (let k = 0; k < K; k++) {
      edges.forEach((e, p) => {
        // A hop term (colgen.ts's HOP_COST) keeps zero-weight edges from carrying free cycles.
        const c = (wMax > 0 ? options.edgeWeight[e] / wMax : 0) + 1e-6
        cost2[col(k, 2 * p)] = c
        cost2[col(k, 2 * p + 1)] = c
      })
    }
    model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, cost2)
    if (objective === 'min-max-utilisation') model.changeColBounds(zCol, 0, z * (1 + epsilon))
    else model.changeColBounds(zCol, z * (1 - epsilon), z * (1 - epsilon))
    // Primal simplex from the first phase's basis, which stays primal feasible (colgen.ts measures why).
    model.options.set({ simplex_strategy: 4 })
    if (!run()) return finish(x1, z, gap, 'time-limit')
    iterations += Number(model.info.get('simplex_iteration_count'))
    if (model.getModelStatus() === codes.timeLimit) return finish(x1, z, gap, 'time-limit')
    const x = model.getModelStatus() === codes.optimal ? model.getSolution().colValue : undefined
    if (!x) throw new Error('HiGHS failed the second phase at a feasible optimum of the first')
    return finish(x, z, gap, 'optimal')
  } finally {
    model.dispose()
  }

  function finish(x: Float64Array, z: number, gap: number, status: LpStatus): McfResult {
    const factor = objective === 'max-concurrent-flow' ? x[zCol] : 1
    const loadGbps = new Float64Array(graph.edgeCount)
    edges.forEach((e, p) => {
      let load = 0
      for (let k = 0; k < K; k++) load += x[col(k, 2 * p)] + x[col(k, 2 * p + 1)]
      loadGbps[e] = load * scale
    })
    const flows = decompose(graph, demands, routable, edges, x, K, commodity, factor, scale)
    const weightedLoad = edges.reduce((s, e) => s + loadGbps[e] * options.edgeWeight[e], 0)
    return { objective, status, value: z, gap, bound: z, loadGbps, flows, routable, columns: numCols, rows: numRows, iterations, weightedLoad }
  }
}

function relativeGap(model: { info: { get(name: string): number | bigint } }): number {
  try {
    return Number(model.info.get('primal_dual_objective_error'))
  } catch {
    return 0
  }
}

/**
 * Splits each source's aggregated arc flow into one path set per demand: repeatedly the fewest-hop path with
 * residual flow from the source to the demand's target, taking its bottleneck, until the demand is met.
 * Subtracting a path keeps a valid flow for the remaining supplies, so every target stays reachable.
 */
function decompose(
  graph: Graph,
  demands: readonly EdgeDemand[],
  routable: boolean[],
  edges: number[],
  x: Float64Array | readonly number[],
  K: number,
  commodity: Map<number, number>,
  factor: number,
  scale: number,
): DemandFlow[] {
  const A = 2 * edges.length
  const residual = Float64Array.from({ length: K * A }, (_, j) => Math.max(0, x[j]))
  const edgePosition = new Int32Array(graph.edgeCount).fill(-1)
  edges.forEach((e, i) => (edgePosition[e] = i))
  const flows: DemandFlow[] = demands.map(() => ({ paths: [], routedGbps: 0 }))
  const pred = new Int32Array(graph.nodeCount)
  demands.forEach((d, i) => {
    if (!routable[i]) return
    const k = commodity.get(d.source) as number
    const offset = k * A
    let remaining = (d.gbps * factor) / scale
    const tolerance = 1e-9 * Math.max(1, remaining)
    const paths: RoutedPath[] = []
    for (let round = 0; remaining > tolerance && round < 10 * A + 10; round++) {
      pred.fill(-1)
      pred[d.source] = -2
      const queue = [d.source]
      for (let q = 0; q < queue.length && pred[d.target] === -1; q++) {
        const u = queue[q]
        for (let a = graph.offsets[u]; a < graph.offsets[u + 1]; a++) {
          const e = graph.arcEdge[a]
          const p = edgePosition[e]
          if (p < 0) continue
          const arc = graph.edgeTail[e] === u ? 2 * p : 2 * p + 1
          const v = graph.arcHead[a]
          if (pred[v] !== -1 || residual[offset + arc] <= tolerance * 1e-3) continue
          pred[v] = a
          queue.push(v)
        }
      }
      if (pred[d.target] === -1) break
      const arcs: number[] = []
      for (let v = d.target; v !== d.source; ) {
        const a = pred[v]
        arcs.push(a)
        const e = graph.arcEdge[a]
        v = graph.edgeTail[e] === v ? graph.edgeHead[e] : graph.edgeTail[e]
      }
      arcs.reverse()
      const local = arcs.map((a) => {
        const e = graph.arcEdge[a]
        const p = edgePosition[e]
        return graph.arcHead[a] === graph.edgeHead[e] ? 2 * p : 2 * p + 1
      })
      let bottleneck = remaining
      for (const arc of local) bottleneck = Math.min(bottleneck, residual[offset + arc])
      for (const arc of local) residual[offset + arc] -= bottleneck
      remaining -= bottleneck
      const nodes = [d.source, ...arcs.map((a) => graph.arcHead[a])]
      paths.push({ nodes, edges: arcs.map((a) => graph.arcEdge[a]), gbps: bottleneck * scale })
    }
    merge(paths)
    flows[i] = { paths, routedGbps: paths.reduce((s, p) => s + p.gbps, 0) }
  })
  return flows
}

/** Paths found twice (in two rounds) become one, largest share first. */
function merge(paths: RoutedPath[]): void {
  const byKey = new Map<string, RoutedPath>()
  for (const path of paths) {
    const key = path.edges.join(',') + '|' + path.nodes[0]
    const known = byKey.get(key)
    if (known) known.gbps += path.gbps
    else byKey.set(key, path)
  }
  paths.splice(0, paths.length, ...[...byKey.values()].sort((a, b) => b.gbps - a.gbps || a.edges.length - b.edges.length))
}
