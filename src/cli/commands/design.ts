import { basename } from 'node:path'
import type { Command } from 'commander'
import { looksLikeSndlib, parseModulesJson, readSndlibInstance } from '../../io'
import { type ModulesDocument, SilkwayError } from '../../model'
import { type DesignParamsQuery, type DesignResponse, assertCatalogueFits, designInstance, designNetwork, designQuery, refuseNetworkOnly } from '../../traffic'
import type { CommonOptions } from '../context'
import { readText } from '../files'
import { json, num, table } from '../format'
import { queryCommand } from '../query'
import { loadDemands, working } from './traffic'

/** A module catalogue file, refused with its first problem located by line and field. */
export function loadModules(file: string): ModulesDocument {
  const parsed = parseModulesJson(readText(file))
  if (parsed.modules) return parsed.modules
  const first = parsed.issues.find((issue) => issue.severity === 'error') ?? parsed.issues[0]
  throw new SilkwayError('SW_INVALID_DOCUMENT', `${file}${first.line !== undefined ? `:${first.line}` : ''}: ${first.path}: ${first.message}`, { file }, parsed.issues)
}

function printDesign(answer: DesignResponse): string {
  const out: string[] = []
  const gap = answer.gap === null ? '—' : `${num(answer.gap * 100, 2)} %`
  const what = answer.instance ?? `${answer.scenario ?? 'network'}${answer.catalogue ? ` · modules ${answer.catalogue.name ?? 'catalogue'} (USD)` : ''}`
  out.push(`${what} · survive ${answer.survive} (${answer.protection}) · ${answer.demands.count} demands, ${answer.demands.protected} protected, ${num(answer.demands.gbps, 3)} Gbit/s`)
  out.push(`status ${answer.status} · cost ${answer.cost === null ? '—' : num(answer.cost, 3)} · bound ${answer.bound === null ? '—' : num(answer.bound, 3)} · gap ${gap} · time limit ${answer.timeLimitS} s`)
  if (answer.demands.source) out.push(`demands: ${answer.demands.source}${answer.demands.omitted ? ` · ${answer.demands.omitted.count} smaller demand(s), ${num(answer.demands.omitted.gbps, 3)} Gbit/s, left out` : ''}`)
  if (answer.catalogue) out.push(`module catalogue: ${answer.catalogue.source}${answer.catalogue.overrides > 0 ? ` · ${answer.catalogue.overrides} link override(s)` : ''} · pre-installed capacity: ${answer.capacity?.basis ?? '—'} basis`)
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
  queryCommand<DesignParamsQuery, CommonOptions & { json?: boolean }>(program, designQuery, async (query, context, options) => {
    const file = query.demands
    const text = file !== undefined ? readText(file) : undefined
    let answer: DesignResponse
    if (file !== undefined && text !== undefined && looksLikeSndlib(text)) {
      refuseNetworkOnly([...(options.network ? ['--network'] : []), ...(options.scenario ? ['--scenario'] : []), ...query.networkOnly], 'the SNDlib instance given with --demands')
      const name = basename(file).replace(/\.(xml|txt)$/i, '')
      answer = await designInstance(readSndlibInstance(text, file, name), query.design, name)
    } else {
      if (query.modules === undefined) {
        throw new SilkwayError(
          'SW_INVALID_ARGUMENT',
          `--modules FILE is needed to design on ${context.builtin ? 'the built-in corridor' : 'a network'}: a module catalogue (docs/schema/modules.schema.json) of what each link can get and its price; no public per-module price ships with the corridor. An SNDlib instance given as --demands brings its own`,
          { field: 'modules' },
        )
      }
      const catalogue = loadModules(query.modules)
      const index = context.workbench.index(context.scenario)
      assertCatalogueFits(index, catalogue, `${query.modules}: `)
      const given = file !== undefined ? loadDemands(file, index).document : undefined
      const done = working('solving the design MIP')
      answer = await designNetwork(index, given, catalogue, query.design, {
        ...query.network,
        ...(query.gravity ? { gravity: query.gravity } : {}),
        scenario: context.scenario,
        ...(file !== undefined ? { sourceName: file } : {}),
      }).finally(done)
    }
    process.stdout.write(options.json ? json(answer) : printDesign(answer))
  })
}
