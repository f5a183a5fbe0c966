import type { Command } from 'commander'
import { labeller } from '../../query'
import { type CompareQuery, type Comparison, compareQuery, compareScenarios, completeCompare } from '../../report'
import type { CommonOptions } from '../context'
import { calibrationFor } from '../files'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'

export function printComparison(comparison: Comparison): string {
  const lines = [`${comparison.base} → ${comparison.target} · best route by ${comparison.metric}`, '']
  const calibrated = comparison.pairs.some((p) => p.base?.expectedRttMs !== undefined || p.target?.expectedRttMs !== undefined)
  const expected = (r: Comparison['pairs'][number]['base']) =>
    r?.expectedRttMs === undefined ? '—' : `${num(r.expectedRttMs, 1)} ± ${num(r.expectedRttToleranceMs, 1)}${r.expectedRttExtrapolated ? '*' : ''}`
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
  // Counted here (the JSON lists the links): a full list per route would bury the table.
  const evidence = comparison.pairs.flatMap((p) => {
    const sides = (['base', 'target'] as const).flatMap((side) => {
      const route = p[side]
      if (!route) return []
      const { inferredAlignmentLinks: inferred, weakSources: weak } = route.dependsOn
      if (inferred.length === 0 && weak.length === 0) return []
      return [`${side} ${inferred.length} link(s) of inferred alignment${weak.length ? `, weak sources ${weak.join(', ')}` : ''}`]
    })
    return sides.length ? [`  ${p.fromName}–${p.toName}: ${sides.join('; ')}`] : []
  })
  if (evidence.length) lines.push('', 'What the routes rest on that no strong source fixes (dependsOn in --json):', ...evidence)
  if (calibrated) lines.push('', 'RTT = the physical floor; expected = under the calibration, ± its held-out error (docs/calibration.md)')
  if (comparison.pairs.some((p) => p.base?.expectedRttExtrapolated || p.target?.expectedRttExtrapolated)) {
    lines.push("* the path's propagation RTT lies outside the range the calibration was fitted on: the expected RTT is an extrapolation")
  }
  return `${lines.join('\n')}\n`
}

export function registerCompare(program: Command): void {
  queryCommand<CompareQuery, CommonOptions & { calibration?: string | false }>(
    program,
    compareQuery,
    (query, context, options) => {
      const calibration = calibrationFor(options.calibration, context.builtin)
      const comparison = compareScenarios(context.workbench, { ...completeCompare(query, context.builtin, labeller(compareQuery, 'cli')), ...(calibration ? { calibration } : {}) })
      process.stdout.write(options.json ? json(comparison) : printComparison(comparison))
    },
    (command) =>
      command
        .option('--calibration <file>', "a calibration (silkway calibrate --out): adds each route's expected RTT ± its held-out error (default on the built-in corridor: the built-in calibration)")
        .option('--no-calibration', 'the floor RTT alone, without the built-in calibration'),
  )
}
