import type { Highs } from 'highs'
import { type Graph, type Path, type SearchOptions, disjointPaths, shortestPath } from '../graph'

/**
 * Risk groups over edges, as CSR: edge e belongs to groups[offsets[e] .. offsets[e+1]]. Every edge is also,
 * implicitly, its own group, so group-disjoint paths are always link-disjoint as well.
 */
export interface EdgeGroups {
  groupCount: number
  offsets: Int32Array
  groups: Int32Array
}

export function edgeGroups(edgeCount: number, membership: readonly (readonly number[])[], groupCount: number): EdgeGroups {
  const offsets = new Int32Array(edgeCount + 1)
  for (let e = 0; e < edgeCount; e++) offsets[e + 1] = offsets[e] + (membership[e]?.length ?? 0)
  const groups = new Int32Array(offsets[edgeCount])
  for (let e = 0; e < edgeCount; e++) groups.set(membership[e] ?? [], offsets[e])
  return { groupCount, offsets, groups }
}

export type GroupMethod = 'mip-highs' | 'mip-highs-time-limit' | 'heuristic-penalised-reroute'

export interface GroupDisjointResult {
  paths: Path[]
  method: GroupMethod
  /** Groups (explicit ones) that two or more paths use. */
  sharedGroups: number[]
}

/** Largest MIP, in variables, solved exactly; beyond it the heuristic answers (docs/resilience.md). */
export const MIP_MAX_VARIABLES = 12_000
/** Time limit of one MIP solve, seconds; the incumbent is returned, marked as such, when it is reached. */
export const MIP_TIME_LIMIT_S = 20

/**
 * k paths pairwise disjoint in links and risk groups, of minimum total cost; where no such set exists,
 * the set sharing the fewest (group or link) elements, then cheapest. SRLG-disjoint routing is NP-hard
 * (Hu, "Diverse routing in optical mesh networks", IEEE Trans. Commun. 51(3), 2003), so this is an exact
 * MIP (arc-flow per path, a binary per path and group, a penalised overflow per group) up to
 * MIP_MAX_VARIABLES, and a heuristic beyond.
 */
export async function groupDisjointPaths(
  graph: Graph,
  source: number,
  target: number,
  k: number,
  groups: EdgeGroups,
  options: SearchOptions,
  loadSolver: () => Promise<Highs> = defaultSolver,
): Promise<GroupDisjointResult> {
  const usable: number[] = []
  for (let e = 0; e < graph.edgeCount; e++) {
    const w = options.edgeWeight[e]
    if (options.edgeBlocked?.[e] || !(w >= 0 && w < Infinity) || graph.edgeTail[e] === graph.edgeHead[e]) continue
    usable.push(e)
  }
  const variables = k * 2 * usable.length + (k + 1) * (groups.groupCount + usable.length)
  if (variables > MIP_MAX_VARIABLES) return heuristic(graph, source, target, k, groups, options)
  return mip(await loadSolver(), graph, source, target, k, groups, options, usable)
}

let solver: Promise<Highs> | undefined

async function defaultSolver(): Promise<Highs> {
  solver ??= import('highs').then((module) => module.default())
  return solver
}

function penaltyFor(options: SearchOptions, graph: Graph): number {
  let total = 1
  for (let e = 0; e < graph.edgeCount; e++) if (Number.isFinite(options.edgeWeight[e])) total += options.edgeWeight[e]
  if (options.nodeCost) for (const c of options.nodeCost) total += c
  return 10 * total
}

async function mip(
  highs: Highs,
  graph: Graph,
  source: number,
  target: number,
  k: number,
  groups: EdgeGroups,
  options: SearchOptions,
  usable: number[],
): Promise<GroupDisjointResult> {
  const n = graph.nodeCount
  const m = usable.length
  const G = groups.groupCount + m // explicit groups, then one per usable edge
  const penalty = penaltyFor(options, graph)
  // Columns: x[p][2i + d] (path p uses usable edge i in direction d), y[p][g], z[g] (overflow of group g).
  const xCol = (p: number, i: number, d: number) => p * 2 * m + 2 * i + d
  const yCol = (p: number, g: number) => k * 2 * m + p * G + g
  const zCol = (g: number) => k * 2 * m + k * G + g
  const numCols = k * 2 * m + k * G + G
  const colCost = new Float64Array(numCols)
  const colUpper = new Float64Array(numCols).fill(1)
  const integrality = new Int32Array(numCols).fill(1)
  for (let p = 0; p < k; p++) {
    usable.forEach((e, i) => {
      const w = options.edgeWeight[e]
      colCost[xCol(p, i, 0)] = w + (options.nodeCost ? options.nodeCost[graph.edgeHead[e]] : 0)
      colCost[xCol(p, i, 1)] = w + (options.nodeCost ? options.nodeCost[graph.edgeTail[e]] : 0)
    })
  }
  for (let g = 0; g < G; g++) {
    colCost[zCol(g)] = penalty
    colUpper[zCol(g)] = k
    integrality[zCol(g)] = 0
  }
  const rows: { cols: number[]; vals: number[]; lo: number; hi: number }[] = []
  // Flow conservation per path and node; no path enters a node twice.
  for (let p = 0; p < k; p++) {
    const out: number[][] = Array.from({ length: n }, () => [])
    const inn: number[][] = Array.from({ length: n }, () => [])
    usable.forEach((e, i) => {
      const a = graph.edgeTail[e]
      const b = graph.edgeHead[e]
      out[a].push(xCol(p, i, 0))
      inn[b].push(xCol(p, i, 0))
      out[b].push(xCol(p, i, 1))
      inn[a].push(xCol(p, i, 1))
    })
    for (let v = 0; v < n; v++) {
      if (out[v].length === 0 && inn[v].length === 0) continue
      const rhs = v === source ? 1 : v === target ? -1 : 0
      rows.push({ cols: [...out[v], ...inn[v]], vals: [...out[v].map(() => 1), ...inn[v].map(() => -1)], lo: rhs, hi: rhs })
      if (inn[v].length > 0) rows.push({ cols: inn[v], vals: inn[v].map(() => 1), lo: 0, hi: v === source ? 0 : 1 })
    }
    // Using an edge in either direction puts the path in each of the edge's groups.
    usable.forEach((e, i) => {
      const member = [groups.groupCount + i, ...groups.groups.subarray(groups.offsets[e], groups.offsets[e + 1])]
      for (const g of new Set(member)) {
        rows.push({ cols: [xCol(p, i, 0), xCol(p, i, 1), yCol(p, g)], vals: [1, 1, -1], lo: -Infinity, hi: 0 })
      }
    })
  }
  for (let g = 0; g < G; g++) {
    const cols = [...Array.from({ length: k }, (_, p) => yCol(p, g)), zCol(g)]
    rows.push({ cols, vals: [...Array.from({ length: k }, () => 1), -1], lo: -Infinity, hi: 1 })
  }
  const starts = new Int32Array(rows.length + 1)
  rows.forEach((r, i) => (starts[i + 1] = starts[i] + r.cols.length))
  const indices = new Int32Array(starts[rows.length])
  const values = new Float64Array(starts[rows.length])
  rows.forEach((r, i) => {
    indices.set(r.cols, starts[i])
    values.set(r.vals, starts[i])
  })
  const infinity = highs.infinity
  const model = highs.createModel({
    numCols,
    numRows: rows.length,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower: Float64Array.from(rows, (r) => (r.lo === -Infinity ? -infinity : r.lo)),
    rowUpper: Float64Array.from(rows, (r) => r.hi),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
    integrality,
  })
  try {
    model.options.set({ output_flag: false, time_limit: MIP_TIME_LIMIT_S, mip_rel_gap: 1e-9 })
    model.run()
    const status = model.getModelStatus()
    const { constants } = highs
    if (status === constants.modelStatus.infeasible) return { paths: [], method: 'mip-highs', sharedGroups: [] }
    if (status !== constants.modelStatus.optimal && status !== constants.modelStatus.timeLimit) {
      throw new Error(`HiGHS ended with model status ${status}`)
    }
    const x = model.getSolution().colValue
    const paths: Path[] = []
    for (let p = 0; p < k; p++) {
      const used: number[] = []
      usable.forEach((e, i) => {
        if (x[xCol(p, i, 0)] > 0.5) used.push(2 * e)
        if (x[xCol(p, i, 1)] > 0.5) used.push(2 * e + 1)
      })
      const path = walk(graph, source, target, used, options)
      if (path) paths.push(path)
    }
    sortPaths(paths)
    return { paths, method: status === constants.modelStatus.optimal ? 'mip-highs' : 'mip-highs-time-limit', sharedGroups: sharedGroups(paths, groups) }
  } finally {
    model.dispose()
  }
}

/** Follows directed arcs (2e: tail → head, 2e + 1: head → tail) from source to target, skipping cycles. */
function walk(graph: Graph, source: number, target: number, arcs: number[], options: SearchOptions): Path | null {
  const next = new Map<number, number>()
  for (const a of arcs) next.set(a & 1 ? graph.edgeHead[a >> 1] : graph.edgeTail[a >> 1], a)
  const nodes = [source]
  const edges: number[] = []
  let v = source
  while (v !== target) {
    const a = next.get(v)
    if (a === undefined || nodes.length > graph.nodeCount) return null
    const e = a >> 1
    v = a & 1 ? graph.edgeTail[e] : graph.edgeHead[e]
    nodes.push(v)
    edges.push(e)
  }
  return { nodes, edges, cost: cost(nodes, edges, options) }
}

function cost(nodes: number[], edges: number[], options: SearchOptions): number {
  let c = 0
  for (let i = 0; i < edges.length; i++) c = options.nodeCost ? c + options.edgeWeight[edges[i]] + options.nodeCost[nodes[i + 1]] : c + options.edgeWeight[edges[i]]
  return c
}

function sortPaths(paths: Path[]): void {
  paths.sort((x, y) => {
    if (x.cost !== y.cost) return x.cost - y.cost
    for (let i = 0; i < Math.min(x.nodes.length, y.nodes.length); i++) if (x.nodes[i] !== y.nodes[i]) return x.nodes[i] - y.nodes[i]
    return x.nodes.length - y.nodes.length
  })
}

export function sharedGroups(paths: Path[], groups: EdgeGroups): number[] {
  const count = new Map<number, number>()
  for (const p of paths) {
    const mine = new Set<number>()
    for (const e of p.edges) for (const g of groups.groups.subarray(groups.offsets[e], groups.offsets[e + 1])) mine.add(g)
    for (const g of mine) count.set(g, (count.get(g) ?? 0) + 1)
  }
  return [...count].filter(([, c]) => c > 1).map(([g]) => g).sort((a, b) => a - b)
}

/**
 * Beyond the MIP's size: start from the k cheapest link-disjoint paths (Suurballe), then, for each path in
 * turn, reroute it with every edge that shares a group with the other paths penalised, keeping a change only
 * if it shares fewer groups (or as many at lower cost); two rounds. Not optimal; says so in `method`.
 */
function heuristic(graph: Graph, source: number, target: number, k: number, groups: EdgeGroups, options: SearchOptions): GroupDisjointResult {
  const penalty = penaltyFor(options, graph)
  let paths = disjointPaths(graph, source, target, k, 'edge', { ...options, sharePenalty: penalty }).paths
  const score = (set: Path[]) => {
    const shared = sharedGroups(set, groups).length
    const links = new Set<number>()
    let overlap = 0
    for (const p of set) for (const e of p.edges) (links.has(e) ? overlap++ : links.add(e))
    return (shared + overlap) * penalty + set.reduce((s, p) => s + p.cost, 0)
  }
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < paths.length; i++) {
      const others = paths.filter((_, j) => j !== i)
      const taken = new Set<number>()
      for (const p of others) for (const e of p.edges) for (const g of groups.groups.subarray(groups.offsets[e], groups.offsets[e + 1])) taken.add(g)
      const othersEdges = new Set(others.flatMap((p) => p.edges))
      const weight = Float64Array.from(options.edgeWeight, (w, e) => {
        let extra = othersEdges.has(e) ? penalty : 0
        for (const g of groups.groups.subarray(groups.offsets[e], groups.offsets[e + 1])) if (taken.has(g)) extra += penalty
        return w + extra
      })
      const rerouted = shortestPath(graph, source, target, { ...options, edgeWeight: weight })
      if (!rerouted) continue
      const candidate = [...others.slice(0, i), { ...rerouted, cost: cost(rerouted.nodes, rerouted.edges, options) }, ...others.slice(i)]
      if (score(candidate) < score(paths)) paths = candidate
    }
  }
  sortPaths(paths)
  return { paths, method: 'heuristic-penalised-reroute', sharedGroups: sharedGroups(paths, groups) }
}
