import type { Command } from 'commander'
import { LINK_KINDS, LINK_STATUSES, NODE_KINDS } from '../../model'
import { listLinks, listNodes, listScenarios } from '../../workbench'
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
    const answer = listNodes(context.workbench, context.scenario, { country: list(options.country), kind: list(options.kind), ...(options.search ? { search: options.search } : {}) })
    const { nodes } = answer
    if (options.json) {
      process.stdout.write(json(answer))
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
    const answer = listLinks(context.workbench, context.scenario, {
      country: list(options.country),
      kind: list(options.kind),
      status: list(options.status),
      operator: list(options.operator),
      ...(options.node === undefined ? {} : { node: options.node }),
    })
    const rows = answer.links
    if (options.json) {
      process.stdout.write(json(answer))
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
    const answer = listScenarios(context.workbench)
    const rows = answer.scenarios
    if (options.json) {
      process.stdout.write(json(answer))
      return
    }
    process.stdout.write(`${table(['scenario', 'base', 'links', 'title'], rows.map((r) => [`${r.name}${r.isDefault ? ' *' : ''}`, r.base, r.links, r.title]))}\n  * default\n`)
  })
}
