import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { SilkwayError } from '../../model'
import { type ScenarioResilience, parsePairs } from '../../report'
import {
  type AvailabilityAnswer,
  type Circle,
  type CutAnswer,
  type CutSpec,
  DIVERSITY,
  type DisjointAnswer,
  type DiversityBy,
  FAILURE_MODES,
  type FailureMode,
  PROTECTIONS,
  type Protection,
  type SweepAnswer,
  cutImpact,
  diversePaths,
  pairAvailability,
  planSweep,
  rankSweep,
} from '../../resilience'
import { SweepInterrupted, defaultThreads, runSweep } from '../../workers'
import { type CommonOptions, loadContext } from '../context'
import { json, num, table } from '../format'
import { list, parseInteger, withCommon } from '../options'

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  const v = value ?? fallback
  if (!(allowed as readonly string[]).includes(v)) throw new SilkwayError('SW_INVALID_ARGUMENT', `${flag}: '${v}' is not one of ${allowed.join(', ')}`)
  return v as T
}

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

/** The pairs whose availability `silkway report` shows in both scenarios (issue 3). */
export const REPORT_AVAILABILITY_PAIRS = [
  { from: 'Frankfurt', to: 'Shanghai' },
  { from: 'Baku', to: 'Almaty' },
]

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
        s.singlePointsOfFailure.length,
        s.singlePointsOfFailure.slice(0, 4).map((p) => `${p.link} (${p.pairsDisconnected})`).join(', ') || '—',
      ]),
      ['left', 'right', 'right', 'left'],
    ),
  )
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

function parseCircle(value: string): Circle {
  const parts = value.split(',').map(Number)
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) throw new SilkwayError('SW_INVALID_ARGUMENT', `--circle: '${value}' is not LAT,LON,RADIUS_KM`)
  const [lat, lon, radiusKm] = parts
  return { lat, lon, radiusKm }
}

interface ResilienceOptions extends CommonOptions {
  k?: string
  by?: string
  link?: string[]
  srlg?: string[]
  country?: string[]
  circle?: string[]
  pairs?: string
  failures?: string
  top?: string
  threads?: string
  protection?: string
  samples?: string
  seed?: string
}

export function registerResilience(program: Command): void {
  withCommon(
    program
      .command('disjoint')
      .description('k diverse paths of least total latency, and exactly what they share when they cannot be fully diverse')
      .argument('<from>', 'node id or name')
      .argument('<to>', 'node id or name')
      .option('--k <n>', 'number of paths', '2')
      .option('--by <kind>', `what the paths may not share: ${DIVERSITY.join(' | ')}`, 'link'),
  ).action(async (from: string, to: string, _o: ResilienceOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as ResilienceOptions
    const context = loadContext(options)
    const by = choice<DiversityBy>(options.by, DIVERSITY, '--by', 'link')
    const answer = await diversePaths(context.workbench.index(context.scenario), { from, to, k: parseInteger(options.k ?? '2', '--k', 1, 10), by }, context.scenario)
    process.stdout.write(options.json ? json(answer) : printDisjoint(answer))
  })

  withCommon(
    program
      .command('cut')
      .description('what-if: cut links, shared-risk groups, countries or everything within a circle, and see every pair')
      .option('--link <ids...>', 'link ids (repeatable, comma separated)')
      .option('--srlg <ids...>', 'shared-risk link groups')
      .option('--country <codes...>', 'every link touching these countries (ISO alpha-2)')
      .option('--circle <lat,lon,km...>', 'every link passing within RADIUS_KM of LAT,LON (geometry, else great circle)')
      .option('--pairs <A:B,...>', 'only these pairs (default: all pairs of traffic nodes)'),
  ).action((_o: ResilienceOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as ResilienceOptions
    const spec: CutSpec = {
      links: list(options.link),
      srlgs: list(options.srlg),
      countries: list(options.country),
      circles: (Array.isArray(options.circle) ? options.circle : options.circle ? [options.circle] : []).map(parseCircle),
    }
    if (!spec.links?.length && !spec.srlgs?.length && !spec.countries?.length && !spec.circles?.length) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', 'say what to cut: --link, --srlg, --country or --circle')
    }
    const context = loadContext(options)
    const pairs = options.pairs ? parsePairs(options.pairs) : undefined
    const answer = cutImpact(context.workbench.index(context.scenario), spec, pairs, context.scenario)
    process.stdout.write(options.json ? json(answer) : printCut(answer))
  })

  withCommon(
    program
      .command('sweep')
      .description('fail every link, every pair of links or every shared-risk group; rank them by what they break')
      .requiredOption('--failures <mode>', `${FAILURE_MODES.join(' | ')} (single links, link pairs, SRLGs)`)
      .option('--top <n>', 'show the N most critical', '20')
      .option('--threads <n>', 'worker threads (default: all cores; 1 = inline)'),
  ).action(async (_o: ResilienceOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as ResilienceOptions
    const mode = choice<FailureMode>(options.failures, FAILURE_MODES, '--failures', '1')
    const top = parseInteger(options.top ?? '20', '--top', 1, 1_000_000)
    const threads = options.threads === undefined ? undefined : parseInteger(options.threads, '--threads', 1, 64)
    const context = loadContext(options)
    const index = context.workbench.index(context.scenario)
    const plan = planSweep(index, mode)
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
      const answer = rankSweep(index, plan, packed, top, context.scenario)
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
  })

  withCommon(
    program
      .command('availability')
      .description('availability of a pair: unprotected, 1+1 over two diverse paths, or with restoration over the whole network')
      .argument('<from>', 'node id or name')
      .argument('<to>', 'node id or name')
      .option('--protection <mode>', PROTECTIONS.join(' | '), 'none')
      .option('--samples <n>', 'Monte Carlo samples when the network is too large for exact factoring', '200000')
      .option('--seed <n>', 'Monte Carlo seed', '1'),
  ).action((from: string, to: string, _o: ResilienceOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as ResilienceOptions
    const protection = choice<Protection>(options.protection, PROTECTIONS, '--protection', 'none')
    const context = loadContext(options)
    const answer = pairAvailability(
      context.workbench.index(context.scenario),
      {
        from,
        to,
        protection,
        samples: parseInteger(options.samples ?? '200000', '--samples', 100, 100_000_000),
        seed: parseInteger(options.seed ?? '1', '--seed', 0, 2 ** 31),
      },
      context.scenario,
    )
    process.stdout.write(options.json ? json(answer) : printAvailability(answer))
  })
}
