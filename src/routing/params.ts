import Type from 'typebox'
import { LINK_KINDS, type LinkKind } from '../model'
import { List, defineQuery } from '../query'
import { METRICS, type Metric, type RouteConstraints, type RouteQuery } from './schema'

/**
 * The parameters of a route query as every surface names them (flags, querystring, form, URL), declared once;
 * `toQuery` maps them onto the core's `RouteQuery`.
 */

const Text = (description: string) => Type.String({ minLength: 1, maxLength: 200, description })
const NodeName = Text('node id or name')

/** The constraint parameters route, compare and report share. */
export const ConstraintParams = {
  avoidCountry: List(
    Type.String({ pattern: '^[A-Za-z]{2}$', 'x-expected': 'an ISO 3166-1 alpha-2 code (e.g. RU, IR)' }),
    'no node in, no link across these countries (ISO alpha-2)',
    '<codes...>',
  ),
  allowEndpointCountries: Type.Optional(Type.Boolean({ description: "exempt the endpoints' own countries from avoidCountry" })),
  avoidOperator: List(Text('operator'), 'no link operated by these (case-insensitive)', '<names...>'),
  avoidKind: List(Type.Enum([...LINK_KINDS]), `no link of these kinds (${LINK_KINDS.join(', ')})`, '<kinds...>'),
  avoidNode: List(NodeName, 'do not pass through these nodes', '<nodes...>'),
  avoidLink: List(Text('link id'), 'do not use these links', '<ids...>'),
  year: Type.Optional(Type.Integer({ minimum: 1850, maximum: 2200, description: 'only links in service by this year' })),
}

export const MetricParam = Type.Optional(Type.Enum([...METRICS], { default: 'latency', description: `what "best" means: ${METRICS.join(' | ')}` }))

interface ConstraintValues {
  avoidCountry?: string[]
  allowEndpointCountries?: boolean
  avoidOperator?: string[]
  avoidKind?: string[]
  avoidNode?: string[]
  avoidLink?: string[]
  year?: number
}

/** Only what was given, in one order, so the answer echoes the same constraints on every surface. */
export function constraintsFromParams(p: ConstraintValues): RouteConstraints {
  const constraints: RouteConstraints = {}
  if (p.avoidCountry?.length) constraints.avoidCountries = p.avoidCountry.map((c) => c.toUpperCase())
  if (p.allowEndpointCountries) constraints.allowEndpointCountries = true
  if (p.avoidOperator?.length) constraints.avoidOperators = p.avoidOperator
  if (p.avoidKind?.length) constraints.avoidKinds = p.avoidKind as LinkKind[]
  if (p.avoidNode?.length) constraints.avoidNodes = p.avoidNode
  if (p.avoidLink?.length) constraints.avoidLinks = p.avoidLink
  if (p.year !== undefined) constraints.year = p.year
  return constraints
}

export const routeQuery = defineQuery({
  name: 'route',
  summary: 'k best paths between two nodes, with latency, stretch against the speed of light and the countries crossed',
  positional: ['from', 'to'],
  params: Type.Object(
    {
      from: NodeName,
      to: NodeName,
      k: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1, description: 'number of loopless paths, best first' })),
      metric: MetricParam,
      via: List(NodeName, 'waypoints, in order', '<nodes...>', 8),
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): RouteQuery => ({
    from: p.from,
    to: p.to,
    k: p.k ?? 1,
    metric: (p.metric ?? 'latency') as Metric,
    via: p.via ?? [],
    constraints: constraintsFromParams(p),
  }),
})
