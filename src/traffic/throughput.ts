import { buildMasks, type RoutingIndex } from '../routing'
import { SilkwayError } from '../model'
import { questionCapacityTable } from './optics'
import { maxFlow } from './maxflow'
import type { CutLink, MaxflowQuery, MaxflowResponse } from './schema'
import { type CountryGroups, type NodeSet, parseNodeSet } from './sets'

const round = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * How much two node sets can exchange, and the bottleneck: the maximum flow between them on the capacities
 * of the chosen basis (in each direction; parallel links add up) under the route constraints, and a minimum
 * cut named by its links, their capacities, operators and countries (`maxFlow`, push-relabel). Nodes of a set that the
 * constraints exclude are left out with a warning; a set left empty is infeasible.
 */
export function throughput(index: RoutingIndex, query: MaxflowQuery, groups: CountryGroups, scenario?: string): MaxflowResponse {
  const { network } = index
  const from = parseNodeSet(index, query.fromSet, groups, 'fromSet')
  const to = parseNodeSet(index, query.toSet, groups, 'toSet')
  const toNodes = new Set(to.nodes)
  const shared = from.nodes.find((v) => toNodes.has(v))
  if (shared !== undefined) {
    const node = network.nodes[shared]
    throw new SilkwayError('SW_INVALID_ARGUMENT', `${node.name} (${node.id}) is in both fromSet and toSet; the sets must not overlap`, { node: node.id, field: 'toSet' })
  }
  const table = questionCapacityTable(index, query.capacity ?? {})
  const masks = buildMasks(index, query.constraints ?? {}, [])
  const warnings = [...masks.warnings]
  const side = (set: NodeSet, field: string) => {
    const usable = set.nodes.filter((v) => !masks.nodeBlocked[v])
    const excluded = set.nodes.filter((v) => masks.nodeBlocked[v]).map((v) => network.nodes[v].id)
    if (usable.length === 0) throw new SilkwayError('SW_CONSTRAINT_INFEASIBLE', `${field}: every node of '${set.text}' is excluded by the constraints`, { field })
    if (excluded.length > 0) warnings.push(`${field}: ${excluded.length} node(s) excluded by the constraints are left out: ${excluded.join(', ')}`)
    return { usable, answer: { set: set.text, nodes: usable.map((v) => network.nodes[v].id), excluded } }
  }
  const source = side(from, 'fromSet')
  const sink = side(to, 'toSet')
  const result = maxFlow(index.graph, source.usable, sink.usable, table.capacityGbps, { edgeBlocked: masks.edgeBlocked, nodeBlocked: masks.nodeBlocked })
  const unbounded = result.valueGbps === Infinity
  const cut: CutLink[] = result.cutEdges.map((e) => {
    const link = network.links[e]
    return {
      id: link.id,
      ...(link.name ? { name: link.name } : {}),
      a: link.a,
      b: link.b,
      capacityGbps: table.capacityGbps[e],
      capacityMethod: table.method[e],
      operators: [...(link.operators ?? [])],
      countries: [...index.linkCountries[e]],
    }
  })
  if (unbounded) {
    warnings.push('unbounded: a path of links of unknown capacity joins the sets (unboundedPath); set capacity.unknown to exclude (CLI --unknown exclude) or give defaultGbps')
  } else if (result.valueGbps === 0) {
    warnings.push('no capacity joins the sets under these constraints and capacities')
  }
  const links: MaxflowResponse['links'] = []
  result.edgeFlowGbps.forEach((f, e) => {
    if (Math.abs(f) > 1e-9) links.push({ id: network.links[e].id, flowGbps: round(f) })
  })
  return {
    ...(scenario ? { scenario } : {}),
    from: source.answer,
    to: sink.answer,
    valueGbps: unbounded ? null : round(result.valueGbps),
    unbounded,
    ...(result.unboundedPath ? { unboundedPath: result.unboundedPath.map((e) => network.links[e].id) } : {}),
    capacity: { basis: table.basis, unknown: table.unknownPolicy, unknownLinks: table.unknownEdges.map((e) => network.links[e].id) },
    cut,
    cutCountries: [...new Set(cut.flatMap((l) => l.countries))].sort(),
    cutOperators: [...new Set(cut.flatMap((l) => l.operators))].sort(),
    links,
    warnings,
  }
}
