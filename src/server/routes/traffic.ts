import type { TObject } from 'typebox'
import { DemandsSchema, type DemandsDocument } from '../../model'
import type { QuerySpec } from '../../query'
import {
  FlowResponseSchema,
  HubsResponseSchema,
  MaxflowResponseSchema,
  type FlowResponse,
  type HubsResponse,
  type MaxflowResponse,
  flowQuery,
  gravityQuery,
  hubsQuery,
  maxflowQuery,
} from '../../traffic'
import { queryFrom, querystringFor, targetOf } from '../query'
import { Problems, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

const FlowAnswer = withoutDefaults(FlowResponseSchema)
const MaxflowAnswer = withoutDefaults(MaxflowResponseSchema)
const HubsAnswer = withoutDefaults(HubsResponseSchema)
const DemandsAnswer = withoutDefaults(DemandsSchema)

const DEMANDS_NOTE =
  'GET routes the gravity model’s demands (`totalGbps` required); POST routes the demands document in the body (docs/schema/demands.schema.json), as `--demands FILE` does on the CLI.'

/** Traffic: the same JSON as `silkway flow | maxflow | hubs | demands generate --json`, off the event loop when large. */
export function registerTraffic(app: App, services: Services): void {
  const { analyses } = services

  app.get(
    '/maxflow',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'How much two node sets can exchange, and the bottleneck (minimum cut)',
        description:
          'The same JSON as `silkway maxflow --from-set … --to-set … --json`. Sets: comma-separated node ids or names, `country:XX`, `group:NAME` (europe, asia: UN M49). Maximum flow by Dinic on the capacities of the basis, in each direction; `cut` names the links of a minimum cut with capacities, operators and countries; `links` the flow on each link.',
        tags: ['traffic'],
        querystring: querystringFor(maxflowQuery),
        response: { 200: MaxflowAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return analyses.run<MaxflowResponse>(target, { kind: 'maxflow', scenario: target.scenario, query: queryFrom(maxflowQuery, request.query) })
    },
  )

  for (const [path, spec, kind, summary, answer] of [
    ['/flow', flowQuery, 'flow', 'Route demands onto link capacities: loads, utilisation, what does not fit', FlowAnswer],
    ['/hubs', hubsQuery, 'hubs', 'Transit share per country and operator, betweenness per node and link', HubsAnswer],
  ] as const) {
    const description = `The same JSON as \`silkway ${kind} … --json\`. ${DEMANDS_NOTE} Optimal routing runs on a worker within the service's time limit and an LP-size budget (docs/security.md).`
    app.get(
      path,
      { config: { access: 'viewer' }, schema: { summary, description, tags: ['traffic'], querystring: querystringFor(spec), response: { 200: answer, ...Problems } } },
      async (request) => {
        const target = await targetOf(services, request, request.query)
        const query = queryFrom(spec as QuerySpec<TObject, unknown>, request.query)
        return analyses.run<FlowResponse | HubsResponse>(target, { kind, scenario: target.scenario, query } as Parameters<typeof analyses.run>[1])
      },
    )
    app.post<{ Body: DemandsDocument }>(
      path,
      {
        config: { access: 'viewer', action: kind },
        schema: { summary: `${summary} (the demands as the body)`, description, tags: ['traffic'], querystring: querystringFor(spec), body: DemandsSchema, response: { 200: answer, ...Problems } },
      },
      async (request) => {
        const params = request.query as Record<string, unknown>
        const target = await targetOf(services, request, params)
        const query = queryFrom(spec as QuerySpec<TObject, unknown>, params)
        return analyses.run<FlowResponse | HubsResponse>(target, { kind, scenario: target.scenario, query, demands: request.body } as Parameters<typeof analyses.run>[1])
      },
    )
  }

  app.get(
    '/demands/gravity',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Demands by the gravity model over the network’s weighted nodes',
        description: 'The same document as `silkway demands generate … --json` (docs/schema/demands.schema.json); the corridor weighs its cities by population (GeoNames), another network every node with coordinates at 1.',
        tags: ['traffic'],
        querystring: querystringFor(gravityQuery),
        response: { 200: DemandsAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return analyses.run<DemandsDocument>(target, { kind: 'gravity', scenario: target.scenario, spec: queryFrom(gravityQuery, request.query) })
    },
  )
}
