import { linearToDb } from '../model'
import type { Equipment } from './equipment'
import { modeMargin, type ModeMargin } from './feasibility'
import type { AmplifierElement, FiberElement, LineElement } from './line'
import type { TransceiverMode } from './schema'
import { channelCount } from './spectrum'

export const UNREPEATERED_OPTIONS = ['edfa', 'edfa+raman', 'edfa+raman+ropa'] as const
export type UnrepeateredOption = (typeof UNREPEATERED_OPTIONS)[number]

export interface UnrepeateredQuery {
  fiberTypeId: string
  option: UnrepeateredOption
  mode: TransceiverMode
  boosterId?: string
  preampId?: string
  ramanId?: string
  ropaId?: string
}

export interface UnrepeateredAnswer {
  maxLengthKm: number
  /** The margin at maxLengthKm, with the launch power that gave it. */
  margin: ModeMargin | null
  launchPerChannelDbm: number | null
  assumptions: string[]
}

const LAUNCH_STEP_DB = 0.5

/**
 * One terminal-to-terminal span: ROADM → booster → fibre [→ ROPA → last ROPA-distance of fibre] → preamp (or a
 * Raman hybrid preamp) → ROADM, for a launch power per channel. Span loss is length × dB/km plus the library's
 * connectors and ageing margin; the preamp gain restores the ROADM's input reference.
 */
export function unrepeateredLine(lengthKm: number, launchPerChannelDbm: number, query: UnrepeateredQuery, equipment: Equipment): LineElement[] {
  const { library, noiseModels } = equipment
  const fiber = library.fibers.find((f) => f.id === query.fiberTypeId)
  if (!fiber) throw new RangeError(`unknown fibre type '${query.fiberTypeId}'`)
  const roadm = library.roadms[0]
  const connectorDb = library.design.connectorLossDb.value
  const ageingDb = library.design.ageingMarginDb.value
  const amp = (id: string, typeId: string, role: AmplifierElement['role'], gainDb: number): AmplifierElement => {
    const type = equipment.amplifiers.get(typeId)
    if (!type) throw new RangeError(`unknown amplifier '${typeId}'`)
    const pMax = type.kind === 'dual-stage' ? equipment.amplifiers.get(type.boosterId!)!.pMaxDbm : type.pMaxDbm
    return { kind: 'amplifier', id, amplifierTypeId: typeId, role, gainDb, pMaxDbm: pMax ?? Number.POSITIVE_INFINITY, noiseModel: noiseModels.get(typeId)! }
  }
  const piece = (id: string, km: number, inDb: number, outDb: number): FiberElement => ({
    kind: 'fiber', id, fiberTypeId: fiber.id, lengthKm: km, lossDbPerKm: fiber.lossDbPerKm, dispersionPsPerNmKm: fiber.dispersionPsPerNmKm,
    effectiveAreaUm2: fiber.effectiveAreaUm2, n2M2PerW: fiber.n2M2PerW, pmdPsPerSqrtKm: fiber.pmdPsPerSqrtKm, groupIndex: fiber.groupIndex,
    connectorInDb: inDb, connectorOutDb: outDb, spanLossDb: km * fiber.lossDbPerKm + inDb + outDb, lossFrom: 'computed',
  })
  const roadmElement = (id: string): LineElement => ({ kind: 'roadm', id, roadmTypeId: roadm.id, targetPowerPerChannelDbm: roadm.targetPowerPerChannelDbm, addDropOsnr01nmDb: roadm.addDropOsnr01nmDb, pmdPs: roadm.pmdPs })
  const elements: LineElement[] = [roadmElement('terminal-a'), amp('booster', query.boosterId ?? 'high_power', 'booster', launchPerChannelDbm - roadm.targetPowerPerChannelDbm)]
  let remainingLossDb: number
  if (query.option === 'edfa+raman+ropa') {
    const ropa = library.ropa.find((r) => r.id === (query.ropaId ?? library.ropa[0]?.id))
    if (!ropa) throw new RangeError('the library has no ROPA option')
    const farKm = Math.min(ropa.distanceFromReceiverKm, lengthKm)
    const first = piece('span-before-ropa', lengthKm - farKm, connectorDb, 0)
    elements.push(first)
    elements.push({ kind: 'amplifier', id: 'ropa', amplifierTypeId: ropa.id, role: 'ropa', gainDb: ropa.gainDb, pMaxDbm: Number.POSITIVE_INFINITY, noiseModel: { kind: 'fixed-gain', gainMinDb: ropa.gainDb, nf0Db: ropa.nfDb } })
    const second = piece('span-after-ropa', farKm, 0, connectorDb + ageingDb)
    elements.push(second)
    remainingLossDb = first.spanLossDb - ropa.gainDb + second.spanLossDb
  } else {
    const span = piece('span', lengthKm, connectorDb, connectorDb + ageingDb)
    elements.push(span)
    remainingLossDb = span.spanLossDb
  }
  const preampGainDb = remainingLossDb + library.spectrum.powerPerChannelDbm - launchPerChannelDbm
  const preamp = amp('preamp', query.preampId ?? 'std_medium_gain', 'preamp', preampGainDb)
  if (query.option === 'edfa') elements.push(preamp)
  else {
    // Distributed Raman in the span's last kilometres, as its lumped equivalent: a first stage of the library's
    // on-off gain and effective NF before the EDFA preamp (GNPy's hybrid_4pumps_* amplifiers are built the same way).
    const raman = library.raman.find((r) => r.id === (query.ramanId ?? library.raman[0]?.id))
    if (!raman) throw new RangeError('the library has no Raman option')
    elements.push({
      ...preamp,
      amplifierTypeId: `${raman.id}+${preamp.amplifierTypeId}`,
      noiseModel: { kind: 'dual-stage', preamp: { kind: 'fixed-gain', gainMinDb: raman.onOffGainDb, nf0Db: raman.effectiveNfDb }, preampGainDb: raman.onOffGainDb, booster: preamp.noiseModel },
    })
  }
  elements.push(roadmElement('terminal-b'))
  return elements
}

/** The best margin over launch powers from −5 dBm to the booster's full output shared by all channels. */
export function unrepeateredMargin(lengthKm: number, query: UnrepeateredQuery, equipment: Equipment): { margin: ModeMargin; launchDbm: number } {
  const booster = equipment.amplifiers.get(query.boosterId ?? 'high_power')
  const channelsDb = linearToDb(channelCount(equipment.library.spectrum))
  const topDbm = (booster?.pMaxDbm ?? 20) - channelsDb
  let best: { margin: ModeMargin; launchDbm: number } | null = null
  for (let p = -5; p <= topDbm + 1e-9; p += LAUNCH_STEP_DB) {
    const margin = modeMargin(unrepeateredLine(lengthKm, p, query, equipment), query.mode, equipment)
    if (best === null || margin.marginDb > best.margin.marginDb) best = { margin, launchDbm: p }
  }
  return best!
}

/** What an unrepeatered answer assumes, in words; without a fibre, for every fibre of the library. */
export function unrepeateredAssumptions(option: UnrepeateredOption, equipment: Equipment, fiberTypeId?: string): string[] {
  const { design } = equipment.library
  const assumptions = [
    `${fiberTypeId ? `fibre ${fiberTypeId}; ` : ''}connectors ${design.connectorLossDb.value} dB each end; ageing margin ${design.ageingMarginDb.value} dB`,
    `launch power optimised in ${LAUNCH_STEP_DB} dB steps up to the booster's maximum output over ${channelCount(equipment.library.spectrum)} channels`,
  ]
  if (option !== 'edfa') assumptions.push('distributed Raman as a lumped first stage (on-off gain, effective NF) before the EDFA preamp')
  else assumptions.push('EDFA booster and preamp only')
  if (option === 'edfa+raman+ropa') assumptions.push('ROPA as a lumped amplifier at its distance from the receiver; its gain and NF are assumptions of the library; pump delivery not modelled')
  return assumptions
}

/**
 * The longest unrepeatered span on which the mode closes (margin ≥ 0 with the system margin), for a fibre and an
 * amplification option, to 1 km. Bisection: the best margin falls monotonically with length. The ROPA's pump
 * delivery and Raman's distributed profile are not modelled (lumped equivalents from the library).
 */
export function maxUnrepeateredLengthKm(query: UnrepeateredQuery, equipment: Equipment): UnrepeateredAnswer {
  const assumptions = unrepeateredAssumptions(query.option, equipment, query.fiberTypeId)
  let low = 10
  let high = 1000
  if (!unrepeateredMargin(low, query, equipment).margin.feasible) return { maxLengthKm: 0, margin: null, launchPerChannelDbm: null, assumptions }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (unrepeateredMargin(mid, query, equipment).margin.feasible) low = mid
    else high = mid
  }
  const at = unrepeateredMargin(low, query, equipment)
  return { maxLengthKm: low, margin: at.margin, launchPerChannelDbm: at.launchDbm, assumptions }
}
