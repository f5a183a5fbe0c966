import { dbToLinear, dbmToWatt, linearToDb, wattToDbm } from '../model'
import { noiseFigureDb } from './amplifier'
import { PLANCK_J_S, REFERENCE_BANDWIDTH_HZ } from './constants'
import { alphaPerM, spanDispersionPsPerNm, spanLatencyMs, spanPmdPs } from './fiber'
import type { AmplifierElement, FiberElement, LineElement, RoadmElement } from './line'
import { type Comb, gnEtaMatrix, spanNliW } from './nli'

/** What one element did to the channels, reported for the centre channel (index ⌊n/2⌋). */
export interface ElementReport {
  kind: LineElement['kind']
  id: string
  /** Fibre: span loss; ROADM: attenuation applied to the centre channel. */
  lossDb?: number
  /** Amplifier: the gain applied (the target, reduced when the output would exceed pMaxDbm). */
  gainDb?: number
  nfDb?: number
  saturated?: boolean
  powerInPerChannelDbm: number
  powerOutPerChannelDbm: number
  powerOutTotalDbm: number
  /** ASE (amplifier) or NLI (fibre) power this element added to the centre channel, in its signal bandwidth. */
  aseAddedW?: number
  nliAddedW?: number
  /** Cumulative, centre channel, line only (transmitter and add/drop not included); null while noiseless. */
  osnrAse01nmDb: number | null
  gsnr01nmDb: number | null
}

export interface Propagation {
  frequencyHz: Float64Array
  baudRate: Float64Array
  signalW: Float64Array
  aseW: Float64Array
  nliW: Float64Array
  cdPsPerNm: number
  pmdPs: number
  /** Polarisation-dependent loss, √Σ PDL² over the ROADMs crossed (GNPy `Roadm.__call__`). */
  pdlDb: number
  latencyMs: number
  elements: ElementReport[]
}

/** Per-channel SNRs in dB from the propagated powers: signal over noise in the signal bandwidth, and in 0.1 nm. */
export function snrDb(signalW: number, noiseW: number, baudRate: number): { signalBandwidthDb: number; ref01nmDb: number } {
  const signalBandwidthDb = linearToDb(signalW / noiseW)
  return { signalBandwidthDb, ref01nmDb: signalBandwidthDb + linearToDb(baudRate / REFERENCE_BANDWIDTH_HZ) }
}

/**
 * Propagates a flat comb through a chain of elements, as GNPy's `transmission_main_example` does with the GN
 * analytic model and no Raman solver: each channel carries a total power split into signal, ASE and NLI;
 * elements scale all three (gain, loss), amplifiers add ASE referred to their input, h·ν·NF·R (GNPy
 * `Edfa.noise_profile`: R = symbol rate, so the ASE is counted in the signal bandwidth), fibres add NLI
 * computed from the total channel powers at their input, conserving the total (GNPy `SpectralInformation.add_nli`,
 * the convention discussed in GNPy #545), and ROADMs equalise each channel to their target, never amplifying.
 * ASE accumulates incoherently (powers add); so does NLI, span by span.
 */
export function propagate(elements: readonly LineElement[], comb: Comb, launchPerChannelDbm: number): Propagation {
  const n = comb.frequencyHz.length
  const total = new Float64Array(n).fill(dbmToWatt(launchPerChannelDbm))
  const signalRatio = new Float64Array(n).fill(1)
  const aseRatio = new Float64Array(n)
  const nliRatio = new Float64Array(n)
  const centre = Math.floor(n / 2)
  let cdPsPerNm = 0
  let pmdSquaredPs2 = 0
  let pdlSquaredDb2 = 0
  let latencyMs = 0
  const reports: ElementReport[] = []
  // Identical spans (a designed link's are) share one η matrix: it depends only on the fibre and the comb.
  const etaBySpan = new Map<string, Float64Array>()

  const scale = (factor: number) => {
    for (let i = 0; i < n; i++) total[i] *= factor
  }
  const sumDbm = () => wattToDbm(total.reduce((a, b) => a + b, 0))
  const cumulative = () => {
    const r = comb.baudRate[centre]
    const ase = aseRatio[centre]
    const noise = ase + nliRatio[centre]
    return {
      osnrAse01nmDb: ase > 0 ? snrDb(signalRatio[centre], ase, r).ref01nmDb : null,
      gsnr01nmDb: noise > 0 ? snrDb(signalRatio[centre], noise, r).ref01nmDb : null,
    }
  }

  for (const element of elements) {
    const powerInPerChannelDbm = wattToDbm(total[centre])
    if (element.kind === 'fiber') {
      const report = fiberStep(element)
      reports.push({ kind: 'fiber', id: element.id, powerInPerChannelDbm, ...report, powerOutPerChannelDbm: wattToDbm(total[centre]), powerOutTotalDbm: sumDbm(), ...cumulative() })
    } else if (element.kind === 'amplifier') {
      const report = amplifierStep(element)
      reports.push({ kind: 'amplifier', id: element.id, powerInPerChannelDbm, ...report, powerOutPerChannelDbm: wattToDbm(total[centre]), powerOutTotalDbm: sumDbm(), ...cumulative() })
    } else {
      const lossDb = roadmStep(element)
      reports.push({ kind: 'roadm', id: element.id, powerInPerChannelDbm, lossDb, powerOutPerChannelDbm: wattToDbm(total[centre]), powerOutTotalDbm: sumDbm(), ...cumulative() })
    }
  }

  function fiberStep(fiber: FiberElement): Pick<ElementReport, 'lossDb' | 'nliAddedW'> {
    scale(1 / dbToLinear(fiber.connectorInDb))
    const key = `${fiber.lengthKm}|${fiber.lossDbPerKm}|${fiber.dispersionPsPerNmKm}|${fiber.effectiveAreaUm2}|${fiber.n2M2PerW}`
    let eta = etaBySpan.get(key)
    if (eta === undefined) {
      eta = gnEtaMatrix(comb, fiber)
      etaBySpan.set(key, eta)
    }
    const nli = spanNliW(eta, total)
    for (let i = 0; i < n; i++) {
      const fraction = nli[i] / total[i]
      signalRatio[i] *= 1 - fraction
      aseRatio[i] *= 1 - fraction
      nliRatio[i] = nliRatio[i] * (1 - fraction) + fraction
    }
    cdPsPerNm += spanDispersionPsPerNm(fiber)
    pmdSquaredPs2 += spanPmdPs(fiber) ** 2
    latencyMs += spanLatencyMs(fiber)
    scale(Math.exp(-alphaPerM(fiber.lossDbPerKm) * fiber.lengthKm * 1000))
    scale(1 / dbToLinear(fiber.connectorOutDb))
    return { lossDb: fiber.spanLossDb, nliAddedW: nli[centre] }
  }

  function amplifierStep(amplifier: AmplifierElement): Pick<ElementReport, 'gainDb' | 'nfDb' | 'saturated' | 'aseAddedW'> {
    const inputTotalDbm = sumDbm()
    const gainDb = Math.min(amplifier.gainDb, amplifier.pMaxDbm - inputTotalDbm)
    const nfDb = noiseFigureDb(amplifier.noiseModel, gainDb)
    const nfLinear = dbToLinear(nfDb)
    let aseCentreW = 0
    for (let i = 0; i < n; i++) {
      const aseInW = PLANCK_J_S * comb.frequencyHz[i] * comb.baudRate[i] * nfLinear
      const before = total[i]
      const after = before + aseInW
      signalRatio[i] *= before / after
      nliRatio[i] *= before / after
      aseRatio[i] = (aseRatio[i] * before + aseInW) / after
      total[i] = after
      if (i === centre) aseCentreW = aseInW * dbToLinear(gainDb)
    }
    scale(dbToLinear(gainDb))
    return { gainDb, nfDb, saturated: gainDb < amplifier.gainDb, aseAddedW: aseCentreW }
  }

  function roadmStep(roadm: RoadmElement): number {
    const targetW = dbmToWatt(roadm.targetPowerPerChannelDbm)
    let centreLossDb = 0
    for (let i = 0; i < n; i++) {
      const outW = Math.min(total[i], targetW)
      if (i === centre) centreLossDb = linearToDb(total[i] / outW)
      total[i] = outW
    }
    pmdSquaredPs2 += roadm.pmdPs ** 2
    pdlSquaredDb2 += (roadm.pdlDb ?? 0) ** 2
    return centreLossDb
  }

  const signalW = new Float64Array(n)
  const aseW = new Float64Array(n)
  const nliW = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    signalW[i] = signalRatio[i] * total[i]
    aseW[i] = aseRatio[i] * total[i]
    nliW[i] = nliRatio[i] * total[i]
  }
  return { frequencyHz: comb.frequencyHz, baudRate: comb.baudRate, signalW, aseW, nliW, cdPsPerNm, pmdPs: Math.sqrt(pmdSquaredPs2), pdlDb: Math.sqrt(pdlSquaredDb2), latencyMs, elements: reports }
}
