import { SilkwayError } from '../model'
import { inServiceBy } from '../scenario'
import type { RoutingIndex } from './compile'
import { resolveNode } from './resolve'
import type { RouteConstraints } from './schema'

export interface ConstraintMasks {
  edgeBlocked: Uint8Array
  nodeBlocked: Uint8Array
  /** The countries actually avoided, after exempting endpoint countries when asked. */
  avoidedCountries: string[]
  warnings: string[]
}

/**
 * Turns route constraints into edge and node masks over the compiled index. `endpoints` are the source,
 * waypoints and target: they must not be excluded, or the query is infeasible and says why.
 */
export function buildMasks(index: RoutingIndex, constraints: RouteConstraints, endpoints: readonly number[]): ConstraintMasks {
  const { network, graph } = index
  const edgeBlocked = new Uint8Array(graph.edgeCount)
  const nodeBlocked = new Uint8Array(graph.nodeCount)
  const warnings: string[] = []

  const avoided = new Set((constraints.avoidCountries ?? []).map((c) => c.toUpperCase()))
  for (const code of avoided) {
    if (!/^[A-Z]{2}$/.test(code)) throw new SilkwayError('SW_INVALID_ARGUMENT', `'${code}' is not an ISO 3166-1 alpha-2 country code`, { field: 'avoidCountries' })
  }
  const endpointCountries = new Set(endpoints.map((v) => network.nodes[v].country).filter((c): c is string => c !== undefined))
  if (constraints.allowEndpointCountries) {
    for (const code of endpointCountries) avoided.delete(code)
  } else {
    for (const v of endpoints) {
      const node = network.nodes[v]
      if (node.country && avoided.has(node.country)) {
        throw new SilkwayError(
          'SW_CONSTRAINT_INFEASIBLE',
          `${node.name} (${node.id}) is in ${node.country}, which the route must avoid; to exempt the endpoints' own countries set allowEndpointCountries (CLI: --allow-endpoint-countries)`,
          { node: node.id, country: node.country },
        )
      }
    }
  }
  if (avoided.size > 0) {
    network.nodes.forEach((node, v) => {
      if (node.country && avoided.has(node.country)) nodeBlocked[v] = 1
    })
    index.linkCountries.forEach((countries, e) => {
      if (countries.some((c) => avoided.has(c))) edgeBlocked[e] = 1
    })
  }

  const operators = new Set((constraints.avoidOperators ?? []).map((o) => o.toLowerCase()))
  if (operators.size > 0) {
    const seen = new Set<string>()
    network.links.forEach((link, e) => {
      for (const operator of link.operators ?? []) {
        const name = operator.toLowerCase()
        seen.add(name)
        if (operators.has(name)) edgeBlocked[e] = 1
      }
    })
    for (const operator of operators) if (!seen.has(operator)) warnings.push(`no link is operated by '${operator}'`)
  }

  const kinds = new Set(constraints.avoidKinds ?? [])
  if (kinds.size > 0) {
    network.links.forEach((link, e) => {
      if (kinds.has(link.kind)) edgeBlocked[e] = 1
    })
  }

  const year = constraints.year
  if (year !== undefined) {
    network.links.forEach((link, e) => {
      if (!inServiceBy(link, year)) edgeBlocked[e] = 1
    })
    network.nodes.forEach((node, v) => {
      if (inServiceBy(node, year)) return
      if (endpoints.includes(v)) {
        throw new SilkwayError('SW_CONSTRAINT_INFEASIBLE', `${node.name} (${node.id}) is not in service by ${year}`, { node: node.id, year })
      }
      nodeBlocked[v] = 1
    })
  }

  for (const query of constraints.avoidNodes ?? []) {
    const v = resolveNode(index, query)
    if (endpoints.includes(v)) throw new SilkwayError('SW_CONSTRAINT_INFEASIBLE', `cannot avoid ${query}: it is an endpoint or waypoint`, { node: query })
    nodeBlocked[v] = 1
  }
  for (const id of constraints.avoidLinks ?? []) {
    const e = index.linkIndex.get(id)
    if (e === undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', `unknown link '${id}'`, { field: 'avoidLinks', link: id })
    edgeBlocked[e] = 1
  }
  return { edgeBlocked, nodeBlocked, avoidedCountries: [...avoided].sort(), warnings }
}
