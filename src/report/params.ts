import Type from 'typebox'
import { DEFAULT_MAX_MATCH_KM, builtinCalibration } from '../calibration'
import { builtinMeasurements, claims, corridorPairs, mainComparePairs, reportAvailabilityPairs, reportHubCountries } from '../data'
import { SilkwayError } from '../model'
import { defineQuery, parsePairs } from '../query'
import { ConstraintParams, type Metric, type RouteConstraints, constraintsFromParams, MetricParam } from '../routing'
import type { NodePair } from './compare'
import type { ReportOptions } from './report'

const Scenario = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }))

export interface CompareQuery {
  base?: string
  target?: string
  pairs?: NodePair[]
  metric: Metric
  constraints: RouteConstraints
}

export const compareQuery = defineQuery({
  name: 'compare',
  summary: 'best routes of city pairs in two scenarios, side by side, with the difference',
  params: Type.Object(
    {
      base: Scenario('scenario before (built-in default: baseline-2022)'),
      target: Scenario('scenario after (built-in default: digital-silk-way)'),
      pairs: Type.Optional(
        Type.String({ minLength: 3, maxLength: 10_000, description: 'FROM:TO pairs, comma separated (default: the claims and the main Europe–China pairs)', 'x-placeholder': '<pairs>' }),
      ),
      metric: MetricParam,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): CompareQuery => ({
    ...(p.base !== undefined ? { base: p.base } : {}),
    ...(p.target !== undefined ? { target: p.target } : {}),
    ...(p.pairs !== undefined ? { pairs: parsePairs(p.pairs) } : {}),
    metric: (p.metric ?? 'latency') as Metric,
    constraints: constraintsFromParams(p),
  }),
})


/**
 * Fills what a comparison left out: on the built-in corridor the two scenarios before and after the Digital
 * Silk Way and the claims' and main Europe–China pairs; any other network must name them.
 */
export function completeCompare(query: CompareQuery, builtin: boolean, label: (field: string) => string): Required<CompareQuery> {
  const base = query.base ?? (builtin ? 'baseline-2022' : undefined)
  const target = query.target ?? (builtin ? 'digital-silk-way' : undefined)
  if (!base || !target) throw new SilkwayError('SW_INVALID_ARGUMENT', `give ${label('base')} and ${label('target')} scenarios: only the built-in corridor has defaults`)
  const pairs = query.pairs ?? (builtin ? [...claims.map(({ from, to }) => ({ from, to })), ...mainComparePairs] : [])
  if (pairs.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', `give ${label('pairs')} FROM:TO,…: only the built-in corridor has default pairs`)
  return { base, target, pairs, metric: query.metric, constraints: query.constraints }
}

export interface ReportQuery {
  /** Leave out the single-point-of-failure sweep (`singlePointsOfFailure: null`). */
  skipSweep: boolean
}

export const reportQuery = defineQuery({
  name: 'report',
  summary: 'the corridor summary: size per scenario, the public claims against the model, the main routes with and without Russian transit',
  params: Type.Object(
    {
      skipSweep: Type.Optional(
        Type.Boolean({ description: 'leave out the single-point-of-failure sweep (links × traffic nodes × nodes of work: minutes on a network of thousands of nodes)' }),
      ),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): ReportQuery => ({ skipSweep: p.skipSweep === true }),
})

/**
 * What the report covers, the same on every surface: on the built-in corridor both scenarios with the claims,
 * the Europe–China routes and the availability pairs; on any other network the scenario asked for.
 */
export function reportOptionsFor(builtin: boolean, scenario: string | undefined, defaultScenario: string, query: ReportQuery = { skipSweep: false }): ReportOptions {
  const sweep = !query.skipSweep
  if (builtin && scenario === undefined) {
    const scenarios = ['baseline-2022', 'digital-silk-way']
    return {
      scenarios,
      claims,
      corridorPairs,
      routeScenarios: scenarios,
      resilience: { scenarios, pairs: [...reportAvailabilityPairs], sweep },
      hubs: { scenarios, countries: [...reportHubCountries], topNodes: 5 },
      calibration: { calibration: builtinCalibration, measurements: builtinMeasurements, maxMatchKm: DEFAULT_MAX_MATCH_KM },
    }
  }
  const name = scenario ?? defaultScenario
  return { routeScenarios: [name], resilience: { scenarios: [name], pairs: [], sweep } }
}
