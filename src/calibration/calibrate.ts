import { type MeasurementsDocument, SilkwayError, measurementId, round } from '../model'
import { type RoutingIndex, route } from '../routing'
import { type MatchedEndpoint, type RouteFeatures, featureRow, greatCircleFloorRttMs, matchEndpoints, pathFeatures } from './features'
import { HUBER_K, SingularFitError, crossValidate, foldAssignment, huberFit, predict } from './fit'
import {
  CALIBRATION_SCHEMA_VERSION,
  COEFFICIENT_NAMES,
  type CalibrateQuery,
  type CalibrateResponse,
  type Calibration,
  type CalibrationPair,
  type CalibrationTerm,
  type ErrorSummary,
  PAIR_STATUSES,
} from './schema'

/** Terms in their canonical order, without repeats; per-kind factors and the overall factor exclude each other. */
export function normaliseTerms(terms: readonly CalibrationTerm[]): CalibrationTerm[] {
  const order: CalibrationTerm[] = ['overhead', 'propagation', 'terrestrial', 'submarine', 'nodes']
  const chosen = order.filter((t) => terms.includes(t))
  if (chosen.includes('propagation') && (chosen.includes('terrestrial') || chosen.includes('submarine'))) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', 'terms: propagation is the sum of terrestrial and submarine; choose one or the others', { field: 'terms' })
  }
  if (chosen.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', 'terms: choose at least one term', { field: 'terms' })
  return chosen
}

export function errorSummary(measured: readonly number[], predicted: readonly number[]): ErrorSummary {
  const n = measured.length
  if (n === 0) return { n: 0, rmseMs: 0, maeMs: 0, maxAbsMs: 0, meanRelative: 0 }
  const errors = measured.map((m, i) => m - predicted[i])
  const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n)
  const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / n
  const maxAbs = Math.max(...errors.map(Math.abs))
  const relative = errors.reduce((s, e, i) => s + Math.abs(e) / Math.max(measured[i], 1e-9), 0) / n
  return { n, rmseMs: round(rmse, 3), maeMs: round(mae, 3), maxAbsMs: round(maxAbs, 3), meanRelative: round(relative, 4) }
}

/** FNV-1a, 32 bits: a short digest naming a calibration's version when its measurements name none. */
function digest(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

interface Evaluated {
  pair: CalibrationPair
  features?: RouteFeatures
}

function endpointOut(index: RoutingIndex, m: MatchedEndpoint): CalibrationPair['from'] {
  const out: CalibrationPair['from'] = { input: m.input }
  if (m.node !== undefined) {
    out.node = index.network.nodes[m.node].id
    out.nodeName = index.network.nodes[m.node].name
    out.matchKm = round(m.matchKm ?? 0, 1)
  } else if (m.nearest !== undefined) {
    out.nearestNode = index.network.nodes[m.nearest].id
    out.nearestKm = round(m.nearestKm ?? 0, 1)
  }
  return out
}

/**
 * Fits the calibration model (schema.ts) to measured RTTs on the floor routes of an index, and cross-validates
 * it. Each measurement is matched to nodes, its floor route found (best latency path, no constraints: the
 * physical floor `route` reports as rttMs) and classified; pairs measured below the great-circle floor or the
 * route floor are impossible (a wrong geolocation or a path the model lacks) and never fitted. The fitted
 * pairs are fitted by Huber IRLS; each is then predicted by a fit without it (leave-one-out, or without its
 * whole fold with `folds`), and the RMS of those held-out errors is the ± of every expected RTT the calibration
 * gives.
 */
export function calibrate(
  index: RoutingIndex,
  document: MeasurementsDocument,
  query: CalibrateQuery,
  scenario: string,
  /** How an error names measurement i's endpoint: `measurements[3].from` by default; a CSV reader's caller gives `line 5, from`. */
  pathOf?: (i: number, field: 'from' | 'to') => string,
): CalibrateResponse {
  const terms = normaliseTerms(query.terms)
  if (query.folds !== undefined && !(Number.isInteger(query.folds) && query.folds >= 2)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `folds must be an integer ≥ 2 (got ${query.folds})`, { field: 'folds' })
  }
  if (!(query.maxMatchKm >= 0)) throw new SilkwayError('SW_INVALID_ARGUMENT', `maxMatchKm must be ≥ 0 (got ${query.maxMatchKm})`, { field: 'maxMatchKm' })
  const groupIndex = index.profile.fiber.groupIndex.value
  const matched = matchEndpoints(index, document.measurements, query.maxMatchKm, pathOf)
  const warnings: string[] = []
  const evaluated: Evaluated[] = document.measurements.map((m, i) => {
    const { from, to } = matched[i]
    const gcFloor = from.position && to.position ? greatCircleFloorRttMs(from.position, to.position, groupIndex) : null
    const pair: CalibrationPair = {
      id: measurementId(m, i),
      from: endpointOut(index, from),
      to: endpointOut(index, to),
      rttMs: m.rttMs,
      ...(m.percentile !== undefined ? { percentile: m.percentile } : {}),
      ...(m.date !== undefined ? { date: m.date } : {}),
      source: m.source,
      ...(m.weak ? { weak: true } : {}),
      use: m.use ?? 'fit',
      status: 'fitted',
      greatCircleFloorRttMs: gcFloor === null ? null : round(gcFloor, 3),
      floorRttMs: null,
      propagationRttMs: null,
    }
    const belowGreatCircle = gcFloor !== null && m.rttMs < gcFloor
    const impossibleReason = `measured ${m.rttMs} ms is below the great-circle fibre floor of ${round(gcFloor ?? 0, 1)} ms: a wrong geolocation or a wrong figure`
    if (from.node === undefined || to.node === undefined) {
      const far = [from, to].filter((e) => e.node === undefined).map((e) => `${e.input} (nearest node ${e.nearest === undefined ? 'none' : `${index.network.nodes[e.nearest].id}, ${round(e.nearestKm ?? 0, 1)} km`})`)
      if (belowGreatCircle) return { pair: { ...pair, status: 'impossible', reason: `${impossibleReason}; also unmatched: ${far.join(', ')}` } }
      return { pair: { ...pair, status: 'unmatched', reason: `farther than ${query.maxMatchKm} km from every node: ${far.join(', ')}` } }
    }
    if (from.node === to.node) return { pair: { ...pair, status: 'same-node', reason: `both ends map to ${index.network.nodes[from.node].id}` } }
    let answer: ReturnType<typeof route>
    try {
      answer = route(index, { from: index.network.nodes[from.node].id, to: index.network.nodes[to.node].id, k: 1, metric: 'latency' })
    } catch (error) {
      if (error instanceof SilkwayError && error.code === 'SW_NO_PATH') return { pair: { ...pair, status: 'no-path', reason: error.message } }
      throw error
    }
    const path = answer.paths[0]
    const features = pathFeatures(index, path.links, path.nodes)
    const floor = path.rttMs
    const withFloor: CalibrationPair = { ...pair, floorRttMs: floor, propagationRttMs: round(features.propagationRttMs, 3), floorPath: path.nodes }
    if (belowGreatCircle) return { pair: { ...withFloor, status: 'impossible', reason: impossibleReason } }
    if (floor !== null && m.rttMs < floor) {
      return {
        pair: { ...withFloor, status: 'impossible', reason: `measured ${m.rttMs} ms is below the route floor of ${round(floor, 1)} ms: a wrong geolocation, or a shorter route the model lacks` },
      }
    }
    return { pair: { ...withFloor, status: pair.use === 'validation' ? 'validation' : 'fitted' }, features }
  })
  const fitted = evaluated.filter((e) => e.pair.status === 'fitted')
  const x = fitted.map((e) => featureRow(e.features as RouteFeatures, terms))
  const y = fitted.map((e) => e.pair.rttMs)
  const measurements = { ...(document.name ? { name: document.name } : {}), ...(document.version ? { version: document.version } : {}), count: document.measurements.length }
  const counts = Object.fromEntries(PAIR_STATUSES.map((s) => [s, evaluated.filter((e) => e.pair.status === s).length]))
  const needed = terms.length + 1
  const countsText = PAIR_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ')
  const unfitted = (reason: string): CalibrateResponse => ({
    scenario,
    measurements,
    maxMatchKm: query.maxMatchKm,
    terms,
    fit: null,
    unfitted: reason,
    coefficients: null,
    heldOut: null,
    validation: null,
    counts,
    pairs: evaluated.map((e) => e.pair),
    calibration: null,
    warnings,
  })
  if (fitted.length < needed) {
    return unfitted(`${fitted.length} usable measurement(s) (${countsText || 'none'}); ${terms.length} term(s) (${terms.join(', ')}) need at least ${needed} to fit and cross-validate`)
  }
  const fitOf = (xs: readonly (readonly number[])[], ys: readonly number[]) => huberFit(xs, ys).coefficients
  // k-fold only when asked and when it is fewer folds than pairs; k ≥ n folds is leave-one-out.
  const kFold = query.folds !== undefined && query.folds < fitted.length
  if (query.folds !== undefined && !kFold) warnings.push(`${query.folds} folds for ${fitted.length} fitted pairs: cross-validated leave-one-out instead`)
  const seed = query.seed ?? 1
  const fold = kFold ? foldAssignment(fitted.length, query.folds as number, seed) : fitted.map((_, i) => i)
  let full: ReturnType<typeof huberFit>
  let held: ReturnType<typeof crossValidate>
  try {
    full = huberFit(x, y)
    held = crossValidate(x, y, fitOf, fold)
  } catch (error) {
    if (!(error instanceof SingularFitError)) throw error
    const why = kFold ? `; with ${query.folds} folds each fit leaves out ${Math.ceil(fitted.length / (query.folds as number))} pair(s): use more folds` : ''
    return unfitted(`the fitted pairs cannot tell the terms ${terms.join(', ')} apart (${error.message})${why}; use fewer terms or more varied pairs`)
  }
  const inSamplePredicted = x.map((row) => predict(full.coefficients, row))
  fitted.forEach((e, i) => {
    e.pair.expectedRttMs = round(inSamplePredicted[i], 3)
    e.pair.heldOutExpectedRttMs = round(held.predicted[i], 3)
    e.pair.heldOutErrorMs = round(held.errors[i], 3)
    e.pair.weight = round(full.weights[i], 4)
    if (kFold) e.pair.fold = fold[i]
  })
  const validationPairs = evaluated.filter((e) => e.pair.status === 'validation')
  const validationPredicted = validationPairs.map((e) => predict(full.coefficients, featureRow(e.features as RouteFeatures, terms)))
  validationPairs.forEach((e, i) => {
    e.pair.expectedRttMs = round(validationPredicted[i], 3)
  })
  const heldOut = errorSummary(y, held.predicted)
  const coefficients = Object.fromEntries(terms.map((t, j) => [COEFFICIENT_NAMES[t], round(full.coefficients[j], 6)]))
  for (const [name, value] of Object.entries(coefficients)) {
    if (name.endsWith('Factor') && value < 1) warnings.push(`${name} ${round(value, 3)} is below 1: the fitted pairs run faster than their floor routes scale; check the floor routes`)
    if (name.endsWith('Ms') && value < 0) warnings.push(`${name} ${round(value, 3)} ms is negative: the terms trade off against each other on these pairs`)
  }
  if (fitted.some((e) => e.pair.weak)) warnings.push('some fitted measurements have only a weak source (a blog or a second-hand quote)')
  const bySource = new Map<string, { date?: string; pairs: number }>()
  for (const e of fitted) {
    const entry = bySource.get(e.pair.source) ?? { ...(e.pair.date ? { date: e.pair.date } : {}), pairs: 0 }
    entry.pairs++
    bySource.set(e.pair.source, entry)
  }
  const propagation = fitted.map((e) => (e.features as RouteFeatures).propagationRttMs)
  const calibration: Calibration = {
    schemaVersion: CALIBRATION_SCHEMA_VERSION,
    kind: 'silkway-calibration',
    id: document.name ?? 'measurements',
    version: document.version ?? digest(JSON.stringify([terms, scenario, fitted.map((e) => [e.pair.id, e.pair.from.node, e.pair.to.node, e.pair.rttMs])])),
    scenario,
    profileVersion: index.profile.version,
    terms,
    coefficients,
    toleranceMs: heldOut.rmseMs,
    heldOut,
    fittedPropagationRttMs: [round(Math.min(...propagation), 3), round(Math.max(...propagation), 3)],
    sources: [...bySource.entries()].map(([source, v]) => ({ source, ...v })),
    ...(document.sources?.length ? { documentSources: document.sources } : {}),
  }
  return {
    scenario,
    measurements,
    maxMatchKm: query.maxMatchKm,
    terms,
    fit: { n: fitted.length, method: 'huber-irls', huberK: HUBER_K, scaleMs: round(full.scale, 3), iterations: full.iterations, inSample: errorSummary(y, inSamplePredicted) },
    coefficients,
    heldOut: kFold ? { method: 'k-fold', folds: query.folds as number, seed, ...heldOut } : { method: 'leave-one-out', ...heldOut },
    validation: validationPairs.length ? errorSummary(validationPairs.map((e) => e.pair.rttMs), validationPredicted) : null,
    counts,
    pairs: evaluated.map((e) => e.pair),
    calibration,
    warnings,
  }
}
