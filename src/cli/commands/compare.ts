import type { Command } from 'commander'
import { claims, mainComparePairs } from '../../data'
import { SilkwayError } from '../../model'
import { type Comparison, compareScenarios, parsePairs } from '../../report'
import { type CommonOptions, loadContext } from '../context'
import { json, num, signed, table } from '../format'
import { withCommon } from '../options'
import { addConstraintOptions, constraintsFrom, metricFrom } from './route'

interface CompareOptions extends CommonOptions {
  base?: string
  target?: string
  pairs?: string
  metric?: string
}

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
  const command = program
    .command('compare')
    .description('best routes of city pairs in two scenarios, side by side, with the difference')
    .option('--base <scenario>', 'scenario before (built-in default: baseline-2022)')
    .option('--target <scenario>', 'scenario after (built-in default: digital-silk-way)')
    .option('--pairs <pairs>', 'FROM:TO pairs, comma separated (default: the claims and the main Europe–China pairs)')
    .option('--metric <metric>', 'latency | length | hops', 'latency')
  addConstraintOptions(command)
  withCommon(command).action((_options: CompareOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as CompareOptions
    const context = loadContext(options)
    const base = options.base ?? (context.builtin ? 'baseline-2022' : undefined)
    const target = options.target ?? (context.builtin ? 'digital-silk-way' : undefined)
    if (!base || !target) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give --base and --target scenarios (from --scenarios FILE, or as-is)')
    const pairs = options.pairs ? parsePairs(options.pairs) : context.builtin ? [...claims.map(({ from, to }) => ({ from, to })), ...mainComparePairs] : []
    if (pairs.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give --pairs FROM:TO,… for a --network file')
    const comparison = compareScenarios(context.workbench, { base, target, pairs, metric: metricFrom(options.metric), constraints: constraintsFrom(options) })
    process.stdout.write(options.json ? json(comparison) : printComparison(comparison))
  })
}
