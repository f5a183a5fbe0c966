import { channelSnrs, terminalOsnrs01nmDb } from './gsnr'
import type { Equipment } from './equipment'
import type { LineElement } from './line'
import { type PenaltyRow, modePenalties } from './penalties'
import { propagate } from './propagate'
import type { Spectrum, TransceiverMode, TransceiverType } from './schema'
import { channelComb } from './spectrum'

export interface ModeMargin {
  modeId: string
  bitRateGbps: number
  baudRateGbaud: number
  requiredOsnr01nmDb: number
  /** GSNR of the worst channel in 0.1 nm, transmitter and add/drop included. */
  worstGsnr01nmDb: number
  /** The mode's CD / PMD / PDL penalties at the receiver (empty when the mode has no tables). */
  penalties: PenaltyRow[]
  /** Sum of the finite penalties. */
  penaltyDb: number
  /** worstGsnr − penalties − required − system margin: feasible when ≥ 0 and every impairment is within its table. */
  marginDb: number
  feasible: boolean
}

/**
 * The margin of a mode from the worst channel's GSNR and the receiver's impairments, as GNPy's
 * `propagate_and_optimize_mode` decides: min(GSNR 0.1 nm − total penalty) against required OSNR + system margin;
 * an impairment beyond its table makes the mode infeasible whatever the margin.
 */
export function marginOf(mode: TransceiverMode, worstGsnr01nmDb: number, impairments: { cdPsPerNm: number; pmdPs: number; pdlDb: number }, systemMarginDb: number): ModeMargin {
  const penalties = modePenalties(mode.penalties, { chromaticDispersionPsPerNm: impairments.cdPsPerNm, pmdPs: impairments.pmdPs, pdlDb: impairments.pdlDb })
  const marginDb = worstGsnr01nmDb - penalties.totalDb - mode.requiredOsnr01nmDb - systemMarginDb
  return {
    modeId: mode.id,
    bitRateGbps: mode.bitRateGbps,
    baudRateGbaud: mode.baudRateGbaud,
    requiredOsnr01nmDb: mode.requiredOsnr01nmDb,
    worstGsnr01nmDb,
    penalties: penalties.rows,
    penaltyDb: penalties.totalDb,
    marginDb,
    feasible: marginDb >= 0 && penalties.withinTables,
  }
}

/**
 * The channel plan a mode runs on: the library's band, the mode's symbol rate, and the coarser of the design
 * spacing and the mode's minimum spacing (rounded up to the 12.5 GHz flexible grid, ITU-T G.694.1).
 */
export function modePlan(spectrum: Spectrum, mode: TransceiverMode) {
  const spacingGhz = Math.ceil(Math.max(spectrum.spacingGhz, mode.minSpacingGhz) / 12.5 - 1e-9) * 12.5
  return { fMinThz: spectrum.fMinThz, fMaxThz: spectrum.fMaxThz, spacingGhz, baudRateGbaud: mode.baudRateGbaud }
}

/** The margin of one mode on a transparent chain of elements (full load, flat launch). */
export function modeMargin(elements: readonly LineElement[], mode: TransceiverMode, equipment: Equipment): ModeMargin {
  const { spectrum, design } = equipment.library
  const propagation = propagate(elements, channelComb(modePlan(spectrum, mode)), spectrum.powerPerChannelDbm)
  const channels = channelSnrs(propagation, terminalOsnrs01nmDb(elements, mode.txOsnr01nmDb))
  const worstGsnr01nmDb = Math.min(...channels.map((c) => c.gsnr01nmDb))
  return marginOf(mode, worstGsnr01nmDb, propagation, design.systemMarginDb.value)
}

/** Every mode's margin, and the best feasible one: the highest bit rate, then the larger margin. */
export function bestMode(elements: readonly LineElement[], transceiver: TransceiverType, equipment: Equipment): { margins: ModeMargin[]; best: ModeMargin | null } {
  const margins = transceiver.modes.map((mode) => modeMargin(elements, mode, equipment))
  const feasible = margins.filter((m) => m.feasible).sort((a, b) => b.bitRateGbps - a.bitRateGbps || b.marginDb - a.marginDb)
  return { margins, best: feasible[0] ?? null }
}

/** A designed link's line without its own ROADMs, for joining links into one transparent path. */
function inner(elements: readonly LineElement[]): LineElement[] {
  return elements.filter((e, i) => !(e.kind === 'roadm' && (i === 0 || i === elements.length - 1)))
}

/**
 * Joins designed links (each ROADM to ROADM) into one transparent path: one ROADM between consecutive links
 * (express), the first and last ROADM of the path add and drop.
 */
export function joinLinks(lines: readonly (readonly LineElement[])[]): LineElement[] {
  const path: LineElement[] = []
  lines.forEach((line, i) => {
    if (i === 0) path.push(line[0])
    path.push(...inner(line))
    path.push(line[line.length - 1])
  })
  return path
}

export interface RegenerationPlan {
  modeId: string
  /** Link indices [from, to) of each transparent segment. */
  segments: { fromLink: number; toLink: number; margin: ModeMargin }[]
  /** Link indices after which a regenerator (OEO) sits. */
  regeneratorsAfterLink: number[]
  /** A single link on which the mode does not close even alone: no regeneration can help. */
  blockedAtLink: number | null
}

/**
 * Where to regenerate a chain of links for one mode, greedily: each transparent segment is extended link by link
 * while the mode still closes. GSNR only falls as spans are added, so the farthest-reaching first segment never
 * costs a regenerator, and this greedy gives the fewest regenerators on a chain (the interval-covering argument).
 * O(links²) propagations in the worst case.
 */
export function regenerationPlan(lines: readonly (readonly LineElement[])[], mode: TransceiverMode, equipment: Equipment): RegenerationPlan {
  const segments: RegenerationPlan['segments'] = []
  let from = 0
  while (from < lines.length) {
    let to = from
    let lastGood: ModeMargin | null = null
    while (to < lines.length) {
      const margin = modeMargin(joinLinks(lines.slice(from, to + 1)), mode, equipment)
      if (!margin.feasible) break
      lastGood = margin
      to++
    }
    if (lastGood === null) return { modeId: mode.id, segments, regeneratorsAfterLink: segments.slice(0, -1).map((s) => s.toLink - 1), blockedAtLink: from }
    segments.push({ fromLink: from, toLink: to, margin: lastGood })
    from = to
  }
  return { modeId: mode.id, segments, regeneratorsAfterLink: segments.slice(0, -1).map((s) => s.toLink - 1), blockedAtLink: null }
}
