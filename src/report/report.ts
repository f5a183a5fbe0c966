import { type Calibration, calibrate, expectedRtt } from '../calibration'
import type { Claim } from '../data'
import { type MeasurementsDocument, isSilkwayError, round } from '../model'
import { LENGTH_METHODS, type LengthMethod, type PathResult } from '../routing'
import type { Workbench } from '../workbench'
import { checkClaims } from './claims'
import type { NodePair } from './compare'
import { type HubReportOptions, hubReport } from './hubs'
import { type ResilienceReportOptions, resilienceReport } from './resilience'
import type { CorridorReport, CorridorRoute, MeasuredVsModelled, RouteSummary, ScenarioSummary } from './schema'

export interface ReportOptions {
  /** Scenarios to summarise; the workbench's when absent. */
  scenarios?: string[]
  claims?: readonly Claim[]
  /** Pairs whose fastest routes, with and without Russian transit, are shown in each of `routeScenarios`. */
  corridorPairs?: readonly NodePair[]
  routeScenarios?: string[]
  resilience?: ResilienceReportOptions
  /** Transit shares and betweenness per scenario (`fullReport` only: optimal routing solves an LP). */
  hubs?: HubReportOptions
  /**
   * A calibration: the routes get its expected RTT beside the floor, and, with the measurements it was fitted
   * to, the report compares each measured pair with its floor and expected RTT (`measuredVsModelled`).
   */
  calibration?: { calibration: Calibration; measurements?: MeasurementsDocument; maxMatchKm: number }
}

/**
 * Each measured pair against the model, under the calibration's terms on its scenario: the floor, and the
 * expected RTT a fit without the pair gives (held out, so the plot shows the error a new pair would have).
 */
function measuredVsModelled(workbench: Workbench, options: NonNullable<ReportOptions['calibration']>, measurements: MeasurementsDocument): MeasuredVsModelled {
  const { calibration } = options
  const answer = calibrate(workbench.index(calibration.scenario), measurements, { maxMatchKm: options.maxMatchKm, terms: [...calibration.terms] }, calibration.scenario)
  const end = (e: (typeof answer.pairs)[number]['from']) => e.node ?? e.input
  return {
    calibration: {
      id: calibration.id,
      version: calibration.version,
      scenario: calibration.scenario,
      terms: [...calibration.terms],
      coefficients: calibration.coefficients,
      toleranceMs: calibration.toleranceMs,
      heldOutMethod: answer.heldOut?.method ?? 'none',
      fitted: answer.fit?.n ?? 0,
    },
    measurements: answer.measurements,
    pairs: answer.pairs.map((p) => ({
      id: p.id,
      from: end(p.from),
      to: end(p.to),
      measuredRttMs: p.rttMs,
      ...(p.percentile ? { percentile: p.percentile } : {}),
      floorRttMs: p.floorRttMs ?? p.greatCircleFloorRttMs,
      floorKind: p.floorRttMs !== null ? 'route' : p.greatCircleFloorRttMs !== null ? 'great-circle' : null,
      expectedRttMs: p.heldOutExpectedRttMs ?? p.expectedRttMs ?? null,
      status: p.status,
      ...(p.weak ? { weak: true } : {}),
    })),
    validationRmseMs: answer.validation?.rmseMs ?? null,
  }
}


function summariseScenario(workbench: Workbench, name: string): ScenarioSummary {
  const index = workbench.index(name)
  const { network } = index
  const lengthMethods = Object.fromEntries(LENGTH_METHODS.map((m) => [m, 0])) as Record<LengthMethod, number>
  let routeKm = 0
  let submarineKm = 0
  network.links.forEach((link, e) => {
    lengthMethods[index.linkLengthMethod[e]]++
    const km = index.linkLengthKm[e]
    if (!Number.isFinite(km)) return
    routeKm += km
    if (link.kind === 'submarine') submarineKm += km
  })
  const countries = new Set<string>()
  for (const node of network.nodes) if (node.country) countries.add(node.country)
  for (const list of index.linkCountries) for (const c of list) countries.add(c)
  const title = workbench.scenarios.find((s) => s.name === name)?.title
  return {
    name,
    ...(title ? { title } : {}),
    isDefault: name === workbench.defaultScenario,
    nodes: network.nodes.length,
    links: network.links.length,
    routeKm: round(routeKm, 1),
    submarineKm: round(submarineKm, 1),
    countries: [...countries].sort(),
    lengthMethods,
  }
}

/** The expected-RTT fields of a route summary, with the extrapolation flag only where it applies. */
const expectedFields = (expected: { rttMs: number; extrapolated: boolean }, calibration: Calibration) => ({
  expectedRttMs: round(expected.rttMs, 3),
  expectedRttToleranceMs: calibration.toleranceMs,
  ...(expected.extrapolated ? { expectedRttExtrapolated: true as const } : {}),
})

function corridorRoute(workbench: Workbench, pair: NodePair, scenario: string, calibration?: Calibration): CorridorRoute {
  const summariseRoute = (path: PathResult): RouteSummary => ({
    lengthKm: path.lengthKm,
    oneWayMs: path.oneWayMs,
    rttMs: path.rttMs,
    stretch: path.stretch,
    countries: path.countries,
    nodeNames: path.nodeNames,
    ...(calibration && path.rttMs !== null ? expectedFields(expectedRtt(workbench.index(scenario), calibration, path.links, path.nodes), calibration) : {}),
  })
  const attempt = (avoidRussia: boolean) => {
    try {
      const constraints = avoidRussia ? { avoidCountries: ['RU'], allowEndpointCountries: true } : {}
      return { answer: workbench.route({ from: pair.from, to: pair.to, constraints }, scenario) }
    } catch (error) {
      if (isSilkwayError(error) && (error.code === 'SW_NO_PATH' || error.code === 'SW_CONSTRAINT_INFEASIBLE')) return { reason: error.message }
      throw error
    }
  }
  const fastest = attempt(false)
  const avoiding = attempt(true)
  const reference = fastest.answer ?? avoiding.answer
  return {
    from: reference?.from.name ?? pair.from,
    to: reference?.to.name ?? pair.to,
    scenario,
    greatCircleKm: reference?.greatCircleKm ?? null,
    fastest: fastest.answer ? summariseRoute(fastest.answer.paths[0]) : null,
    avoidingRussia: avoiding.answer ? summariseRoute(avoiding.answer.paths[0]) : null,
    ...(fastest.reason ? { unreachable: fastest.reason } : {}),
    ...(avoiding.reason ? { avoidingRussiaUnreachable: avoiding.reason } : {}),
  }
}

/** The corridor summary: size per scenario, the public claims against the engine, and the main routes. */
export function buildReport(workbench: Workbench, options: ReportOptions = {}): CorridorReport {
  const { profile, network } = workbench
  const scenarios = options.scenarios ?? workbench.scenarioNames().filter((n) => n !== 'as-is' || workbench.scenarios.length === 0)
  const routeScenarios = options.routeScenarios ?? [workbench.defaultScenario]
  return {
    network: { ...(network.name ? { name: network.name } : {}), sources: network.sources?.length ?? 0, srlgs: network.srlgs?.length ?? 0 },
    profile: {
      id: profile.id,
      version: profile.version,
      groupIndex: profile.fiber.groupIndex.value,
      nodeDelayMs: profile.equipment.nodeDelayMs.value,
      routeFactorTerrestrial: profile.routeFactor.terrestrial.value,
      routeFactorTerrestrialPerHop: profile.routeFactor.terrestrialPerHop?.value ?? null,
      routeFactorSubmarine: profile.routeFactor.submarine.value,
    },
    scenarios: scenarios.map((name) => summariseScenario(workbench, name)),
    claims: options.claims ? checkClaims(workbench, options.claims) : [],
    europeChina: (options.corridorPairs ?? []).flatMap((pair) => routeScenarios.map((scenario) => corridorRoute(workbench, pair, scenario, options.calibration?.calibration))),
    ...(options.resilience ? { resilience: resilienceReport(workbench, options.resilience) } : {}),
    ...(options.calibration?.measurements ? { measuredVsModelled: measuredVsModelled(workbench, options.calibration, options.calibration.measurements) } : {}),
  }
}

/** The report with every section, the hub table among them (it routes demands, by LP too, so it is async). */
export async function fullReport(workbench: Workbench, options: ReportOptions = {}): Promise<CorridorReport> {
  const report = buildReport(workbench, options)
  return options.hubs ? { ...report, hubs: await hubReport(workbench, options.hubs) } : report
}
