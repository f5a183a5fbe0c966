import type { Command } from 'commander'
import { type CalibrateQuery, type CalibrateResponse, calibrate, calibrateQuery } from '../../calibration'
import { builtinMeasurements } from '../../data'
import type { MeasurementsFormat } from '../../io'
import { SilkwayError } from '../../model'
import type { CommonOptions } from '../context'
import { loadMeasurementsFile, writeText } from '../files'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'

interface CalibrateOptions extends CommonOptions {
  measurements?: string
  probes?: string
  format?: MeasurementsFormat
  out?: string
}

const FORMATS: readonly MeasurementsFormat[] = ['json', 'csv', 'ripe-atlas']

const place = (e: CalibrateResponse['pairs'][number]['from']) => (e.node ? `${e.node}${e.matchKm ? ` (${num(e.matchKm, 1)} km)` : ''}` : `${e.input} ✗`)

const PLOT_WIDTH = 60

/**
 * Measured against modelled RTT, one strip per pair with a floor, on one scale from 0 ms: `F` the floor, `E`
 * the expected RTT (the held-out prediction for a fitted pair, so the strip shows the error a new pair would
 * have), `M` the measurement; where two fall on one column the later letter shows.
 */
export function plotCalibration(answer: CalibrateResponse): string[] {
  const rows = answer.pairs.filter((p) => p.floorRttMs !== null || p.greatCircleFloorRttMs !== null)
  if (rows.length === 0) return []
  const expectedOf = (p: CalibrateResponse['pairs'][number]) => p.heldOutExpectedRttMs ?? p.expectedRttMs
  const maxMs = Math.max(...rows.flatMap((p) => [p.rttMs, p.floorRttMs ?? p.greatCircleFloorRttMs ?? 0, expectedOf(p) ?? 0]))
  const column = (ms: number) => Math.max(0, Math.min(PLOT_WIDTH - 1, Math.round((ms / maxMs) * (PLOT_WIDTH - 1))))
  const idWidth = Math.max(...rows.map((p) => p.id.length))
  const lines = [`measured (M) against floor (F) and expected (E, held-out for fitted pairs), 0–${num(maxMs)} ms:`]
  for (const p of rows) {
    const strip = new Array<string>(PLOT_WIDTH).fill('·')
    strip[column(p.floorRttMs ?? p.greatCircleFloorRttMs ?? 0)] = 'F'
    const expected = expectedOf(p)
    if (expected !== undefined) strip[column(expected)] = 'E'
    strip[column(p.rttMs)] = 'M'
    lines.push(`  ${p.id.padEnd(idWidth)} |${strip.join('')}| ${p.status}`)
  }
  return lines
}

function printCalibration(answer: CalibrateResponse): string {
  const lines = [
    `measurements ${answer.measurements.name ?? '—'}${answer.measurements.version ? ` ${answer.measurements.version}` : ''} · ${answer.measurements.count} pair(s) · scenario ${answer.scenario} · matching within ${answer.maxMatchKm} km`,
    `model: expected RTT = ${answer.terms.join(' + ')} (docs/calibration.md)`,
    `pairs: ${Object.entries(answer.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')}`,
    '',
  ]
  if (answer.fit && answer.coefficients && answer.heldOut) {
    lines.push(`fit (Huber IRLS, k ${answer.fit.huberK}, ${answer.fit.iterations} iteration(s)) on ${answer.fit.n} pair(s):`)
    for (const [name, value] of Object.entries(answer.coefficients)) lines.push(`  ${name} = ${num(value, 4)}`)
    lines.push(
      `held-out error (${answer.heldOut.method === 'k-fold' ? `${answer.heldOut.folds}-fold, seed ${answer.heldOut.seed}` : 'leave-one-out'}): RMS ${num(answer.heldOut.rmseMs, 1)} ms · mean |error| ${num(answer.heldOut.maeMs, 1)} ms · max ${num(answer.heldOut.maxAbsMs, 1)} ms · in-sample RMS ${num(answer.fit.inSample.rmseMs, 1)} ms`,
    )
    if (answer.validation) lines.push(`validation pairs (not fitted): RMS ${num(answer.validation.rmseMs, 1)} ms over ${answer.validation.n}`)
  } else {
    lines.push(`no fit: ${answer.unfitted}`)
  }
  lines.push('')
  lines.push(
    table(
      ['id', 'from', 'to', 'measured ms', 'floor ms', 'expected ms', 'held-out error ms', 'status'],
      answer.pairs.map((p) => [
        p.id,
        place(p.from),
        place(p.to),
        `${num(p.rttMs, 1)}${p.percentile ? ` ${p.percentile}` : ''}`,
        num(p.floorRttMs ?? p.greatCircleFloorRttMs, 1) + (p.floorRttMs === null && p.greatCircleFloorRttMs !== null ? ' (gc)' : ''),
        num(p.expectedRttMs, 1),
        signed(p.heldOutErrorMs, 1),
        `${p.status}${p.weak ? ' (weak source)' : ''}`,
      ]),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
    ),
  )
  const plot = plotCalibration(answer)
  if (plot.length) lines.push('', ...plot)
  const explained = answer.pairs.filter((p) => p.reason)
  if (explained.length) lines.push('', ...explained.map((p) => `${p.id}: ${p.status}: ${p.reason}`))
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  lines.push('', 'floor = the model route\'s RTT (route\'s rttMs); (gc) = the great-circle fibre floor where an end is unmatched; ✗ = no node within the matching distance')
  return `${lines.join('\n')}\n`
}

export function registerCalibrate(program: Command): void {
  queryCommand<CalibrateQuery, CalibrateOptions>(
    program,
    calibrateQuery,
    (query, context, options) => {
      if (options.format !== undefined && !(FORMATS as readonly string[]).includes(options.format)) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `--format: '${options.format}' is not one of ${FORMATS.join(', ')}`, { field: 'format' })
      }
      const loaded = options.measurements
        ? loadMeasurementsFile(options.measurements, { ...(options.probes ? { probesFile: options.probes } : {}), ...(options.format ? { format: options.format } : {}) })
        : { document: builtinMeasurements, format: 'json' as const }
      const { document } = loaded
      // A CSV row's id is line-N (io/measurements.ts), so an unknown city is named by its line.
      const pathOf = loaded.format === 'csv' ? (i: number, field: string) => `${document.measurements[i].id?.replace('line-', 'line ')}, ${field}` : undefined
      let answer: CalibrateResponse
      try {
        answer = calibrate(context.workbench.index(context.scenario), document, query, context.scenario, pathOf)
      } catch (error) {
        if (!(error instanceof SilkwayError) || !options.measurements || error.issues.length === 0) throw error
        throw new SilkwayError(error.code, `${options.measurements}: ${error.message}`, { ...error.details, file: options.measurements }, error.issues)
      }
      if (options.out) {
        if (!answer.calibration) throw new SilkwayError('SW_CALIBRATION_UNDERDETERMINED', `no calibration to write to ${options.out}: ${answer.unfitted}`, { file: options.out })
        writeText(options.out, `${JSON.stringify(answer.calibration, null, 2)}\n`)
      }
      process.stdout.write(options.json ? json(answer) : printCalibration(answer))
    },
    (command) =>
      command
        .option('--measurements <file>', 'measured RTTs: silkway JSON, CSV (from,to,rttMs,percentile,date,source) or RIPE Atlas results (default: the shipped public set)')
        .option('--probes <file>', 'RIPE Atlas probe locations (the probes API JSON), for RIPE Atlas results')
        .option('--format <format>', 'json | csv | ripe-atlas (default: from the text)')
        .option('--out <file>', 'write the calibration (a versioned overlay route --calibration reads)'),
  )
}
