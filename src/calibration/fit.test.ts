import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { mulberry32 } from '../model'
import { SingularFitError, crossValidate, foldAssignment, huberFit, leaveOneOut, predict, solveLinear, weightedLeastSquares } from './fit'

/** Standard normal by Box–Muller from the seeded PRNG. */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Rows [1, floor propagation RTT ms], as the default terms (overhead, propagation) give. */
function synthetic(seed: number, n: number, overheadMs: number, factor: number, noiseMs: number) {
  const random = mulberry32(seed)
  const normal = gaussian(random)
  const x = Array.from({ length: n }, () => [1, 10 + 190 * random()])
  const y = x.map((row) => overheadMs + factor * row[1] + noiseMs * normal())
  return { x, y }
}

describe('solveLinear', () => {
  it('solves a 3×3 system (worked example) and refuses a singular one', () => {
    // 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3 → (2, 3, −1)
    const x = solveLinear(
      [
        [2, 1, -1],
        [-3, -1, 2],
        [-2, 1, 2],
      ],
      [8, -11, -3],
    )
    assert.deepEqual(x.map((v) => Math.round(v * 1e9) / 1e9), [2, 3, -1])
    assert.throws(
      () =>
        solveLinear(
          [
            [1, 2],
            [2, 4],
          ],
          [1, 2],
        ),
      SingularFitError,
    )
  })

  it('weighted least squares equals brute-force minimisation of the weighted squared error on small random problems', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })), { minLength: 3, maxLength: 12 }), (rows) => {
        const xs = rows.map(([t]) => [1, t])
        const spread = Math.max(...rows.map(([t]) => t)) - Math.min(...rows.map(([t]) => t))
        fc.pre(spread > 1)
        const ys = rows.map(([, y]) => y)
        const ws = rows.map(([, , w]) => w)
        const beta = weightedLeastSquares(xs, ys, ws)
        const loss = (b: number[]) => xs.reduce((s, row, i) => s + ws[i] * (ys[i] - predict(b, row)) ** 2, 0)
        // The minimum: no step along either coordinate, of any of these sizes, lowers the loss.
        for (const step of [1e-3, 1e-2, 1e-1, 1]) {
          for (const d of [
            [step, 0],
            [-step, 0],
            [0, step / 10],
            [0, -step / 10],
          ]) {
            assert.ok(loss([beta[0] + d[0], beta[1] + d[1]]) >= loss(beta) - 1e-7 * (1 + loss(beta)))
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('huberFit', () => {
  it('recovers known overhead and factor from seeded noisy measurements', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const { x, y } = synthetic(seed, 60, 12, 1.45, 2)
      const fit = huberFit(x, y)
      assert.ok(Math.abs(fit.coefficients[0] - 12) < 2, `seed ${seed}: overhead ${fit.coefficients[0]}`)
      assert.ok(Math.abs(fit.coefficients[1] - 1.45) < 0.03, `seed ${seed}: factor ${fit.coefficients[1]}`)
      assert.ok(fit.scale > 1 && fit.scale < 3.5, `seed ${seed}: scale ${fit.scale} near the noise σ 2`)
    }
  })

  it('is not dragged by gross outliers where least squares is', () => {
    const { x, y } = synthetic(7, 40, 10, 1.5, 1)
    const spoiled = [...y]
    for (const i of [3, 11, 19, 27]) spoiled[i] += 150
    const ols = weightedLeastSquares(x, spoiled, spoiled.map(() => 1))
    const fit = huberFit(x, spoiled)
    assert.ok(Math.abs(fit.coefficients[1] - 1.5) < 0.03, `huber factor ${fit.coefficients[1]}`)
    assert.ok(Math.abs(fit.coefficients[0] - 10) < 3, `huber overhead ${fit.coefficients[0]}`)
    const worst = (b: number[]) => Math.max(...[10, 100, 200].map((t) => Math.abs(predict(b, [1, t]) - (10 + 1.5 * t))))
    assert.ok(worst(ols) > 10, `least squares is off by ${worst(ols)} ms somewhere in 10–200 ms`)
    assert.ok(worst(fit.coefficients) < 3, `huber is off by ${worst(fit.coefficients)} ms`)
    for (const i of [3, 11, 19, 27]) assert.ok(fit.weights[i] < 0.1, `outlier ${i} weight ${fit.weights[i]}`)
  })

  it('fits exactly, without iterating on a zero scale, when there are as many rows as coefficients', () => {
    const fit = huberFit(
      [
        [1, 10],
        [1, 20],
      ],
      [25, 40],
    )
    assert.deepEqual(fit.coefficients.map((b) => Math.round(b * 1e9) / 1e9), [10, 1.5])
  })

  it('refuses fewer rows than coefficients and a rank-deficient design', () => {
    assert.throws(() => huberFit([[1, 10]], [20]), SingularFitError)
    assert.throws(
      () =>
        huberFit(
          [
            [1, 10],
            [1, 10],
            [1, 10],
          ],
          [20, 21, 22],
        ),
      SingularFitError,
    )
  })
})

describe('leaveOneOut', () => {
  const fitOf = (x: readonly (readonly number[])[], y: readonly number[]) => huberFit(x, y).coefficients

  it('predicts each pair with a fit that never saw it: its own value does not move its prediction', () => {
    const { x, y } = synthetic(11, 12, 15, 1.4, 3)
    const held = leaveOneOut(x, y, fitOf)
    for (const i of [0, 5, 11]) {
      const changed = [...y]
      changed[i] += 500
      const again = leaveOneOut(x, changed, fitOf)
      assert.ok(Math.abs(again.predicted[i] - held.predicted[i]) < 1e-9, `pair ${i}: held-out prediction moved with its own value`)
      assert.ok(Math.abs(again.errors[i] - held.errors[i] - 500) < 1e-9)
      // …while the in-sample fit does move with it.
      assert.ok(Math.abs(predict(fitOf(x, changed), x[i]) - predict(fitOf(x, y), x[i])) > 1e-3)
    }
  })

  it('equals an explicit fit on the other rows', () => {
    const { x, y } = synthetic(5, 8, 20, 1.3, 4)
    const held = leaveOneOut(x, y, fitOf)
    const i = 3
    const others = fitOf(
      x.filter((_, j) => j !== i),
      y.filter((_, j) => j !== i),
    )
    assert.equal(held.predicted[i], predict(others, x[i]))
  })

  it('gives a held-out error larger than the in-sample error on noisy data (it is not the fit error)', () => {
    const { x, y } = synthetic(9, 10, 15, 1.4, 5)
    const fit = fitOf(x, y)
    const inSample = Math.sqrt(y.reduce((s, yi, i) => s + (yi - predict(fit, x[i])) ** 2, 0) / y.length)
    const held = leaveOneOut(x, y, fitOf)
    const heldOut = Math.sqrt(held.errors.reduce((s, e) => s + e * e, 0) / y.length)
    assert.ok(heldOut > inSample, `held-out ${heldOut} ≤ in-sample ${inSample}`)
  })
})

describe('k-fold cross-validation', () => {
  const fitOf = (x: readonly (readonly number[])[], y: readonly number[]) => huberFit(x, y).coefficients

  it('assigns folds of sizes differing by at most one, the same for the same seed, another for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 2, max: 60 }), fc.nat(), (n, k, seed) => {
        fc.pre(k <= n)
        const fold = foldAssignment(n, k, seed)
        assert.equal(fold.length, n)
        const sizes = Array.from({ length: k }, (_, f) => fold.filter((g) => g === f).length)
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`)
        assert.deepEqual(foldAssignment(n, k, seed), fold)
      }),
    )
    assert.notDeepEqual(foldAssignment(40, 5, 1), foldAssignment(40, 5, 2))
    assert.throws(() => foldAssignment(3, 4, 1), RangeError)
    assert.throws(() => foldAssignment(3, 1, 1), RangeError)
  })

  it('never lets a held-out prediction see a row of its own fold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 30 }), fc.integer({ min: 2, max: 6 }), fc.nat(), (n, k, seed) => {
        fc.pre(k * 3 <= n)
        const { x, y } = synthetic(seed, n, 15, 1.4, 3)
        const fold = foldAssignment(n, k, seed)
        // The fit is told which rows it gets by their (unique) feature values; it records them.
        const seen: number[][] = []
        const recording = (xs: readonly (readonly number[])[], ys: readonly number[]) => {
          seen.push(xs.map((row) => x.findIndex((r) => r[1] === row[1])))
          return fitOf(xs, ys)
        }
        crossValidate(x, y, recording, fold)
        assert.equal(seen.length, k, 'one fit a fold')
        for (const rows of seen) {
          const held = new Set(fold.map((_, i) => i).filter((i) => !rows.includes(i)).map((i) => fold[i]))
          assert.equal(held.size, 1, 'each fit leaves out exactly one whole fold')
          for (const i of rows) assert.ok(!held.has(fold[i]), `row ${i} of the held-out fold was fitted`)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('moves no prediction of a fold when that fold’s own values change, and equals an explicit fit on the other folds', () => {
    const { x, y } = synthetic(21, 20, 15, 1.4, 3)
    const fold = foldAssignment(20, 4, 7)
    const held = crossValidate(x, y, fitOf, fold)
    const changed = y.map((v, i) => (fold[i] === 2 ? v + 400 : v))
    const again = crossValidate(x, changed, fitOf, fold)
    fold.forEach((f, i) => {
      if (f === 2) assert.ok(Math.abs(again.predicted[i] - held.predicted[i]) < 1e-9, `row ${i} of fold 2 moved with its own fold`)
    })
    const others = fitOf(
      x.filter((_, j) => fold[j] !== 2),
      y.filter((_, j) => fold[j] !== 2),
    )
    const i = fold.indexOf(2)
    assert.equal(held.predicted[i], predict(others, x[i]))
  })

  it('is leave-one-out when every row is its own fold', () => {
    const { x, y } = synthetic(3, 9, 10, 1.5, 2)
    assert.deepEqual(
      crossValidate(x, y, fitOf, x.map((_, i) => i)),
      leaveOneOut(x, y, fitOf),
    )
  })
})
