import Type, { type Static } from 'typebox'
import { SilkwayError, assertValid } from '../model'
import { type RouteConstraints, RouteConstraintsSchema, type RoutingIndex, type Metric, route, PathResultSchema } from '../routing'
import { designLink, type LinkOptics } from './design'
import type { Equipment } from './equipment'
import { bestMode, modePlan } from './feasibility'
import { networkLinkOptics } from './network'
import { type OpticalPathAnswer, OpticalPathAnswerSchema, LinkDesignAnswerSchema, ModeMarginSchema, opticalPath } from './query'
import type { TransceiverType } from './schema'
import { type ChannelPlan, channelComb, channelCount } from './spectrum'
import { channelSnrs, receiverSummary, terminalOsnrs01nmDb } from './gsnr'
import type { LineElement } from './line'
import { propagate } from './propagate'
import { UNREPEATERED_OPTIONS, maxUnrepeateredLengthKm, unrepeateredAssumptions, unrepeateredMargin } from './unrepeatered'

/**
 * The optical questions asked of a silkway network (issue 12 §4): the optical path under the routing engine's
 * best route, the design of one link, and the rate every link and path can carry. Pure: a compiled routing index
 * and an equipment library in, plain answers out; the CLI and the server are thin adapters over these.
 */

export const LAUNCH_SOURCES = ['library', 'argument', 'optimised'] as const

export interface OpticalRouteQuery {
  from: string
  to: string
  metric: Metric
  constraints: RouteConstraints
  transceiverId?: string
  modeId?: string
  /** Reference launch power per channel (into a span of the reference loss); default the library's SI power. */
  powerPerChannelDbm?: number
  optimisePower?: boolean
}

const LaunchSchema = Type.Object({
  powerPerChannelDbm: Type.Number({ description: 'Reference launch power per channel into a span of the reference loss; each span deviates by its loss (GNPy power mode)' }),
  from: Type.Enum([...LAUNCH_SOURCES], { description: "library: the equipment's SI power; argument: --power-dbm; optimised: the sweep below" }),
  sweep: Type.Array(Type.Object({ powerPerChannelDbm: Type.Number(), modeId: Type.Union([Type.String(), Type.Null()]), bitRateGbps: Type.Number(), marginDb: Type.Number() }), {
    description: 'The optimisation: at each reference power, the best mode (else the highest-rate one) and its margin',
  }),
})

export const OpticalRouteAnswerSchema = Type.Object({
  scenario: Type.String(),
  from: Type.String(),
  to: Type.String(),
  metric: Type.String(),
  constraints: RouteConstraintsSchema,
  route: PathResultSchema,
  launch: LaunchSchema,
  notes: Type.Array(Type.String({ description: 'What the network data leaves to the design (length estimated, repeatered unknown)' })),
  optics: OpticalPathAnswerSchema,
})
export type OpticalRouteAnswer = Static<typeof OpticalRouteAnswerSchema>

/** The library with another reference launch power: the design's per-span deviations are relative to it. */
export function withLaunchPower(equipment: Equipment, powerPerChannelDbm: number): Equipment {
  const { library } = equipment
  return { ...equipment, library: { ...library, spectrum: { ...library.spectrum, powerPerChannelDbm } } }
}

function linkOpticsOf(index: RoutingIndex): { byId: Map<string, LinkOptics>; notes: Map<string, string> } {
  const { links, notes } = networkLinkOptics(index.network, index.profile)
  return { byId: new Map(links.map((l) => [l.id, l])), notes }
}

function chainOptics(linkIds: readonly string[], optics: { byId: Map<string, LinkOptics>; notes: Map<string, string> }): { links: LinkOptics[]; notes: string[] } {
  const links = linkIds.map((id) => {
    const link = optics.byId.get(id)
    if (!link) throw new SilkwayError('SW_INVALID_ARGUMENT', `link '${id}' has no length, geometry or endpoint coordinates: the optical layer cannot design it`, { link: id })
    return link
  })
  const notes = linkIds.flatMap((id) => (optics.notes.has(id) ? [`${id}: ${optics.notes.get(id)}`] : []))
  return { links, notes }
}

function pathAnswer(links: LinkOptics[], query: { transceiverId?: string; modeId?: string }, equipment: Equipment): OpticalPathAnswer {
  return assertValid(opticalPath({ links, transceiverId: query.transceiverId, modeId: query.modeId }, equipment), 'optical path')
}

/** A sweep point's score: the best feasible rate, then the margin; with none feasible, the first mode's margin. */
function score(answer: OpticalPathAnswer) {
  const mode = answer.bestMode ?? answer.modes.slice().sort((a, b) => b.bitRateGbps - a.bitRateGbps || b.marginDb - a.marginDb)[0]
  return { modeId: answer.bestMode?.modeId ?? null, bitRateGbps: answer.bestMode?.bitRateGbps ?? 0, marginDb: mode?.marginDb ?? Number.NEGATIVE_INFINITY }
}

/**
 * The optical path between two nodes along the routing engine's best route (its metric and constraints):
 * every link designed, the transparent path propagated, each mode's margin, and regenerators where none closes.
 * `optimisePower` sweeps the reference launch power over the library's documented range (GNPy's power sweep,
 * `power_range_db`) and keeps the power with the highest feasible rate, then the largest margin.
 */
export function opticalRoute(index: RoutingIndex, query: OpticalRouteQuery, equipment: Equipment, scenario: string): OpticalRouteAnswer {
  const answer = route(index, { from: query.from, to: query.to, k: 1, metric: query.metric, constraints: query.constraints }, scenario)
  const best = answer.paths[0]
  const { links, notes } = chainOptics(best.links, linkOpticsOf(index))
  const design = equipment.library.design
  let launch: OpticalRouteAnswer['launch'] = { powerPerChannelDbm: equipment.library.spectrum.powerPerChannelDbm, from: 'library', sweep: [] }
  if (query.powerPerChannelDbm !== undefined) launch = { powerPerChannelDbm: query.powerPerChannelDbm, from: 'argument', sweep: [] }
  else if (query.optimisePower) {
    const sweep: OpticalRouteAnswer['launch']['sweep'] = []
    const step = design.deltaPowerStepDb.value
    for (let p = design.launchSweepMinDbm.value; p <= design.launchSweepMaxDbm.value + 1e-9; p += step) {
      sweep.push({ powerPerChannelDbm: Math.round(p * 100) / 100, ...score(pathAnswer(links, query, withLaunchPower(equipment, p))) })
    }
    const chosen = sweep.reduce((a, b) => (b.bitRateGbps > a.bitRateGbps || (b.bitRateGbps === a.bitRateGbps && b.marginDb > a.marginDb) ? b : a))
    launch = { powerPerChannelDbm: chosen.powerPerChannelDbm, from: 'optimised', sweep }
  }
  const optics = pathAnswer(links, query, withLaunchPower(equipment, launch.powerPerChannelDbm))
  return { scenario, from: answer.from.id, to: answer.to.id, metric: answer.metric, constraints: answer.constraints, route: best, launch, notes, optics }
}

const UnrepeateredRowSchema = Type.Object({
  fiberTypeId: Type.String(),
  option: Type.Enum([...UNREPEATERED_OPTIONS]),
  modes: Type.Array(
    Type.Object({
      modeId: Type.String(),
      bitRateGbps: Type.Number(),
      marginDb: Type.Number({ description: "At the link's length, launch power optimised" }),
      feasible: Type.Boolean(),
      launchPerChannelDbm: Type.Number(),
      maxLengthKm: Type.Optional(Type.Number({ description: 'Longest unrepeatered span on which the mode closes (with --max-reach)' })),
    }),
  ),
})

export const OpticalSpanAnswerSchema = Type.Object({
  scenario: Type.String(),
  linkId: Type.String(),
  lengthKm: Type.Number(),
  kind: Type.Enum(['terrestrial', 'submarine']),
  unrepeatered: Type.Boolean({ description: 'The data says the link has no repeaters' }),
  notes: Type.Array(Type.String()),
  transceiverId: Type.String(),
  design: LinkDesignAnswerSchema,
  modes: Type.Array(ModeMarginSchema),
  bestMode: Type.Union([ModeMarginSchema, Type.Null()]),
  unrepeateredOptions: Type.Array(UnrepeateredRowSchema, {
    description: 'The link crossed as one span terminal to terminal, for every library fibre and amplification option (booster, Raman, ROPA)',
  }),
  unrepeateredAssumptions: Type.Array(Type.String()),
})
export type OpticalSpanAnswer = Static<typeof OpticalSpanAnswerSchema>

export interface OpticalSpanQuery {
  link: string
  transceiverId?: string
  maxReach?: boolean
}

function transceiverOf(equipment: Equipment, id: string | undefined): TransceiverType {
  const { transceivers } = equipment.library
  const found = transceivers.find((t) => t.id === (id ?? transceivers[0].id))
  if (!found) throw new SilkwayError('SW_INVALID_ARGUMENT', `no transceiver '${id}' in the equipment library; available: ${transceivers.map((t) => t.id).join(', ')}`, { field: 'transceiver' })
  return found
}

/**
 * One link's design (spans, amplifiers, every assumption), each mode's margin on it, and the unrepeatered
 * question: the link as a single span for every library fibre and option, with the margin per mode at its length
 * and, when asked, the longest span each mode closes (bisection; seconds, hence optional).
 */
export function opticalSpan(index: RoutingIndex, query: OpticalSpanQuery, equipment: Equipment, scenario: string): OpticalSpanAnswer {
  const link = index.network.links.find((l) => l.id === query.link)
  if (!link) throw new SilkwayError('SW_INVALID_ARGUMENT', `no link '${query.link}' in scenario '${scenario}'`, { field: 'link' })
  const optics = linkOpticsOf(index)
  const { links, notes } = chainOptics([link.id], optics)
  const transceiver = transceiverOf(equipment, query.transceiverId)
  const designed = designLink(links[0], equipment)
  const { spans, assumptions, unserved } = designed
  const margins = unserved.length === 0 ? bestMode(designed.elements, transceiver, equipment) : { margins: [], best: null }
  const rows: OpticalSpanAnswer['unrepeateredOptions'] = []
  for (const fiber of equipment.library.fibers) {
    for (const option of UNREPEATERED_OPTIONS) {
      const modes = transceiver.modes.map((mode) => {
        const q = { fiberTypeId: fiber.id, option, mode }
        const at = unrepeateredMargin(links[0].lengthKm, q, equipment)
        const row: OpticalSpanAnswer['unrepeateredOptions'][number]['modes'][number] = {
          modeId: mode.id,
          bitRateGbps: mode.bitRateGbps,
          marginDb: at.margin.marginDb,
          feasible: at.margin.feasible,
          launchPerChannelDbm: at.launchDbm,
        }
        if (query.maxReach) {
          const reach = maxUnrepeateredLengthKm(q, equipment)
          row.maxLengthKm = reach.maxLengthKm
        }
        return row
      })
      rows.push({ fiberTypeId: fiber.id, option, modes })
    }
  }
  return {
    scenario,
    linkId: link.id,
    lengthKm: links[0].lengthKm,
    kind: links[0].kind,
    unrepeatered: links[0].unrepeatered === true,
    notes,
    transceiverId: transceiver.id,
    design: { linkId: link.id, spans, assumptions, unserved },
    modes: margins.margins,
    bestMode: margins.best,
    unrepeateredOptions: rows,
    unrepeateredAssumptions: [...new Set(UNREPEATERED_OPTIONS.flatMap((option) => unrepeateredAssumptions(option, equipment)))],
  }
}

const ReachRowSchema = Type.Object({
  linkId: Type.String(),
  lengthKm: Type.Number(),
  spans: Type.Integer(),
  designed: Type.Boolean(),
  modeId: Type.Union([Type.String(), Type.Null()], { description: 'The highest-rate mode that closes on the link alone' }),
  rateGbps: Type.Number({ description: 'Its bit rate per wavelength; 0 when none closes' }),
  marginDb: Type.Union([Type.Number(), Type.Null()]),
  wavelengthsPerPair: Type.Integer({ description: "Channels of that mode's plan (its spacing) in the library's band" }),
})

export const OpticalReachAnswerSchema = Type.Object({
  scenario: Type.String(),
  transceiverId: Type.String(),
  links: Type.Array(ReachRowSchema),
  paths: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      links: Type.Array(Type.String()),
      lengthKm: Type.Union([Type.Number(), Type.Null()]),
      modeId: Type.Union([Type.String(), Type.Null()], { description: 'Best mode end to end, transparent' }),
      rateGbps: Type.Number(),
      marginDb: Type.Union([Type.Number(), Type.Null()]),
      regeneratorsAfterLink: Type.Array(Type.String(), { description: 'When no mode closes transparently: the links after which to regenerate' }),
      regeneratedModeId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  notes: Type.Array(Type.String()),
})
export type OpticalReachAnswer = Static<typeof OpticalReachAnswerSchema>
export type ReachRow = Static<typeof ReachRowSchema>

export interface OpticalReachQuery {
  transceiverId?: string
  links?: string[]
  pairs?: { from: string; to: string }[]
  metric: Metric
  constraints: RouteConstraints
}

/**
 * Per link, the highest rate a wavelength can carry on it alone (every mode propagated at full load on the link's
 * design), and its channel count; links are ROADM to ROADM, so this is what the capacity model multiplies
 * (`opticalLinkRates`). Per pair, the best route's transparent answer and its regenerators.
 */
export function opticalReach(index: RoutingIndex, query: OpticalReachQuery, equipment: Equipment, scenario: string): OpticalReachAnswer {
  const transceiver = transceiverOf(equipment, query.transceiverId)
  const optics = linkOpticsOf(index)
  for (const id of query.links ?? []) if (!index.linkIndex.has(id)) throw new SilkwayError('SW_INVALID_ARGUMENT', `no link '${id}' in scenario '${scenario}'`, { field: 'link' })
  const wanted = query.links?.length ? new Set(query.links) : undefined
  const rows: ReachRow[] = []
  for (const link of optics.byId.values()) {
    if (wanted && !wanted.has(link.id)) continue
    rows.push(linkReach(link, transceiver, equipment))
  }
  const notes = [...optics.notes].filter(([id]) => !wanted || wanted.has(id)).map(([id, note]) => `${id}: ${note}`)
  const paths = (query.pairs ?? []).map((pair) => {
    const answer = opticalRoute(index, { ...pair, metric: query.metric, constraints: query.constraints, transceiverId: transceiver.id }, equipment, scenario)
    const { optics: o, route: r } = answer
    return {
      from: answer.from,
      to: answer.to,
      links: r.links,
      lengthKm: r.lengthKm,
      modeId: o.bestMode?.modeId ?? null,
      rateGbps: o.bestMode?.bitRateGbps ?? 0,
      marginDb: o.bestMode?.marginDb ?? null,
      regeneratorsAfterLink: (o.regeneration?.regeneratorsAfterLink ?? []).map((i) => r.links[i]),
      regeneratedModeId: o.regeneration?.modeId ?? null,
    }
  })
  return { scenario, transceiverId: transceiver.id, links: rows, paths, notes }
}

/** One link's best mode alone, with the channel count of that mode's plan. */
export function linkReach(link: LinkOptics, transceiver: TransceiverType, equipment: Equipment): ReachRow {
  const designed = designLink(link, equipment)
  const ok = designed.unserved.length === 0
  const best = ok ? bestMode(designed.elements, transceiver, equipment).best : null
  const mode = transceiver.modes.find((m) => m.id === best?.modeId)
  const wavelengthsPerPair = mode ? channelCount(modePlan(equipment.library.spectrum, mode)) : 0
  return {
    linkId: link.id,
    lengthKm: link.lengthKm,
    spans: designed.spans.length,
    designed: ok,
    modeId: best?.modeId ?? null,
    rateGbps: best?.bitRateGbps ?? 0,
    marginDb: best?.marginDb ?? null,
    wavelengthsPerPair,
  }
}

/**
 * The optical capacity basis of the traffic model (src/traffic/capacity.ts, basis `optical`): per link id, the
 * feasible rate per wavelength and the wavelengths per fibre pair, from `linkReach`. Links the optics cannot
 * design, or where no mode closes, get rate 0 (the capacity model then reports the link's fibre-pair count × 0).
 */
export function opticalLinkRates(index: RoutingIndex, equipment: Equipment, transceiverId?: string): Map<string, { rateGbps: number; wavelengthsPerPair: number; modeId: string | null }> {
  const transceiver = transceiverOf(equipment, transceiverId)
  const rates = new Map<string, { rateGbps: number; wavelengthsPerPair: number; modeId: string | null }>()
  for (const link of linkOpticsOf(index).byId.values()) {
    const row = linkReach(link, transceiver, equipment)
    rates.set(link.id, { rateGbps: row.rateGbps, wavelengthsPerPair: row.wavelengthsPerPair, modeId: row.modeId })
  }
  return rates
}

export interface LineFiguresQuery {
  elements: readonly LineElement[]
  plan: ChannelPlan
  launchPerChannelDbm: number
  txOsnr01nmDb: number
}

/**
 * A given line's figures at the receiver (a GNPy topology's path, say): per element, end to end as GNPy's
 * transmission_main_example prints them (channel mean), and per channel. No design: gains are the line's own.
 */
export function lineFigures(query: LineFiguresQuery) {
  const propagation = propagate(query.elements, channelComb(query.plan), query.launchPerChannelDbm)
  const terminals = terminalOsnrs01nmDb(query.elements, query.txOsnr01nmDb)
  return { ...receiverSummary(propagation, terminals), spans: propagation.elements, channels: channelSnrs(propagation, terminals) }
}

export interface DesignedNetwork {
  nodes: { id: string; name: string; latitude?: number; longitude?: number }[]
  /** Each link designed in both directions (declared spans reversed for b → a). */
  lines: { linkId: string; from: string; to: string; elements: LineElement[]; assumptions: string[]; unserved: number }[]
  notes: string[]
}

/**
 * Every link (or the ones named) designed as `designLink` does, in both directions, with the nodes it joins:
 * what a GNPy topology export writes. Links the optics cannot design (unknown length) are noted and left out.
 */
export function designedNetwork(index: RoutingIndex, equipment: Equipment, linkIds?: readonly string[]): DesignedNetwork {
  for (const id of linkIds ?? []) if (!index.linkIndex.has(id)) throw new SilkwayError('SW_INVALID_ARGUMENT', `no link '${id}'`, { field: 'link' })
  const wanted = linkIds?.length ? new Set(linkIds) : undefined
  const { byId, notes } = linkOpticsOf(index)
  const lines: DesignedNetwork['lines'] = []
  const out: string[] = []
  for (const link of index.network.links) {
    if (wanted && !wanted.has(link.id)) continue
    const optics = byId.get(link.id)
    if (!optics) {
      out.push(`${link.id}: no length, geometry or endpoint coordinates; not exported`)
      continue
    }
    if (notes.has(link.id)) out.push(`${link.id}: ${notes.get(link.id)}`)
    const reversed: LinkOptics = optics.spans ? { ...optics, spans: [...optics.spans].reverse() } : optics
    for (const [from, to, o] of [[link.a, link.b, optics], [link.b, link.a, reversed]] as const) {
      const d = designLink(o, equipment)
      lines.push({ linkId: link.id, from, to, elements: d.elements, assumptions: d.assumptions, unserved: d.unserved.length })
      if (d.unserved.length) out.push(`${link.id} ${from}→${to}: ${d.unserved.map((u) => u.reason).join('; ')} (written without that amplifier)`)
    }
  }
  const used = new Set(lines.flatMap((l) => [l.from, l.to]))
  const nodes = index.network.nodes
    .filter((n) => used.has(n.id))
    .map((n) => ({ id: n.id, name: n.name, ...(n.lat !== undefined && n.lon !== undefined ? { latitude: n.lat, longitude: n.lon } : {}) }))
  return { nodes, lines, notes: out }
}
