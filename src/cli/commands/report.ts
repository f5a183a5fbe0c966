import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { type CorridorReport, type HubReport, type MeasuredVsModelled, type ReportQuery, type RouteSummary, fullReport, reportOptionsFor, reportQuery } from '../../report'
import type { CommonOptions } from '../context'
import { json, num, signed, table } from '../format'
import { queryCommand } from '../query'
import { printResilienceReport } from './resilience'

const SCATTER_COLUMNS = 56
const SCATTER_ROWS = 20

/**
 * Measured RTT (across) against modelled RTT (up), one scale from 0 ms: `F` a pair's floor, `E` its expected RTT
 * (held out for a fitted pair), `!` the floor of a pair measured below it (impossible); `·` the 1:1 line, where
 * the model would equal the measurement. Points under the line are models faster than the world, as floors
 * must be; a `!` above it is a measurement faster than physics allows. The later mark wins a shared cell.
 */
export function scatterMeasuredVsModelled(pairs: MeasuredVsModelled['pairs']): string[] {
  const points = pairs.filter((p) => p.floorRttMs !== null)
  if (points.length === 0) return []
  const maxMs = Math.max(...points.flatMap((p) => [p.measuredRttMs, p.floorRttMs ?? 0, p.expectedRttMs ?? 0]))
  const grid = Array.from({ length: SCATTER_ROWS }, () => new Array<string>(SCATTER_COLUMNS).fill(' '))
  const col = (ms: number) => Math.min(SCATTER_COLUMNS - 1, Math.round((ms / maxMs) * (SCATTER_COLUMNS - 1)))
  const row = (ms: number) => SCATTER_ROWS - 1 - Math.min(SCATTER_ROWS - 1, Math.round((ms / maxMs) * (SCATTER_ROWS - 1)))
  for (let c = 0; c < SCATTER_COLUMNS; c++) grid[row((c / (SCATTER_COLUMNS - 1)) * maxMs)][c] = '·'
  for (const p of points) {
    const x = col(p.measuredRttMs)
    grid[row(p.floorRttMs ?? 0)][x] = p.status === 'impossible' ? '!' : 'F'
    if (p.expectedRttMs !== null) grid[row(p.expectedRttMs)][x] = 'E'
  }
  const label = (r: number) => (r === 0 ? num(maxMs, 0) : r === SCATTER_ROWS - 1 ? '0' : '').padStart(5)
  return [
    'modelled ms',
    ...grid.map((cells, r) => `${label(r)} |${cells.join('')}`),
    `      +${'-'.repeat(SCATTER_COLUMNS)}`,
    `       0${' '.repeat(SCATTER_COLUMNS - 12)}${num(maxMs, 0).padStart(4)} measured ms`,
    '  F floor · E expected (held out for fitted pairs) · ! floor of a pair measured below it · · the 1:1 line',
  ]
}

function printMeasuredVsModelled(m: MeasuredVsModelled): string[] {
  const c = m.calibration
  const out = [
    `Measured against modelled RTT (calibration ${c.id} ${c.version} on ${c.scenario}: ${Object.entries(c.coefficients).map(([k, v]) => `${k} ${num(v, 3)}`).join(', ')}; ` +
      `± ${num(c.toleranceMs, 1)} ms held out (${c.heldOutMethod}, ${c.fitted} fitted pairs)${m.validationRmseMs === null ? '' : `; validation-only pairs RMS ${num(m.validationRmseMs, 1)} ms`})`,
  ]
  out.push(
    table(
      ['pair', 'measured ms', 'floor ms', 'expected ms', 'status'],
      m.pairs.map((p) => [
        p.id,
        `${num(p.measuredRttMs, 1)}${p.percentile ? ` ${p.percentile}` : ''}`,
        p.floorRttMs === null ? '—' : `${num(p.floorRttMs, 1)}${p.floorKind === 'great-circle' ? ' (gc)' : ''}`,
        p.expectedRttMs === null ? '—' : num(p.expectedRttMs, 1),
        `${p.status === 'impossible' ? 'IMPOSSIBLE: below the floor' : p.status}${p.weak ? ' (weak source)' : ''}`,
      ]),
      ['left', 'right', 'right', 'right', 'left'],
    ),
  )
  out.push('', ...scatterMeasuredVsModelled(m.pairs))
  return out
}

function printReport(report: CorridorReport): string {
  const out: string[] = []
  out.push(`${report.network.name ?? 'network'} · ${report.network.sources} sources · ${report.network.srlgs} shared-risk groups`)
  out.push(
    `profile ${report.profile.id} ${report.profile.version}: group index ${report.profile.groupIndex}, node delay ${report.profile.nodeDelayMs} ms, ` +
      `route factor ${report.profile.routeFactorTerrestrial} terrestrial end-to-end` +
      (report.profile.routeFactorTerrestrialPerHop === null ? '' : ` / ${report.profile.routeFactorTerrestrialPerHop} per hop`) +
      ` / ${report.profile.routeFactorSubmarine} submarine`,
  )
  out.push('', 'Scenarios')
  out.push(
    table(
      ['scenario', 'nodes', 'links', 'route km', 'submarine km', 'declared', 'chain', 'geodesic', 'link factor', 'estimated', 'unknown', 'countries'],
      report.scenarios.map((s) => [
        `${s.name}${s.isDefault ? ' *' : ''}`,
        s.nodes,
        s.links,
        num(s.routeKm),
        num(s.submarineKm),
        s.lengthMethods.declared,
        s.lengthMethods['declared-chain'],
        s.lengthMethods.geodesic,
        s.lengthMethods['link-route-factor'],
        s.lengthMethods['great-circle-estimate'],
        s.lengthMethods.unknown,
        s.countries.length,
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  )
  out.push(
    '  * default · declared/chain/geodesic/link factor/estimated/unknown: how many links got their length each way ' +
      '(chain: share of a length declared for a chain of links; link factor: a route factor sourced for that link)',
  )
  if (report.claims.length > 0) {
    out.push('', 'Public claims against the model (shortest route by fibre length in each scenario)')
    out.push(
      table(
        ['claim', 'baseline km', 'target km', 'saved km', 'claimed km', 'claimed saved', 'deviation', 'one-way ms', 'claimed ms'],
        report.claims.map((c) => [
          c.name,
          num(c.baselineKm),
          num(c.targetKm),
          num(c.savedKm),
          num(c.claimedTargetKm),
          num(c.claimedSavedKm),
          c.targetDeviationPct === null ? '—' : `${signed(c.targetDeviationKm)} km (${signed(c.targetDeviationPct, 1)} %)`,
          `${num(c.baselineOneWayMs, 1)} → ${num(c.targetOneWayMs, 1)}`,
          c.claimedTargetOneWayMs === null ? '—' : `${num(c.claimedBaselineOneWayMs, 0)} → ${num(c.claimedTargetOneWayMs, 0)}`,
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    )
    for (const c of report.claims) {
      out.push(`  ${c.name}: ${c.verdict}`)
      if (c.floorOneWayMsAtClaimedKm !== null) {
        out.push(
          `    physics: ${num(c.claimedTargetKm)} km of fibre takes at least ${num(c.floorOneWayMsAtClaimedKm, 2)} ms one way at group index ${report.profile.groupIndex}; ` +
            `claimed ${num(c.claimedTargetOneWayMs, 0)} ms ${c.claimedDelayBelowFloor ? 'is BELOW that floor' : 'is at or above it'}`,
        )
      }
      for (const r of c.perHopRange) {
        out.push(`    per-hop factor ${r.perHopRouteFactor}: baseline ${num(r.baselineKm)} km, target ${num(r.targetKm)} km (${num(r.targetOneWayMs, 1)} ms), saving ${num(r.savedKm)} km`)
      }
      if (c.targetPath) out.push(`    target route: ${c.targetPath.join(' – ')}`)
      if (c.inferredAlignmentLinks.length > 0) out.push(`    depends on inferred alignments: ${c.inferredAlignmentLinks.join(', ')}`)
      if (c.weakSources.length > 0) out.push(`    rests on weak sources: ${c.weakSources.join(', ')}`)
    }
  }
  const calibrated = report.europeChina.some((r) => r.fastest?.expectedRttMs !== undefined)
  const expected = (r: RouteSummary | null) =>
    r?.expectedRttMs === undefined ? '—' : `${num(r.expectedRttMs, 1)} ± ${num(r.expectedRttToleranceMs, 1)}${r.expectedRttExtrapolated ? '*' : ''}`
  if (report.europeChina.length > 0) {
    out.push('', 'Fastest Europe–China routes, with and without transit through Russia')
    out.push(
      table(
        ['pair', 'scenario', 'RTT ms', ...(calibrated ? ['expected ms'] : []), 'stretch', 'countries', 'no-RU RTT ms', ...(calibrated ? ['no-RU expected ms'] : []), 'no-RU stretch', 'no-RU countries'],
        report.europeChina.map((r) => [
          `${r.from}–${r.to}`,
          r.scenario,
          r.fastest ? num(r.fastest.rttMs, 1) : 'no route',
          ...(calibrated ? [expected(r.fastest)] : []),
          r.fastest ? num(r.fastest.stretch, 2) : '—',
          r.fastest?.countries.join(' ') ?? '',
          r.avoidingRussia ? num(r.avoidingRussia.rttMs, 1) : 'no route',
          ...(calibrated ? [expected(r.avoidingRussia)] : []),
          r.avoidingRussia ? num(r.avoidingRussia.stretch, 2) : '—',
          r.avoidingRussia ? r.avoidingRussia.countries.join(' ') : '',
        ]),
        ['left', 'left', 'right', ...(calibrated ? (['right'] as const) : []), 'right', 'left', 'right', ...(calibrated ? (['right'] as const) : []), 'right', 'left'],
      ),
    )
    out.push('  no-RU: no node in and no link across Russia; stretch = RTT / vacuum RTT over the great circle')
    if (calibrated) out.push('  RTT = the physical floor; expected = under the calibration, ± its held-out error (docs/calibration.md)')
    if (report.europeChina.some((r) => r.fastest?.expectedRttExtrapolated || r.avoidingRussia?.expectedRttExtrapolated)) {
      out.push("  * the path's propagation RTT lies outside the range the calibration was fitted on: the expected RTT is an extrapolation")
    }
  }
  if (report.measuredVsModelled) out.push('', ...printMeasuredVsModelled(report.measuredVsModelled))
  return `${out.join('\n')}\n`
}

const pct = (x: number | null) => (x === null ? '—' : `${num(100 * x, 1)} %`)

/** The hub section: per country, its transit share in each scenario and routing, then the top nodes. */
function printHubReport(hubs: HubReport | undefined): string {
  if (!hubs || hubs.rows.length === 0) return ''
  const columns = [...new Set(hubs.rows.map((r) => `${r.scenario}\u0000${r.routing}`))].map((key) => key.split('\u0000'))
  const countries = [...new Set(hubs.rows.map((r) => r.country))]
  const cell = (country: string, [scenario, routing]: string[]) => {
    const row = hubs.rows.find((r) => r.country === country && r.scenario === scenario && r.routing === routing)
    return row ? `${pct(row.europeAsiaShare)} (${pct(row.transitShare)})` : '—'
  }
  const out = ['', 'Transit hubs: share of the Europe–Asia demand crossing each country (of all demand in brackets)']
  out.push(
    table(
      ['country', ...columns.map(([scenario, routing]) => `${scenario} ${routing}`)],
      countries.map((c) => [c, ...columns.map((column) => cell(c, column))]),
      ['left', ...columns.map(() => 'right' as const)],
    ),
  )
  out.push(`  demands: ${hubs.demandSource}; transit = crossing a country that is neither end; optimal = min-max-utilisation LP, design capacities, unknown links uncapacitated`)
  const scenarios = [...new Set(hubs.nodes.map((n) => n.scenario))]
  out.push('', 'Nodes of highest betweenness (shortest paths by latency, normalised)')
  out.push(
    table(
      ['rank', ...scenarios],
      Array.from({ length: Math.max(0, ...scenarios.map((s) => hubs.nodes.filter((n) => n.scenario === s).length)) }, (_, i) => [
        i + 1,
        ...scenarios.map((s) => {
          const node = hubs.nodes.filter((n) => n.scenario === s)[i]
          return node ? `${node.name} (${node.country ?? '—'}) ${num(node.betweenness, 3)}` : '—'
        }),
      ]),
      ['right', ...scenarios.map(() => 'left' as const)],
    ),
  )
  return `${out.join('\n')}\n`
}

export function registerReport(program: Command): void {
  queryCommand<ReportQuery, CommonOptions>(program, reportQuery, async (query, context, options) => {
    const bar = process.stderr.isTTY
      ? new SingleBar({ stream: process.stderr, format: 'single points of failure, {scenario} [{bar}] {percentage}% · {value}/{total} links · ETA {eta_formatted}', hideCursor: true })
      : undefined
    // The CLI has no stored settings: the built-in corridor is the one with defaults, whatever --scenario says.
    const reportOptions = reportOptionsFor(context.builtin, context.builtin ? undefined : context.scenario, context.scenario, query)
    let current: string | undefined
    const onSweepProgress = (done: number, total: number, scenario: string) => {
      if (scenario !== current) {
        bar?.stop()
        bar?.start(total, 0, { scenario })
        current = scenario
      }
      bar?.update(done, { scenario })
    }
    const report = await fullReport(context.workbench, bar && reportOptions.resilience ? { ...reportOptions, resilience: { ...reportOptions.resilience, onSweepProgress } } : reportOptions)
    bar?.stop()
    process.stdout.write(options.json ? json(report) : printReport(report) + printResilienceReport(report.resilience ?? []) + printHubReport(report.hubs))
  })
}
