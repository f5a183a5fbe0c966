import { dbToLinear, linearToDb } from '../model'
import type { AmplifierType } from './schema'

/**
 * The noise-figure model of an amplifier, resolved from the library once. variable-gain is GNPy's two-coil
 * model: NF(G) = nf1 + nf2 / G1a with the first-coil gain G1a = G − ΔP − max(G_flatmax − G, 0)
 * (gnpy/core/science_utils.py `estimate_nf_model`, gnpy/core/elements.py `Edfa._nf`, commit d65865b8).
 */
export type NoiseModel =
  | { kind: 'variable-gain'; gainMinDb: number; gainFlatMaxDb: number; nf1Db: number; nf2Db: number; deltaPDb: number }
  | { kind: 'fixed-gain'; gainMinDb: number; nf0Db: number }
  | { kind: 'dual-stage'; preamp: NoiseModel; preampGainDb: number; booster: NoiseModel }

export class NoiseModelError extends Error {
  override name = 'NoiseModelError'
}

/**
 * Solves nf_min = nf1 + nf2/g1a_max and nf_max = nf1 + nf2/g1a_min for the two coils, with GNPy's bounds: ΔP
 * starts at 5 dB; nf2 is kept within [nf1 + 0.3, nf1 + 2] dB by moving ΔP, which must stay in (1, 11) dB.
 */
export function variableGainCoils(gainMinDb: number, gainFlatMaxDb: number, nfMinDb: number, nfMaxDb: number): { nf1Db: number; nf2Db: number; deltaPDb: number } {
  let deltaPDb = 5
  let g1aMinDb = gainMinDb - (gainFlatMaxDb - gainMinDb) - deltaPDb
  let g1aMaxDb = gainFlatMaxDb - deltaPDb
  let nf2Db = linearToDb((dbToLinear(nfMinDb) - dbToLinear(nfMaxDb)) / (1 / dbToLinear(g1aMaxDb) - 1 / dbToLinear(g1aMinDb)))
  const nf1Db = linearToDb(dbToLinear(nfMinDb) - dbToLinear(nf2Db) / dbToLinear(g1aMaxDb))
  if (!(nf1Db >= 4)) throw new NoiseModelError(`first coil NF ${nf1Db.toFixed(2)} dB is below 4 dB: nf_min/nf_max are not consistent`)
  if (!(nf1Db + 0.3 < nf2Db && nf2Db < nf1Db + 2)) {
    nf2Db = Math.min(Math.max(nf2Db, nf1Db + 0.3), nf1Db + 2)
    g1aMaxDb = linearToDb(dbToLinear(nf2Db) / (dbToLinear(nfMinDb) - dbToLinear(nf1Db)))
    deltaPDb = gainFlatMaxDb - g1aMaxDb
    g1aMinDb = gainMinDb - (gainFlatMaxDb - gainMinDb) - deltaPDb
    if (!(deltaPDb > 1 && deltaPDb < 11)) throw new NoiseModelError(`computed ΔP ${deltaPDb.toFixed(2)} dB between the coils is outside (1, 11) dB`)
  }
  const nfMinCheck = linearToDb(dbToLinear(nf1Db) + dbToLinear(nf2Db) / dbToLinear(g1aMaxDb))
  const nfMaxCheck = linearToDb(dbToLinear(nf1Db) + dbToLinear(nf2Db) / dbToLinear(g1aMinDb))
  if (Math.abs(nfMinCheck - nfMinDb) > 0.01 || Math.abs(nfMaxCheck - nfMaxDb) > 0.01) {
    throw new NoiseModelError(`the two-coil model cannot reproduce nf_min ${nfMinDb} / nf_max ${nfMaxDb} dB (gets ${nfMinCheck.toFixed(2)} / ${nfMaxCheck.toFixed(2)})`)
  }
  return { nf1Db, nf2Db, deltaPDb }
}

/** Resolves an amplifier's noise model; dual-stage looks its stages up by id. Throws NoiseModelError on bad data. */
export function noiseModel(amplifier: AmplifierType, byId: ReadonlyMap<string, AmplifierType>): NoiseModel {
  switch (amplifier.kind) {
    case 'variable-gain': {
      const { gainFlatMaxDb, nfMinDb, nfMaxDb } = amplifier
      if (gainFlatMaxDb === undefined || nfMinDb === undefined || nfMaxDb === undefined) throw new NoiseModelError('variable-gain needs gainFlatMaxDb, nfMinDb and nfMaxDb')
      return { kind: 'variable-gain', gainMinDb: amplifier.gainMinDb, gainFlatMaxDb, ...variableGainCoils(amplifier.gainMinDb, gainFlatMaxDb, nfMinDb, nfMaxDb) }
    }
    case 'fixed-gain':
      if (amplifier.nf0Db === undefined) throw new NoiseModelError('fixed-gain needs nf0Db')
      return { kind: 'fixed-gain', gainMinDb: amplifier.gainMinDb, nf0Db: amplifier.nf0Db }
    case 'dual-stage': {
      const preamp = amplifier.preampId === undefined ? undefined : byId.get(amplifier.preampId)
      const booster = amplifier.boosterId === undefined ? undefined : byId.get(amplifier.boosterId)
      if (preamp === undefined || booster === undefined) throw new NoiseModelError('dual-stage needs preampId and boosterId naming amplifiers of the library')
      if (preamp.kind === 'dual-stage' || booster.kind === 'dual-stage') throw new NoiseModelError('the stages of a dual-stage amplifier cannot be dual-stage')
      const preampGainDb = preamp.gainFlatMaxDb ?? preamp.gainMinDb
      return { kind: 'dual-stage', preamp: noiseModel(preamp, byId), preampGainDb, booster: noiseModel(booster, byId) }
    }
  }
}

/**
 * Noise figure at a gain. Below gain_min the amplifier works at gain_min behind an input pad, which adds to
 * the NF dB for dB (GNPy `Edfa._nf`). Dual stage: Friis, NF = NF1 + NF2/G1 (GNPy `Edfa._calc_nf`).
 */
export function noiseFigureDb(model: NoiseModel, gainDb: number): number {
  if (model.kind === 'dual-stage') {
    const nfPreDb = noiseFigureDb(model.preamp, model.preampGainDb)
    const nfBoostDb = noiseFigureDb(model.booster, gainDb - model.preampGainDb)
    return linearToDb(dbToLinear(nfPreDb) + dbToLinear(nfBoostDb - model.preampGainDb))
  }
  const padDb = Math.max(model.gainMinDb - gainDb, 0)
  const workingGainDb = gainDb + padDb
  if (model.kind === 'fixed-gain') return model.nf0Db + padDb
  const belowFlatDb = Math.max(model.gainFlatMaxDb - workingGainDb, 0)
  const g1aDb = workingGainDb - model.deltaPDb - belowFlatDb
  return linearToDb(dbToLinear(model.nf1Db) + dbToLinear(model.nf2Db) / dbToLinear(g1aDb)) + padDb
}
