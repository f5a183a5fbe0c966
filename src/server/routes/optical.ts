import type { TSchema } from 'typebox'
import {
  OpticalReachAnswerSchema,
  OpticalRouteAnswerSchema,
  OpticalSpanAnswerSchema,
  opticalPathQuery,
  opticalReachQuery,
  opticalSpanQuery,
} from '../../optical'
import type { QuerySpec } from '../../query'
import type { AnalysisTask } from '../compute'
import { queryFrom, querystringFor, targetOf } from '../query'
import { Problems, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

type OpticalKind = Extract<AnalysisTask['kind'], `optical-${string}`>

/** The optical layer's three questions, each the same JSON as `silkway optical <name> … --json`. */
const ENDPOINTS: { kind: OpticalKind; spec: QuerySpec; answer: TSchema; summary: string; cli: string }[] = [
  { kind: 'optical-path', spec: opticalPathQuery, answer: OpticalRouteAnswerSchema, summary: 'GSNR, CD, PMD and latency along the best route; margin per mode; regenerators', cli: 'optical path FROM TO' },
  { kind: 'optical-span', spec: opticalSpanQuery, answer: OpticalSpanAnswerSchema, summary: "One link's line design, its margin per mode, and the unrepeatered options", cli: 'optical span LINK' },
  { kind: 'optical-reach', spec: opticalReachQuery, answer: OpticalReachAnswerSchema, summary: 'The highest rate per wavelength on each link and on the best route of each pair', cli: 'optical reach' },
]

/** Each runs on a worker thread: GN-model NLI is channels² per span per mode, not a request's few milliseconds. */
export function registerOptical(app: App, services: Services): void {
  for (const endpoint of ENDPOINTS) {
    app.get(
      `/optical/${endpoint.spec.name}`,
      {
        config: { access: 'viewer' },
        schema: {
          summary: endpoint.summary,
          description: `The same JSON as \`silkway ${endpoint.cli} --json\` on the built-in equipment library.`,
          tags: ['optical'],
          querystring: querystringFor(endpoint.spec),
          response: { 200: withoutDefaults(endpoint.answer), ...Problems },
        },
      },
      async (request) => {
        const target = await targetOf(services, request, request.query as Record<string, string>)
        const query = queryFrom(endpoint.spec, request.query as Record<string, unknown>)
        return services.analyses.run(target, { kind: endpoint.kind, scenario: target.scenario, query } as AnalysisTask)
      },
    )
  }
}
