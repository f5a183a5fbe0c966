import type { DemandFlow } from './load'

export const LP_OBJECTIVES = ['min-max-utilisation', 'max-concurrent-flow'] as const
export type LpObjective = (typeof LP_OBJECTIVES)[number]

/** `path`: path formulation with column generation (the default, fast); `arc`: arc formulation, one LP. */
export const LP_FORMULATIONS = ['path', 'arc'] as const
export type LpFormulation = (typeof LP_FORMULATIONS)[number]

export const LP_STATUSES = ['optimal', 'infeasible', 'unbounded', 'time-limit', 'error'] as const
export type LpStatus = (typeof LP_STATUSES)[number]

/**
 * ε of the lexicographic optimum when the caller gives none: 10⁻⁶ relative, ten times HiGHS's default primal
 * feasibility tolerance (10⁻⁷), so the held optimum is never cut off by solver noise (flow passes the
 * profile's `traffic.lexicographicTolerance`).
 */
export const DEFAULT_LEXICOGRAPHIC_TOLERANCE = 1e-6

export interface McfOptions {
  objective: LpObjective
  /** Gbit/s per edge in each direction; Infinity leaves an edge uncapacitated. */
  capacityGbps: Float64Array
  /** 1 where an edge may carry flow (usable weight, not blocked, capacity > 0). */
  usable: Uint8Array
  /** Per-edge cost of the second phase, which picks the cheapest of the optimal routings (flow: one-way ms). */
  edgeWeight: Float64Array
  /**
   * Bound on the whole solve (both phases, every column-generation round and its pricing), seconds; needs
   * `clock`. Stopped early, the answer is the best routing found with status `time-limit`, its bound and gap.
   */
  timeLimitS?: number
  /** Monotonic milliseconds (the edge passes `performance.now`): the domain reads no clock of its own. */
  clock?: () => number
  /**
   * ε of the lexicographic optimum: the second phase keeps U ≤ U*·(1 + ε) (profile
   * `traffic.lexicographicTolerance`; default DEFAULT_LEXICOGRAPHIC_TOLERANCE).
   */
  utilisationTolerance?: number
  /** Default `path`; both are exact and agree on the objective (tested). */
  formulation?: LpFormulation
  /** Default true: re-solve for the cheapest routing by `edgeWeight` among the optimal ones (no detours). */
  secondPhase?: boolean
}

export interface McfResult {
  objective: LpObjective
  status: LpStatus
  /** The maximum utilisation U (min-max) or the factor λ (max concurrent flow); null without a solution. */
  value: number | null
  /** Relative gap: HiGHS's primal–dual error at an optimum; (incumbent − bound) ÷ incumbent when stopped early. */
  gap: number | null
  /**
   * Proven bound on the objective: a lower bound on U (an upper bound on λ); the value itself at an optimum,
   * null when none is known (λ with a zero bound on U).
   */
  bound: number | null
  /** Σ_e load_e × edgeWeight_e of the reported routing (Gbit/s·ms under flow's latency weights): phase 2's objective. */
  weightedLoad: number
  loadGbps: Float64Array
  /** In demand order; empty for a demand that cannot be routed at all (`routable` false). */
  flows: DemandFlow[]
  routable: boolean[]
  columns: number
  rows: number
  /** Simplex iterations of both phases. */
  iterations: number
}
