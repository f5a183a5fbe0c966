import { noiseFigureDb, type NoiseModel } from './amplifier'
import type { AmplifierType } from './schema'

/** An amplifier the automatic design may place, with its resolved noise model. */
export interface EdfaCandidate {
  type: AmplifierType
  model: NoiseModel
  /** Largest flat gain; a dual stage's is the sum of its stages' (GNPy `_update_dual_stage`). */
  gainFlatMaxDb: number
  /** Maximum total output power; a dual stage's is its booster's. */
  pMaxDbm: number
}

export interface EdfaChoice {
  id: string
  nfDb: number
  /** ≤ 0: how far the chosen amplifier falls short of the power target (GNPy `power_reduction`); gain and Δp drop by it. */
  powerReductionDb: number
  /** Why: the rule and the candidates that passed each filter, in words. */
  reason: string
}

/**
 * GNPy's amplifier choice for a site (gnpy/core/network.py `select_edfa` and `filter_edfa_list_based_on_targets`
 * @ d65865b8, J.-L. Augé): for each candidate, power headroom = min(P_in + gain_flatmax + extended gain, p_max) −
 * power target (P_in = power target − gain target), and gain_min allowance = gain target + 3 dB − gain_min (Raman
 * hybrids: no 3 dB allowance, and only after a fibre whose loss allows Raman). Keep those above gain_min (if none,
 * every EDFA, with an input pad); of those, the ones with positive headroom (if none, those within 0.3 dB of the
 * largest headroom); pick the lowest NF at the gain target. Null when there is no EDFA at all.
 */
export function selectEdfa(candidates: readonly EdfaCandidate[], gainTargetDb: number, powerTargetDbm: number, options: { ramanAllowed: boolean; targetExtendedGainDb: number }): EdfaChoice | null {
  const pinDbm = powerTargetDbm - gainTargetDb
  const rows = candidates
    .filter((c) => !c.type.raman || options.ramanAllowed)
    .map((c) => ({
      c,
      powerDb: Math.min(pinDbm + c.gainFlatMaxDb + options.targetExtendedGainDb, c.pMaxDbm) - powerTargetDbm,
      gainMinDb: gainTargetDb + (c.type.raman ? 0 : 3) - c.type.gainMinDb,
      nfDb: noiseFigureDb(c.model, gainTargetDb),
    }))
  const edfas = rows.filter((r) => !r.c.type.raman)
  let gainOk = rows.filter((r) => r.gainMinDb > 0)
  let padded = false
  if (gainOk.length === 0) {
    if (edfas.length === 0) return null
    gainOk = edfas
    padded = true
  }
  let powerOk = gainOk.filter((r) => r.powerDb > 0)
  let short = false
  if (powerOk.length === 0) {
    const best = Math.max(...gainOk.map((r) => r.powerDb))
    powerOk = gainOk.filter((r) => r.powerDb - best > -0.3)
    short = true
  }
  const chosen = powerOk.reduce((a, b) => (b.nfDb < a.nfDb ? b : a))
  const reason = [
    `gain ${gainTargetDb.toFixed(2)} dB, power target ${powerTargetDbm.toFixed(2)} dBm`,
    padded ? 'below every gain_min (input pad assumed)' : `above gain_min: ${gainOk.map((r) => r.c.type.id).join(', ')}`,
    short ? `no amplifier reaches the power; within 0.3 dB of the best: ${powerOk.map((r) => r.c.type.id).join(', ')}` : `with power headroom: ${powerOk.map((r) => r.c.type.id).join(', ')}`,
    `lowest NF ${chosen.nfDb.toFixed(2)} dB`,
  ].join('; ')
  return { id: chosen.c.type.id, nfDb: chosen.nfDb, powerReductionDb: Math.min(chosen.powerDb, 0), reason }
}
