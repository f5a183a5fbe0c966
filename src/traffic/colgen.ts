import type { Highs } from 'highs'
import { type Graph, shortestPathTree } from '../graph'
import type { DemandFlow, EdgeDemand, RoutedPath } from './load'
import type { LpStatus, McfOptions, McfResult } from './mcf'

/** Reduced costs above −this (relative to the demand's dual) count as non-negative: the master is optimal. */
const PRICING_TOLERANCE = 1e-9
/** Pricing rounds per phase before giving up with status `error` (never reached in the tests and benches). */
const MAX_ROUNDS = 500

interface Pair {
  source: number
  target: number
  /** Scaled demand of every demand between the two nodes (either orientation). */
  demand: number
  members: number[]
}

interface Column {
  pair: number
  nodes: number[]
  edges: number[]
}

/**
 * Multicommodity flow by the path formulation with column generation (Ford & Fulkerson, Management Science
 * 5(1), 1958; Ahuja, Magnanti & Orlin, Network Flows, 1993, §17.4): the restricted master holds one
 * convexity row per demand pair, one capacity row per capacitated edge and the path columns found so far; the
 * pricing problem is one shortest-path tree per source with the capacity rows' duals as edge weights, and a
 * path whose reduced cost Σ_e(cost_e − y_e) − π_pair is negative enters the master. When no path prices out
 * the master's optimum is the full LP's (LP duality), so the answer is exact, as the arc formulation's.
 *
 * The master is much smaller than the arc model (pairs + capacitated edges rows; a few columns per pair) and
 * each round re-solves from the previous basis, which is what makes it fast on 100+ node networks.
 * Phase 2 (cheapest among optimal routings) is priced the same way with the metric as path cost.
 */
export async function solvePathMulticommodity(
  graph: Graph,
  demands: readonly EdgeDemand[],
  options: McfOptions,
  routable: boolean[],
  edges: number[],
  h: Highs,
): Promise<McfResult> {
  const { objective, capacityGbps } = options
  const minMax = objective === 'min-max-utilisation'
  let scale = 0
  demands.forEach((d, i) => routable[i] && (scale = Math.max(scale, d.gbps)))
  const pairs: Pair[] = []
  const pairOf = new Map<number, number>()
  demands.forEach((d, i) => {
    if (!routable[i]) return
    const key = Math.min(d.source, d.target) * graph.nodeCount + Math.max(d.source, d.target)
    let p = pairOf.get(key)
    if (p === undefined) {
      p = pairs.length
      pairOf.set(key, p)
      pairs.push({ source: d.source, target: d.target, demand: 0, members: [] })
    }
    pairs[p].demand += d.gbps / scale
    pairs[p].members.push(i)
  })
  const usableEdge = new Uint8Array(graph.edgeCount)
  for (const e of edges) usableEdge[e] = 1
  const edgeBlocked = Uint8Array.from(usableEdge, (u) => 1 - u)
  const capRow = new Int32Array(graph.edgeCount).fill(-1)
  const capEdges: number[] = []
  for (const e of edges) {
    if (!Number.isFinite(capacityGbps[e])) continue
    capRow[e] = pairs.length + capEdges.length
    capEdges.push(e)
  }
  // Phase-2 cost per edge: the metric normalised to at most 1, plus a hop term so zero-weight edges carry no
  // free cycles (the same costs as the arc formulation's second phase).
  let wMax = 0
  for (const e of edges) wMax = Math.max(wMax, options.edgeWeight[e])
  const metricCost = new Float64Array(graph.edgeCount)
  for (const e of edges) metricCost[e] = (wMax > 0 ? options.edgeWeight[e] / wMax : 0) + 1e-3

  const P = pairs.length
  const numRows = P + capEdges.length
  const zCol = 0
  const columns: Column[] = []
  // Convexity rows: Σ_p x_p = d (min-max) or Σ_p x_p − d·λ = 0 (max concurrent); capacity rows
  // Σ_{p∋e} x_p − c_e·U ≤ 0 or Σ_{p∋e} x_p ≤ c_e.
  const rowLower = new Float64Array(numRows)
  const rowUpper = new Float64Array(numRows)
  pairs.forEach((pair, p) => {
    rowLower[p] = minMax ? pair.demand : 0
    rowUpper[p] = minMax ? pair.demand : 0
  })
  capEdges.forEach((e, i) => {
    rowLower[P + i] = -h.infinity
    rowUpper[P + i] = minMax ? 0 : capacityGbps[e] / scale
  })
  const zIndices: number[] = []
  const zValues: number[] = []
  if (minMax) capEdges.forEach((e, i) => (zIndices.push(P + i), zValues.push(-capacityGbps[e] / scale)))
  else pairs.forEach((pair, p) => (zIndices.push(p), zValues.push(-pair.demand)))
  const model = h.createModel({
    numCols: 1,
    numRows,
    colCost: Float64Array.of(minMax ? 1 : -1),
    colLower: Float64Array.of(0),
    colUpper: Float64Array.of(h.infinity),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: 1, starts: Int32Array.of(0, zIndices.length), indices: Int32Array.from(zIndices), values: Float64Array.from(zValues) },
  })
  const bySource = new Map<number, number[]>()
  pairs.forEach((pair, p) => {
    const list = bySource.get(pair.source)
    if (list) list.push(p)
    else bySource.set(pair.source, [p])
  })
  const weight = new Float64Array(graph.edgeCount)
  let iterations = 0
  const codes = h.constants.modelStatus
  const pathCost = (phase2: boolean, col: Column) => (phase2 ? col.edges.reduce((s, e) => s + metricCost[e], 0) : 0)

  /** Adds the columns that price out (all pairs' shortest paths when `duals` is absent); returns how many. */
  const price = (phase2: boolean, duals: Float64Array | undefined): number => {
    let maxDual = 0
    if (duals) for (const e of capEdges) maxDual = Math.max(maxDual, -duals[capRow[e]])
    for (const e of edges) {
      const y = duals && capRow[e] >= 0 ? Math.max(0, -duals[capRow[e]]) : 0
      // Phase 1 has no path cost: the metric enters with a negligible weight only to break ties among
      // equal-dual paths towards short ones (the decision below uses the exact reduced cost).
      weight[e] = y + (phase2 ? metricCost[e] : (duals ? maxDual * 1e-9 + 1e-12 : 1) * metricCost[e])
    }
    const added: Column[] = []
    for (const [source, members] of bySource) {
      const tree = shortestPathTree(graph, source, { edgeWeight: weight, edgeBlocked })
      for (const p of members) {
        const target = pairs[p].target
        if (tree.predEdge[target] < 0) continue
        const nodes = [target]
        const pathEdges: number[] = []
        for (let v = target; v !== source; ) {
          const e = tree.predEdge[v]
          pathEdges.push(e)
          v = graph.edgeTail[e] === v ? graph.edgeHead[e] : graph.edgeTail[e]
          nodes.push(v)
        }
        nodes.reverse()
        pathEdges.reverse()
        const col: Column = { pair: p, nodes, edges: pathEdges }
        if (duals) {
          let reduced = pathCost(phase2, col) - duals[p]
          for (const e of pathEdges) if (capRow[e] >= 0) reduced -= duals[capRow[e]]
          if (reduced >= -PRICING_TOLERANCE * Math.max(1, Math.abs(duals[p]))) continue
        }
        added.push(col)
      }
    }
    if (added.length === 0) return 0
    const starts = new Int32Array(added.length + 1)
    const indices: number[] = []
    const values: number[] = []
    added.forEach((col, j) => {
      indices.push(col.pair)
      values.push(1)
      for (const e of col.edges) {
        if (capRow[e] < 0) continue
        indices.push(capRow[e])
        values.push(1)
      }
      starts[j + 1] = indices.length
    })
    const cost = Float64Array.from(added, (col) => pathCost(phase2, col))
    model.addCols({
      cost,
      lower: new Float64Array(added.length),
      upper: new Float64Array(added.length).fill(h.infinity),
      matrix: { format: 'csc', numRows, numCols: added.length, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    })
    columns.push(...added)
    return added.length
  }

  /** Solves the master, prices, repeats; the final status of the master. */
  const converge = (phase2: boolean): LpStatus => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      model.run()
      iterations += Number(model.info.get('simplex_iteration_count'))
      const status = model.getModelStatus()
      if (status === codes.infeasible) return 'infeasible'
      if (status === codes.unbounded || status === codes.unboundedOrInfeasible) return 'unbounded'
      if (status === codes.timeLimit) return 'time-limit'
      if (status !== codes.optimal) return 'error'
      if (price(phase2, model.getSolution().rowDual) === 0) return 'optimal'
    }
    return 'error'
  }

  const result = (status: LpStatus, value: number | null, gap: number | null, x?: Float64Array): McfResult => {
    const loadGbps = new Float64Array(graph.edgeCount)
    const flows: DemandFlow[] = demands.map(() => ({ paths: [], routedGbps: 0 }))
    if (x) {
      const perPair: RoutedPath[][] = pairs.map(() => [])
      columns.forEach((col, j) => {
        const amount = Math.max(0, x[j + 1])
        if (amount <= 1e-12) return
        for (const e of col.edges) loadGbps[e] += amount * scale
        perPair[col.pair].push({ nodes: col.nodes, edges: col.edges, gbps: amount * scale })
      })
      pairs.forEach((pair, p) => {
        const total = perPair[p].reduce((s, path) => s + path.gbps, 0)
        for (const i of pair.members) {
          const d = demands[i]
          const share = total > 0 ? d.gbps / (pair.demand * scale) : 0
          const reversed = d.source !== pair.source
          const paths = perPair[p]
            .map((path) => ({
              nodes: reversed ? [...path.nodes].reverse() : path.nodes,
              edges: reversed ? [...path.edges].reverse() : path.edges,
              gbps: path.gbps * share,
            }))
            .sort((a, b) => b.gbps - a.gbps || a.edges.length - b.edges.length)
          flows[i] = { paths, routedGbps: paths.reduce((s, path) => s + path.gbps, 0) }
        }
      })
    }
    return { objective, status, value, gap, loadGbps, flows, routable, columns: columns.length + 1, rows: numRows, iterations }
  }

  try {
    model.options.set({ output_flag: false, ...(options.timeLimitS !== undefined ? { time_limit: options.timeLimitS } : {}) })
    price(false, undefined)
    const status1 = converge(false)
    if (status1 !== 'optimal') return result(status1, null, null)
    const z = model.getSolution().colValue[zCol]
    const gap = Number(model.info.get('primal_dual_objective_error'))
    if (options.secondPhase === false) return result('optimal', z, gap, model.getSolution().colValue)
    const n = columns.length + 1
    const cost2 = new Float64Array(n)
    columns.forEach((col, j) => (cost2[j + 1] = pathCost(true, col)))
    model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost2)
    if (minMax) model.changeColBounds(zCol, 0, z * (1 + 1e-7) + 1e-9)
    else model.changeColBounds(zCol, z * (1 - 1e-7), z * (1 - 1e-7))
    // The first phase's basis stays primal feasible under the new costs: primal simplex re-optimises from it
    // (on GtsCe 4× faster than the default dual simplex, which starts over from a dual infeasible basis).
    model.options.set({ simplex_strategy: 4 })
    const status2 = converge(true)
    if (status2 !== 'optimal') throw new Error(`HiGHS ended the second phase with ${status2} at a feasible optimum of the first`)
    const x = model.getSolution().colValue
    return result('optimal', z, gap, x)
  } finally {
    model.dispose()
  }
}
