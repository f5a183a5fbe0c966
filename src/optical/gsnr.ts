import { dbToLinear, linearToDb } from '../model'
import { REFERENCE_BANDWIDTH_HZ } from './constants'
import type { LineElement } from './line'
import type { Propagation } from './propagate'

/** Adds independent noise contributions given as OSNRs in 0.1 nm: 1/OSNR = Σ 1/OSNR_i (linear). */
export function combineOsnr01nmDb(osnrs01nmDb: readonly number[]): number {
  let inverse = 0
  for (const osnrDb of osnrs01nmDb) inverse += 1 / dbToLinear(osnrDb)
  return -linearToDb(inverse)
}

export interface ChannelSnr {
  frequencyThz: number
  gsnr01nmDb: number
  gsnrSignalBandwidthDb: number
  osnrAse01nmDb: number
  osnrAseSignalBandwidthDb: number
  snrNli01nmDb: number
}

/**
 * Per-channel SNRs at the receiver. Terminal contributions (transmitter OSNR, ROADM add and drop), given in
 * 0.1 nm, are added as noise to both the ASE OSNR and the GSNR, as GNPy's `Transceiver.update_snr` does; a
 * 0.1 nm figure converts to the signal bandwidth R by −10·log10(R / 12.5 GHz).
 */
export function channelSnrs(propagation: Propagation, terminalOsnrs01nmDb: readonly number[]): ChannelSnr[] {
  const terminalInverse01nm = terminalOsnrs01nmDb.reduce((sum, osnrDb) => sum + 1 / dbToLinear(osnrDb), 0)
  const out: ChannelSnr[] = []
  for (let i = 0; i < propagation.frequencyHz.length; i++) {
    const s = propagation.signalW[i]
    const bandwidthToRefDb = linearToDb(propagation.baudRate[i] / REFERENCE_BANDWIDTH_HZ)
    const ase01nm = propagation.aseW[i] / s / dbToLinear(bandwidthToRefDb)
    const nli01nm = propagation.nliW[i] / s / dbToLinear(bandwidthToRefDb)
    const gsnr01nmDb = -linearToDb(ase01nm + nli01nm + terminalInverse01nm)
    const osnrAse01nmDb = -linearToDb(ase01nm + terminalInverse01nm)
    out.push({
      frequencyThz: propagation.frequencyHz[i] / 1e12,
      gsnr01nmDb,
      gsnrSignalBandwidthDb: gsnr01nmDb - bandwidthToRefDb,
      osnrAse01nmDb,
      osnrAseSignalBandwidthDb: osnrAse01nmDb - bandwidthToRefDb,
      snrNli01nmDb: -linearToDb(nli01nm),
    })
  }
  return out
}

export interface ReceiverSummary {
  gsnr01nmDb: number
  gsnrSignalBandwidthDb: number
  osnrAse01nmDb: number
  osnrAseSignalBandwidthDb: number
  worstGsnr01nmDb: number
  cdPsPerNm: number
  pmdPs: number
  pdlDb: number
  latencyMs: number
}

/** The receiver's figures averaged over channels in dB, as GNPy prints them, plus the worst channel's GSNR. */
export function receiverSummary(propagation: Propagation, terminalOsnrs01nmDb: readonly number[]): ReceiverSummary {
  const channels = channelSnrs(propagation, terminalOsnrs01nmDb)
  const mean = (pick: (c: ChannelSnr) => number) => channels.reduce((sum, c) => sum + pick(c), 0) / channels.length
  return {
    gsnr01nmDb: mean((c) => c.gsnr01nmDb),
    gsnrSignalBandwidthDb: mean((c) => c.gsnrSignalBandwidthDb),
    osnrAse01nmDb: mean((c) => c.osnrAse01nmDb),
    osnrAseSignalBandwidthDb: mean((c) => c.osnrAseSignalBandwidthDb),
    worstGsnr01nmDb: Math.min(...channels.map((c) => c.gsnr01nmDb)),
    cdPsPerNm: propagation.cdPsPerNm,
    pmdPs: propagation.pmdPs,
    pdlDb: propagation.pdlDb,
    latencyMs: propagation.latencyMs,
  }
}

/**
 * The terminal OSNR contributions of a transparent path, in 0.1 nm: the transmitter's, and the add (first
 * element a ROADM) and drop (last element a ROADM). A ROADM's `addDropOsnr01nmDb` is the add and drop pair
 * together, so each alone is 3.01 dB better (GNPy `Roadm.set_roadm_paths`: roadm-osnr = add_drop_osnr + lin2db(2)).
 */
export function terminalOsnrs01nmDb(elements: readonly LineElement[], txOsnr01nmDb: number): number[] {
  const contributions = [txOsnr01nmDb]
  const first = elements[0]
  const last = elements[elements.length - 1]
  if (first?.kind === 'roadm') contributions.push(first.addDropOsnr01nmDb + linearToDb(2))
  if (last?.kind === 'roadm') contributions.push(last.addDropOsnr01nmDb + linearToDb(2))
  return contributions
}
