import { fiberPropagationMs } from '../model'
import { CORE_RADIUS_M, REFERENCE_FREQUENCY_HZ, SPEED_OF_LIGHT_M_PER_S } from './constants'

/** The physical parameters of one fibre span, as propagation needs them (resolved from the library). */
export interface FiberParameters {
  lengthKm: number
  lossDbPerKm: number
  dispersionPsPerNmKm: number
  effectiveAreaUm2: number
  n2M2PerW: number
  pmdPsPerSqrtKm: number
  groupIndex: number
}

/** Power attenuation coefficient in 1/m (Neper convention of GNPy: P(z) = P0·e^(−αz)). */
export function alphaPerM(lossDbPerKm: number): number {
  return (lossDbPerKm * 1e-3) / (10 * Math.log10(Math.E))
}

/** L_eff = (1 − e^(−αL)) / α, in m (Poggiolini 2012, arXiv:1209.0394 eq. 14). */
export function effectiveLengthM(alpha1PerM: number, lengthM: number): number {
  return (1 - Math.exp(-alpha1PerM * lengthM)) / alpha1PerM
}

/**
 * β2 in s²/m from D in ps/(nm·km): β2 = −λ²D/(2πc). GNPy scales D with (f/f_ref)² when no slope is given, which
 * makes β2 the same at every frequency (gnpy/core/elements.py `Fiber.beta2`); so does this.
 */
export function beta2S2PerM(dispersionPsPerNmKm: number): number {
  const dispersionSPerM2 = dispersionPsPerNmKm * 1e-6
  return -(SPEED_OF_LIGHT_M_PER_S * dispersionSPerM2) / (2 * Math.PI * REFERENCE_FREQUENCY_HZ ** 2)
}

/**
 * Effective area at a frequency, from the Marcuse Gaussian-mode approximation GNPy uses: A(f) = π·a²/ln V(f), with
 * V ∝ f and fixed so that A(f_ref) is the datasheet value (gnpy/core/parameters.py `effective_area_scaling`).
 */
export function effectiveAreaM2(effectiveAreaUm2: number, frequencyHz: number): number {
  const coreAreaM2 = Math.PI * CORE_RADIUS_M ** 2
  return coreAreaM2 / (coreAreaM2 / (effectiveAreaUm2 * 1e-12) + Math.log(frequencyHz / REFERENCE_FREQUENCY_HZ))
}

/** γ(f) = 2π·n2·f / (c·A_eff(f)), in 1/(W·m). */
export function gammaPerWPerM(fiber: Pick<FiberParameters, 'n2M2PerW' | 'effectiveAreaUm2'>, frequencyHz: number): number {
  return (2 * Math.PI * fiber.n2M2PerW * frequencyHz) / (SPEED_OF_LIGHT_M_PER_S * effectiveAreaM2(fiber.effectiveAreaUm2, frequencyHz))
}

/** Accumulated chromatic dispersion of a span, ps/nm. */
export function spanDispersionPsPerNm(fiber: Pick<FiberParameters, 'lengthKm' | 'dispersionPsPerNmKm'>): number {
  return fiber.dispersionPsPerNmKm * fiber.lengthKm
}

/** Mean differential group delay of a span, ps: PMD coefficient × √L. Spans add in quadrature. */
export function spanPmdPs(fiber: Pick<FiberParameters, 'lengthKm' | 'pmdPsPerSqrtKm'>): number {
  return fiber.pmdPsPerSqrtKm * Math.sqrt(fiber.lengthKm)
}

/** One-way propagation delay of a span from its group index. */
export function spanLatencyMs(fiber: Pick<FiberParameters, 'lengthKm' | 'groupIndex'>): number {
  return fiberPropagationMs(fiber.lengthKm, fiber.groupIndex)
}
