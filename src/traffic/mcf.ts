import type { DemandFlow } from './load'

export const LP_OBJECTIVES = ['min-max-utilisation', 'max-concurrent-flow'] as const
export type LpObjective = (typeof LP_OBJECTIVES)[number]

/** `path`: path formulation with column generation (the default, fast); `arc`: arc formulation, one LP. */
export const LP_FORMULATIONS = ['path', 'arc'] as const
export type LpFormulation = (typeof LP_FORMULATIONS)[number]

export const LP_STATUSES = ['optimal', 'infeasible', 'unbounded', 'time-limit', 'error'] as const
export type LpStatus = (typeof LP_STATUSES)[number]

export interface McfOptions {
  objective: LpObjective
  /** Gbit/s per edge in each direction; Infinity leaves an edge uncapacitated. */
  capacityGbps: Float64Array
  /** 1 where an edge may carry flow (usable weight, not blocked, capacity > 0). */
  usable: Uint8Array
  /** Per-edge cost of the second phase, which picks the cheapest of the optimal routings (the routing metric). */
  edgeWeight: Float64Array
  timeLimitS?: number
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
  /** Relative primal–dual objective gap HiGHS reports; 0 at a proven optimum within its tolerances. */
  gap: number | null
  loadGbps: Float64Array
  /** In demand order; empty for a demand that cannot be routed at all (`routable` false). */
  flows: DemandFlow[]
  routable: boolean[]
  columns: number
  rows: number
  /** Simplex iterations of both phases. */
  iterations: number
}
