import { checkSchema, hasErrors, round, type ValidationResult } from '../model'
import type { RouteResponse, RoutingIndex } from '../routing'
import { featureRow, pathFeatures } from './features'
import { predict } from './fit'
import { COEFFICIENT_NAMES, type Calibration, CalibrationSchema } from './schema'

/** Validates an untrusted calibration document (a file written by `silkway calibrate --out`). */
export function validateCalibration(document: unknown): ValidationResult<Calibration> {
  const issues = checkSchema(CalibrationSchema, document)
  if (hasErrors(issues)) return { issues }
  const value = document as Calibration
  const missing = value.terms.filter((t) => typeof value.coefficients[COEFFICIENT_NAMES[t]] !== 'number')
  if (missing.length > 0) {
    return { issues: missing.map((t) => ({ path: `coefficients.${COEFFICIENT_NAMES[t]}`, code: 'required', message: `term '${t}' has no coefficient ${COEFFICIENT_NAMES[t]}`, severity: 'error' as const })) }
  }
  return { value, issues }
}

/** The expected RTT of a path under a calibration, ms, and whether the path lies outside the range it was fitted on. */
export function expectedRtt(index: RoutingIndex, calibration: Calibration, links: readonly string[], nodes: readonly string[]): { rttMs: number; extrapolated: boolean } {
  const features = pathFeatures(index, links, nodes)
  const coefficients = calibration.terms.map((t) => calibration.coefficients[COEFFICIENT_NAMES[t]])
  const [low, high] = calibration.fittedPropagationRttMs
  return { rttMs: predict(coefficients, featureRow(features, calibration.terms)), extrapolated: features.propagationRttMs < low || features.propagationRttMs > high }
}

/**
 * A route answer with, beside each path's floor `rttMs`, the calibration's `expectedRttMs` and its ± (the
 * held-out error), and the calibration it came from. The floor is never changed.
 */
export function withExpectedRtt(index: RoutingIndex, answer: RouteResponse, calibration: Calibration): RouteResponse {
  let extrapolated = 0
  const paths = answer.paths.map((path) => {
    if (path.rttMs === null) return path
    const expected = expectedRtt(index, calibration, path.links, path.nodes)
    if (expected.extrapolated) extrapolated++
    return { ...path, expectedRttMs: round(expected.rttMs, 3), expectedRttToleranceMs: calibration.toleranceMs }
  })
  const warnings = [...answer.warnings]
  if (answer.scenario !== undefined && answer.scenario !== calibration.scenario) {
    warnings.push(`the calibration was fitted on scenario ${calibration.scenario}, this route is on ${answer.scenario}`)
  }
  if (extrapolated > 0) {
    const [low, high] = calibration.fittedPropagationRttMs
    warnings.push(`${extrapolated} path(s) lie outside the propagation RTT range the calibration was fitted on (${low}–${high} ms): their expected RTT is an extrapolation`)
  }
  return {
    ...answer,
    paths,
    calibration: { id: calibration.id, version: calibration.version, scenario: calibration.scenario, toleranceMs: calibration.toleranceMs, terms: calibration.terms },
    warnings,
  }
}
