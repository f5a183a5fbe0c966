import type { Command } from 'commander'
import {
  type OpticalPathAnswer,
  type OpticalReachAnswer,
  type OpticalReachQuery,
  type OpticalRouteAnswer,
  type OpticalRouteQuery,
  type OpticalSpanAnswer,
  type OpticalSpanQuery,
  builtinEquipment,
  opticalPathQuery,
  opticalReach,
  opticalReachQuery,
  opticalRoute,
  opticalSpan,
  opticalSpanQuery,
  opticalExportQuery,
  type OpticalExportQuery,
  designedNetwork,
} from '../../optical'
import { writeGnpyEquipment, writeGnpyTopology } from '../../io'
import type { CommonOptions } from '../context'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'
import { gnpyOpticalPath, printGnpy } from './optical-gnpy'

const R = 'right' as const
const L = 'left' as const

/** The line design of each link, span by span: what a planner checks first. */
export function printLinks(links: OpticalPathAnswer['links']): string[] {
  const lines: string[] = []
  const rows = links.flatMap((link) =>
    link.spans.map((s) => [link.linkId, s.index, num(s.lengthKm, 1), num(s.lossDb, 2), s.lossFrom, num(s.launchPerChannelDbm, 1), s.amplifierTypeId ?? '—', num(s.gainDb, 2), num(s.nfDb, 2), s.amplifierRule]),
  )
  lines.push(table(['link', 'span', 'km', 'loss dB', 'loss from', 'launch dBm/ch', 'amplifier after', 'gain dB', 'NF dB', 'family rule'], rows, [L, R, R, R, L, R, L, R, R, L]))
  for (const link of links) {
    for (const u of link.unserved) lines.push(`unserved: ${link.linkId} ${u.elementId}: ${u.reason}`)
  }
  lines.push('', 'line design assumptions:')
  for (const link of links) for (const a of link.assumptions) lines.push(`  ${link.linkId}: ${a}`)
  return lines
}

/** A mode's penalty for one impairment: '—' without a table, 'beyond table' where the mode cannot run. */
function penaltyCell(m: OpticalPathAnswer['modes'][number], impairment: OpticalPathAnswer['modes'][number]['penalties'][number]['impairment']): string {
  const row = m.penalties.find((p) => p.impairment === impairment)
  if (!row) return '—'
  return row.penaltyDb === null ? 'beyond table' : num(row.penaltyDb, 2)
}

function printModes(modes: OpticalPathAnswer['modes']): string {
  return table(
    ['mode', 'Gbit/s', 'GBd', 'required OSNR dB', 'worst GSNR dB', 'CD penalty dB', 'PMD penalty dB', 'PDL penalty dB', 'margin dB', 'closes'],
    modes.map((m) => [
      m.modeId,
      m.bitRateGbps,
      m.baudRateGbaud,
      num(m.requiredOsnr01nmDb, 1),
      num(m.worstGsnr01nmDb, 2),
      penaltyCell(m, 'chromaticDispersionPsPerNm'),
      penaltyCell(m, 'pmdPs'),
      penaltyCell(m, 'pdlDb'),
      signed(m.marginDb, 2),
      m.feasible ? 'yes' : 'no',
    ]),
    [L, R, R, R, R, R, R, R, R, L],
  )
}

/** The end-to-end figures, the modes, the best one and the regenerators; shared by the network and GNPy forms. */
export function printOptics(optics: OpticalPathAnswer, linkNames: readonly string[]): string[] {
  const lines = printLinks(optics.links)
  lines.push('')
  const e = optics.endToEnd
  if (!e) {
    lines.push('not designed: an amplifier site has no library amplifier that reaches its gain (see unserved); no figures computed')
    return lines
  }
  lines.push(`end to end (${e.modeId}, centre channel, transmitter and add/drop included):`)
  lines.push(
    table(
      ['GSNR 0.1 nm dB', 'GSNR bw dB', 'OSNR ASE 0.1 nm dB', 'OSNR ASE bw dB', 'worst GSNR 0.1 nm dB', 'CD ps/nm', 'PMD ps', 'PDL dB', 'latency ms'],
      [[num(e.gsnr01nmDb, 2), num(e.gsnrSignalBandwidthDb, 2), num(e.osnrAse01nmDb, 2), num(e.osnrAseSignalBandwidthDb, 2), num(e.worstGsnr01nmDb, 2), num(e.cdPsPerNm, 2), num(e.pmdPs, 2), num(e.pdlDb, 2), num(e.latencyMs, 3)]],
      [R, R, R, R, R, R, R, R, R],
    ),
  )
  lines.push('', printModes(optics.modes))
  lines.push(optics.bestMode ? `best mode: ${optics.bestMode.modeId} (${optics.bestMode.bitRateGbps} Gbit/s), margin ${signed(optics.bestMode.marginDb, 2)} dB` : 'no mode closes end to end')
  const regen = optics.regeneration
  if (regen) {
    if (regen.blockedAtLink !== null) lines.push(`${regen.modeId} does not close even on link ${linkNames[regen.blockedAtLink] ?? regen.blockedAtLink} alone: no regeneration helps`)
    else lines.push(`regenerate for ${regen.modeId}: ${regen.regeneratorsAfterLink.length} regenerator(s), after ${regen.regeneratorsAfterLink.map((i) => linkNames[i] ?? i).join(', ') || '—'} (${regen.method})`)
  }
  return lines
}

function printRoute(answer: OpticalRouteAnswer): string {
  const r = answer.route
  const launch = answer.launch
  const lines = [
    `${r.nodeNames.join(' → ')}`,
    `scenario ${answer.scenario} · metric ${answer.metric} · ${num(r.lengthKm)} km · ${r.hops} links · transceiver ${answer.optics.transceiverId}`,
    `launch ${num(launch.powerPerChannelDbm, 1)} dBm per channel at the reference span loss (${launch.from})`,
    '',
  ]
  if (launch.sweep.length) {
    lines.push(table(['launch dBm/ch', 'best mode', 'margin dB'], launch.sweep.map((s) => [num(s.powerPerChannelDbm, 1), s.modeId ?? '—', signed(s.marginDb, 2)]), [R, L, R]), '')
  }
  lines.push(...printOptics(answer.optics, r.links))
  for (const note of answer.notes) lines.push(`note: ${note}`)
  return `${lines.join('\n')}\n`
}

function printSpan(answer: OpticalSpanAnswer): string {
  const lines = [
    `${answer.linkId}: ${num(answer.lengthKm, 1)} km ${answer.kind}${answer.unrepeatered ? ', unrepeatered' : ''} · scenario ${answer.scenario} · transceiver ${answer.transceiverId}`,
    '',
    ...printLinks([answer.design]),
    '',
  ]
  if (answer.modes.length) lines.push(printModes(answer.modes))
  lines.push(answer.bestMode ? `best mode as designed: ${answer.bestMode.modeId} (${answer.bestMode.bitRateGbps} Gbit/s), margin ${signed(answer.bestMode.marginDb, 2)} dB` : 'no mode closes on the link as designed')
  lines.push('', `unrepeatered (${num(answer.lengthKm, 1)} km as one span, launch optimised): margin dB per mode${answer.unrepeateredOptions[0]?.modes[0]?.maxLengthKm !== undefined ? ' / longest span km' : ''}`)
  const modeIds = answer.unrepeateredOptions[0]?.modes.map((m) => m.modeId) ?? []
  lines.push(
    table(
      ['fibre', 'option', ...modeIds],
      answer.unrepeateredOptions.map((row) => [row.fiberTypeId, row.option, ...row.modes.map((m) => `${signed(m.marginDb, 2)}${m.feasible ? ' ✓' : ''}${m.maxLengthKm !== undefined ? ` / ${m.maxLengthKm}` : ''}`)]),
      [L, L, ...modeIds.map(() => R)],
    ),
  )
  for (const a of answer.unrepeateredAssumptions) lines.push(`  assumption: ${a}`)
  for (const note of answer.notes) lines.push(`note: ${note}`)
  return `${lines.join('\n')}\n`
}

function printReach(answer: OpticalReachAnswer): string {
  const lines = [`scenario ${answer.scenario} · transceiver ${answer.transceiverId} · per link alone (ROADM to ROADM, full load)`, '']
  lines.push(
    table(
      ['link', 'km', 'spans', 'best mode', 'Gbit/s per λ', 'λ per pair', 'margin dB'],
      answer.links.map((l) => [l.linkId, num(l.lengthKm), l.spans, l.modeId ?? (l.designed ? 'none closes' : 'not designed'), l.rateGbps, l.wavelengthsPerPair, signed(l.marginDb, 2)]),
      [L, R, R, L, R, R, R],
    ),
  )
  if (answer.paths.length) {
    lines.push('', 'per path (best route, transparent):')
    lines.push(
      table(
        ['from', 'to', 'km', 'best mode', 'Gbit/s', 'margin dB', 'regenerate after'],
        answer.paths.map((p) => [p.from, p.to, num(p.lengthKm), p.modeId ?? '—', p.rateGbps, signed(p.marginDb, 2), p.regeneratorsAfterLink.length ? `${p.regeneratorsAfterLink.join(', ')} (${p.regeneratedModeId})` : '—']),
        [L, L, R, L, R, R, L],
      ),
    )
  }
  for (const note of answer.notes) lines.push(`note: ${note}`)
  return `${lines.join('\n')}\n`
}

interface GnpyOptions extends CommonOptions {
  gnpyTopology?: string
  gnpyEquipment?: string
}

export function registerOptical(program: Command): void {
  const optical = program.command('optical').description('the optical layer: GSNR along a route, one link\'s design and unrepeatered options, the rate each link carries')
  queryCommand<OpticalRouteQuery, GnpyOptions>(
    optical,
    opticalPathQuery,
    (query, context, options) => {
      if (options.gnpyTopology || options.gnpyEquipment) {
        const answer = gnpyOpticalPath(query, options)
        process.stdout.write(options.json ? json(answer) : printGnpy(answer))
        return
      }
      const answer = opticalRoute(context.workbench.index(context.scenario), query, builtinEquipment(), context.scenario)
      process.stdout.write(options.json ? json(answer) : printRoute(answer))
    },
    (c) =>
      c
        .option('--gnpy-topology <file>', "a GNPy topology JSON: FROM and TO are its transceivers' uids (or cities); the route is GNPy's shortest path")
        .option('--gnpy-equipment <file>', "the GNPy equipment JSON for --gnpy-topology; without --mode/--power-dbm its SI block's spectrum and power are used"),
  )
  queryCommand<OpticalSpanQuery, CommonOptions>(optical, opticalSpanQuery, (query, context, options) => {
    const answer = opticalSpan(context.workbench.index(context.scenario), query, builtinEquipment(), context.scenario)
    process.stdout.write(options.json ? json(answer) : printSpan(answer))
  })
  queryCommand<OpticalReachQuery, CommonOptions>(optical, opticalReachQuery, (query, context, options) => {
    const answer = opticalReach(context.workbench.index(context.scenario), query, builtinEquipment(), context.scenario)
    process.stdout.write(options.json ? json(answer) : printReach(answer))
  })
  queryCommand<OpticalExportQuery, CommonOptions>(optical, opticalExportQuery, (query, context) => {
    // Always JSON: the output is a GNPy document. Notes (estimated lengths, unserved sites) go to stderr.
    if (query.part === 'equipment') {
      process.stdout.write(json(writeGnpyEquipment(builtinEquipment().library)))
      return
    }
    const designed = designedNetwork(context.workbench.index(context.scenario), builtinEquipment(), query.links)
    for (const note of designed.notes) process.stderr.write(`note: ${note}\n`)
    process.stdout.write(json(writeGnpyTopology(designed.nodes, designed.lines)))
  })
}
