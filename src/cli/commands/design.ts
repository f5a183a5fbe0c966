import { basename } from 'node:path'
import type { Command } from 'commander'
import { readSndlibInstance } from '../../io'
import { SilkwayError } from '../../model'
import { type DesignQuery, type DesignResponse, designInstance, designQuery } from '../../traffic'
import { readText } from '../files'
import { json, num, table } from '../format'
import { queryCommand } from '../query'

function printDesign(answer: DesignResponse): string {
  const out: string[] = []
  const gap = answer.gap === null ? '—' : `${num(answer.gap * 100, 2)} %`
  out.push(`${answer.instance ?? 'instance'} · survive ${answer.survive} (${answer.protection}) · ${answer.demands.count} demands, ${answer.demands.protected} protected, ${num(answer.demands.gbps, 3)} Gbit/s`)
  out.push(`status ${answer.status} · cost ${answer.cost === null ? '—' : num(answer.cost, 3)} · bound ${answer.bound === null ? '—' : num(answer.bound, 3)} · gap ${gap} · time limit ${answer.timeLimitS} s`)
  out.push(`HiGHS MIP: ${answer.solver.states} states, ${answer.solver.columns} columns (${answer.solver.integerColumns} integer), ${answer.solver.rows} rows`)
  const added = answer.links.filter((l) => l.addedGbps > 0)
  if (added.length > 0) {
    out.push('')
    out.push(
      table(
        ['link', 'pre-installed Gbit/s', 'added Gbit/s', 'modules', 'cost', 'normal load Gbit/s'],
        added.map((l) => [l.id, num(l.preInstalledGbps, 3), num(l.addedGbps, 3), l.modules.map((m) => `${m.count} × ${num(m.capacityGbps, 3)}`).join(', '), num(l.addedCost, 3), num(l.normalLoadGbps, 3)]),
        ['left', 'right', 'right', 'left', 'right', 'right'],
      ),
    )
  } else if (answer.cost !== null) out.push('', 'no module needs adding')
  const withSetup = answer.links.filter((l) => l.setupCost !== undefined)
  if (withSetup.length > 0 && answer.cost !== null) {
    const opened = withSetup.filter((l) => l.opened)
    out.push('', `setup costs: ${opened.length} of ${withSetup.length} link(s) opened (${opened.map((l) => `${l.id} ${num(l.setupCost ?? 0, 3)}`).join(', ') || 'none'}); closed: ${withSetup.filter((l) => !l.opened).map((l) => l.id).join(', ') || 'none'}`)
  }
  for (const path of answer.workingPaths ?? []) out.push(`working path ${path.demand}: ${path.links.join(' ')}`)
  for (const warning of answer.warnings) out.push(`warning: ${warning}`)
  return `${out.join('\n')}\n`
}

export function registerDesign(program: Command): void {
  queryCommand<DesignQuery & { demands: string }, { json?: boolean; network?: string }>(program, designQuery, async (query, _context, options) => {
    if (options.network) throw new SilkwayError('SW_INVALID_ARGUMENT', '--network does not apply: the SNDlib instance given with --demands carries its own network', { field: 'network' })
    const file = query.demands
    const name = basename(file).replace(/\.(xml|txt)$/i, '')
    const answer = await designInstance(readSndlibInstance(readText(file), file, name), query, name)
    process.stdout.write(options.json ? json(answer) : printDesign(answer))
  })
}
