import Type, { type Static } from 'typebox'
import { LINK_KINDS, LINK_STATUSES, LinkSchema, NODE_KINDS, NodeSchema, SilkwayError, round } from '../model'
import { LENGTH_METHODS, normalizeName, resolveNode } from '../routing'
import { AS_IS, type Workbench } from './workbench'

/** Inventory queries (`silkway nodes`, `links`, `scenarios` and the API's /nodes, /links, /scenarios): one filter, one answer. */

const Values = (description: string) => Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, description }))

export const NodeFilterSchema = Type.Object(
  {
    country: Values('Only nodes in these countries (ISO alpha-2)'),
    kind: Values(`Only these kinds (${NODE_KINDS.join(', ')})`),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Name or id contains this text (case and accents ignored)' })),
  },
  { additionalProperties: false },
)

export const LinkFilterSchema = Type.Object(
  {
    country: Values('Only links crossing these countries (ISO alpha-2)'),
    kind: Values(`Only these kinds (${LINK_KINDS.join(', ')})`),
    status: Values(`Only these statuses (${LINK_STATUSES.join(', ')})`),
    operator: Values('Only links of these operators (case-insensitive)'),
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only links touching this node (id or name)' })),
  },
  { additionalProperties: false },
)

export const NodeListSchema = Type.Object({
  scenario: Type.String(),
  count: Type.Integer(),
  nodes: Type.Array(Type.Object(NodeSchema.properties)),
})

export const LinkRowSchema = Type.Object({
  ...LinkSchema.properties,
  status: Type.Enum([...LINK_STATUSES], { description: 'Declared, else operational' }),
  countries: Type.Array(Type.String(), { description: "Countries the link crosses: declared, else its endpoints'" }),
  computedLengthKm: Type.Union([Type.Number(), Type.Null()], { description: 'The length routing uses, km (0.1 km)' }),
  lengthMethod: Type.Enum([...LENGTH_METHODS], { description: 'Where the length comes from: declared, geodesic (drawn geometry), great-circle-estimate, unknown' }),
})

export const LinkListSchema = Type.Object({
  scenario: Type.String(),
  count: Type.Integer(),
  links: Type.Array(LinkRowSchema),
})

export const ScenarioListSchema = Type.Object({
  scenarios: Type.Array(
    Type.Object({
      name: Type.String({ description: "Scenario name; 'as-is' is the network itself" }),
      title: Type.String(),
      base: Type.Optional(Type.String()),
      isDefault: Type.Boolean({ description: 'Used when a query names no scenario' }),
      links: Type.Integer({ description: 'Links in the scenario' }),
      description: Type.Optional(Type.String()),
    }),
  ),
})

export type NodeFilter = Static<typeof NodeFilterSchema>
export type LinkFilter = Static<typeof LinkFilterSchema>
export type NodeList = Static<typeof NodeListSchema>
export type LinkList = Static<typeof LinkListSchema>
export type ScenarioList = Static<typeof ScenarioListSchema>

/** Repeated and comma-separated values alike. */
function values(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

function checkChoices(list: string[], allowed: readonly string[], field: string): void {
  for (const value of list) {
    if (!allowed.includes(value)) throw new SilkwayError('SW_INVALID_ARGUMENT', `${field}: '${value}' is not one of ${allowed.join(', ')}`, { field })
  }
}

export function listNodes(workbench: Workbench, scenario: string, filter: NodeFilter = {}): NodeList {
  const network = workbench.scenarioNetwork(scenario)
  const countries = values(filter.country).map((c) => c.toUpperCase())
  const kinds = values(filter.kind)
  checkChoices(kinds, NODE_KINDS, 'kind')
  const search = filter.search ? normalizeName(filter.search) : undefined
  const nodes = network.nodes.filter(
    (n) =>
      (countries.length === 0 || (n.country !== undefined && countries.includes(n.country))) &&
      (kinds.length === 0 || kinds.includes(n.kind)) &&
      (!search || normalizeName(n.name).includes(search) || normalizeName(n.id).includes(search)),
  )
  return { scenario, count: nodes.length, nodes }
}

/** Links with the length routing uses and where it comes from. */
export function listLinks(workbench: Workbench, scenario: string, filter: LinkFilter = {}): LinkList {
  const index = workbench.index(scenario)
  const countries = values(filter.country).map((c) => c.toUpperCase())
  const kinds = values(filter.kind)
  const statuses = values(filter.status)
  checkChoices(kinds, LINK_KINDS, 'kind')
  checkChoices(statuses, LINK_STATUSES, 'status')
  const operators = values(filter.operator).map((o) => o.toLowerCase())
  const nodeId = filter.node === undefined ? undefined : index.network.nodes[resolveNode(index, filter.node)].id
  const links = index.network.links
    .map((link, e) => ({
      ...link,
      status: link.status ?? 'operational',
      countries: [...index.linkCountries[e]],
      computedLengthKm: Number.isFinite(index.linkLengthKm[e]) ? round(index.linkLengthKm[e], 1) : null,
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
  return { scenario, count: links.length, links }
}

export function listScenarios(workbench: Workbench): ScenarioList {
  const scenarios = workbench.scenarioNames().map((name) => {
    const scenario = workbench.scenarios.find((s) => s.name === name)
    const network = workbench.scenarioNetwork(name)
    return {
      name,
      title: scenario?.title ?? (name === AS_IS ? 'the network as it is, every link' : ''),
      base: scenario?.base,
      isDefault: name === workbench.defaultScenario,
      links: network.links.length,
      description: scenario?.description,
    }
  })
  return { scenarios }
}
