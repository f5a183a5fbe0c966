import { dbToLinear, wattToDbm } from '../model'
import { PLANCK_J_S } from './constants'
import type { FiberParameters } from './fiber'
import { type Comb, gnEtaMatrix } from './nli'

/**
 * The GN-model optimum launch power per channel of one span followed by an amplifier that restores its loss
 * (Poggiolini et al. 2012 / JLT 2014 "The GN-model of fiber non-linear propagation and its applications"):
 * with P_NLI = η·P³ and P_ASE fixed, GSNR = P/(P_ASE + η·P³) peaks at P_opt = (P_ASE / (2η))^(1/3), where
 * P_NLI = P_ASE/2. Evaluated for channel `channel` (default the centre) at full, flat load.
 */
export function optimumLaunchPower(fiber: FiberParameters, comb: Comb, amplifierNfDb: number, spanLossDb: number, channel = Math.floor(comb.frequencyHz.length / 2)) {
  const n = comb.frequencyHz.length
  const eta = gnEtaMatrix(comb, fiber)
  let etaPerW2 = 0
  for (let j = 0; j < n; j++) etaPerW2 += eta[channel * n + j]
  // With the gain equal to the span loss, signal and NLI leave the amplifier as they entered the span; the ASE
  // there is h·ν·NF·R·G.
  const aseW = PLANCK_J_S * comb.frequencyHz[channel] * comb.baudRate[channel] * dbToLinear(amplifierNfDb) * dbToLinear(spanLossDb)
  const powerW = Math.cbrt(aseW / (2 * etaPerW2))
  return { powerPerChannelDbm: wattToDbm(powerW), etaPerW2, aseW }
}
