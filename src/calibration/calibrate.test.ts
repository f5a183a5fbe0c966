import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultProfile } from '../data'
import { type Measurement, type MeasurementsDocument, type Network, SPEED_OF_LIGHT_KM_PER_MS, SilkwayError, mulberry32 } from '../model'
import { compileIndex, route } from '../routing'
import { calibrate } from './calibrate'
import { validateCalibration, withExpectedRtt } from './expected'
import type { CalibrateResponse } from './schema'

/*
 * Eight cities on the 45th parallel, 10° of longitude apart, each link declared 1,000 km:
 *
 *   c0 ── c1 ── c2 ── c3 ── c4 ── c5 ── c6 ── c7        (+ x9: a city with no link)
 *
 * so the floor propagation RTT of ci–cj is 2 × |i − j| × 1,000 km × 1.4682 / c, computed here by hand.
 */
const ids = Array.from({ length: 8 }, (_, i) => `c${i}`)
const network: Network = {
  schemaVersion: 2,
  nodes: [...ids.map((id, i) => ({ id, name: `City ${i}`, kind: 'city' as const, lat: 45, lon: 10 * i })), { id: 'x9', name: 'Island', kind: 'city' as const, lat: 0, lon: 0 }],
  links: ids.slice(1).map((id, i) => ({ id: `l${i}`, a: ids[i], b: id, kind: 'terrestrial' as const, lengthKm: 1000 })),
}
const index = compileIndex(network, defaultProfile)
const groupIndex = defaultProfile.fiber.groupIndex.value
const propagationRttMs = (hops: number) => (2 * hops * 1000 * groupIndex) / SPEED_OF_LIGHT_KM_PER_MS

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Every pair, measured as overheadMs + factor × floor propagation + seeded noise. */
function syntheticMeasurements(seed: number, overheadMs: number, factor: number, noiseMs: number): Measurement[] {
  const random = mulberry32(seed)
  const out: Measurement[] = []
  for (let i = 0; i < 8; i++) {
    for (let j = i + 1; j < 8; j++) {
      out.push({ id: `c${i}-c${j}`, from: `c${i}`, to: `c${j}`, rttMs: overheadMs + factor * propagationRttMs(j - i) + noiseMs * normal(random), source: 'synthetic (test)' })
    }
  }
  return out
}

/** The answer of a calibration that must have fitted, with its fit fields known to be there. */
function fitted(answer: CalibrateResponse) {
  const { fit, coefficients, heldOut, calibration } = answer
  assert.ok(fit && coefficients && heldOut && calibration, answer.unfitted)
  return { ...answer, fit, coefficients, heldOut, calibration }
}

const doc = (measurements: Measurement[]): MeasurementsDocument => ({ schemaVersion: 1, name: 'test', measurements })
const query = { maxMatchKm: 50, terms: ['overhead', 'propagation'] as ('overhead' | 'propagation')[] }

describe('calibrate', () => {
  it('recovers the overhead and factor the measurements were generated with', () => {
    for (const seed of [3, 17, 99]) {
      const answer = fitted(calibrate(index, doc(syntheticMeasurements(seed, 15, 1.35, 1.5)), query, 'as-is'))
      assert.equal(answer.fit.n, 28)
      assert.ok(Math.abs(answer.coefficients.overheadMs - 15) < 2, `seed ${seed}: overhead ${answer.coefficients.overheadMs}`)
      assert.ok(Math.abs(answer.coefficients.propagationFactor - 1.35) < 0.03, `seed ${seed}: factor ${answer.coefficients.propagationFactor}`)
      // The held-out error estimates the noise it was given (σ 1.5 ms), not zero.
      assert.ok(answer.heldOut.rmseMs > 0.8 && answer.heldOut.rmseMs < 3, `held-out RMSE ${answer.heldOut.rmseMs}`)
      assert.equal(answer.calibration.toleranceMs, answer.heldOut.rmseMs)
    }
  })

  it('k-fold: seeded folds, every pair held out with its whole fold, leave-one-out when folds ≥ pairs', () => {
    const measurements = doc(syntheticMeasurements(7, 15, 1.35, 1.5))
    const answer = fitted(calibrate(index, measurements, { ...query, folds: 4, seed: 9 }, 'as-is'))
    assert.equal(answer.heldOut.method, 'k-fold')
    assert.equal(answer.heldOut.folds, 4)
    assert.equal(answer.heldOut.seed, 9)
    const folds = answer.pairs.map((p) => p.fold)
    assert.deepEqual([...new Set(folds)].sort(), [0, 1, 2, 3])
    assert.deepEqual(fitted(calibrate(index, measurements, { ...query, folds: 4, seed: 9 }, 'as-is')).pairs, answer.pairs, 'the same seed, the same answer')
    // Moving every measurement of fold 0 moves none of fold 0's held-out predictions.
    const shifted = doc(measurements.measurements.map((m, i) => (folds[i] === 0 ? { ...m, rttMs: m.rttMs + 300 } : m)))
    const again = fitted(calibrate(index, shifted, { ...query, folds: 4, seed: 9 }, 'as-is'))
    answer.pairs.forEach((p, i) => {
      if (p.fold === 0) assert.ok(Math.abs((again.pairs[i].heldOutExpectedRttMs ?? 0) - (p.heldOutExpectedRttMs ?? 0)) < 1e-6, p.id)
    })
    assert.equal(answer.calibration.toleranceMs, answer.heldOut.rmseMs)
    const many = fitted(calibrate(index, measurements, { ...query, folds: 50 }, 'as-is'))
    assert.equal(many.heldOut.method, 'leave-one-out')
    assert.ok(many.warnings.some((w) => /50 folds for 28 fitted pairs/.test(w)))
    assert.throws(() => calibrate(index, measurements, { ...query, folds: 1 }, 'as-is'), (e: unknown) => e instanceof SilkwayError && /folds must be an integer ≥ 2/.test(e.message))
  })

  it('floors are the route floors: propagation by hand, plus 0.1 ms a city each way', () => {
    const answer = fitted(calibrate(index, doc(syntheticMeasurements(1, 15, 1.35, 1.5)), query, 'as-is'))
    const pair = answer.pairs.find((p) => p.id === 'c0-c3')
    assert.ok(pair)
    assert.ok(Math.abs((pair.propagationRttMs ?? 0) - propagationRttMs(3)) < 1e-3)
    assert.ok(Math.abs((pair.floorRttMs ?? 0) - (propagationRttMs(3) + 2 * 4 * 0.1)) < 1e-3)
    assert.deepEqual(pair.floorPath, ['c0', 'c1', 'c2', 'c3'])
  })

  it('flags a pair measured below its floor as impossible and never fits it', () => {
    const measurements = syntheticMeasurements(5, 15, 1.35, 1.5)
    const below: Measurement = { id: 'fake', from: 'c0', to: 'c7', rttMs: 40, source: 'a wrong geolocation' }
    const withBelow = fitted(calibrate(index, doc([...measurements, below]), query, 'as-is'))
    const without = fitted(calibrate(index, doc(measurements), query, 'as-is'))
    const flagged = withBelow.pairs.find((p) => p.id === 'fake')
    assert.equal(flagged?.status, 'impossible')
    assert.match(flagged?.reason ?? '', /below the (route floor|great-circle fibre floor)/)
    assert.equal(flagged?.heldOutErrorMs, undefined)
    assert.equal(withBelow.fit.n, 28)
    assert.deepEqual(withBelow.coefficients, without.coefficients)
    assert.equal(withBelow.counts.impossible, 1)
    // Above the great circle (15.4 ms for c0–c2) but below the route floor (20.2 ms): impossible in the model.
    const routeBelow = fitted(calibrate(index, doc([...measurements, { id: 'short', from: 'c0', to: 'c2', rttMs: 18, source: 'x' }]), query, 'as-is'))
    const short = routeBelow.pairs.find((p) => p.id === 'short')
    assert.equal(short?.status, 'impossible')
    assert.match(short?.reason ?? '', /below the route floor of 20\.2 ms/)
    assert.ok((short?.greatCircleFloorRttMs ?? 99) < 18)
  })

  it('flags a pair below the great-circle floor even when an endpoint is unmatched', () => {
    const london = { name: 'London', lat: 51.5074, lon: -0.1278 }
    const answer = fitted(calibrate(index, doc([...syntheticMeasurements(5, 15, 1.35, 1.5), { id: 'ldn', from: london, to: 'c7', rttMs: 20, source: 'x' }]), query, 'as-is'))
    const pair = answer.pairs.find((p) => p.id === 'ldn')
    assert.equal(pair?.status, 'impossible')
    assert.match(pair?.reason ?? '', /great-circle fibre floor.*unmatched: London/)
  })

  it('matches a located place within the distance, reporting it, and leaves a farther one unmatched (never snapped)', () => {
    const near = { name: 'probe near c2', lat: 45.05, lon: 20.1 }
    const far = { name: 'probe far', lat: 47, lon: 25 }
    const answer = calibrate(
      index,
      doc([
        ...syntheticMeasurements(5, 15, 1.35, 1.5),
        { id: 'near', from: near, to: 'c6', rttMs: 15 + 1.35 * propagationRttMs(4), source: 'x' },
        { id: 'far', from: far, to: 'c6', rttMs: 100, source: 'x' },
      ]),
      query,
      'as-is',
    )
    const matched = answer.pairs.find((p) => p.id === 'near')
    assert.equal(matched?.status, 'fitted')
    assert.equal(matched?.from.node, 'c2')
    assert.ok((matched?.from.matchKm ?? 0) > 5 && (matched?.from.matchKm ?? 0) < 15, `matchKm ${matched?.from.matchKm}`)
    const unmatched = answer.pairs.find((p) => p.id === 'far')
    assert.equal(unmatched?.status, 'unmatched')
    assert.equal(unmatched?.from.node, undefined)
    assert.equal(unmatched?.from.nearestNode, 'c2')
    assert.ok((unmatched?.from.nearestKm ?? 0) > 50)
    assert.equal(answer.fit?.n, 29)
  })

  it('reports pairs with no path and keeps validation pairs out of the fit', () => {
    const measurements = syntheticMeasurements(8, 15, 1.35, 1.5)
    const extra: Measurement[] = [
      { id: 'island', from: 'c0', to: 'x9', rttMs: 100, source: 'x' },
      { id: 'cloud', from: 'c1', to: 'c5', rttMs: 500, source: 'a cloud table', use: 'validation' },
    ]
    const answer = fitted(calibrate(index, doc([...measurements, ...extra]), query, 'as-is'))
    assert.equal(answer.pairs.find((p) => p.id === 'island')?.status, 'no-path')
    const cloud = answer.pairs.find((p) => p.id === 'cloud')
    assert.equal(cloud?.status, 'validation')
    assert.deepEqual(answer.coefficients, fitted(calibrate(index, doc(measurements), query, 'as-is')).coefficients)
    assert.ok(answer.validation && answer.validation.n === 1 && answer.validation.maxAbsMs > 400)
  })

  it('names every unknown city with its path', () => {
    const bad: Measurement[] = [...syntheticMeasurements(1, 15, 1.35, 1), { from: 'Atlantis', to: 'c1', rttMs: 10, source: 'x' }, { from: 'c2', to: 'Mu', rttMs: 10, source: 'x' }]
    assert.throws(
      () => calibrate(index, doc(bad), query, 'as-is'),
      (error: unknown) =>
        error instanceof SilkwayError &&
        error.code === 'SW_UNKNOWN_NODE' &&
        error.issues.map((i) => i.path).join(' ') === 'measurements[28].from measurements[29].to' &&
        /^measurements\[28\]\.from: no node 'Atlantis'/.test(error.message),
    )
  })

  it('gives no fit, saying why, for fewer pairs than the terms need to be cross-validated', () => {
    const two = syntheticMeasurements(1, 15, 1.35, 1).slice(0, 2)
    const answer = calibrate(index, doc(two), query, 'as-is')
    assert.equal(answer.fit, null)
    assert.equal(answer.calibration, null)
    assert.match(answer.unfitted ?? '', /^2 usable measurement\(s\) \(2 fitted\); 2 term\(s\) \(overhead, propagation\) need at least 3/)
    assert.equal(answer.pairs.length, 2)
    // Pairs that all have the same floor cannot tell overhead from factor.
    const alike = [0, 1, 2].map((i) => ({ id: `a${i}`, from: `c${i}`, to: `c${i + 1}`, rttMs: 30 + i, source: 'x' }))
    assert.match(calibrate(index, doc(alike), query, 'as-is').unfitted ?? '', /cannot tell the terms overhead, propagation apart/)
    assert.throws(() => calibrate(index, doc(two), { ...query, terms: ['propagation', 'terrestrial'] }, 'as-is'), /propagation is the sum/)
  })

  it('writes a calibration that route answers use for expectedRttMs ± the held-out error, leaving rttMs the floor', () => {
    const answer = fitted(calibrate(index, doc(syntheticMeasurements(4, 15, 1.35, 1.5)), query, 'as-is'))
    const checked = validateCalibration(JSON.parse(JSON.stringify(answer.calibration)))
    assert.deepEqual(checked.issues, [])
    const plain = route(index, { from: 'c1', to: 'c4' })
    const calibrated = withExpectedRtt(index, plain, answer.calibration)
    const path = calibrated.paths[0]
    assert.equal(path.rttMs, plain.paths[0].rttMs)
    const expected = answer.coefficients.overheadMs + answer.coefficients.propagationFactor * propagationRttMs(3)
    assert.ok(Math.abs((path.expectedRttMs ?? 0) - expected) < 1e-2)
    assert.equal(path.expectedRttToleranceMs, answer.heldOut.rmseMs)
    assert.equal(calibrated.calibration?.version, answer.calibration.version)
    assert.deepEqual(calibrated.warnings, [])
    assert.ok(validateCalibration({ ...answer.calibration, coefficients: {} }).issues.length > 0)
  })
})
