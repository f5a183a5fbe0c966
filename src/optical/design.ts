import { linearToDb } from '../model'
import { noiseFigureDb } from './amplifier'
import type { Equipment } from './equipment'
import type { AmplifierElement, FiberElement, LineElement, RoadmElement } from './line'
import type { AmplifierFamily, AmplifierFamilyRule, DesignDefaults, FiberType } from './schema'
import { channelCount } from './spectrum'

/** What a link says about its fibre; everything it leaves out comes from the library's design defaults. */
export interface LinkOptics {
  id: string
  lengthKm: number
  kind: 'terrestrial' | 'submarine'
  /** One span end to end, amplified only at the terminals (a festoon or unrepeatered submarine link). */
  unrepeatered?: boolean
  fiberTypeId?: string
  roadmTypeId?: string
  /** Declared spans (from the cable's design or OTDR): their lengths, and a measured total loss when known. */
  spans?: { lengthKm: number; lossDb?: number }[]
  /** The link declares distributed Raman: Raman hybrids may serve every site after a span. */
  raman?: boolean
}

export interface DesignedSpan {
  index: number
  lengthKm: number
  lossDb: number
  lossFrom: 'declared' | 'computed'
  launchPerChannelDbm: number
  /** The amplifier at the end of the span (the receiving terminal's preamp for the last span). */
  amplifierTypeId: string | null
  gainDb: number
  nfDb: number | null
  /** Why that amplifier: the family rule that applied and whether its fallback was needed. */
  amplifierRule: string
}

export interface UnservedSite {
  elementId: string
  gainNeededDb: number
  reason: string
}

export interface LineDesign {
  linkId: string
  elements: LineElement[]
  spans: DesignedSpan[]
  /** Every default the design used, in words, with its value: what a planner checks first. */
  assumptions: string[]
  /** Amplifier sites no library amplifier can serve; the line is then not designable as given. */
  unserved: UnservedSite[]
}

const roundToStep = (value: number, step: number) => Math.round(value / step) * step

/**
 * Launch power deviation for a span from its loss, GNPy's power mode (Augé, Curri, Le Rouzic, OFC 2019 eq. 4;
 * gnpy/core/network.py `target_power`, d65865b8): Δp = clip(round((loss − loss_ref)·slope, step), [min, max]).
 */
export function launchDeviationDb(spanLossDb: number, design: DesignDefaults): number {
  const raw = roundToStep((spanLossDb - design.spanLossRefDb.value) * design.powerSlope.value, design.deltaPowerStepDb.value)
  return Math.min(Math.max(raw, design.deltaPowerMinDb.value), design.deltaPowerMaxDb.value)
}

function maxGainDb(equipment: Equipment, id: string): number {
  const a = equipment.amplifiers.get(id)!
  if (a.kind !== 'dual-stage') return a.gainFlatMaxDb ?? a.gainMinDb
  return maxGainDb(equipment, a.preampId!) + maxGainDb(equipment, a.boosterId!)
}

function pMaxDbm(equipment: Equipment, id: string): number {
  const a = equipment.amplifiers.get(id)!
  if (a.kind === 'dual-stage') return pMaxDbm(equipment, a.boosterId!)
  return a.pMaxDbm ?? Number.POSITIVE_INFINITY
}

/**
 * Picks the amplifier for a site like GNPy's `select_edfa`: among those allowed for design that reach the gain
 * and whose maximum output power holds the channels at the target, the lowest NF at that gain. Raman hybrids only
 * where a span precedes the site. Null when none reaches the gain.
 */
export function selectAmplifier(equipment: Equipment, gainDb: number, outputTotalDbm: number, afterSpan: boolean, allowed?: readonly string[], families?: readonly AmplifierFamily[]): { id: string; nfDb: number } | null {
  let best: { id: string; nfDb: number; powerShortDb: number } | null = null
  for (const amplifier of equipment.library.amplifiers) {
    if (allowed ? !allowed.includes(amplifier.id) : !amplifier.allowedForDesign) continue
    if (amplifier.raman && !afterSpan) continue
    if (families && !families.includes(amplifier.raman ? 'raman-hybrid' : 'edfa')) continue
    if (gainDb > maxGainDb(equipment, amplifier.id)) continue
    const nfDb = noiseFigureDb(equipment.noiseModels.get(amplifier.id)!, gainDb)
    const powerShortDb = Math.max(outputTotalDbm - pMaxDbm(equipment, amplifier.id), 0)
    if (best === null || powerShortDb < best.powerShortDb || (powerShortDb === best.powerShortDb && nfDb < best.nfDb)) best = { id: amplifier.id, nfDb, powerShortDb }
  }
  return best && { id: best.id, nfDb: best.nfDb }
}

/** The family rule of a link's sites (design.amplifierFamilies): by kind, unrepeatered first; a link declaring Raman widens it. */
function familyRule(link: LinkOptics, design: DesignDefaults): { name: string; rule: AmplifierFamilyRule } {
  const rules = design.amplifierFamilies
  const { name, rule } = link.unrepeatered ? { name: 'unrepeatered', rule: rules.unrepeatered } : link.kind === 'submarine' ? { name: 'submarine repeater', rule: rules.submarineRepeater } : { name: 'terrestrial in-line', rule: rules.terrestrialInline }
  if (!link.raman) return { name, rule }
  return { name: `${name}, link declares Raman`, rule: { ...rule, families: [...new Set<AmplifierFamily>([...rule.families, 'raman-hybrid'])] } }
}

/** Lumped loss at a span's output: connector, splices every reel length, ageing margin (GNPy adds EOL to con_out). */
function spanOutputLossDb(lengthKm: number, design: DesignDefaults): number {
  const splices = Math.max(Math.ceil(lengthKm / design.spliceSpacingKm.value) - 1, 0)
  return design.connectorLossDb.value + splices * design.spliceLossDb.value + design.ageingMarginDb.value
}

function computedSpanLossDb(lengthKm: number, fiber: FiberType, design: DesignDefaults): number {
  return fiber.lossDbPerKm * lengthKm + design.connectorLossDb.value + spanOutputLossDb(lengthKm, design)
}

function fiberType(equipment: Equipment, id: string | undefined, fallback: string): FiberType {
  const wanted = id ?? fallback
  const found = equipment.library.fibers.find((f) => f.id === wanted)
  if (!found) throw new RangeError(`unknown fibre type '${wanted}'`)
  return found
}

/**
 * Designs one link as a ROADM-to-ROADM line: spans from the declared ones, else from the length and the amplifier
 * spacing of its kind (one span when unrepeatered); span loss from the measured value, else length × dB/km plus
 * connectors, splices and the ageing margin; launch power per span by GNPy's power mode; at each site the gain
 * that restores the next span's launch power, and the amplifier chosen for it. Pure; O(spans × amplifiers).
 */
export function designLink(link: LinkOptics, equipment: Equipment): LineDesign {
  const { library } = equipment
  const design = library.design
  const assumptions: string[] = []
  const unserved: UnservedSite[] = []
  const fiber = fiberType(equipment, link.fiberTypeId, link.kind === 'submarine' ? 'smf28-ull' : 'ssmf')
  if (!link.fiberTypeId) assumptions.push(`fibre type ${fiber.id} (${fiber.lossDbPerKm} dB/km): the default for a ${link.kind} link`)
  const roadmType = library.roadms.find((r) => r.id === (link.roadmTypeId ?? 'default')) ?? library.roadms[0]
  const channels = channelCount(library.spectrum)
  const channelsDb = linearToDb(channels)
  const refDbm = library.spectrum.powerPerChannelDbm

  let spanPlan: { lengthKm: number; lossDb?: number }[]
  if (link.spans && link.spans.length > 0) {
    spanPlan = link.spans
    assumptions.push(`${spanPlan.length} declared spans`)
  } else if (link.unrepeatered) {
    spanPlan = [{ lengthKm: link.lengthKm }]
    assumptions.push('unrepeatered: one span, amplified only at the terminals')
  } else {
    const spacing = link.kind === 'submarine' ? design.submarineRepeaterSpacingKm : design.terrestrialAmplifierSpacingKm
    let count = Math.max(1, Math.ceil(link.lengthKm / spacing.value - 1e-9))
    // Like GNPy's auto-design, which splits fibres above Span max_loss / max_length: add sites until every span fits.
    while (computedSpanLossDb(link.lengthKm / count, fiber, design) > design.maxSpanLossDb.value && link.lengthKm / count > 1) count++
    spanPlan = Array.from({ length: count }, () => ({ lengthKm: link.lengthKm / count }))
    assumptions.push(`${count} equal spans of ${(link.lengthKm / count).toFixed(1)} km: ${link.kind} amplifier spacing ${spacing.value} ${spacing.unit} (${spacing.source}), no span above ${design.maxSpanLossDb.value} dB`)
  }

  const connectorDb = design.connectorLossDb.value
  const spans = spanPlan.map((span, index) => {
    const fibreLossDb = fiber.lossDbPerKm * span.lengthKm
    if (span.lossDb !== undefined) {
      const lumpedDb = Math.max(span.lossDb - fibreLossDb, 0)
      if (span.lossDb < fibreLossDb) assumptions.push(`span ${index + 1}: the declared loss ${span.lossDb} dB is below the fibre's own ${fibreLossDb.toFixed(2)} dB; the fibre value is used`)
      return { lengthKm: span.lengthKm, lossDb: fibreLossDb + lumpedDb, connectorInDb: 0, connectorOutDb: lumpedDb, lossFrom: 'declared' as const }
    }
    const outDb = spanOutputLossDb(span.lengthKm, design)
    return { lengthKm: span.lengthKm, lossDb: fibreLossDb + connectorDb + outDb, connectorInDb: connectorDb, connectorOutDb: outDb, lossFrom: 'computed' as const }
  })
  if (spans.some((s) => s.lossFrom === 'computed')) {
    assumptions.push(
      `computed span loss = length × ${fiber.lossDbPerKm} dB/km + ${connectorDb} dB connector at each end + ${design.spliceLossDb.value} dB per splice every ${design.spliceSpacingKm.value} km + ${design.ageingMarginDb.value} dB ageing margin`,
    )
  }
  assumptions.push(`launch power: ${refDbm} dBm per channel at ${design.spanLossRefDb.value} dB span loss, ${design.powerSlope.value} dB per dB of loss, within [${design.deltaPowerMinDb.value}, ${design.deltaPowerMaxDb.value}] dB; ${channels} channels`)

  const roadm = (id: string): RoadmElement => ({ kind: 'roadm', id, roadmTypeId: roadmType.id, targetPowerPerChannelDbm: roadmType.targetPowerPerChannelDbm, addDropOsnr01nmDb: roadmType.addDropOsnr01nmDb, pmdPs: roadmType.pmdPs })
  const elements: LineElement[] = [roadm(`${link.id}:roadm-a`)]
  const deviations = spans.map((s) => launchDeviationDb(s.lossDb, design))
  const designed: DesignedSpan[] = []

  const { name: ruleName, rule } = familyRule(link, design)
  const widened = [...new Set([...rule.families, ...rule.fallback])]
  assumptions.push(`amplifier families (${ruleName}): ${rule.families.join(', ')}${rule.fallback.length ? `; ${rule.fallback.join(', ')} only where none of those reaches the gain` : ''} (${rule.source})`)
  const amplifier = (id: string, role: AmplifierElement['role'], gainDb: number, outPerChannelDbm: number, afterSpan: boolean): { element: AmplifierElement | null; nfDb: number | null; rule: string } => {
    let choice = selectAmplifier(equipment, gainDb, outPerChannelDbm + channelsDb, afterSpan, undefined, rule.families)
    let why = `${ruleName}: ${rule.families.join(', ')}`
    if (!choice && rule.fallback.length > 0) {
      choice = selectAmplifier(equipment, gainDb, outPerChannelDbm + channelsDb, afterSpan, undefined, widened)
      why = `${ruleName}: no ${rule.families.join(' / ')} reaches ${gainDb.toFixed(1)} dB, fallback ${rule.fallback.join(', ')}`
    }
    if (!choice) {
      const largest = Math.max(...library.amplifiers.filter((a) => a.allowedForDesign && (!a.raman || afterSpan) && widened.includes(a.raman ? 'raman-hybrid' : 'edfa')).map((a) => maxGainDb(equipment, a.id)))
      unserved.push({ elementId: id, gainNeededDb: gainDb, reason: `needs ${gainDb.toFixed(1)} dB of gain; the largest any design amplifier of the ${ruleName} families (${widened.join(', ')}) gives is ${largest.toFixed(1)} dB` })
      return { element: null, nfDb: null, rule: why }
    }
    const element: AmplifierElement = { kind: 'amplifier', id, amplifierTypeId: choice.id, role, gainDb, pMaxDbm: pMaxDbm(equipment, choice.id), noiseModel: equipment.noiseModels.get(choice.id)! }
    return { element, nfDb: choice.nfDb, rule: why }
  }

  const booster = amplifier(`${link.id}:booster`, 'booster', refDbm + deviations[0] - roadmType.targetPowerPerChannelDbm, refDbm + deviations[0], false)
  if (booster.element) elements.push(booster.element)
  spans.forEach((span, index) => {
    const fiberElement: FiberElement = {
      kind: 'fiber',
      id: `${link.id}:span-${index + 1}`,
      fiberTypeId: fiber.id,
      lengthKm: span.lengthKm,
      lossDbPerKm: fiber.lossDbPerKm,
      dispersionPsPerNmKm: fiber.dispersionPsPerNmKm,
      effectiveAreaUm2: fiber.effectiveAreaUm2,
      n2M2PerW: fiber.n2M2PerW,
      pmdPsPerSqrtKm: fiber.pmdPsPerSqrtKm,
      groupIndex: fiber.groupIndex,
      connectorInDb: span.connectorInDb,
      connectorOutDb: span.connectorOutDb,
      spanLossDb: span.lossDb,
      lossFrom: span.lossFrom,
    }
    elements.push(fiberElement)
    const last = index === spans.length - 1
    // The preamp restores the reference power before the far ROADM (GNPy: Δp of a ROADM is 0).
    const nextDeviationDb = last ? 0 : deviations[index + 1]
    const gainDb = span.lossDb + nextDeviationDb - deviations[index]
    const role = last ? 'preamp' : link.kind === 'submarine' ? 'repeater' : 'inline'
    const site = amplifier(`${link.id}:${last ? 'preamp' : `amp-${index + 1}`}`, role, gainDb, refDbm + nextDeviationDb, true)
    if (site.element) elements.push(site.element)
    designed.push({ index: index + 1, lengthKm: span.lengthKm, lossDb: span.lossDb, lossFrom: span.lossFrom, launchPerChannelDbm: refDbm + deviations[index], amplifierTypeId: site.element?.amplifierTypeId ?? null, gainDb, nfDb: site.nfDb, amplifierRule: site.rule })
  })
  elements.push(roadm(`${link.id}:roadm-b`))
  return { linkId: link.id, elements, spans: designed, assumptions, unserved }
}
