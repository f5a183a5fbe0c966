import type { Command } from 'commander'
import { withExpectedRtt } from '../../calibration'
import { type RouteQuery, type RouteResponse, routeQuery } from '../../routing'
import type { CommonOptions } from '../context'
import { calibrationFor } from '../files'
import { json, num, table } from '../format'
import { queryCommand } from '../query'

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
  const calibrated = answer.calibration !== undefined
  if (answer.calibration) lines.push(`calibration ${answer.calibration.id} ${answer.calibration.version} (fitted on ${answer.calibration.scenario}; ${answer.calibration.terms.join(' + ')})`)
  lines.push('')
  lines.push(
    table(
      ['#', 'length km', 'one-way ms', 'RTT ms', ...(calibrated ? ['expected RTT ms'] : []), 'stretch', 'hops', 'estimated km', 'countries', 'path'],
      answer.paths.map((p, i) => [
        i + 1,
        num(p.lengthKm),
        num(p.oneWayMs, 2),
        num(p.rttMs, 2),
        ...(calibrated ? [p.expectedRttMs === undefined ? '—' : `${num(p.expectedRttMs, 1)} ± ${num(p.expectedRttToleranceMs, 1)}`] : []),
        num(p.stretch, 2),
        p.hops,
        num(p.lengthBreakdownKm.estimated),
        p.countries.join(' '),
        p.nodeNames.join(' → '),
      ]),
      ['right', 'right', 'right', 'right', ...(calibrated ? (['right'] as const) : []), 'right', 'right', 'right', 'left', 'left'],
    ),
  )
  answer.paths.forEach((p, i) => {
    if (p.dependsOn.inferredAlignmentLinks.length > 0) lines.push(`path ${i + 1} depends on inferred alignments: ${p.dependsOn.inferredAlignmentLinks.join(', ')}`)
    if (p.dependsOn.weakSources.length > 0) lines.push(`path ${i + 1} rests on weak sources: ${p.dependsOn.weakSources.join(', ')}`)
  })
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`)
  lines.push('', 'stretch = RTT / vacuum RTT over the great circle; estimated km = links without a declared length or geometry (great circle × route factor)')
  if (calibrated) lines.push('RTT = the physical floor; expected RTT = what a service is expected to see under the calibration, ± its held-out error (docs/calibration.md)')
  return `${lines.join('\n')}\n`
}

export function registerRoute(program: Command): void {
  queryCommand<RouteQuery, CommonOptions & { calibration?: string | false }>(
    program,
    routeQuery,
    (query, context, options) => {
      const floor = context.workbench.route(query, context.scenario)
      const calibration = calibrationFor(options.calibration, context.builtin)
      const answer = calibration ? withExpectedRtt(context.workbench.index(context.scenario), floor, calibration) : floor
      process.stdout.write(options.json ? json(answer) : printRoute(answer))
    },
    (command) =>
      command
        .option('--calibration <file>', 'a calibration (silkway calibrate --out): adds the expected RTT ± its held-out error beside the floor RTT (default on the built-in corridor: the built-in calibration)')
        .option('--no-calibration', 'the floor RTT alone, without the built-in calibration'),
  )
}
