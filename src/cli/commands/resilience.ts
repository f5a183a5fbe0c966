import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import type { ScenarioResilience } from '../../report'
import {
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type CutAnswer,
  type CutQuery,
  type DisjointAnswer,
  type DisjointQuery,
  type Protection,
  type SweepAnswer,
  type SweepQuery,
  availabilityQuery,
  cutImpact,
  cutQuery,
  disjointQuery,
  diversePaths,
  pairAvailability,
  planSweep,
  rankSweep,
  sweepQuery,
} from '../../resilience'
import { SweepInterrupted, defaultThreads, runSweep } from '../../workers'
import type { CommonOptions } from '../context'
import { json, num, table } from '../format'
import { parseInteger } from '../options'
import { queryCommand } from '../query'

const pct = (x: number) => `${num(100 * x, 4)} %`

function printDisjoint(answer: DisjointAnswer): string {
  const lines = [
    `${answer.from.name} → ${answer.to.name} · ${answer.k} ${answer.by}-disjoint paths · method ${answer.method} · ${answer.fullyDisjoint ? 'fully disjoint' : 'NOT fully disjoint'}`,
    '',
    table(
      ['#', 'RTT ms', 'length km', 'hops', 'countries', 'path'],
      answer.paths.map((p, i) => [i + 1, num(p.rttMs, 2), num(p.lengthKm), p.hops, p.countries.join(' '), p.nodeNames.join(' → ')]),
      ['right', 'right', 'right', 'right', 'left', 'left'],
    ),
    '',
  ]
  const { shared } = answer
  const parts = (['links', 'nodes', 'srlgs', 'countries'] as const).filter((key) => shared[key].length > 0).map((key) => `${key}: ${shared[key].join(', ')}`)
  lines.push(parts.length ? `shared — ${parts.join(' · ')}` : 'shared — nothing')
  return `${lines.join('\n')}\n`
}

function printCut(answer: CutAnswer): string {
  const lines = [`cut ${answer.cut.links.length} links: ${answer.cut.links.join(', ') || '(none)'}`]
  lines.push(`${answer.pairsConsidered} pairs considered · ${answer.disconnected.length} cut off · ${answer.pairsUnchanged} unchanged`, '')
  const changed = answer.pairs.filter((p) => !p.connected || p.inflation !== 1)
  if (changed.length > 0) {
    lines.push(
      table(
        ['from', 'to', 'connected', 'RTT before ms', 'RTT after ms', 'inflation'],
        changed.slice(0, 40).map((p) => [p.from, p.to, p.connected ? 'yes' : 'NO', num(p.baseRttMs, 2), num(p.rttMs, 2), num(p.inflation, 3)]),
        ['left', 'left', 'left', 'right', 'right', 'right'],
      ),
    )
    if (changed.length > 40) lines.push(`… ${changed.length - 40} more (use --json for all)`)
  }
  return `${lines.join('\n')}\n`
}

function printSweep(answer: SweepAnswer): string {
  const lines = [`${answer.scenarios} failure scenarios (${answer.failures}) over ${answer.pairs} pairs · most critical first`, '']
  lines.push(
    table(
      ['element', 'pairs cut off', 'pairs slower', 'mean inflation', 'worst inflation', 'worst pair'],
      answer.ranking.map((r) => [
        r.element,
        num(r.pairsDisconnected),
        num(r.pairsDegraded),
        num(r.meanInflation, 4),
        num(r.worstInflation, 3),
        r.worstPair ? `${r.worstPair.from}–${r.worstPair.to}` : '—',
      ]),
      ['left', 'right', 'right', 'right', 'right', 'left'],
    ),
  )
  const stubs = answer.ranking.filter((r) => r.isolatesSingleHomed)
  if (stubs.length) {
    lines.push('', 'isolates a single-homed node (a model coverage gap, or a real stub): every pair these cut off has one end at that node, whose only link it is:')
    for (const r of stubs) lines.push(`  ${r.element} → ${r.isolatesSingleHomed}`)
  }
  lines.push('', 'inflation = RTT after ÷ RTT before; mean over pairs still connected, unaffected pairs counting 1')
  return `${lines.join('\n')}\n`
}

function printAvailability(answer: AvailabilityAnswer): string {
  const lines = [
    `${answer.from.name} → ${answer.to.name} · protection ${answer.protection} · method ${answer.method}`,
    `availability ${pct(answer.availability)} · downtime ${num(answer.downtimeMinutesPerYear, 1)} min/year`,
  ]
  if (answer.confidenceInterval) lines.push(`95 % interval ${pct(answer.confidenceInterval[0])} – ${pct(answer.confidenceInterval[1])} (${num(answer.samples)} samples)`)
  for (const [i, p] of answer.paths.entries()) lines.push(`path ${i + 1}: ${p.nodeNames.join(' → ')} (${num(p.rttMs, 1)} ms RTT)`)
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

/** The report's resilience section: single points of failure and availability, scenario by scenario. */
export function printResilienceReport(sections: ScenarioResilience[]): string {
  if (sections.length === 0) return ''
  const out: string[] = ['', 'Single points of failure (links whose loss alone cuts traffic-node pairs off)']
  out.push(
    table(
      ['scenario', 'links', 'single points', 'worst: link (pairs cut off)'],
      sections.map((s) => [
        s.scenario,
        s.links,
        s.singlePointsOfFailure?.length ?? 'not swept',
        s.singlePointsOfFailure?.slice(0, 4).map((p) => `${p.link} (${p.pairsDisconnected}${p.isolatesSingleHomed ? '†' : ''})`).join(', ') || '—',
      ]),
      ['left', 'right', 'right', 'left'],
    ),
  )
  const stubs = sections.flatMap((s) => (s.singlePointsOfFailure ?? []).filter((p) => p.isolatesSingleHomed).map((p) => `${s.scenario}: ${p.link} → ${p.isolatesSingleHomed}`))
  if (stubs.length) {
    out.push('  † isolates a single-homed node (a model coverage gap, or a real stub): every pair it cuts off has one end at a node whose only link it is')
    out.push(...[...new Set(stubs)].map((line) => `    ${line}`))
  }
  const rows = sections.flatMap((s) =>
    s.availability.map((a) => {
      const cell = (p: Protection) => {
        const value = a.protections[p]
        return value ? `${num(value.availabilityPct, 4)} % · ${num(value.downtimeMinutesPerYear, value.downtimeMinutesPerYear < 10 ? 1 : 0)} min` : 'no route'
      }
      return [`${a.from}–${a.to}`, s.scenario, cell('none'), cell('1+1'), cell('restoration')]
    }),
  )
  if (rows.length > 0) {
    out.push('', 'Availability and downtime a year (independent link failures; profile reliability defaults)')
    out.push(table(['pair', 'scenario', 'unprotected', '1+1 diverse', 'restoration'], rows, ['left', 'left', 'right', 'right', 'right']))
  }
  return `${out.join('\n')}\n`
}

interface SweepOptions extends CommonOptions {
  threads?: string
}

export function registerResilience(program: Command): void {
  queryCommand<DisjointQuery, CommonOptions>(program, disjointQuery, async (query, context, options) => {
    const answer = await diversePaths(context.workbench.index(context.scenario), query, context.scenario)
    process.stdout.write(options.json ? json(answer) : printDisjoint(answer))
  })

  queryCommand<CutQuery, CommonOptions>(program, cutQuery, ({ pairs, ...spec }, context, options) => {
    const answer = cutImpact(context.workbench.index(context.scenario), spec, pairs, context.scenario)
    process.stdout.write(options.json ? json(answer) : printCut(answer))
  })

  queryCommand<SweepQuery, SweepOptions>(
    program,
    sweepQuery,
    async ({ failures, top }, context, options) => {
      const threads = options.threads === undefined ? undefined : parseInteger(options.threads, '--threads', 1, 64)
      const index = context.workbench.index(context.scenario)
      const plan = planSweep(index, failures)
      const controller = new AbortController()
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, format: 'sweep [{bar}] {percentage}% · {value}/{total} scenarios · ETA {eta_formatted}', hideCursor: true })
        : undefined
      const interrupt = () => controller.abort()
      process.once('SIGINT', interrupt)
      bar?.start(plan.labels.length, 0)
      try {
        const chosen = threads ?? defaultThreads(plan.labels.length, plan.model.endpoints.length)
        const packed = await runSweep(plan.model, plan.set, {
          ...(chosen !== undefined ? { threads: chosen } : {}),
          signal: controller.signal,
          onProgress: (done) => bar?.update(done),
        })
        bar?.stop()
        const answer = rankSweep(index, plan, packed, top ?? 20, context.scenario)
        process.stdout.write(options.json ? json(answer) : printSweep(answer))
      } catch (error) {
        bar?.stop()
        if (error instanceof SweepInterrupted) {
          process.stderr.write('silkway: sweep interrupted\n')
          process.exit(130)
        }
        throw error
      } finally {
        process.removeListener('SIGINT', interrupt)
      }
    },
    (command) => command.option('--threads <n>', 'worker threads (default: all cores; 1 = inline)'),
  )

  queryCommand<AvailabilityQuery, CommonOptions>(program, availabilityQuery, (query, context, options) => {
    const answer = pairAvailability(context.workbench.index(context.scenario), query, context.scenario)
    process.stdout.write(options.json ? json(answer) : printAvailability(answer))
  })
}
