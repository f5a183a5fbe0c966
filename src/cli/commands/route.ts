import type { Command } from 'commander'
import { LINK_KINDS, type LinkKind, SilkwayError } from '../../model'
import { METRICS, type Metric, type RouteConstraints, type RouteResponse } from '../../routing'
import { type CommonOptions, loadContext } from '../context'
import { json, num, table } from '../format'
import { list, parseInteger, withCommon } from '../options'

interface RouteOptions extends CommonOptions {
  k?: string
  metric?: string
  avoidCountry?: string[]
  avoidOperator?: string[]
  avoidKind?: string[]
  avoidNode?: string[]
  allowEndpointCountries?: boolean
  via?: string[]
  year?: string
}

/** Reads the constraint flags shared by route, compare and report into one object. */
export function constraintsFrom(options: RouteOptions): RouteConstraints {
  const constraints: RouteConstraints = {}
  const countries = list(options.avoidCountry).map((c) => c.toUpperCase())
  for (const code of countries) {
    if (!/^[A-Z]{2}$/.test(code)) throw new SilkwayError('SW_INVALID_ARGUMENT', `--avoid-country: '${code}' is not an ISO 3166-1 alpha-2 code (e.g. RU, IR)`)
  }
  if (countries.length) constraints.avoidCountries = countries
  if (options.allowEndpointCountries) constraints.allowEndpointCountries = true
  const operators = list(options.avoidOperator)
  if (operators.length) constraints.avoidOperators = operators
  const kinds = list(options.avoidKind)
  for (const kind of kinds) {
    if (!(LINK_KINDS as readonly string[]).includes(kind)) throw new SilkwayError('SW_INVALID_ARGUMENT', `--avoid-kind: '${kind}' is not one of ${LINK_KINDS.join(', ')}`)
  }
  if (kinds.length) constraints.avoidKinds = kinds as LinkKind[]
  const nodes = list(options.avoidNode)
  if (nodes.length) constraints.avoidNodes = nodes
  if (options.year !== undefined) constraints.year = parseInteger(options.year, '--year', 1850, 2200)
  return constraints
}

export function metricFrom(value: string | undefined): Metric {
  const metric = value ?? 'latency'
  if (!(METRICS as readonly string[]).includes(metric)) throw new SilkwayError('SW_INVALID_ARGUMENT', `--metric: '${metric}' is not one of ${METRICS.join(', ')}`)
  return metric as Metric
}

export function addConstraintOptions(command: Command): Command {
  return command
    .option('--avoid-country <codes...>', 'no node in, no link across these countries (ISO alpha-2, comma or space separated)')
    .option('--allow-endpoint-countries', "exempt the endpoints' own countries from --avoid-country")
    .option('--avoid-operator <names...>', 'no link operated by these')
    .option('--avoid-kind <kinds...>', `no link of these kinds (${LINK_KINDS.join(', ')})`)
    .option('--avoid-node <nodes...>', 'do not pass through these nodes')
    .option('--year <year>', 'only links in service by this year')
}

function printRoute(answer: RouteResponse): string {
  const place = (n: { name: string; country?: string }) => `${n.name}${n.country ? ` (${n.country})` : ''}`
  const lines = [
    `${place(answer.from)} → ${place(answer.to)}${answer.via.length ? ` via ${answer.via.map(place).join(', ')}` : ''}`,
    `scenario ${answer.scenario ?? '—'} · metric ${answer.metric} · great circle ${num(answer.greatCircleKm)} km · vacuum RTT ${num(answer.vacuumRttMs, 1)} ms`,
  ]
  const c = answer.constraints
  const notes = [
    c.avoidCountries?.length ? `avoiding ${c.avoidCountries.join(', ')}` : '',
    c.avoidOperators?.length ? `avoiding operators ${c.avoidOperators.join(', ')}` : '',
    c.avoidKinds?.length ? `no ${c.avoidKinds.join('/')} links` : '',
    c.year !== undefined ? `in service by ${c.year}` : '',
  ].filter(Boolean)
  if (notes.length) lines.push(notes.join(' · '))
  lines.push('')
  lines.push(
    table(
      ['#', 'length km', 'one-way ms', 'RTT ms', 'stretch', 'hops', 'estimated km', 'countries', 'path'],
      answer.paths.map((p, i) => [
        i + 1,
        num(p.lengthKm),
        num(p.oneWayMs, 2),
        num(p.rttMs, 2),
        num(p.stretch, 2),
        p.hops,
        num(p.lengthBreakdownKm.estimated),
        p.countries.join(' '),
        p.nodeNames.join(' → '),
      ]),
      ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
    ),
  )
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  lines.push('', 'stretch = RTT / vacuum RTT over the great circle; estimated km = links without a declared length or geometry (great circle × route factor)')
  return `${lines.join('\n')}\n`
}

export function registerRoute(program: Command): void {
  const command = program
    .command('route')
    .description('k best paths between two nodes, with latency, stretch against the speed of light and the countries crossed')
    .argument('<from>', 'node id or name')
    .argument('<to>', 'node id or name')
    .option('--k <n>', 'number of loopless paths, best first', '1')
    .option('--metric <metric>', `what "best" means: ${METRICS.join(' | ')}`, 'latency')
    .option('--via <nodes...>', 'waypoints, in order')
  addConstraintOptions(command)
  withCommon(command).action((from: string, to: string, _options: RouteOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as RouteOptions
    const context = loadContext(options)
    const answer = context.workbench.route(
      {
        from,
        to,
        k: parseInteger(options.k ?? '1', '--k', 1, 100),
        metric: metricFrom(options.metric),
        via: list(options.via),
        constraints: constraintsFrom(options),
      },
      context.scenario,
    )
    process.stdout.write(options.json ? json(answer) : printRoute(answer))
  })
}
