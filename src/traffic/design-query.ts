import type { Highs } from 'highs'
import Type, { type Static } from 'typebox'
import { defaultProfile } from '../data'
import { type DemandsDocument, type Network, SilkwayError } from '../model'
import { compileIndex, type RoutingIndex } from '../routing'
import { resolveDemandsOrThrow } from './demands'
import { DESIGN_STATUSES, type DesignDemand, solveCapacityDesign, type EdgeDesign, PROTECTION_MODES, type ProtectionMode, SURVIVE_MODES, type SurviveMode } from './design'
import { failureSets } from './failures'
import { loadHighs } from './lp'

/** Link modules and costs by link id, as an SNDlib instance gives them (src/io/sndlib.ts `linkCosts`). */
export interface LinkModules {
  [linkId: string]: { modules: readonly { capacityGbps: number; cost: number }[]; routingCost?: number; setupCost?: number }
}

export interface DesignQuery {
  survive: SurviveMode
  protection: ProtectionMode
  /** Treat every demand as protected (SNDlib's survivable instances protect all of them). */
  protectAll: boolean
  timeLimitS: number
}

export const DesignResponseSchema = Type.Object({
  instance: Type.Optional(Type.String()),
  survive: Type.Enum([...SURVIVE_MODES]),
  protection: Type.Enum([...PROTECTION_MODES]),
  status: Type.Enum([...DESIGN_STATUSES]),
  cost: Type.Union([Type.Number(), Type.Null()], { description: 'Cost of the best design found (modules + normal-state routing cost)' }),
  bound: Type.Union([Type.Number(), Type.Null()], { description: 'Proven lower bound on the cost (HiGHS dual bound)' }),
  gap: Type.Union([Type.Number(), Type.Null()], { description: '(cost − bound) ÷ cost' }),
  timeLimitS: Type.Number(),
  solver: Type.Object({
    name: Type.Literal('highs'),
    formulation: Type.String(),
    states: Type.Integer({ description: 'Normal state plus the failure states routed' }),
    columns: Type.Integer(),
    integerColumns: Type.Integer(),
    rows: Type.Integer(),
  }),
  demands: Type.Object({ count: Type.Integer(), protected: Type.Integer(), gbps: Type.Number() }),
  links: Type.Array(
    Type.Object({
      id: Type.String(),
      preInstalledGbps: Type.Number(),
      addedGbps: Type.Number(),
      capacityGbps: Type.Number(),
      addedCost: Type.Number(),
      modules: Type.Array(Type.Object({ capacityGbps: Type.Number(), cost: Type.Number(), count: Type.Integer() })),
      normalLoadGbps: Type.Number(),
      setupCost: Type.Optional(Type.Number({ description: "SNDlib setup cost of the link (paid when it is used); present when the link has one" })),
      opened: Type.Optional(Type.Boolean({ description: 'Whether the design opens the link (pays its setup cost); present when the link has a setup cost' })),
    }),
  ),
  workingPaths: Type.Optional(
    Type.Array(Type.Object({ demand: Type.String(), links: Type.Array(Type.String()) }), { description: 'restoration-strict: the working path of each protected demand' }),
  ),
  warnings: Type.Array(Type.String()),
})
export type DesignResponse = Static<typeof DesignResponseSchema>

const FORMULATION = 'arc-based, aggregated by source, one flow per state (normal + failures), integer modules (SNDlib model)'
function formulation(query: DesignQuery, edges: readonly EdgeDesign[]): string {
  const parts = [FORMULATION]
  if (query.protection === 'restoration-strict' && query.survive !== 'none') parts.push('strict path restoration: one binary working path per protected demand (MTZ), only the demands a failure hits are rerouted')
  if (edges.some((e) => (e.setupCost ?? 0) > 0)) parts.push('binary open-link variables for setup costs')
  return parts.join('; ')
}
const round = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * The cheapest module additions so every demand fits normally and protected demands survive every single
 * failure the query names (`solveCapacityDesign`), on a compiled network with its links' modules.
 */
export async function design(index: RoutingIndex, document: DemandsDocument, modules: LinkModules, query: DesignQuery, options: { instance?: string; highs?: Highs } = {}): Promise<DesignResponse> {
  const { network, graph } = index
  const resolved = resolveDemandsOrThrow(index, document)
  const warnings: string[] = []
  const edges: EdgeDesign[] = network.links.map((link) => ({
    preInstalledGbps: link.designCapacityGbps ?? 0,
    modules: modules[link.id]?.modules ?? [],
    routingCost: modules[link.id]?.routingCost ?? 0,
    setupCost: modules[link.id]?.setupCost ?? 0,
  }))
  if (edges.every((e) => e.modules.length === 0)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', 'no link has capacity modules to add: give an SNDlib instance (native or XML) whose links list additional modules', { field: 'demands' })
  }
  const demands: DesignDemand[] = resolved.map((d) => ({ id: d.id, source: d.source, target: d.target, gbps: d.gbps, protected: query.protectAll || d.class === 'protected' }))
  const protectedCount = demands.filter((d) => d.protected).length
  if (query.survive !== 'none' && protectedCount === 0) warnings.push(`--survive ${query.survive} protects nothing: no demand is protected (mark them class "protected", or protectAll)`)
  const { failures, warnings: failureWarnings } = query.survive === 'none' ? { failures: [], warnings: [] } : failureSets(network, query.survive)
  warnings.push(...failureWarnings)
  const result = await solveCapacityDesign(graph, demands, edges, { survive: query.survive, protection: query.protection, failures, timeLimitS: query.timeLimitS, edgeName: (e) => network.links[e].id }, options.highs ?? (await loadHighs()))
  if (result.status === 'time-limit') warnings.push(result.cost === null ? `no design found within ${query.timeLimitS} s` : `the time limit (${query.timeLimitS} s) ended the search: the design is the best found, not proven optimal`)
  return {
    ...(options.instance ? { instance: options.instance } : {}),
    survive: query.survive,
    protection: query.protection,
    status: result.status,
    cost: result.cost === null ? null : round(result.cost),
    bound: result.bound === null ? null : round(result.bound),
    gap: result.gap === null ? null : round(result.gap),
    timeLimitS: query.timeLimitS,
    solver: { name: 'highs', formulation: formulation(query, edges), states: result.states, columns: result.columns, integerColumns: result.integerColumns, rows: result.rows },
    demands: { count: demands.length, protected: protectedCount, gbps: round(demands.reduce((s, d) => s + d.gbps, 0)) },
    links: network.links.map((link, e) => {
      const added = result.added.filter((a) => a.edge === e)
      const addedGbps = added.reduce((s, a) => s + a.count * edges[e].modules[a.module].capacityGbps, 0)
      return {
        id: link.id,
        preInstalledGbps: edges[e].preInstalledGbps,
        addedGbps: round(addedGbps),
        capacityGbps: round(result.capacityGbps[e]),
        addedCost: round(added.reduce((s, a) => s + a.count * edges[e].modules[a.module].cost, 0)),
        modules: added.map((a) => ({ ...edges[e].modules[a.module], count: a.count })),
        normalLoadGbps: round(result.normalLoadGbps[e]),
        ...((edges[e].setupCost ?? 0) > 0 ? { setupCost: edges[e].setupCost as number, opened: result.opened.includes(e) } : {}),
      }
    }),
    ...(result.workingPaths ? { workingPaths: result.workingPaths.map((w) => ({ demand: w.demand, links: w.edges.map((e) => network.links[e].id) })) } : {}),
    warnings,
  }
}

/** A design instance as src/io's `readSndlibInstance` gives it: the network, its demands and link modules. */
export interface DesignInstance {
  network: Network
  demands: DemandsDocument
  linkCosts: LinkModules
  warnings: readonly string[]
}

/** `design` on an SNDlib instance as published (the CLI's `silkway design` and the server's design job). */
export async function designInstance(instance: DesignInstance, query: DesignQuery, name: string, options: { highs?: Highs } = {}): Promise<DesignResponse> {
  const index = compileIndex(instance.network, defaultProfile)
  const answer = await design(index, instance.demands, instance.linkCosts, query, { instance: name, ...options })
  answer.warnings.push(...instance.warnings)
  return answer
}
