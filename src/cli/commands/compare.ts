import type { Command } from 'commander'
import { labeller } from '../../query'
import { type CompareQuery, type Comparison, compareQuery, compareScenarios, completeCompare } from '../../report'
import type { CommonOptions } from '../context'
import { loadCalibrationFile } from '../files'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'

export function printComparison(comparison: Comparison): string {
  const lines = [`${comparison.base} → ${comparison.target} · best route by ${comparison.metric}`, '']
  const calibrated = comparison.pairs.some((p) => p.base?.expectedRttMs !== undefined || p.target?.expectedRttMs !== undefined)
  const expected = (r: Comparison['pairs'][number]['base']) => (r?.expectedRttMs === undefined ? '—' : `${num(r.expectedRttMs, 1)} ± ${num(r.expectedRttToleranceMs, 1)}`)
  lines.push(
    table(
      [
        'from',
        'to',
        'GC km',
        'base km',
        'target km',
        'Δ km',
        'base RTT ms',
        'target RTT ms',
        'Δ RTT ms',
        ...(calibrated ? ['base expected ms', 'target expected ms'] : []),
        'target countries',
      ],
      comparison.pairs.map((p) => [
        p.fromName,
        p.toName,
        num(p.greatCircleKm),
        p.base ? num(p.base.lengthKm) : 'no route',
        p.target ? num(p.target.lengthKm) : 'no route',
        signed(p.lengthDiffKm),
        p.base ? num(p.base.rttMs, 1) : '—',
        p.target ? num(p.target.rttMs, 1) : '—',
        signed(p.rttDiffMs, 1),
        ...(calibrated ? [expected(p.base), expected(p.target)] : []),
        p.target?.countries.join(' ') ?? '',
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', ...(calibrated ? (['right', 'right'] as const) : []), 'left'],
    ),
  )
  if (calibrated) lines.push('', 'RTT = the physical floor; expected = under the calibration, ± its held-out error (docs/calibration.md)')
  return `${lines.join('\n')}\n`
}

export function registerCompare(program: Command): void {
  queryCommand<CompareQuery, CommonOptions & { calibration?: string }>(
    program,
    compareQuery,
    (query, context, options) => {
      const calibration = options.calibration ? loadCalibrationFile(options.calibration) : undefined
      const comparison = compareScenarios(context.workbench, { ...completeCompare(query, context.builtin, labeller(compareQuery, 'cli')), ...(calibration ? { calibration } : {}) })
      process.stdout.write(options.json ? json(comparison) : printComparison(comparison))
    },
    (command) => command.option('--calibration <file>', 'a calibration (silkway calibrate --out): adds each route\'s expected RTT ± its held-out error'),
  )
}
