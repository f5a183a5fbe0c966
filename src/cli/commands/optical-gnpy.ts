import { basename } from 'node:path'
import { type GnpyEquipment, gnpyLine, readGnpyEquipment, readGnpyTopology, readJsonText } from '../../io'
import { SilkwayError, type ValidationIssue } from '../../model'
import { type OpticalRouteQuery, lineFigures, marginOf } from '../../optical'
import { readText } from '../files'
import { num, table } from '../format'

function located(file: string, issues: ValidationIssue[]): SilkwayError {
  const first = issues.find((i) => i.severity === 'error') ?? issues[0]
  return new SilkwayError('SW_INVALID_DOCUMENT', `${basename(file)}: ${first.path ? `${first.path}: ` : ''}${first.message}`, { file: basename(file), field: first.path }, issues)
}

function readJson(file: string): unknown {
  const parsed = readJsonText(readText(file))
  if (!parsed.ok) throw new SilkwayError('SW_PARSE_ERROR', `${basename(file)}: ${parsed.issue.message}`, { file: basename(file) }, [parsed.issue])
  return parsed.value
}

/**
 * `silkway optical path FROM TO --gnpy-topology T --gnpy-equipment E`: GNPy's network, GNPy's equipment, the
 * spectrum and launch power of its SI block unless --mode / --power-dbm say otherwise (as GNPy's
 * transmission_main_example does). Route constraints do not apply: GNPy's topology is the route.
 */
export function gnpyOpticalPath(query: OpticalRouteQuery, options: { gnpyTopology?: string; gnpyEquipment?: string }) {
  if (!options.gnpyTopology || !options.gnpyEquipment) throw new SilkwayError('SW_INVALID_ARGUMENT', '--gnpy-topology and --gnpy-equipment go together', { field: options.gnpyTopology ? 'gnpyEquipment' : 'gnpyTopology' })
  if (Object.keys(query.constraints).length > 0 || query.optimisePower) throw new SilkwayError('SW_INVALID_ARGUMENT', 'with --gnpy-topology the path is the topology\'s own: route constraints and --optimise-power do not apply', { field: 'gnpyTopology' })
  const eq = readGnpyEquipment(readJson(options.gnpyEquipment))
  if (!eq.value) throw located(options.gnpyEquipment, eq.issues)
  const equipment: GnpyEquipment = eq.value
  const topo = readGnpyTopology(readJson(options.gnpyTopology))
  if (!topo.value) throw located(options.gnpyTopology, topo.issues)
  const si = equipment.spectrum
  const mode = query.modeId === undefined ? undefined : findMode(equipment, query)
  const launchPerChannelDbm = query.powerPerChannelDbm ?? si.powerPerChannelDbm
  const designed: GnpyEquipment = { ...equipment, spectrum: { ...si, powerPerChannelDbm: launchPerChannelDbm } }
  const line = gnpyLine(topo.value, designed, query.from, query.to)
  if (!line.value) throw located(options.gnpyTopology, line.issues)
  const spacingGhz = mode ? Math.max(si.spacingGhz, mode.minSpacingGhz) : si.spacingGhz
  const plan = { fMinThz: si.fMinThz, fMaxThz: si.fMaxThz, spacingGhz, baudRateGbaud: mode?.baudRateGbaud ?? si.baudRateGbaud }
  const txOsnr01nmDb = mode?.txOsnr01nmDb ?? si.txOsnr01nmDb
  const figures = lineFigures({ elements: line.value.elements, plan, launchPerChannelDbm, txOsnr01nmDb })
  const worst = Math.min(...figures.channels.map((c) => c.gsnr01nmDb))
  const margin = mode ? { ...marginOf(mode, worst, figures, si.systemMarginDb), systemMarginDb: si.systemMarginDb } : null
  const answer = {
    source: { topology: basename(options.gnpyTopology), equipment: basename(options.gnpyEquipment), format: 'gnpy' as const },
    from: line.value.uids[0],
    to: line.value.uids[line.value.uids.length - 1],
    path: line.value.uids,
    spectrum: { ...plan, channels: figures.channels.length, launchPerChannelDbm, txOsnr01nmDb, from: mode ? `mode ${mode.id}` : 'SI' },
    assumptions: line.value.assumptions,
    autoDesign: line.value.design,
    gsnr01nmDb: figures.gsnr01nmDb,
    gsnrSignalBandwidthDb: figures.gsnrSignalBandwidthDb,
    osnrAse01nmDb: figures.osnrAse01nmDb,
    osnrAseSignalBandwidthDb: figures.osnrAseSignalBandwidthDb,
    worstGsnr01nmDb: worst,
    cdPsPerNm: figures.cdPsPerNm,
    pmdPs: figures.pmdPs,
    pdlDb: figures.pdlDb,
    latencyMs: figures.latencyMs,
    margin,
    spans: figures.spans,
    channels: figures.channels,
  }
  return answer
}

function findMode(equipment: GnpyEquipment, query: OpticalRouteQuery) {
  const transceivers = query.transceiverId === undefined ? equipment.transceivers : equipment.transceivers.filter((t) => t.id === query.transceiverId)
  const mode = transceivers.flatMap((t) => t.modes).find((m) => m.id === query.modeId)
  if (!mode) throw new SilkwayError('SW_INVALID_ARGUMENT', `--mode: no mode '${query.modeId}' in the GNPy equipment's Transceiver block${query.transceiverId ? ` for '${query.transceiverId}'` : ''}`, { field: 'mode' })
  return mode
}

type Answer = ReturnType<typeof gnpyOpticalPath>

export function printGnpy(a: Answer): string {
  const R = 'right' as const
  const L = 'left' as const
  const lines = [
    `${a.from} → ${a.to} (GNPy topology ${a.source.topology}, equipment ${a.source.equipment}): ${a.path.length} elements`,
    `spectrum from ${a.spectrum.from}: ${a.spectrum.channels} channels ${a.spectrum.fMinThz}–${a.spectrum.fMaxThz} THz, ${a.spectrum.spacingGhz} GHz, ${a.spectrum.baudRateGbaud} GBd, launch ${num(a.spectrum.launchPerChannelDbm, 2)} dBm per channel`,
    '',
    table(
      ['element', 'kind', 'loss dB', 'gain dB', 'NF dB', 'saturated', 'out dBm/ch', 'OSNR ASE 0.1 nm dB', 'GSNR 0.1 nm dB'],
      a.spans.map((e) => [e.id, e.kind, num(e.lossDb, 2), num(e.gainDb, 2), num(e.nfDb, 2), e.saturated ? 'yes' : '', num(e.powerOutPerChannelDbm, 2), num(e.osnrAse01nmDb, 2), num(e.gsnr01nmDb, 2)]),
      [L, L, R, R, R, L, R, R, R],
    ),
    '',
    `receiver (mean over channels, as GNPy prints): GSNR 0.1 nm ${num(a.gsnr01nmDb, 2)} dB · GSNR bw ${num(a.gsnrSignalBandwidthDb, 2)} dB · OSNR ASE 0.1 nm ${num(a.osnrAse01nmDb, 2)} dB · OSNR ASE bw ${num(a.osnrAseSignalBandwidthDb, 2)} dB`,
    `CD ${num(a.cdPsPerNm, 2)} ps/nm · PMD ${num(a.pmdPs, 2)} ps · PDL ${num(a.pdlDb, 2)} dB · latency ${num(a.latencyMs, 2)} ms · worst channel GSNR 0.1 nm ${num(a.worstGsnr01nmDb, 2)} dB`,
  ]
  if (a.margin) {
    const penalties = a.margin.penalties.map((p) => `${p.impairment} ${num(p.value, 2)}: ${p.penaltyDb === null ? 'beyond the table' : `${num(p.penaltyDb, 2)} dB`}`)
    lines.push(`mode ${a.margin.modeId}: margin ${num(a.margin.marginDb, 2)} dB (required ${a.margin.requiredOsnr01nmDb} dB + system margin ${a.margin.systemMarginDb} dB${penalties.length ? ` + penalties: ${penalties.join(', ')}` : ''})${a.margin.feasible ? '' : ', does not close'}`)
  }
  for (const d of a.autoDesign) lines.push(`auto-design: ${d.uid}${d.added ? ' (added)' : ''}: ${d.typeVariety}, gain ${num(d.gainDb, 2)} dB, NF ${num(d.nfDb, 2)} dB (${d.reason})`)
  for (const x of a.assumptions) lines.push(`assumption: ${x}`)
  return `${lines.join('\n')}\n`
}
