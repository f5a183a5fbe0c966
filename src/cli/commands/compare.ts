import type { Command } from 'commander'
import { labeller } from '../../query'
import { type CompareQuery, type Comparison, compareQuery, compareScenarios, completeCompare } from '../../report'
import type { CommonOptions } from '../context'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'

export function printComparison(comparison: Comparison): string {
  const lines = [`${comparison.base} → ${comparison.target} · best route by ${comparison.metric}`, '']
  lines.push(
    table(
      ['from', 'to', 'GC km', 'base km', 'target km', 'Δ km', 'base RTT ms', 'target RTT ms', 'Δ RTT ms', 'target countries'],
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
        p.target?.countries.join(' ') ?? '',
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  )
  return `${lines.join('\n')}\n`
}

export function registerCompare(program: Command): void {
  queryCommand<CompareQuery, CommonOptions>(program, compareQuery, (query, context, options) => {
    const comparison = compareScenarios(context.workbench, completeCompare(query, context.builtin, labeller(compareQuery, 'cli')))
    process.stdout.write(options.json ? json(comparison) : printComparison(comparison))
  })
}
