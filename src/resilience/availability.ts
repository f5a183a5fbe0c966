import type { Graph } from '../graph'
import { mulberry32 } from '../model'

/*
 * Pair availability under independent link failures: each link is down a fraction U_e of the time
 * (steady state of an alternating renewal process, U = λ·MTTR / (1 + λ·MTTR), ITU-T G.911 §4). Nodes are
 * taken as always up, and links fail independently: shared-risk groups are not modelled as common-mode
 * events here (pick SRLG-disjoint paths with `disjoint --by srlg` instead).
 */

/** Availability of a series of links: Π (1 − U_e). Exact. */
export function seriesAvailability(edges: readonly number[], unavailability: ArrayLike<number>): number {
  let a = 1
  for (const e of new Set(edges)) a *= 1 - unavailability[e]
  return a
}

/** Availability of 1+1 protection over two paths (up if either is): A1 + A2 − A(both), exact even when they share links. */
export function protectedAvailability(first: readonly number[], second: readonly number[], unavailability: ArrayLike<number>): number {
  return seriesAvailability(first, unavailability) + seriesAvailability(second, unavailability) - seriesAvailability([...first, ...second], unavailability)
}

interface Edge {
  u: number
  v: number
  /** Probability the edge is up. */
  p: number
}

class BudgetExceeded extends Error {}

/**
 * Two-terminal availability with restoration over the whole network — the probability that source and target
 * stay connected — by factoring with series, parallel and degree-1 reductions (Moskowitz 1958; Satyanarayana
 * & Chang, Networks 13, 1983). Exact; exponential in the worst case, so it gives up (null) once its work —
 * Σ over factoring steps of the edges each step reduces — exceeds `budget` (4·10⁶ is a second or two).
 */
export function twoTerminalAvailability(graph: Graph, source: number, target: number, unavailability: ArrayLike<number>, budget = 4_000_000): number | null {
  if (source === target) return 1
  const edges: Edge[] = []
  for (let e = 0; e < graph.edgeCount; e++) {
    const p = 1 - unavailability[e]
    if (p > 0 && graph.edgeTail[e] !== graph.edgeHead[e]) edges.push({ u: graph.edgeTail[e], v: graph.edgeHead[e], p })
  }
  const counter = { steps: 0 }
  try {
    return factor(edges, source, target, counter, budget)
  } catch (error) {
    if (error instanceof BudgetExceeded) return null
    throw error
  }
}

function factor(input: Edge[], s: number, t: number, counter: { steps: number }, budget: number): number {
  const edges = reduce(input, s, t, counter, budget)
  if (edges === null) return 0
  if (edges.length === 0) return 0
  const direct = edges.findIndex((e) => (e.u === s && e.v === t) || (e.u === t && e.v === s))
  const pivot = direct >= 0 ? direct : edges.findIndex((e) => e.u === s || e.v === s)
  if (pivot < 0) return 0
  const { u, v, p } = edges[pivot]
  const other = u === s ? v : u
  const rest = edges.filter((_, i) => i !== pivot)
  // Edge up: merge `other` into s; if that is the target, the pair is connected.
  const up = other === t ? 1 : factor(rest.map((e) => ({ u: e.u === other ? s : e.u, v: e.v === other ? s : e.v, p: e.p })), s, t, counter, budget)
  const down = factor(rest, s, t, counter, budget)
  return p * up + (1 - p) * down
}

/** Applies the reductions until none applies; null when source and target are disconnected. */
function reduce(input: Edge[], s: number, t: number, counter: { steps: number }, budget: number): Edge[] | null {
  let edges = input.filter((e) => e.u !== e.v)
  for (;;) {
    counter.steps += edges.length + 1
    if (counter.steps > budget) throw new BudgetExceeded()
    // Keep only the component of s.
    const adjacency = new Map<number, number[]>()
    edges.forEach((e, i) => {
      if (!adjacency.has(e.u)) adjacency.set(e.u, [])
      if (!adjacency.has(e.v)) adjacency.set(e.v, [])
      adjacency.get(e.u)?.push(i)
      adjacency.get(e.v)?.push(i)
    })
    const seen = new Set([s])
    const queue = [s]
    while (queue.length > 0) {
      const x = queue.pop() as number
      for (const i of adjacency.get(x) ?? []) {
        const y = edges[i].u === x ? edges[i].v : edges[i].u
        if (!seen.has(y)) {
          seen.add(y)
          queue.push(y)
        }
      }
    }
    if (!seen.has(t)) return null
    let changed = false
    const kept = edges.filter((e) => seen.has(e.u))
    if (kept.length !== edges.length) changed = true
    edges = kept
    // Parallel edges merge: up if either is.
    const byPair = new Map<number, Edge>()
    const merged: Edge[] = []
    for (const e of edges) {
      const key = e.u < e.v ? e.u * 4294967296 + e.v : e.v * 4294967296 + e.u
      const existing = byPair.get(key)
      if (existing) {
        existing.p = 1 - (1 - existing.p) * (1 - e.p)
        changed = true
      } else {
        const copy = { ...e }
        byPair.set(key, copy)
        merged.push(copy)
      }
    }
    edges = merged
    // Degree 1 (dangling) and degree 2 (series) nodes other than the terminals.
    const incident = new Map<number, number[]>()
    edges.forEach((e, i) => {
      for (const x of [e.u, e.v]) {
        if (!incident.has(x)) incident.set(x, [])
        incident.get(x)?.push(i)
      }
    })
    const removed = new Set<number>()
    const added: Edge[] = []
    for (const [x, list] of incident) {
      if (x === s || x === t) continue
      const live = list.filter((i) => !removed.has(i))
      if (live.length !== list.length) continue
      if (live.length === 1) {
        removed.add(live[0])
        changed = true
      } else if (live.length === 2) {
        const [a, b] = live.map((i) => edges[i])
        const endA = a.u === x ? a.v : a.u
        const endB = b.u === x ? b.v : b.u
        removed.add(live[0])
        removed.add(live[1])
        if (endA !== endB) added.push({ u: endA, v: endB, p: a.p * b.p })
        changed = true
        // The new edge's ends may now have other degrees; re-examine them in the next pass.
        incident.delete(endA)
        incident.delete(endB)
      }
    }
    if (removed.size > 0) edges = [...edges.filter((_, i) => !removed.has(i)), ...added]
    if (!changed) return edges
  }
}


export interface MonteCarloEstimate {
  availability: number
  /** Two-sided interval for the availability at `confidence`. */
  confidenceInterval: [number, number]
  confidence: number
  samples: number
  /** Sampled states in which the pair was cut off. */
  failures: number
}

/** z for a two-sided normal interval. */
function zFor(confidence: number): number {
  const table: Record<string, number> = { '0.9': 1.6449, '0.95': 1.96, '0.99': 2.5758, '0.999': 3.2905 }
  const z = table[String(confidence)]
  if (z === undefined) throw new RangeError(`confidence must be one of ${Object.keys(table).join(', ')}`)
  return z
}

/**
 * Two-terminal availability by Monte Carlo, conditioned on at least one link being down: the first failed
 * link is drawn from its exact distribution and the rest independently, so no sample is spent on the
 * all-up state (whose probability Π(1 − U_e) is known). The interval is Wilson's score interval
 * (E. B. Wilson, JASA 22, 1927) on the conditional failure fraction, scaled by P(some link down).
 */
export function monteCarloAvailability(
  graph: Graph,
  source: number,
  target: number,
  unavailability: ArrayLike<number>,
  options: { samples: number; seed: number; confidence?: number },
): MonteCarloEstimate {
  const { samples, seed } = options
  const confidence = options.confidence ?? 0.95
  const z = zFor(confidence)
  const m = graph.edgeCount
  const cumulative = new Float64Array(m)
  let allUp = 1
  let total = 0
  for (let e = 0; e < m; e++) {
    const u = Math.min(1, Math.max(0, unavailability[e]))
    total += u * allUp
    cumulative[e] = total
    allUp *= 1 - u
  }
  const random = mulberry32(seed)
  const down = new Uint8Array(m)
  const seen = new Uint32Array(graph.nodeCount)
  const stack = new Int32Array(graph.nodeCount)
  let failures = 0
  // The all-up state is known exactly: it cuts the pair off only if the network never connects it.
  const baseline = source !== target && !connected(graph, source, target, down, seen, stack, samples + 1) ? allUp : 0
  if (source !== target && total > 0) {
    for (let sample = 1; sample <= samples; sample++) {
      const x = random() * total
      let lo = 0
      let hi = m - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cumulative[mid] > x) hi = mid
        else lo = mid + 1
      }
      down.fill(0, 0, lo)
      down[lo] = 1
      for (let e = lo + 1; e < m; e++) down[e] = random() < unavailability[e] ? 1 : 0
      if (!connected(graph, source, target, down, seen, stack, sample)) failures++
    }
  }
  const n = samples
  const fraction = n > 0 ? failures / n : 0
  const denominator = 1 + (z * z) / n
  const centre = (fraction + (z * z) / (2 * n)) / denominator
  const half = (z * Math.sqrt((fraction * (1 - fraction)) / n + (z * z) / (4 * n * n))) / denominator
  const someDown = total
  const unavailable = baseline + someDown * fraction
  return {
    availability: source === target ? 1 : 1 - unavailable,
    confidenceInterval:
      source === target ? [1, 1] : [1 - baseline - someDown * Math.min(1, centre + half), 1 - baseline - someDown * Math.max(0, centre - half)],
    confidence,
    samples: n,
    failures,
  }
}

function connected(graph: Graph, s: number, t: number, down: Uint8Array, seen: Uint32Array, stack: Int32Array, mark: number): boolean {
  const { offsets, arcHead, arcEdge } = graph
  let top = 0
  stack[top++] = s
  seen[s] = mark
  while (top > 0) {
    const u = stack[--top]
    for (let a = offsets[u], end = offsets[u + 1]; a < end; a++) {
      if (down[arcEdge[a]]) continue
      const v = arcHead[a]
      if (seen[v] === mark) continue
      if (v === t) return true
      seen[v] = mark
      stack[top++] = v
    }
  }
  return false
}
