import { type LinkStatus, type Network, type Scenario, type ScenarioFilter, SilkwayError, type ValidationIssue } from '../model'

/** What the year and status filters read: a node and a link carry the same two fields. */
interface Dated {
  status?: LinkStatus
  readyForServiceYear?: number
}

/** A node or link counts as in service by `year` when it is not retired and is ready by then (or, undated, operational). */
export function inServiceBy(record: Dated, year: number): boolean {
  const status = record.status ?? 'operational'
  if (status === 'retired') return false
  if (record.readyForServiceYear !== undefined) return record.readyForServiceYear <= year
  return status === 'operational'
}

export function passesFilter(record: Dated, filter: ScenarioFilter): boolean {
  if (filter.statuses && !filter.statuses.includes(record.status ?? 'operational')) return false
  if (filter.inServiceBy !== undefined && !inServiceBy(record, filter.inServiceBy)) return false
  return true
}

/** The chain of scenarios to apply, base first. Throws on unknown names and cycles. */
export function scenarioChain(name: string, scenarios: readonly Scenario[]): Scenario[] {
  const byName = new Map(scenarios.map((s) => [s.name, s]))
  const chain: Scenario[] = []
  const seen = new Set<string>()
  let current: string | undefined = name
  while (current !== undefined) {
    const scenario = byName.get(current)
    if (!scenario) {
      throw new SilkwayError('SW_UNKNOWN_SCENARIO', `unknown scenario '${current}'`, {
        scenario: current,
        available: scenarios.map((s) => s.name),
      })
    }
    if (seen.has(current)) throw new SilkwayError('SW_INVALID_DOCUMENT', `scenario '${name}' has a cycle of bases through '${current}'`)
    seen.add(current)
    chain.unshift(scenario)
    current = scenario.base
  }
  return chain
}

function applyOne(network: Network, scenario: Scenario): Network {
  const issues: ValidationIssue[] = []
  const at = (field: string) => `scenario '${scenario.name}' changes.${field}`
  const changes = scenario.changes ?? {}
  let nodes = network.nodes.slice()
  let links = network.links.slice()

  const removedNodes = new Set(changes.removeNodes ?? [])
  changes.removeNodes?.forEach((id, i) => {
    if (!nodes.some((n) => n.id === id)) issues.push({ path: at(`removeNodes[${i}]`), code: 'unknown-node', message: `unknown node '${id}'`, severity: 'error' })
  })
  nodes = nodes.filter((n) => !removedNodes.has(n.id))
  links = links.filter((l) => !removedNodes.has(l.a) && !removedNodes.has(l.b))

  const removedLinks = new Set(changes.removeLinks ?? [])
  changes.removeLinks?.forEach((id, i) => {
    if (!network.links.some((l) => l.id === id)) issues.push({ path: at(`removeLinks[${i}]`), code: 'unknown-link', message: `unknown link '${id}'`, severity: 'error' })
  })
  links = links.filter((l) => !removedLinks.has(l.id))

  changes.modifyNodes?.forEach((change, i) => {
    const index = nodes.findIndex((n) => n.id === change.id)
    if (index < 0) issues.push({ path: at(`modifyNodes[${i}].id`), code: 'unknown-node', message: `unknown node '${change.id}'`, severity: 'error' })
    else nodes[index] = { ...nodes[index], ...change.set }
  })
  changes.modifyLinks?.forEach((change, i) => {
    const index = links.findIndex((l) => l.id === change.id)
    if (index < 0) issues.push({ path: at(`modifyLinks[${i}].id`), code: 'unknown-link', message: `unknown link '${change.id}'`, severity: 'error' })
    else links[index] = { ...links[index], ...change.set }
  })

  const nodeIds = new Set(nodes.map((n) => n.id))
  changes.addNodes?.forEach((node, i) => {
    if (nodeIds.has(node.id)) issues.push({ path: at(`addNodes[${i}].id`), code: 'duplicate-id', message: `node '${node.id}' already exists`, severity: 'error' })
    nodeIds.add(node.id)
    nodes.push(node)
  })
  const linkIds = new Set(links.map((l) => l.id))
  changes.addLinks?.forEach((link, i) => {
    if (linkIds.has(link.id)) issues.push({ path: at(`addLinks[${i}].id`), code: 'duplicate-id', message: `link '${link.id}' already exists`, severity: 'error' })
    for (const end of ['a', 'b'] as const) {
      if (!nodeIds.has(link[end])) issues.push({ path: at(`addLinks[${i}].${end}`), code: 'unknown-node', message: `unknown node '${link[end]}'`, severity: 'error' })
    }
    linkIds.add(link.id)
    links.push(link)
  })
  if (issues.length > 0) {
    throw new SilkwayError('SW_INVALID_DOCUMENT', `${issues[0].path}: ${issues[0].message}`, { scenario: scenario.name }, issues)
  }
  if (scenario.filter) {
    const filter = scenario.filter
    nodes = nodes.filter((node) => passesFilter(node, filter))
    const kept = new Set(nodes.map((n) => n.id))
    links = links.filter((link) => passesFilter(link, filter) && kept.has(link.a) && kept.has(link.b))
  }
  return { ...network, nodes, links }
}

/**
 * The network a scenario describes: its base scenarios first, then its own changes, then its filter.
 * Pure: the input network is not modified.
 */
export function applyScenario(network: Network, name: string, scenarios: readonly Scenario[]): Network {
  let result = network
  for (const scenario of scenarioChain(name, scenarios)) result = applyOne(result, scenario)
  return { ...result, metadata: { ...result.metadata, scenario: name } }
}
