import type { Command } from 'commander'
import { LINK_KINDS, LINK_STATUSES, NODE_KINDS, SilkwayError } from '../../model'
import { normalizeName, resolveNode } from '../../routing'
import { type CommonOptions, loadContext } from '../context'
import { json, num, table } from '../format'
import { list, withCommon } from '../options'

interface NodesOptions extends CommonOptions {
  country?: string[]
  kind?: string[]
  search?: string
}

interface LinksOptions extends CommonOptions {
  country?: string[]
  kind?: string[]
  status?: string[]
  operator?: string[]
  node?: string
}

function checkChoices(values: string[], allowed: readonly string[], flag: string): void {
  for (const value of values) {
    if (!allowed.includes(value)) throw new SilkwayError('SW_INVALID_ARGUMENT', `${flag}: '${value}' is not one of ${allowed.join(', ')}`)
  }
}

export function registerInventory(program: Command): void {
  withCommon(
    program
      .command('nodes')
      .description('list nodes, filtered')
      .option('--country <codes...>', 'only these countries')
      .option('--kind <kinds...>', `only these kinds (${NODE_KINDS.join(', ')})`)
      .option('--search <text>', 'name or id contains this text'),
  ).action((_o: NodesOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as NodesOptions
    const context = loadContext(options)
    const network = context.workbench.scenarioNetwork(context.scenario)
    const countries = list(options.country).map((c) => c.toUpperCase())
    const kinds = list(options.kind)
    checkChoices(kinds, NODE_KINDS, '--kind')
    const search = options.search ? normalizeName(options.search) : undefined
    const nodes = network.nodes.filter(
      (n) =>
        (countries.length === 0 || (n.country !== undefined && countries.includes(n.country))) &&
        (kinds.length === 0 || kinds.includes(n.kind)) &&
        (!search || normalizeName(n.name).includes(search) || normalizeName(n.id).includes(search)),
    )
    if (options.json) {
      process.stdout.write(json({ scenario: context.scenario, count: nodes.length, nodes }))
      return
    }
    process.stdout.write(
      `${table(
        ['id', 'name', 'kind', 'country', 'lat °', 'lon °', 'operators', 'sources'],
        nodes.map((n) => [n.id, n.name, n.kind, n.country, num(n.lat, 4), num(n.lon, 4), (n.operators ?? []).join(', '), (n.sources ?? []).length]),
        ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'right'],
      )}\n${nodes.length} nodes in ${context.scenario}\n`,
    )
  })

  withCommon(
    program
      .command('links')
      .description('list links with their computed lengths, filtered')
      .option('--country <codes...>', 'only links crossing these countries')
      .option('--kind <kinds...>', `only these kinds (${LINK_KINDS.join(', ')})`)
      .option('--status <statuses...>', `only these statuses (${LINK_STATUSES.join(', ')})`)
      .option('--operator <names...>', 'only links of these operators')
      .option('--node <node>', 'only links touching this node'),
  ).action((_o: LinksOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as LinksOptions
    const context = loadContext(options)
    const index = context.workbench.index(context.scenario)
    const countries = list(options.country).map((c) => c.toUpperCase())
    const kinds = list(options.kind)
    const statuses = list(options.status)
    checkChoices(kinds, LINK_KINDS, '--kind')
    checkChoices(statuses, LINK_STATUSES, '--status')
    const operators = list(options.operator).map((o) => o.toLowerCase())
    const nodeId = options.node === undefined ? undefined : index.network.nodes[resolveNode(index, options.node)].id
    const rows = index.network.links
      .map((link, e) => ({
        ...link,
        status: link.status ?? 'operational',
        countries: [...index.linkCountries[e]],
        computedLengthKm: Number.isFinite(index.linkLengthKm[e]) ? Math.round(index.linkLengthKm[e] * 10) / 10 : null,
        lengthMethod: index.linkLengthMethod[e],
      }))
      .filter(
        (l) =>
          (countries.length === 0 || l.countries.some((c) => countries.includes(c))) &&
          (kinds.length === 0 || kinds.includes(l.kind)) &&
          (statuses.length === 0 || statuses.includes(l.status)) &&
          (operators.length === 0 || (l.operators ?? []).some((o) => operators.includes(o.toLowerCase()))) &&
          (nodeId === undefined || l.a === nodeId || l.b === nodeId),
      )
    if (options.json) {
      process.stdout.write(json({ scenario: context.scenario, count: rows.length, links: rows }))
      return
    }
    process.stdout.write(
      `${table(
        ['id', 'a', 'b', 'kind', 'status', 'RFS', 'length km', 'length from', 'countries', 'operators'],
        rows.map((l) => [l.id, l.a, l.b, l.kind, l.status, l.readyForServiceYear, num(l.computedLengthKm), l.lengthMethod, l.countries.join(' '), (l.operators ?? []).join(', ')]),
        ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'left', 'left', 'left'],
      )}\n${rows.length} links in ${context.scenario}\n`,
    )
  })

  withCommon(program.command('scenarios').description('list the scenarios')).action((_o: CommonOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals() as CommonOptions
    const context = loadContext(options)
    const { workbench } = context
    const rows = workbench.scenarioNames().map((name) => {
      const scenario = workbench.scenarios.find((s) => s.name === name)
      const network = workbench.scenarioNetwork(name)
      return { name, title: scenario?.title ?? (name === 'as-is' ? 'the network as it is, every link' : ''), base: scenario?.base, isDefault: name === workbench.defaultScenario, links: network.links.length, description: scenario?.description }
    })
    if (options.json) {
      process.stdout.write(json({ scenarios: rows }))
      return
    }
    process.stdout.write(`${table(['scenario', 'base', 'links', 'title'], rows.map((r) => [`${r.name}${r.isDefault ? ' *' : ''}`, r.base, r.links, r.title]))}\n  * default\n`)
  })
}
