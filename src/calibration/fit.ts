import { mulberry32 } from '../model'

/**
 * Robust linear least squares by iteratively reweighted least squares with Huber's weights (P. J. Huber,
 * "Robust estimation of a location parameter", Ann. Math. Statist. 35, 1964; IRLS as in Holland & Welsch,
 * "Robust regression using iteratively reweighted least-squares", Commun. Statist. A6, 1977). The scale is
 * the residuals' median absolute deviation / 0.6745 (consistent at the normal); k = 1.345 gives 95 %
 * efficiency at the normal. Small dense problems only (a handful of coefficients): normal equations solved by
 * Gaussian elimination with partial pivoting.
 */

export const HUBER_K = 1.345
const MAD_TO_SIGMA = 0.6745

export interface RobustFit {
  coefficients: number[]
  /** Final IRLS weight of each row, 1 for a row inside k × scale. */
  weights: number[]
  /** Robust residual scale (MAD / 0.6745) of the final fit, in the unit of y. */
  scale: number
  iterations: number
}

export class SingularFitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SingularFitError'
  }
}

/** Solves A x = b in place (A n×n); throws SingularFitError when A is singular to working precision. */
export function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]])
  const norm = Math.max(1e-300, ...a.flat().map(Math.abs))
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r
    if (Math.abs(m[pivot][col]) <= 1e-12 * norm) throw new SingularFitError(`the normal equations are singular at column ${col}`)
    ;[m[col], m[pivot]] = [m[pivot], m[col]]
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col]
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n]
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c]
    x[r] = s / m[r][r]
  }
  return x
}

/** Weighted least squares: minimises Σ wᵢ (yᵢ − xᵢ·β)². */
export function weightedLeastSquares(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[]): number[] {
  const p = x[0]?.length ?? 0
  const ata = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  const atb = new Array<number>(p).fill(0)
  x.forEach((row, i) => {
    for (let a = 0; a < p; a++) {
      atb[a] += w[i] * row[a] * y[i]
      for (let b = 0; b < p; b++) ata[a][b] += w[i] * row[a] * row[b]
    }
  })
  return solveLinear(ata, atb)
}

export function predict(coefficients: readonly number[], row: readonly number[]): number {
  let s = 0
  row.forEach((v, j) => {
    s += coefficients[j] * v
  })
  return s
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Huber M-estimate of β in y ≈ X β by IRLS, started from ordinary least squares. Stops when no coefficient moves
 * by more than `tolerance` (relative) or after `maxIterations`. Needs at least as many rows as columns and a
 * design of full rank (SingularFitError otherwise).
 */
export function huberFit(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: { k?: number; maxIterations?: number; tolerance?: number } = {},
): RobustFit {
  const k = options.k ?? HUBER_K
  const maxIterations = options.maxIterations ?? 100
  const tolerance = options.tolerance ?? 1e-10
  const p = x[0]?.length ?? 0
  if (x.length < p || p === 0) throw new SingularFitError(`${x.length} rows cannot determine ${p} coefficients`)
  let weights = new Array<number>(y.length).fill(1)
  let beta = weightedLeastSquares(x, y, weights)
  let scale = 0
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const residuals = y.map((yi, i) => yi - predict(beta, x[i]))
    scale = medianOf(residuals.map(Math.abs)) / MAD_TO_SIGMA
    // An exact fit (as many rows as coefficients, or noise-free data) has no scale to downweight by.
    if (!(scale > 1e-12)) break
    const threshold = k * scale
    weights = residuals.map((r) => (Math.abs(r) <= threshold ? 1 : threshold / Math.abs(r)))
    const next = weightedLeastSquares(x, y, weights)
    const moved = Math.max(...next.map((b, j) => Math.abs(b - beta[j]) / (1 + Math.abs(beta[j]))))
    beta = next
    if (moved < tolerance) {
      iterations++
      break
    }
  }
  return { coefficients: beta, weights, scale, iterations }
}

export interface HeldOut {
  /** Prediction for row i from a fit on every other row. */
  predicted: number[]
  /** y − predicted, per row. */
  errors: number[]
}

/**
 * Leave-one-out cross-validation: row i is predicted by a fit that never saw it (`fit` is called on the other
 * rows only), so the held-out error is an honest estimate of the error on a new pair.
 */
export function leaveOneOut(
  x: readonly (readonly number[])[],
  y: readonly number[],
  fit: (x: readonly (readonly number[])[], y: readonly number[]) => readonly number[],
): HeldOut {
  return crossValidate(x, y, fit, x.map((_, i) => i))
}

/**
 * Assigns n rows to k folds of sizes differing by at most one, in a seeded random order (a Fisher–Yates
 * shuffle driven by mulberry32), so the same seed gives the same folds on every run.
 */
export function foldAssignment(n: number, folds: number, seed: number): number[] {
  if (!Number.isInteger(folds) || folds < 2 || folds > n) throw new RangeError(`${folds} folds cannot split ${n} rows (2 ≤ folds ≤ rows)`)
  const order = Array.from({ length: n }, (_, i) => i)
  const random = mulberry32(seed)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const fold = new Array<number>(n)
  order.forEach((row, position) => {
    fold[row] = position % folds
  })
  return fold
}

/**
 * Cross-validation over given folds: every row of fold f is predicted by one fit on the rows of all other
 * folds (`fit` never sees fold f). Leave-one-out is the case of one row a fold; k-fold (Stone 1974; Hastie,
 * Tibshirani & Friedman, The Elements of Statistical Learning, §7.10) fits k times instead of n.
 */
export function crossValidate(
  x: readonly (readonly number[])[],
  y: readonly number[],
  fit: (x: readonly (readonly number[])[], y: readonly number[]) => readonly number[],
  fold: readonly number[],
): HeldOut {
  const predicted = new Array<number>(x.length)
  for (const f of new Set(fold)) {
    const keep = (_: unknown, j: number) => fold[j] !== f
    const coefficients = fit(x.filter(keep), y.filter(keep))
    x.forEach((row, i) => {
      if (fold[i] === f) predicted[i] = predict(coefficients, row)
    })
  }
  return { predicted, errors: y.map((yi, i) => yi - predicted[i]) }
}
