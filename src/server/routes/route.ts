import Type from 'typebox'
import { withExpectedRtt } from '../../calibration'
import { type RouteQuery, RouteQuerySchema, type RouteResponse, RouteResponseSchema, routeQuery } from '../../routing'
import { queryFrom, querystringFor, targetOf } from '../query'
import { NetworkQuery, Problems, withoutDefaults } from '../schemas'
import { type App, type Services, type Target, calibrationOf } from '../services'

const RouteAnswer = withoutDefaults(RouteResponseSchema)

/** The route answer, with the service's calibration's expected RTT beside each floor when it has one. */
function answer(services: Services, target: Target, query: RouteQuery): RouteResponse {
  const floor = target.workbench.route(query, target.scenario)
  const calibration = calibrationOf(services, target)
  return calibration ? withExpectedRtt(target.workbench.index(target.scenario), floor, calibration) : floor
}

export function registerRoute(app: App, services: Services): void {
  app.get(
    '/route',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k best paths between two nodes',
        description:
          'The same JSON as `silkway route FROM TO --json`: latency, stretch against the speed of light, countries crossed. `rttMs` is the physical floor; with the service\'s calibration (the built-in one, or `serve --calibration FILE`) each path also carries `expectedRttMs` ± `expectedRttToleranceMs` (docs/calibration.md).',
        tags: ['analysis'],
        querystring: querystringFor(routeQuery),
        response: { 200: RouteAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return answer(services, target, queryFrom(routeQuery, request.query))
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
      return answer(services, target, request.body)
    },
  )
}
