import { type CalibrateQuery, CalibrateResponseSchema, calibrate, calibrateQuery } from '../../calibration'
import { builtinMeasurements } from '../../data'
import { type MeasurementsDocument, MeasurementsSchema, SilkwayError, validateMeasurements } from '../../model'
import { checkCalibrationBudget } from '../compute/budget'
import { queryFrom, querystringFor, targetOf } from '../query'
import { Problems, withoutDefaults } from '../schemas'
import type { App, Services, Target } from '../services'

const CalibrateAnswer = withoutDefaults(CalibrateResponseSchema)

function run(target: Target, document: MeasurementsDocument, query: CalibrateQuery) {
  checkCalibrationBudget(target.workbench, target.scenario, document.measurements.length)
  return calibrate(target.workbench.index(target.scenario), document, query, target.scenario)
}

export function registerCalibrate(app: App, services: Services): void {
  app.get(
    '/calibrate',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'fit the gap between floor and measured RTT on the shipped public measurements',
        description:
          'The same JSON as `silkway calibrate --json`: the fit, the held-out (leave-one-out, or k-fold with `folds`) error per pair, the pairs flagged impossible or unmatched, and the calibration overlay. `fit` and `calibration` are null when the pairs cannot determine the model (`unfitted` says why).',
        tags: ['analysis'],
        querystring: querystringFor(calibrateQuery),
        response: { 200: CalibrateAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return run(target, builtinMeasurements, queryFrom(calibrateQuery, request.query))
    },
  )

  app.post(
    '/calibrate',
    {
      config: { access: 'viewer', action: 'calibrate' },
      schema: {
        summary: 'fit the calibration to measurements sent as a silkway measurements document',
        description: 'Body: a measurements document (docs/schema/measurements.schema.json). CSV and RIPE Atlas files are read by the CLI (`silkway calibrate --measurements`).',
        tags: ['analysis'],
        querystring: querystringFor(calibrateQuery),
        body: MeasurementsSchema,
        response: { 200: CalibrateAnswer, ...Problems },
      },
    },
    async (request) => {
      const checked = validateMeasurements(request.body)
      if (!checked.value) {
        const first = checked.issues[0]
        throw new SilkwayError('SW_INVALID_DOCUMENT', `body.${first.path}: ${first.message}`, {}, checked.issues.map((found) => ({ ...found, path: `body.${found.path}` })))
      }
      const target = await targetOf(services, request, request.query)
      return run(target, checked.value, queryFrom(calibrateQuery, request.query))
    },
  )
}

