import Type from 'typebox'
import { RouteQuerySchema, RouteResponseSchema, routeQuery } from '../../routing'
import { queryFrom, querystringFor, targetOf } from '../query'
import { NetworkQuery, Problems, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

const RouteAnswer = withoutDefaults(RouteResponseSchema)

export function registerRoute(app: App, services: Services): void {
  app.get(
    '/route',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k best paths between two nodes',
        description: 'The same JSON as `silkway route FROM TO --json`: latency, stretch against the speed of light, countries crossed.',
        tags: ['analysis'],
        querystring: querystringFor(routeQuery),
        response: { 200: RouteAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return target.workbench.route(queryFrom(routeQuery, request.query), target.scenario)
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
      const target = await targetOf(services, request, request.query)
      return target.workbench.route(request.body, target.scenario)
    },
  )
}
