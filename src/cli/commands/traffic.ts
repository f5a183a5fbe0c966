import { basename } from 'node:path'
import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { type DemandsParseResult, formatIssues, parseDemandsFile } from '../../io'
import { type DemandsDocument, SilkwayError, type ValidationIssue, hasErrors } from '../../model'
import type { RoutingIndex } from '../../routing'
import {
  type FlowResponse,
  type GravitySpec,
  type HubsResponse,
  type MaxflowQuery,
  type MaxflowResponse,
  type TrafficSweepResponse,
  demandsFromGravity,
  flowQuery,
  gravityQuery,
  hubsQuery,
  maxflowQuery,
  resolveDemands,
  runFlow,
  runHubs,
  runMaxflow,
  runTrafficSweep,
  trafficSweepQuery,
} from '../../traffic'
import { type CommonOptions, loadContext } from '../context'
import { readText } from '../files'
import { json, num, table } from '../format'
import { withCommon } from '../options'
import { queryCommand } from '../query'

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${num(100 * x, digits)} %`)

function parseDemandsText(file: string): DemandsParseResult {
  return parseDemandsFile(readText(file), basename(file))
}

function refuse(file: string, issues: ValidationIssue[]): never {
  const errors = issues.filter((issue) => issue.severity === 'error')
  const first = errors[0]
  const place = first.line === undefined || first.path.startsWith('line ') ? file : `${file}:${first.line}`
  throw new SilkwayError('SW_INVALID_DOCUMENT', `${place}: ${first.path}: ${first.message}`, { file }, issues)
}

/**
 * A demands file (CSV or silkway JSON), checked against the schema and then against the network: an unknown
 * node, a negative or non-numeric Gbit/s, a broken row — every problem located by line and field, file refused.
 */
export function loadDemands(file: string, index: RoutingIndex): { document: DemandsDocument; issues: ValidationIssue[] } {
  const parsed = parseDemandsText(file)
  if (!parsed.demands) refuse(file, parsed.issues)
  const resolved = resolveDemands(index, parsed.demands)
  const located = resolved.issues.map((issue) => {
    const where = parsed.locate?.(issue.path) ?? { path: issue.path }
    return { ...issue, path: where.path, ...(where.line !== undefined ? { line: where.line } : {}) }
  })
  const issues = [...parsed.issues, ...located]
  if (hasErrors(issues)) refuse(file, issues)
  return { document: parsed.demands, issues }
}

/** Shown on stderr while a long computation runs (a terminal only, so pipes and --json stay clean). */
export function working(what: string): () => void {
  if (!process.stderr.isTTY) return () => {}
  const started = Date.now()
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  let i = 0
  const timer = setInterval(() => process.stderr.write(`\r${frames[i++ % frames.length]} ${what} · ${Math.round((Date.now() - started) / 1000)} s`), 100)
  return () => {
    clearInterval(timer)
    process.stderr.write('\r\x1b[K')
  }
}

function printFlow(answer: FlowResponse): string {
  const lines = [
    `routing ${answer.routing}${answer.objective ? ` (${answer.objective})` : ''} · metric ${answer.metric} · capacity ${answer.capacity.basis}, unknown links ${answer.capacity.unknown}`,
    `demand ${num(answer.totals.demandGbps, 1)} Gbit/s · routed ${num(answer.totals.routedGbps, 1)} · unrouted ${num(answer.totals.unroutedGbps, 1)} · max utilisation ${pct(answer.maxUtilisation)}${answer.demandScale !== 1 ? ` · λ ${num(answer.demandScale, 4)}` : ''}`,
  ]
  if (answer.solver) lines.push(`solver ${answer.solver.name} ${answer.solver.status} · objective ${num(answer.solver.objectiveValue, 6)} · gap ${num(answer.solver.gap, 6)} · ${num(answer.solver.columns)} columns × ${num(answer.solver.rows)} rows`)
  const loaded = answer.links.filter((l) => l.loadGbps > 0).sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || b.loadGbps - a.loadGbps)
  lines.push('', `links by utilisation (${loaded.length} carry traffic)`)
  lines.push(
    table(
      ['link', 'load Gbit/s', 'capacity Gbit/s', 'method', 'utilisation'],
      loaded.slice(0, 20).map((l) => [l.id, num(l.loadGbps, 1), l.capacityGbps === null ? 'unknown' : num(l.capacityGbps), l.capacityMethod, pct(l.utilisation)]),
      ['left', 'right', 'right', 'left', 'right'],
    ),
  )
  if (loaded.length > 20) lines.push(`… ${loaded.length - 20} more (use --json for all)`)
  const unfit = answer.demands.filter((d) => !d.fits)
  if (unfit.length > 0) {
    lines.push('', `${unfit.length} demand(s) do not fit`)
    lines.push(table(['demand', 'Gbit/s', 'routed', 'unrouted'], unfit.slice(0, 20).map((d) => [d.id, num(d.gbps, 1), num(d.routedGbps, 1), num(d.unroutedGbps, 1)]), ['left', 'right', 'right', 'right']))
  }
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

function printMaxflow(answer: MaxflowResponse): string {
  const lines = [
    `${answer.from.set} (${answer.from.nodes.length} nodes) ⇄ ${answer.to.set} (${answer.to.nodes.length} nodes) · capacity ${answer.capacity.basis}, unknown links ${answer.capacity.unknown}`,
    answer.unbounded ? `maximum flow: unbounded (links of unknown capacity: ${(answer.unboundedPath ?? []).join(', ')})` : `maximum flow ${num(answer.valueGbps, 1)} Gbit/s in each direction`,
  ]
  if (answer.cut.length > 0) {
    lines.push('', `minimum cut: ${answer.cut.length} link(s) · countries ${answer.cutCountries.join(' ') || '—'}`)
    lines.push(
      table(
        ['link', 'capacity Gbit/s', 'method', 'operators', 'countries'],
        answer.cut.map((l) => [l.id, num(l.capacityGbps), l.capacityMethod, l.operators.join(', ') || '—', l.countries.join(' ')]),
        ['left', 'right', 'left', 'left', 'left'],
      ),
    )
  }
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

export function printHubs(answer: HubsResponse): string {
  const lines = [
    `${answer.scenario ?? ''}${answer.scenario ? ' · ' : ''}routing ${answer.routing} · metric ${answer.metric} · ${num(answer.demands.count)} demands, ${num(answer.demands.totalGbps, 3)} Gbit/s (Europe–Asia ${pct(answer.demands.totalGbps > 0 ? answer.demands.europeAsiaGbps / answer.demands.totalGbps : null)})`,
    `demands: ${answer.demands.source}`,
    '',
    'transit by country (demand crossing a country that is neither of its ends)',
    table(
      ['country', 'share of all demand', 'share of Europe–Asia', 'transit Gbit/s'],
      answer.countries.filter((c) => c.transitGbps > 0).map((c) => [c.country, pct(c.transitShare), pct(c.europeAsiaShare), num(c.transitGbps, 3)]),
      ['left', 'right', 'right', 'right'],
    ),
    '',
    'operators (demand carried over their links)',
    table(['operator', 'share of all demand', 'share of Europe–Asia'], answer.operators.slice(0, 10).map((o) => [o.operator, pct(o.share), pct(o.europeAsiaShare)]), ['left', 'right', 'right']),
    '',
    'nodes by betweenness',
    table(['node', 'country', 'betweenness', 'normalised'], answer.nodes.map((n) => [n.name, n.country, num(n.betweenness, 1), num(n.normalised, 4)]), ['left', 'left', 'right', 'right']),
  ]
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

const SWEEP_MODE_NAMES: Record<TrafficSweepResponse['failures'], string> = { link: 'single-link', srlg: 'SRLG / link', country: 'country' }

function printTrafficSweep(answer: TrafficSweepResponse): string {
  const lines = [
    `${answer.scenario ? `${answer.scenario} · ` : ''}${answer.states} ${SWEEP_MODE_NAMES[answer.failures]} failure states · routing ${answer.routing} · metric ${answer.metric} · capacity ${answer.capacity.basis}, unknown links ${answer.capacity.unknown}`,
    `${num(answer.demands.count)} demands, ${num(answer.demands.gbps, 1)} Gbit/s (${num(answer.demands.protectedGbps, 1)} protected) · normal state: max utilisation ${pct(answer.normal.maxUtilisation)}, unrouted ${num(answer.normal.unroutedGbps, 1)} Gbit/s${answer.normal.solver ? ` · LP ${answer.normal.solver.status}` : ''}`,
    '',
    'failures by impact',
  ]
  const country = answer.failures === 'country'
  const optimal = answer.routing === 'optimal'
  type Row = TrafficSweepResponse['ranked'][number]
  type Column = [string, 'left' | 'right', (r: Row) => string]
  const countryColumns: Column[] = [
    ['of it transit', 'right', (r) => num(r.transitUnroutedGbps ?? 0, 1)],
    ['of it endpoint', 'right', (r) => num(r.endpointGbps ?? 0, 1)],
  ]
  const columns: Column[] = [
    ['#', 'right', (r) => String(r.rank)],
    ['failure', 'left', (r) => r.failure],
    ['unrouted Gbit/s', 'right', (r) => num(r.unroutedGbps, 1)],
    ['of it protected', 'right', (r) => num(r.unroutedProtectedGbps, 1)],
    ...(country ? countryColumns : []),
    ['rerouted Gbit/s', 'right', (r) => num(r.reroutedGbps, 1)],
    ['max utilisation', 'right', (r) => pct(r.maxUtilisation)],
    ...(optimal ? [['LP', 'left', (r: Row) => r.solver?.status ?? ''] as Column] : []),
    ['overloaded links', 'left', (r) => r.overloaded.map((o) => `${o.id} ${pct(o.utilisation, 0)}`).join(', ') || '—'],
    ['demands hurt', 'right', (r) => String(r.demandsHurt)],
  ]
  lines.push(table(columns.map((c) => c[0]), answer.ranked.map((r) => columns.map((c) => c[2](r))), columns.map((c) => c[1])))
  const needs = answer.links.filter((l) => l.worstFailure !== null && l.worstLoadGbps > l.normalLoadGbps).sort((a, b) => (b.worstUtilisation ?? -1) - (a.worstUtilisation ?? -1) || b.worstLoadGbps - a.worstLoadGbps)
  if (needs.length > 0) {
    lines.push('', 'capacity to survive any single failure (worst load over every state)')
    lines.push(
      table(
        ['link', 'capacity Gbit/s', 'normal load', 'worst load', 'worst under', 'worst utilisation'],
        needs.slice(0, 20).map((l) => [l.id, l.capacityGbps === null ? 'unknown' : num(l.capacityGbps), num(l.normalLoadGbps, 1), num(l.worstLoadGbps, 1), l.worstFailure ?? '', pct(l.worstUtilisation)]),
        ['left', 'right', 'right', 'right', 'left', 'right'],
      ),
    )
    if (needs.length > 20) lines.push(`… ${needs.length - 20} more (use --json for all)`)
  }
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

interface DemandsOptions extends CommonOptions {
  demands?: string
}

const demandsOption = (command: Command) => command.option('--demands <file>', 'demands file (CSV from,to,gbps[,year,class] or silkway JSON); default: the gravity model with --total-gbps')

function printDemands(document: DemandsDocument, issues: ValidationIssue[]): string {
  const total = document.demands.reduce((sum, d) => sum + d.gbps, 0)
  const lines = [`${document.name ?? 'demands'} · ${num(document.demands.length)} demands · ${num(total, 1)} Gbit/s in all`]
  const largest = [...document.demands].sort((a, b) => b.gbps - a.gbps).slice(0, 20)
  lines.push(table(['id', 'from', 'to', 'Gbit/s', 'year', 'class'], largest.map((d) => [d.id, d.from, d.to, num(d.gbps, 3), d.year, d.class ?? 'unprotected']), ['left', 'left', 'left', 'right', 'right', 'left']))
  if (document.demands.length > 20) lines.push(`… ${document.demands.length - 20} more, largest shown (use --json for all)`)
  if (issues.length > 0) lines.push(formatIssues(issues))
  return `${lines.join('\n')}\n`
}

export function registerTraffic(program: Command): void {
  /** A question over a demand set: the --demands file resolved on the scenario's network, else the gravity model. */
  const overDemands = <Q extends { flow: { routing?: string } } | { hubs: unknown }, A>(
    spec: typeof flowQuery | typeof hubsQuery,
    run: (index: RoutingIndex, query: Q, given: DemandsDocument | undefined, options: { scenario?: string; sourceName?: string; clock?: () => number }) => Promise<A>,
    print: (answer: A) => string,
  ) =>
    queryCommand<Q, DemandsOptions>(
      program,
      spec,
      async (query, context, options) => {
        const index = context.workbench.index(context.scenario)
        const given = options.demands ? loadDemands(options.demands, index).document : undefined
        const done = working('flow' in query && query.flow.routing === 'optimal' ? 'solving the LP' : 'routing the demands')
        const clock = () => performance.now()
        const answer = await run(index, query, given, { scenario: context.scenario, clock, ...(options.demands ? { sourceName: options.demands } : {}) }).finally(done)
        process.stdout.write(options.json ? json(answer) : print(answer))
      },
      demandsOption,
    )
  overDemands(flowQuery, runFlow, printFlow)
  overDemands(hubsQuery, runHubs, printHubs)

  queryCommand<Parameters<typeof runTrafficSweep>[1], DemandsOptions>(
    program,
    trafficSweepQuery,
    async (query, context, options) => {
      const index = context.workbench.index(context.scenario)
      const given = options.demands ? loadDemands(options.demands, index).document : undefined
      const steps = runTrafficSweep(index, query, given, { scenario: context.scenario, clock: () => performance.now(), ...(options.demands ? { sourceName: options.demands } : {}) })
      const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'traffic sweep [{bar}] {percentage}% · {value}/{total} failures · ETA {eta_formatted}', hideCursor: true }) : undefined
      let interrupted = false
      const interrupt = () => {
        interrupted = true
      }
      process.once('SIGINT', interrupt)
      try {
        let next = await steps.next()
        let slice = Date.now()
        while (!next.done) {
          if (next.value.done === 1) bar?.start(next.value.total, 0)
          bar?.update(next.value.done)
          // Back to the event loop now and then, so Ctrl-C (SIGINT) is heard between failure states.
          if (Date.now() - slice > 50) {
            await new Promise((resolve) => setImmediate(resolve))
            slice = Date.now()
          }
          if (interrupted) {
            bar?.stop()
            process.stderr.write('silkway: traffic sweep interrupted\n')
            process.exit(130)
          }
          next = await steps.next()
        }
        bar?.stop()
        process.stdout.write(options.json ? json(next.value) : printTrafficSweep(next.value))
      } finally {
        process.removeListener('SIGINT', interrupt)
      }
    },
    demandsOption,
  )

  queryCommand<MaxflowQuery, CommonOptions>(program, maxflowQuery, (query, context, options) => {
    const answer = runMaxflow(context.workbench.index(context.scenario), query, context.scenario)
    process.stdout.write(options.json ? json(answer) : printMaxflow(answer))
  })

  const demands = program.command('demands').description('demand sets: generate by the gravity model, validate or show a file')
  queryCommand<GravitySpec, CommonOptions>(demands, gravityQuery, (spec, context, options) => {
    const { document } = demandsFromGravity(context.workbench.index(context.scenario), spec)
    process.stdout.write(options.json ? json(document) : `${JSON.stringify(document, null, 2)}\n`)
  })
  for (const [name, summary] of [
    ['validate', 'check a demands file against the schema and the network: every issue with its line and field'],
    ['show', 'summarise a demands file: count, total, the largest demands'],
  ] as const) {
    withCommon(demands.command(name).description(summary).argument('<file>', 'CSV (from,to,gbps[,year,class]) or silkway demands JSON')).action((file: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals() as CommonOptions
      const context = loadContext(options)
      const { document, issues } = loadDemands(file, context.workbench.index(context.scenario))
      if (name === 'validate') {
        const total = document.demands.reduce((sum, d) => sum + d.gbps, 0)
        const summary = { valid: true, demands: document.demands.length, totalGbps: total, issues }
        process.stdout.write(options.json ? json(summary) : `${file}: valid · ${num(document.demands.length)} demands · ${num(total, 1)} Gbit/s${issues.length ? `\n${formatIssues(issues, file)}` : ''}\n`)
      } else {
        process.stdout.write(options.json ? json(document) : printDemands(document, issues))
      }
    })
  }
}
