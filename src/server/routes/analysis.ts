import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { claims, corridorPairs, mainComparePairs } from '../../data'
import { SilkwayError, type ValidationIssue, pointerToPath } from '../../model'
import { buildReport, compareScenarios, parsePairs } from '../../report'
import { type Metric, type RouteConstraints, type RouteQuery, RouteQuerySchema, RouteResponseSchema } from '../../routing'
import type { App, Services } from '../app'
import { ConstraintQuery, DEFAULT_NETWORK, NetworkQuery, Problems, RouteQueryParams, withoutDefaults } from '../schemas'

const RouteAnswer = withoutDefaults(RouteResponseSchema)

/** Repeated and comma-separated values alike: `avoidCountry=RU,IR&avoidCountry=BY`. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

type ConstraintParams = Partial<Static<ReturnType<typeof constraintObject>>>
const constraintObject = () => Type.Object(ConstraintQuery)

/** The same constraint object the CLI builds from its flags, so both answer with the same JSON. */
function constraintsFrom(q: ConstraintParams): RouteConstraints {
  const constraints: RouteConstraints = {}
  const countries = list(q.avoidCountry).map((c) => c.toUpperCase())
  if (countries.length) constraints.avoidCountries = countries
  if (q.allowEndpointCountries) constraints.allowEndpointCountries = true
  const operators = list(q.avoidOperator)
  if (operators.length) constraints.avoidOperators = operators
  const kinds = list(q.avoidKind)
  if (kinds.length) constraints.avoidKinds = kinds as RouteConstraints['avoidKinds']
  const nodes = list(q.avoidNode)
  if (nodes.length) constraints.avoidNodes = nodes
  const links = list(q.avoidLink)
  if (links.length) constraints.avoidLinks = links
  if (q.year !== undefined) constraints.year = q.year
  return constraints
}

const checkQuery = Compile(RouteQuerySchema)

/** Checks an assembled query against the core's schema; a bad country code is a 400 naming the field. */
function assertQuery(query: RouteQuery): RouteQuery {
  if (checkQuery.Check(query)) return query
  const issues: ValidationIssue[] = [...checkQuery.Errors(query)].map((e) => ({ path: pointerToPath(e.instancePath), code: e.keyword, message: e.message, severity: 'error' }))
  throw new SilkwayError('SW_INVALID_ARGUMENT', `${issues[0]?.path}: ${issues[0]?.message}`, {}, issues)
}

const Unknown = (description: string) => Type.Unknown({ description })

export function registerAnalysis(app: App, { workbenches }: Services): void {
  app.get(
    '/route',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k best paths between two nodes',
        description: 'The same JSON as `silkway route FROM TO --json`: latency, stretch against the speed of light, countries crossed.',
        tags: ['analysis'],
        querystring: RouteQueryParams,
        response: { 200: RouteAnswer, ...Problems },
      },
    },
    async (request) => {
      const q = request.query
      const loaded = await workbenches.get(request.workspace, q.network ?? DEFAULT_NETWORK)
      const query = assertQuery({ from: q.from, to: q.to, k: q.k ?? 1, metric: (q.metric ?? 'latency') as Metric, via: list(q.via), constraints: constraintsFrom(q) })
      return loaded.workbench.route(query, q.scenario ?? loaded.workbench.defaultScenario)
    },
  )

  app.post(
    '/route',
    {
      config: { access: 'viewer', action: 'route' },
      schema: {
        summary: 'k best paths, the query as a JSON body',
        tags: ['analysis'],
        querystring: Type.Object(NetworkQuery, { additionalProperties: false }),
        body: RouteQuerySchema,
        response: { 200: RouteAnswer, ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      return loaded.workbench.route(request.body, request.query.scenario ?? loaded.workbench.defaultScenario)
    },
  )

  app.get(
    '/compare',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Best routes of city pairs in two scenarios, side by side',
        description: 'The same JSON as `silkway compare --json`. On the built-in corridor base, target and pairs default to the CLI\'s.',
        tags: ['analysis'],
        querystring: Type.Object(
          {
            ...NetworkQuery,
            base: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            pairs: Type.Optional(Type.String({ minLength: 3, maxLength: 10_000, description: 'FROM:TO pairs, comma separated' })),
            ...ConstraintQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Unknown('Comparison (see `silkway compare --json`)'), ...Problems },
      },
    },
    async (request) => {
      const q = request.query
      const loaded = await workbenches.get(request.workspace, q.network ?? DEFAULT_NETWORK)
      const builtin = loaded.settings.builtin === true
      const base = q.base ?? (builtin ? 'baseline-2022' : undefined)
      const target = q.target ?? (builtin ? 'digital-silk-way' : undefined)
      if (!base || !target) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give base and target scenarios')
      const pairs = q.pairs ? parsePairs(q.pairs) : builtin ? [...claims.map(({ from, to }) => ({ from, to })), ...mainComparePairs] : []
      if (pairs.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give pairs=FROM:TO,…')
      if (pairs.length > 200) throw new SilkwayError('SW_INVALID_ARGUMENT', 'at most 200 pairs per comparison')
      const constraints = constraintsFrom(q)
      assertQuery({ from: 'x', to: 'y', constraints })
      return compareScenarios(loaded.workbench, { base, target, pairs, metric: (q.metric ?? 'latency') as Metric, constraints })
    },
  )

  app.get(
    '/report',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The corridor report',
        description: 'The same JSON as `silkway report --json`: size per scenario, public claims against the model, main routes with and without Russian transit.',
        tags: ['analysis'],
        querystring: Type.Object(NetworkQuery, { additionalProperties: false }),
        response: { 200: Unknown('CorridorReport (see `silkway report --json`)'), ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      const wb = loaded.workbench
      if (loaded.settings.builtin && !request.query.scenario) {
        return buildReport(wb, { scenarios: ['baseline-2022', 'digital-silk-way'], claims, corridorPairs, routeScenarios: ['baseline-2022', 'digital-silk-way'] })
      }
      return buildReport(wb, { routeScenarios: [request.query.scenario ?? wb.defaultScenario] })
    },
  )
}
