import type { Highs } from 'highs'
import { type Graph, shortestPathTree } from '../graph'
import type { DemandFlow, EdgeDemand, RoutedPath } from './load'
import { DEFAULT_LEXICOGRAPHIC_TOLERANCE, type LpStatus, type McfOptions, type McfResult } from './mcf'

/** Reduced costs above −this (relative to the demand's dual) count as non-negative: the master is optimal. */
const PRICING_TOLERANCE = 1e-9
/**
 * Capacities above this multiple of the largest demand are left out of the master's capacity rows: such a link
 * carries every demand (at most 10⁵ of them) below 10⁻⁷ utilisation, under the answers' 10⁻⁶ rounding.
 */
const NEVER_BINDING = 1e12
/** Pricing rounds per phase before giving up with status `error` (never reached in the tests and benches). */
const MAX_ROUNDS = 500
/**
 * Phase 2's hop term, relative to the largest edge weight: it only breaks exact latency ties towards fewer
 * hops (and keeps zero-weight edges from being free), 10⁻⁶ of the costliest edge per hop.
 */
const HOP_COST = 1e-6

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

/** The time budget of a whole solve, read from the caller's clock. */
export interface Deadline {
  /** Seconds left, ≤ 0 once spent. */
  left(): number
}

/** The deadline of `timeLimitS` on the caller's clock; undefined without a limit. */
export function deadlineOf(options: Pick<McfOptions, 'timeLimitS' | 'clock'>): Deadline | undefined {
  const { timeLimitS, clock } = options
  if (timeLimitS === undefined) return undefined
  if (!clock) throw new Error('solveMulticommodity: timeLimitS needs options.clock (the domain reads no clock)')
  const end = clock() + timeLimitS * 1000
  return { left: () => (end - clock()) / 1000 }
}

/**
 * Capacitated edges in an order that does not depend on the input's link order (endpoints, weight,
 * capacity; the edge index only between edges equal in all of them), so the master HiGHS solves, and the
 * vertex it returns, is the same for any permutation of the links.
 */
function canonicalOrder(graph: Graph, edges: readonly number[], weight: Float64Array, capacity: Float64Array): number[] {
  const lo = (e: number) => Math.min(graph.edgeTail[e], graph.edgeHead[e])
  const hi = (e: number) => Math.max(graph.edgeTail[e], graph.edgeHead[e])
  return [...edges].sort((a, b) => lo(a) - lo(b) || hi(a) - hi(b) || weight[a] - weight[b] || capacity[a] - capacity[b] || a - b)
}

/**
 * Multicommodity flow by the path formulation with column generation (Ford & Fulkerson, Management Science
 * 5(1), 1958; Ahuja, Magnanti & Orlin, Network Flows, 1993, §17.4): the restricted master holds one
 * convexity row per demand pair (Σ_p x_p = d), one capacity row per capacitated edge (Σ_{p∋e} x_p ≤ c_e·U)
 * and the path columns found so far; the pricing problem is one shortest-path tree per source with the
 * capacity rows' duals as edge weights, and a path whose reduced cost Σ_e(cost_e − y_e) − π_pair is negative
 * enters the master. When no path prices out the master's optimum is the full LP's (LP duality), so the
 * answer is exact, as the arc formulation's.
 *
 * Max concurrent flow is the same LP: λ* = 1/U* (a routing of d at utilisation U is a routing of d/U within
 * capacity, and back; Shahrokhi & Matula, J. ACM 37(2), 1990), so it is solved as min-max utilisation and
 * scaled, which keeps the master's rows fixed (convexity rows = d) instead of the λ column's degenerate ones.
 *
 * Lexicographic optimum: phase 2 holds U ≤ U*·(1 + ε) and minimises Σ flow × edge weight (Gbit/s·ms in flow),
 * priced the same way; the master's rows and columns are in a canonical order, so ties left after both
 * phases are broken the same way for any link order. A deadline bounds both phases: stopped early, the last
 * master's routing is the incumbent and z_RMP + Σ_pair d·min(0, reduced cost) the bound (Lasdon's bound;
 * Lübbecke & Desrosiers, Operations Research 53(6), 2005, §2.1).
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
  const concurrent = objective === 'max-concurrent-flow'
  const epsilon = options.utilisationTolerance ?? DEFAULT_LEXICOGRAPHIC_TOLERANCE
  const deadline = deadlineOf(options)
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
  // A capacity over NEVER_BINDING × the largest demand cannot bind at the answers' precision, and as a
  // coefficient (c / scale) it would be beyond what HiGHS accepts (1e-300 Gbit/s demands made passModel fail).
  const binding = (e: number) => Number.isFinite(capacityGbps[e]) && capacityGbps[e] / scale <= NEVER_BINDING
  const capEdges = canonicalOrder(
    graph,
    edges.filter(binding),
    options.edgeWeight,
    capacityGbps,
  )
  capEdges.forEach((e, i) => (capRow[e] = pairs.length + i))
  // Phase-2 cost per edge: the weight normalised to at most 1, plus the hop term.
  let wMax = 0
  for (const e of edges) wMax = Math.max(wMax, options.edgeWeight[e])
  const metricCost = new Float64Array(graph.edgeCount)
  for (const e of edges) metricCost[e] = (wMax > 0 ? options.edgeWeight[e] / wMax : 0) + HOP_COST

  const weightedLoad = (loadGbps: Float64Array) => edges.reduce((s, e) => s + loadGbps[e] * options.edgeWeight[e], 0)
  const empty = (status: LpStatus, value: number | null) => emptyResult(graph, demands, objective, routable, status, value)
  // λ is unbounded exactly when every pair is joined by uncapacitated edges alone (U* = 0).
  if (concurrent) {
    const open = new Uint8Array(graph.edgeCount)
    for (const e of edges) if (!binding(e)) open[e] = 1
    const label = components(graph, open)
    if (pairs.every((pair) => label[pair.source] === label[pair.target])) return empty('unbounded', null)
  }

  const P = pairs.length
  const numRows = P + capEdges.length
  const zCol = 0
  const columns: Column[] = []
  // Convexity rows Σ_p x_p = d; capacity rows Σ_{p∋e} x_p − c_e·U ≤ 0.
  const rowLower = new Float64Array(numRows)
  const rowUpper = new Float64Array(numRows)
  pairs.forEach((pair, p) => {
    rowLower[p] = pair.demand
    rowUpper[p] = pair.demand
  })
  capEdges.forEach((_, i) => (rowLower[P + i] = -h.infinity))
  const model = h.createModel({
    numCols: 1,
    numRows,
    colCost: Float64Array.of(1),
    colLower: Float64Array.of(0),
    colUpper: Float64Array.of(h.infinity),
    rowLower,
    rowUpper,
    matrix: {
      format: 'csc',
      numRows,
      numCols: 1,
      starts: Int32Array.of(0, capEdges.length),
      indices: Int32Array.from(capEdges, (_, i) => P + i),
      values: Float64Array.from(capEdges, (e) => -capacityGbps[e] / scale),
    },
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

  /**
   * Adds the columns that price out (all pairs' shortest paths when `duals` is absent); returns how many and
   * Σ_pair d·min(0, reduced cost of its best path), the term of the Lagrangian bound.
   */
  const price = (phase2: boolean, duals: Float64Array | undefined): { added: number; reducedSum: number } => {
    let maxDual = 0
    if (duals) for (const e of capEdges) maxDual = Math.max(maxDual, -duals[capRow[e]])
    for (const e of edges) {
      const y = duals && capRow[e] >= 0 ? Math.max(0, -duals[capRow[e]]) : 0
      // Phase 1 has no path cost: the weight enters with a negligible factor only to break ties among
      // equal-dual paths towards short ones (the decision below uses the exact reduced cost).
      weight[e] = y + (phase2 ? metricCost[e] : (duals ? maxDual * 1e-9 + 1e-12 : 1) * metricCost[e])
    }
    const added: Column[] = []
    let reducedSum = 0
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
          reducedSum += pairs[p].demand * Math.min(0, reduced)
          if (reduced >= -PRICING_TOLERANCE * Math.max(1, Math.abs(duals[p]))) continue
        }
        added.push(col)
      }
    }
    if (added.length === 0) return { added: 0, reducedSum }
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
    return { added: added.length, reducedSum }
  }

  /** The last optimal master's primal (a feasible routing), its U, and phase 1's Lagrangian bound. */
  let incumbent: Float64Array | undefined
  let upper = Infinity
  let lower = 0
  let gap = 0
  /** Solves the master, prices, repeats until no column prices out or the deadline passes. */
  const converge = (phase2: boolean): LpStatus => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (deadline) {
        const left = deadline.left()
        if (left <= 0) return 'time-limit'
        model.options.set({ time_limit: left })
      }
      model.run()
      iterations += Number(model.info.get('simplex_iteration_count'))
      const status = model.getModelStatus()
      if (status === codes.infeasible) return 'infeasible'
      if (status === codes.unbounded || status === codes.unboundedOrInfeasible) return 'unbounded'
      if (status === codes.timeLimit) return 'time-limit'
      if (status !== codes.optimal) return 'error'
      const solution = model.getSolution()
      incumbent = Float64Array.from(solution.colValue)
      gap = Number(model.info.get('primal_dual_objective_error'))
      if (!phase2) upper = incumbent[zCol]
      if (deadline && deadline.left() <= 0) return 'time-limit'
      const { added, reducedSum } = price(phase2, solution.rowDual)
      if (!phase2) lower = Math.max(lower, upper + reducedSum)
      if (added === 0) return 'optimal'
    }
    return 'error'
  }

  const result = (status: LpStatus, x: Float64Array | undefined, u: number, bound: number, gapOf: number): McfResult => {
    const loadGbps = new Float64Array(graph.edgeCount)
    const flows: DemandFlow[] = demands.map(() => ({ paths: [], routedGbps: 0 }))
    if (!x) return { ...empty(status, null), columns: columns.length + 1, rows: numRows, iterations }
    // Max concurrent flow: the routing of d at utilisation U_x, × 1/U_x, is λ·d within every capacity.
    let uX = 0
    if (concurrent) {
      const load = new Float64Array(graph.edgeCount)
      columns.forEach((col, j) => {
        if (j + 1 < x.length) for (const e of col.edges) load[e] += Math.max(0, x[j + 1])
      })
      for (const e of capEdges) uX = Math.max(uX, (load[e] * scale) / capacityGbps[e])
    }
    const factor = concurrent ? 1 / uX : 1
    const perPair: RoutedPath[][] = pairs.map(() => [])
    // Columns priced after `x` was solved (a deadline between rounds) carry nothing in it.
    columns.forEach((col, j) => {
      if (j + 1 >= x.length) return
      const amount = Math.max(0, x[j + 1]) * factor
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
    const value = concurrent ? 1 / u : u
    const proven = concurrent ? (bound > 0 ? 1 / bound : null) : bound
    return { objective, status, value, gap: gapOf, bound: proven, loadGbps, flows, routable, columns: columns.length + 1, rows: numRows, iterations, weightedLoad: weightedLoad(loadGbps) }
  }
  const stoppedGap = () => (upper > 0 ? Math.max(0, (upper - lower) / upper) : 0)

  try {
    model.options.set({ output_flag: false })
    price(false, undefined)
    const status1 = converge(false)
    if (status1 === 'time-limit') return result('time-limit', incumbent, upper, lower, stoppedGap())
    if (status1 !== 'optimal') return result(status1, undefined, 0, 0, 0)
    const z = upper
    const x1 = incumbent
    const gap1 = gap
    if (options.secondPhase === false) return result('optimal', x1, z, z, gap1)
    const n = columns.length + 1
    const cost2 = new Float64Array(n)
    columns.forEach((col, j) => (cost2[j + 1] = pathCost(true, col)))
    model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost2)
    model.changeColBounds(zCol, 0, z * (1 + epsilon))
    // The first phase's basis stays primal feasible under the new costs: primal simplex re-optimises from it
    // (on GtsCe 4× faster than the default dual simplex, which starts over from a dual infeasible basis).
    model.options.set({ simplex_strategy: 4 })
    const status2 = converge(true)
    // Stopped in phase 2: the first objective is proven; the routing is the last phase-2 master's (or phase 1's).
    if (status2 === 'time-limit') return result('time-limit', incumbent ?? x1, z, z, gap1)
    if (status2 !== 'optimal') throw new Error(`HiGHS ended the second phase with ${status2} at a feasible optimum of the first`)
    return result('optimal', incumbent, z, z, gap1)
  } finally {
    model.dispose()
  }
}

/** An answer without a routing (gap and bound known only at an optimum). */
export function emptyResult(graph: Graph, demands: readonly EdgeDemand[], objective: McfOptions['objective'], routable: boolean[], status: LpStatus, value: number | null): McfResult {
  const optimal = status === 'optimal'
  return {
    objective,
    status,
    value,
    gap: optimal ? 0 : null,
    bound: optimal ? value : null,
    loadGbps: new Float64Array(graph.edgeCount),
    flows: demands.map(() => ({ paths: [], routedGbps: 0 })),
    routable,
    columns: 0,
    rows: 0,
    iterations: 0,
    weightedLoad: 0,
  }
}

/** Nodes joined by usable edges share a label: a demand across two labels can carry nothing. */
export function components(graph: Graph, usable: Uint8Array): Int32Array {
  const label = new Int32Array(graph.nodeCount).fill(-1)
  const stack: number[] = []
  for (let s = 0; s < graph.nodeCount; s++) {
    if (label[s] !== -1) continue
    label[s] = s
    stack.push(s)
    while (stack.length > 0) {
      const u = stack.pop() as number
      for (let a = graph.offsets[u]; a < graph.offsets[u + 1]; a++) {
        const v = graph.arcHead[a]
        if (usable[graph.arcEdge[a]] && label[v] === -1) {
          label[v] = s
          stack.push(v)
        }
      }
    }
  }
  return label
}
