import { labeller } from '../../query'
import { ComparisonSchema, CorridorReportSchema, compareQuery, completeCompare, reportOptionsFor, reportQuery } from '../../report'
import { SilkwayError } from '../../model'
import { queryFrom, querystringFor, targetOf } from '../query'
import { Problems, withoutDefaults } from '../schemas'
import { type App, type Services, calibrationOf } from '../services'

const Comparison = withoutDefaults(ComparisonSchema)
const CorridorReport = withoutDefaults(CorridorReportSchema)

/** More pairs than this in one comparison are refused: each pair is two route queries in the request. */
export const MAX_COMPARE_PAIRS = 200

export function registerCompare(app: App, services: Services): void {
  app.get(
    '/compare',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Best routes of city pairs in two scenarios, side by side',
        description:
          "The same JSON as `silkway compare --json`. On the built-in corridor base, target and pairs default to the CLI's. `rttMs` is the floor; with the service's calibration each route also carries `expectedRttMs` ± `expectedRttToleranceMs`, and `dependsOn` says what it rests on.",
        tags: ['analysis'],
        querystring: querystringFor(compareQuery),
        response: { 200: Comparison, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      const query = completeCompare(queryFrom(compareQuery, request.query), target.settings.builtin === true, labeller(compareQuery, 'api'))
      if (query.pairs.length > MAX_COMPARE_PAIRS) throw new SilkwayError('SW_INVALID_ARGUMENT', `at most ${MAX_COMPARE_PAIRS} pairs per comparison`)
      const calibration = calibrationOf(services, target)
      return services.analyses.run(target, { kind: 'compare', query: { ...query, ...(calibration ? { calibration } : {}) } })
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
        querystring: querystringFor(reportQuery),
        response: { 200: CorridorReport, ...Problems },
      },
    },
    async (request) => {
      const params = request.query as { scenario?: string }
      const target = await targetOf(services, request, params)
      const options = reportOptionsFor(target.settings.builtin === true, params.scenario, target.scenario, queryFrom(reportQuery, request.query))
      return services.analyses.run(target, { kind: 'report', options })
    },
  )
}
