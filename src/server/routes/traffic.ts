import Type, { type TObject } from 'typebox'
import { readSndlibInstance } from '../../io'
import { DemandsSchema, type DemandsDocument, ModulesSchema, type ModulesDocument } from '../../model'
import { type QuerySpec, fromParams } from '../../query'
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
  assertCatalogueFits,
  checkDesignDemands,
  designQuery,
  refuseNetworkOnly,
  trafficSweepDemands,
  trafficSweepQuery,
} from '../../traffic'
import type { DesignParams, TrafficSweepParams } from '../jobs'
import { SilkwayError } from '../../model'
import { ANALYSIS_LIMITS, tooLarge } from '../compute'
import { queryFrom, querystringFor, targetOf } from '../query'
import { DEFAULT_NETWORK, JobSchema, NetworkQuery, Problems, WorkspaceQuery, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

const FlowAnswer = withoutDefaults(FlowResponseSchema)
const MaxflowAnswer = withoutDefaults(MaxflowResponseSchema)
const HubsAnswer = withoutDefaults(HubsResponseSchema)
const DemandsAnswer = withoutDefaults(DemandsSchema)

const { demands: _file, modules: _catalogueFile, ...designParams } = designQuery.params.properties
/**
 * The design question's own parameters (designQuery), with documents in place of its files: an SNDlib instance's
 * text (`instance`), or a demands document and a module catalogue on a stored network (`network`, `scenario`).
 */
const DesignJobBody = Type.Object(
  {
    instance: Type.Optional(Type.String({ minLength: 1, description: 'an SNDlib instance (native or XML): network, link modules and demands, as `silkway design --demands FILE` reads it; then network, scenario, demands and modules do not apply' })),
    name: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$', description: "the instance's name in the answer (`instance`), as the CLI takes it from the file name; 'instance' when absent" })),
    network: NetworkQuery.network,
    scenario: NetworkQuery.scenario,
    demands: Type.Optional(DemandsSchema),
    modules: Type.Optional(ModulesSchema),
    ...designParams,
  },
  { additionalProperties: false },
)
type DesignJobBodyValue = Record<string, unknown> & { instance?: string; name?: string; network?: string; scenario?: string; demands?: DemandsDocument; modules?: ModulesDocument }

/**
 * The largest traffic sweep the service queues, in shortest-path work (failure states × demand groups × (nodes
 * + links), every group recomputed in every state: the worst case), and per state (one slice of the event loop).
 */
export const TRAFFIC_SWEEP_LIMITS = {
  work: 2_000_000_000,
  stateWork: 20_000_000,
  /** Optimal rerouting: each state's LP time limit when the request gives none, seconds. */
  optimalStateTimeLimitS: 60,
}

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

  app.post<{ Body: DesignJobBodyValue }>(
    '/designs',
    {
      config: { access: 'planner', action: 'start design' },
      bodyLimit: services.options.fileLimitBytes,
      schema: {
        summary: 'Start a survivable capacity design (MIP) as a job: of an SNDlib instance, or of a stored network with a module catalogue',
        description:
          "202 with the job (`Location: /api/v1/jobs/{id}`). Follow it with `GET /jobs/{id}` (status, progress as the share of the time limit spent), stop it with `POST /jobs/{id}/cancel`; its `result` is the same JSON as `silkway design … --json` (status, cost, bound, gap, modules per link). Either `instance` (an SNDlib instance: its own network, modules and demands) or `modules` (a module catalogue, docs/schema/modules.schema.json) on the workspace's `network` and `scenario`, with `demands` (docs/schema/demands.schema.json) or the gravity model's `totalGbps`. The inputs are checked when the job is created (422 with the path of the first problem); an infeasible design fails the job with SW_DESIGN_INFEASIBLE naming the demand and the failure.",
        tags: ['traffic', 'jobs'],
        querystring: Type.Object(WorkspaceQuery, { additionalProperties: false }),
        body: DesignJobBody,
        response: { 202: JobSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const { instance, name, network, scenario, demands, modules, ...rest } = request.body
      const query = fromParams(designQuery, { ...rest, ...(demands ? { demands: 'demands' } : {}) }, 'api', 'body.')
      let params: DesignParams
      if (instance !== undefined) {
        refuseNetworkOnly([...(network !== undefined ? ['network'] : []), ...(scenario !== undefined ? ['scenario'] : []), ...(demands ? ['demands'] : []), ...(modules ? ['modules'] : []), ...query.networkOnly], 'the SNDlib instance')
        // Refused now, located, rather than as a failed job later: the reader is linear and instances are small.
        readSndlibInstance(instance, name ?? 'instance', name ?? 'instance')
        params = { name: name ?? 'instance', text: instance, query: query.design }
      } else {
        if (!modules) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give `instance` (an SNDlib instance) or `modules` (a module catalogue, docs/schema/modules.schema.json) for the network in use', { field: 'modules' })
        if (name !== undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', '`name` names an SNDlib instance: it does not apply to a design on a network', { field: 'name' })
        const target = await targetOf(services, request, { ...(network !== undefined ? { network } : {}), ...(scenario !== undefined ? { scenario } : {}) })
        const index = target.workbench.index(target.scenario)
        // Located 4xx now rather than a failed job: unknown links in the catalogue, unknown nodes in the demands.
        assertCatalogueFits(index, modules, '', 'modules.')
        const count = Math.min(checkDesignDemands(index, demands, query.gravity, 'demands.'), query.network.topDemands ?? Number.POSITIVE_INFINITY)
        const states = query.design.survive === 'none' ? 1 : 1 + index.graph.edgeCount
        const columns = states * Math.min(count, index.graph.nodeCount) * 2 * index.graph.edgeCount
        if (columns > ANALYSIS_LIMITS.lpColumns) {
          throw new SilkwayError('SW_BUDGET_EXCEEDED', `a design MIP of about ${columns.toLocaleString('en-US')} flow columns (states × demand sources × 2 × links) is over the service's limit of ${ANALYSIS_LIMITS.lpColumns.toLocaleString('en-US')}; give topDemands, or run \`silkway design\` locally`, { size: columns, limit: ANALYSIS_LIMITS.lpColumns })
        }
        params = {
          workspace: request.workspace,
          network: network ?? DEFAULT_NETWORK,
          scenario: target.scenario,
          query: query.design,
          options: query.network,
          modules,
          ...(demands ? { demands } : {}),
          ...(query.gravity ? { gravity: query.gravity } : {}),
        }
      }
      const job = await services.store.createJob({ workspace: request.workspace, kind: 'design', params, createdBy: request.principal?.actor ?? 'anonymous' })
      services.jobs.enqueue(job.id)
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job)
    },
  )

  app.post<{ Body: DemandsDocument | null }>(
    '/traffic-sweeps',
    {
      config: { access: 'planner', action: 'start traffic sweep' },
      // No body is the gravity model's question: validated as null, not as an empty document.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = null
      },
      schema: {
        summary: 'Start a failure × traffic sweep as a job: reroute the demands after every single link, SRLG or country failure',
        description: `202 with the job (\`Location: /api/v1/jobs/{id}\`); follow it with \`GET /jobs/{id}\`, stop it with \`POST /jobs/{id}/cancel\`. Its \`result\` is the same JSON as \`silkway traffic-sweep … --json\`: failure states ranked by unrouted Gbit/s (protected / unprotected), overloaded links and hurt demands, and each link's worst load over every state. The demands are the body (docs/schema/demands.schema.json), else the gravity model with \`totalGbps\`; they are resolved when the job is created (bad references 4xx, located). Refused (400) beyond ${TRAFFIC_SWEEP_LIMITS.work.toLocaleString('en-US')} units of shortest-path work (failure states × demand groups × (nodes + links)). Optimal rerouting (one LP per state) runs on the analysis workers in chunks of states, each LP within \`stateTimeLimitS\` (default ${TRAFFIC_SWEEP_LIMITS.optimalStateTimeLimitS} s) and the whole within \`timeLimitS\`; refused (422) beyond ${ANALYSIS_LIMITS.lpColumns.toLocaleString('en-US')} LP columns.`,
        tags: ['traffic', 'jobs'],
        querystring: querystringFor(trafficSweepQuery),
        body: Type.Union([DemandsSchema, Type.Null()]),
        response: { 202: JobSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const params = request.query as Record<string, unknown>
      const target = await targetOf(services, request, params)
      const parsed = queryFrom(trafficSweepQuery, params)
      const index = target.workbench.index(target.scenario)
      const demands = trafficSweepDemands(index, parsed, request.body ?? undefined)
      const { nodeCount, edgeCount } = index.graph
      const groups = Math.min(demands, nodeCount)
      const optimal = parsed.sweep.routing === 'optimal'
      // Optimal rerouting runs on the analysis workers, one LP per state, each within its time limit.
      const query = optimal ? { ...parsed, sweep: { ...parsed.sweep, stateTimeLimitS: parsed.sweep.stateTimeLimitS ?? TRAFFIC_SWEEP_LIMITS.optimalStateTimeLimitS } } : parsed
      const columns = groups * 2 * edgeCount
      if (optimal && columns > ANALYSIS_LIMITS.lpColumns) {
        throw tooLarge('an optimal-routing LP of demand sources × 2 × links columns', columns, ANALYSIS_LIMITS.lpColumns, 'use shortest or ecmp rerouting, or run `silkway traffic-sweep --routing optimal` locally')
      }
      const states = edgeCount
      const stateWork = groups * (nodeCount + edgeCount)
      if (!optimal && (states * stateWork > TRAFFIC_SWEEP_LIMITS.work || stateWork > TRAFFIC_SWEEP_LIMITS.stateWork)) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `this traffic sweep is too large for the service (${states} failure states × ${stateWork} per state); run \`silkway traffic-sweep\` locally`, { states, stateWork })
      }
      const job: TrafficSweepParams = {
        workspace: request.workspace,
        network: (params.network as string | undefined) ?? DEFAULT_NETWORK,
        scenario: target.scenario,
        query,
        ...(request.body ? { demands: request.body } : {}),
      }
      const created = await services.store.createJob({ workspace: request.workspace, kind: 'traffic-sweep', params: job, createdBy: request.principal?.actor ?? 'anonymous' })
      services.jobs.enqueue(created.id)
      return reply.code(202).header('location', `/api/v1/jobs/${created.id}`).send(created)
    },
  )

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
