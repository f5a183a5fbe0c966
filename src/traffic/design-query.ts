import type { Highs } from 'highs'
import Type, { type Static } from 'typebox'
import { defaultProfile } from '../data'
import { type DemandsDocument, isSilkwayError, type ModulesDocument, type Network, SilkwayError } from '../model'
import { buildMasks, compileIndex, type RouteConstraints, type RoutingIndex } from '../routing'
import { catalogueEdgesOrThrow } from './design-catalogue'
import { type ResolvedDemand, resolveDemands, resolveDemandsOrThrow } from './demands'
import { CAPACITY_BASES } from './capacity'
import { DESIGN_STATUSES, type DesignDemand, solveCapacityDesign, type EdgeDesign, PROTECTION_MODES, type ProtectionMode, SURVIVE_MODES, type SurviveMode } from './design'
import { failureSets } from './failures'
import { loadHighs } from './lp'
import { questionCapacityTable } from './optics'
import { demandsFromGravity } from './params'
import type { GravitySpec } from './queries'
import type { CapacityQuery } from './schema'

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
  scenario: Type.Optional(Type.String()),
  survive: Type.Enum([...SURVIVE_MODES]),
  protection: Type.Enum([...PROTECTION_MODES]),
  status: Type.Enum([...DESIGN_STATUSES]),
  cost: Type.Union([Type.Number(), Type.Null()], { description: 'Cost of the best design found (modules + normal-state routing cost)' }),
  bound: Type.Union([Type.Number(), Type.Null()], { description: 'Proven lower bound on the cost (HiGHS dual bound)' }),
  gap: Type.Union([Type.Number(), Type.Null()], { description: '(cost − bound) ÷ cost' }),
  timeLimitS: Type.Number(),
  catalogue: Type.Optional(
    Type.Object(
      {
        name: Type.Optional(Type.String()),
        source: Type.String(),
        costUnit: Type.Literal('USD'),
        overrides: Type.Integer({ description: 'Links with an entry of their own' }),
      },
      { description: 'The module catalogue a design on a network priced its links by (absent for an SNDlib instance, whose costs have no unit)' },
    ),
  ),
  capacity: Type.Optional(
    Type.Object(
      { basis: Type.Enum([...CAPACITY_BASES]), unknownLinks: Type.Array(Type.String(), { description: 'Links of unknown capacity under the basis: none pre-installed' }) },
      { description: 'The capacity basis the pre-installed capacity comes from (a design on a network)' },
    ),
  ),
  solver: Type.Object({
    name: Type.Literal('highs'),
    formulation: Type.String(),
    states: Type.Integer({ description: 'Normal state plus the failure states routed' }),
    columns: Type.Integer(),
    integerColumns: Type.Integer(),
    rows: Type.Integer(),
  }),
  demands: Type.Object({
    count: Type.Integer(),
    protected: Type.Integer(),
    gbps: Type.Number(),
    source: Type.Optional(Type.String()),
    omitted: Type.Optional(Type.Object({ count: Type.Integer(), gbps: Type.Number() }, { description: 'Demands left out by topDemands' })),
  }),
  links: Type.Array(
    Type.Object({
      id: Type.String(),
      preInstalledGbps: Type.Number(),
      preInstalledFrom: Type.Optional(Type.String({ description: 'Where the pre-installed capacity comes from: the catalogue, or the capacity basis and its derivation' })),
      addedGbps: Type.Number(),
      capacityGbps: Type.Number(),
      addedCost: Type.Number(),
      modules: Type.Array(Type.Object({ capacityGbps: Type.Number(), cost: Type.Number(), count: Type.Integer() })),
      normalLoadGbps: Type.Number(),
      setupCost: Type.Optional(Type.Number({ description: "SNDlib setup cost of the link (paid when it is used); present when the link has one" })),
      opened: Type.Optional(Type.Boolean({ description: 'Whether the design opens the link (pays its setup cost); present when the link has a setup cost' })),
      excluded: Type.Optional(Type.Literal(true, { description: 'The route constraints exclude the link: no design uses it' })),
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

/** What a design on the network in use adds to the question: the capacity basis, the route constraints, a demand cut-off. */
export interface NetworkDesignOptions {
  /** The basis of the pre-installed capacity (as flow loads it); a link it leaves unknown has none. */
  capacity: CapacityQuery
  constraints?: RouteConstraints
  /** Design for the N largest demands only; the others are counted in `demands.omitted`. */
  topDemands?: number
}

/** What an answer says beyond the solve: where its demands and modules came from, per link where its capacity did. */
interface AnswerContext {
  instance?: string
  scenario?: string
  catalogue?: NonNullable<DesignResponse['catalogue']>
  capacity?: NonNullable<DesignResponse['capacity']>
  demandsSource?: string
  omitted?: { count: number; gbps: number }
  preInstalledFrom?: readonly string[]
  excluded?: Uint8Array
  /** Failure states only where a usable link fails (the network path: a blocked link's failure changes nothing). */
  usefulFailuresOnly?: boolean
  warnings: string[]
}

/** Solves the design on per-edge modules and writes the answer document. */
async function designOnEdges(index: RoutingIndex, resolved: readonly ResolvedDemand[], edges: readonly EdgeDesign[], query: DesignQuery, context: AnswerContext, highs?: Highs): Promise<DesignResponse> {
  const { network, graph } = index
  const warnings = [...context.warnings]
  const demands: DesignDemand[] = resolved.map((d) => ({ id: d.id, source: d.source, target: d.target, gbps: d.gbps, protected: query.protectAll || d.class === 'protected' }))
  const protectedCount = demands.filter((d) => d.protected).length
  if (query.survive !== 'none' && protectedCount === 0) warnings.push(`--survive ${query.survive} protects nothing: no demand is protected (mark them class "protected", or protectAll)`)
  const { failures: all, warnings: failureWarnings } = query.survive === 'none' ? { failures: [], warnings: [] } : failureSets(network, query.survive)
  const usable = (e: number) => edges[e].preInstalledGbps > 0 || edges[e].modules.length > 0
  const failures = context.usefulFailuresOnly ? all.filter((f) => f.edges.some(usable)) : all
  warnings.push(...failureWarnings)
  const result = await solveCapacityDesign(graph, demands, edges, { survive: query.survive, protection: query.protection, failures, timeLimitS: query.timeLimitS, edgeName: (e) => network.links[e].id }, highs ?? (await loadHighs()))
  if (result.status === 'time-limit') warnings.push(result.cost === null ? `no design found within ${query.timeLimitS} s` : `the time limit (${query.timeLimitS} s) ended the search: the design is the best found, not proven optimal`)
  return {
    ...(context.instance ? { instance: context.instance } : {}),
    ...(context.scenario ? { scenario: context.scenario } : {}),
    survive: query.survive,
    protection: query.protection,
    status: result.status,
    cost: result.cost === null ? null : round(result.cost),
    bound: result.bound === null ? null : round(result.bound),
    gap: result.gap === null ? null : round(result.gap),
    timeLimitS: query.timeLimitS,
    ...(context.catalogue ? { catalogue: context.catalogue } : {}),
    ...(context.capacity ? { capacity: context.capacity } : {}),
    solver: { name: 'highs', formulation: formulation(query, edges), states: result.states, columns: result.columns, integerColumns: result.integerColumns, rows: result.rows },
    demands: {
      count: demands.length,
      protected: protectedCount,
      gbps: round(demands.reduce((s, d) => s + d.gbps, 0)),
      ...(context.demandsSource ? { source: context.demandsSource } : {}),
      ...(context.omitted ? { omitted: { count: context.omitted.count, gbps: round(context.omitted.gbps) } } : {}),
    },
    links: network.links.map((link, e) => {
      const added = result.added.filter((a) => a.edge === e)
      const addedGbps = added.reduce((s, a) => s + a.count * edges[e].modules[a.module].capacityGbps, 0)
      return {
        id: link.id,
        preInstalledGbps: edges[e].preInstalledGbps,
        ...(context.preInstalledFrom ? { preInstalledFrom: context.preInstalledFrom[e] } : {}),
        addedGbps: round(addedGbps),
        capacityGbps: round(result.capacityGbps[e]),
        addedCost: round(added.reduce((s, a) => s + a.count * edges[e].modules[a.module].cost, 0)),
        modules: added.map((a) => ({ ...edges[e].modules[a.module], count: a.count })),
        normalLoadGbps: round(result.normalLoadGbps[e]),
        ...((edges[e].setupCost ?? 0) > 0 ? { setupCost: edges[e].setupCost as number, opened: result.opened.includes(e) } : {}),
        ...(context.excluded?.[e] ? { excluded: true } : {}),
      }
    }),
    ...(result.workingPaths ? { workingPaths: result.workingPaths.map((w) => ({ demand: w.demand, links: w.edges.map((e) => network.links[e].id) })) } : {}),
    warnings,
  }
}

/**
 * The cheapest module additions so every demand fits normally and protected demands survive every single
 * failure the query names (`solveCapacityDesign`), on a compiled network with its links' modules (an SNDlib
 * instance's: pre-installed capacity is the link's declared design capacity).
 */
export async function design(index: RoutingIndex, document: DemandsDocument, modules: LinkModules, query: DesignQuery, options: { instance?: string; highs?: Highs } = {}): Promise<DesignResponse> {
  const resolved = resolveDemandsOrThrow(index, document)
  const edges: EdgeDesign[] = index.network.links.map((link) => ({
    preInstalledGbps: link.designCapacityGbps ?? 0,
    modules: modules[link.id]?.modules ?? [],
    routingCost: modules[link.id]?.routingCost ?? 0,
    setupCost: modules[link.id]?.setupCost ?? 0,
  }))
  if (edges.every((e) => e.modules.length === 0)) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', 'no link has capacity modules to add: give an SNDlib instance (native or XML) whose links list additional modules', { field: 'demands' })
  }
  return designOnEdges(index, resolved, edges, query, { ...(options.instance ? { instance: options.instance } : {}), warnings: [] }, options.highs)
}

/** The N largest demands (ties in document order), and what was left out. */
function largest(resolved: ResolvedDemand[], n: number | undefined): { kept: ResolvedDemand[]; omitted?: { count: number; gbps: number } } {
  if (n === undefined || resolved.length <= n) return { kept: resolved }
  const order = resolved.map((_, i) => i).sort((a, b) => resolved[b].gbps - resolved[a].gbps || a - b)
  const keep = new Set(order.slice(0, n))
  const omitted = resolved.filter((_, i) => !keep.has(i))
  return { kept: resolved.filter((_, i) => keep.has(i)), omitted: { count: omitted.length, gbps: omitted.reduce((s, d) => s + d.gbps, 0) } }
}

/** The demands of a design on a network: the document given, else the gravity model's. */
function designDemands(index: RoutingIndex, given: DemandsDocument | undefined, gravity: GravitySpec | undefined, sourceName?: string): { document: DemandsDocument; source: string } {
  // The document's own name first, so the CLI (a file) and the API (a body) describe the same demands alike.
  if (given) return { document: given, source: given.name ? `demands '${given.name}'` : (sourceName ?? 'the demands given') }
  if (!gravity) throw new SilkwayError('SW_INVALID_ARGUMENT', 'no demands: give a demands file (CLI --demands FILE, API `demands`) or totalGbps for the gravity model', { field: 'totalGbps' })
  return demandsFromGravity(index, gravity)
}

/** What the server checks before it queues a design on a network: the demands resolve (errors located); their count. */
export function checkDesignDemands(index: RoutingIndex, given: DemandsDocument | undefined, gravity: GravitySpec | undefined, prefix = ''): number {
  const { demands, issues } = resolveDemands(index, designDemands(index, given, gravity).document)
  const errors = issues.filter((issue) => issue.severity === 'error').map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }))
  if (errors.length > 0) throw new SilkwayError('SW_INVALID_DOCUMENT', `${errors[0].path}: ${errors[0].message}`, {}, errors)
  return demands.length
}

/**
 * `silkway design --demands FILE --modules FILE` and the design job on a stored network: the catalogue laid
 * onto the network in use (`catalogueEdges`: per-link overrides, else its defaults; pre-installed capacity from
 * the capacity basis), demands from a file or the gravity model, the route constraints blocking links, then the
 * same MIP as an SNDlib instance. Costs are the catalogue's US dollars.
 */
export async function designNetwork(
  index: RoutingIndex,
  given: DemandsDocument | undefined,
  catalogue: ModulesDocument,
  query: DesignQuery,
  options: NetworkDesignOptions & { gravity?: GravitySpec; scenario?: string; sourceName?: string; highs?: Highs },
): Promise<DesignResponse> {
  const { document, source } = designDemands(index, given, options.gravity, options.sourceName)
  const { kept, omitted } = largest(resolveDemandsOrThrow(index, document), options.topDemands)
  const table = questionCapacityTable(index, options.capacity)
  const masks = buildMasks(index, options.constraints ?? {}, [])
  const { graph } = index
  const excluded = Uint8Array.from(masks.edgeBlocked, (b, e) => (b || masks.nodeBlocked[graph.edgeTail[e]] || masks.nodeBlocked[graph.edgeHead[e]] ? 1 : 0))
  const { edges, preInstalledFrom } = catalogueEdgesOrThrow(index, catalogue, table, excluded)
  const warnings = [...masks.warnings]
  const blockedCount = excluded.reduce((s, b) => s + b, 0)
  if (blockedCount > 0) warnings.push(`${blockedCount} link(s) excluded by the route constraints: no design uses them`)
  const unknown = table.unknownEdges.filter((e) => !excluded[e])
  if (unknown.length > 0) warnings.push(`${unknown.length} link(s) have unknown capacity under the ${table.basis} basis: none is counted as pre-installed there (listed in capacity.unknownLinks)`)
  if (omitted) warnings.push(`designed for the ${kept.length} largest demands only: ${omitted.count} demand(s), ${round(omitted.gbps)} Gbit/s, left out (topDemands)`)
  if (edges.every((e) => e.modules.length === 0)) warnings.push('no link can get a module: the catalogue lists none (or every link is excluded); only the pre-installed capacity is checked')
  const context: AnswerContext = {
    ...(options.scenario ? { scenario: options.scenario } : {}),
    catalogue: { ...(catalogue.name ? { name: catalogue.name } : {}), source: catalogue.source, costUnit: 'USD', overrides: catalogue.links?.length ?? 0 },
    capacity: { basis: table.basis, unknownLinks: unknown.map((e) => index.network.links[e].id) },
    demandsSource: source,
    ...(omitted ? { omitted } : {}),
    preInstalledFrom,
    excluded,
    usefulFailuresOnly: true,
    warnings,
  }
  try {
    return await designOnEdges(index, kept, edges, query, context, options.highs)
  } catch (error) {
    if (isSilkwayError(error) && error.code === 'SW_DESIGN_INFEASIBLE' && blockedCount > 0) {
      throw new SilkwayError('SW_DESIGN_INFEASIBLE', `${error.message} (under the route constraints, which exclude ${blockedCount} link(s))`, error.details, error.issues)
    }
    throw error
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
