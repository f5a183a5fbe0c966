import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { claims, corridorPairs, mainComparePairs } from '../../data'
import { SilkwayError, type ValidationIssue, pointerToPath } from '../../model'
import { buildReport, compareScenarios, parsePairs } from '../../report'
import {
  AvailabilityAnswerSchema,
  AvailabilityQuerySchema,
  CutAnswerSchema,
  CutQuerySchema,
  DisjointAnswerSchema,
  DisjointQuerySchema,
  type FailureMode,
  SweepAnswerSchema,
  SweepQuerySchema,
  cutImpact,
  defaultEndpoints,
  diversePaths,
  pairAvailability,
  planSweep,
  rankSweep,
} from '../../resilience'
import { SweepInterrupted, defaultThreads, runSweep } from '../../workers'
import { type Metric, type RouteConstraints, type RouteQuery, RouteQuerySchema, RouteResponseSchema } from '../../routing'
import { LinkFilterSchema, LinkListSchema, NodeFilterSchema, NodeListSchema, ScenarioListSchema, listLinks, listNodes, listScenarios } from '../../workbench'
import type { App, Services } from '../app'
import type { JobHandler } from '../jobs'
import { ConstraintQuery, DEFAULT_NETWORK, JobSchema, NetworkQuery, Problems, RouteQueryParams, WorkspaceQuery, withoutDefaults } from '../schemas'

const RouteAnswer = withoutDefaults(RouteResponseSchema)

/** Repeated and comma-separated values alike: `avoidCountry=RU,IR&avoidCountry=BY`. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

type ConstraintParams = Partial<Static<ReturnType<typeof constraintObject>>>
const constraintObject = () => Type.Object(ConstraintQuery)

/** The same constraint object the CLI builds from its flags, so both answer with the same JSON. */
function constraintsFrom(q: ConstraintParams): RouteConstraints {
  const constraints: RouteConstraints = {}
  const countries = list(q.avoidCountry).map((c) => c.toUpperCase())
  if (countries.length) constraints.avoidCountries = countries
  if (q.allowEndpointCountries) constraints.allowEndpointCountries = true
  const operators = list(q.avoidOperator)
  if (operators.length) constraints.avoidOperators = operators
  const kinds = list(q.avoidKind)
  if (kinds.length) constraints.avoidKinds = kinds as RouteConstraints['avoidKinds']
  const nodes = list(q.avoidNode)
  if (nodes.length) constraints.avoidNodes = nodes
  const links = list(q.avoidLink)
  if (links.length) constraints.avoidLinks = links
  if (q.year !== undefined) constraints.year = q.year
  return constraints
}

const checkQuery = Compile(RouteQuerySchema)

/** Checks an assembled query against the core's schema; a bad country code is a 400 naming the field. */
function assertQuery(query: RouteQuery): RouteQuery {
  if (checkQuery.Check(query)) return query
  const issues: ValidationIssue[] = [...checkQuery.Errors(query)].map((e) => ({ path: pointerToPath(e.instancePath), code: e.keyword, message: e.message, severity: 'error' }))
  throw new SilkwayError('SW_INVALID_ARGUMENT', `${issues[0]?.path}: ${issues[0]?.message}`, {}, issues)
}

const Unknown = (description: string) => Type.Unknown({ description })

const DisjointAnswer = withoutDefaults(DisjointAnswerSchema)
const CutAnswer = withoutDefaults(CutAnswerSchema)
const AvailabilityAnswer = withoutDefaults(AvailabilityAnswerSchema)
const NetworkOnly = Type.Object(NetworkQuery, { additionalProperties: false })

/** Monte Carlo runs in the request: fewer samples than the CLI allows, so one query cannot hold the server for minutes. */
const MAX_API_SAMPLES = 2_000_000

/**
 * A sweep's model holds a shortest-path tree per traffic node (endpoints × nodes entries) and a row per failure
 * scenario; beyond these the service refuses and `silkway sweep` on a workstation is the tool.
 */
export const SWEEP_LIMITS = { treeEntries: 25_000_000, scenarios: 5_000_000 }

/** What a stored sweep job runs; the scenario is fixed when the job is created. */
interface SweepParams {
  workspace: string
  network: string
  scenario: string
  failures: FailureMode
  top: number
}

const PROGRESS_INTERVAL_MS = 250

/**
 * Failure sweeps as jobs: the CLI's engine (worker threads when large), progress every quarter second, and
 * cancel through the same abort path as the CLI's Ctrl-C. The result is exactly `silkway sweep --json`.
 */
export const sweepJob: JobHandler = async (context) => {
  const params = context.params as SweepParams
  await context.progress(0, 'planning')
  const loaded = await context.services.workbenches.get(params.workspace, params.network)
  const index = loaded.workbench.index(params.scenario)
  const plan = planSweep(index, params.failures)
  const total = plan.labels.length
  const controller = new AbortController()
  let stop: unknown
  let reporting: Promise<void> | undefined
  let last = 0
  const onProgress = (done: number) => {
    const now = Date.now()
    if (reporting || stop !== undefined || now - last < PROGRESS_INTERVAL_MS) return
    last = now
    // Throws when the job was cancelled (or the server is stopping): abort the sweep at its next chunk.
    reporting = context
      .progress(done / total, `${done} of ${total} failure scenarios`)
      .catch((error: unknown) => {
        stop = error
        controller.abort()
      })
      .finally(() => {
        reporting = undefined
      })
  }
  const threads = defaultThreads(total, plan.model.endpoints.length)
  let packed: Float64Array
  try {
    packed = await runSweep(plan.model, plan.set, { ...(threads !== undefined ? { threads } : {}), signal: controller.signal, onProgress })
  } catch (error) {
    if (error instanceof SweepInterrupted && stop !== undefined) throw stop
    throw error
  }
  await reporting
  if (stop !== undefined) throw stop
  await context.finish(rankSweep(index, plan, packed, params.top, params.scenario))
}

export function registerAnalysis(app: App, { workbenches, store, jobs }: Services): void {
  app.get(
    '/route',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k best paths between two nodes',
        description: 'The same JSON as `silkway route FROM TO --json`: latency, stretch against the speed of light, countries crossed.',
        tags: ['analysis'],
        querystring: RouteQueryParams,
        response: { 200: RouteAnswer, ...Problems },
      },
    },
    async (request) => {
      const q = request.query
      const loaded = await workbenches.get(request.workspace, q.network ?? DEFAULT_NETWORK)
      const query = assertQuery({ from: q.from, to: q.to, k: q.k ?? 1, metric: (q.metric ?? 'latency') as Metric, via: list(q.via), constraints: constraintsFrom(q) })
      return loaded.workbench.route(query, q.scenario ?? loaded.workbench.defaultScenario)
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
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      return loaded.workbench.route(request.body, request.query.scenario ?? loaded.workbench.defaultScenario)
    },
  )

  app.get(
    '/compare',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Best routes of city pairs in two scenarios, side by side',
        description: 'The same JSON as `silkway compare --json`. On the built-in corridor base, target and pairs default to the CLI\'s.',
        tags: ['analysis'],
        querystring: Type.Object(
          {
            ...NetworkQuery,
            base: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            pairs: Type.Optional(Type.String({ minLength: 3, maxLength: 10_000, description: 'FROM:TO pairs, comma separated' })),
            ...ConstraintQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Unknown('Comparison (see `silkway compare --json`)'), ...Problems },
      },
    },
    async (request) => {
      const q = request.query
      const loaded = await workbenches.get(request.workspace, q.network ?? DEFAULT_NETWORK)
      const builtin = loaded.settings.builtin === true
      const base = q.base ?? (builtin ? 'baseline-2022' : undefined)
      const target = q.target ?? (builtin ? 'digital-silk-way' : undefined)
      if (!base || !target) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give base and target scenarios')
      const pairs = q.pairs ? parsePairs(q.pairs) : builtin ? [...claims.map(({ from, to }) => ({ from, to })), ...mainComparePairs] : []
      if (pairs.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give pairs=FROM:TO,…')
      if (pairs.length > 200) throw new SilkwayError('SW_INVALID_ARGUMENT', 'at most 200 pairs per comparison')
      const constraints = constraintsFrom(q)
      assertQuery({ from: 'x', to: 'y', constraints })
      return compareScenarios(loaded.workbench, { base, target, pairs, metric: (q.metric ?? 'latency') as Metric, constraints })
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
        querystring: Type.Object(NetworkQuery, { additionalProperties: false }),
        response: { 200: Unknown('CorridorReport (see `silkway report --json`)'), ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      const wb = loaded.workbench
      if (loaded.settings.builtin && !request.query.scenario) {
        return buildReport(wb, { scenarios: ['baseline-2022', 'digital-silk-way'], claims, corridorPairs, routeScenarios: ['baseline-2022', 'digital-silk-way'] })
      }
      return buildReport(wb, { routeScenarios: [request.query.scenario ?? wb.defaultScenario] })
    },
  )

  app.get(
    '/disjoint',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k diverse paths of least total latency, and what they share',
        description: 'The same JSON as `silkway disjoint FROM TO --json`: link and node diversity by Suurballe, SRLG and country diversity by an exact MIP (HiGHS) up to a documented size, a heuristic beyond; `method` says which.',
        tags: ['resilience'],
        querystring: Type.Object({ ...NetworkQuery, ...DisjointQuerySchema.properties }, { additionalProperties: false }),
        response: { 200: DisjointAnswer, ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...query } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      const name = scenario ?? loaded.workbench.defaultScenario
      return diversePaths(loaded.workbench.index(name), query, name)
    },
  )

  app.post(
    '/disjoint',
    {
      config: { access: 'viewer', action: 'disjoint' },
      schema: {
        summary: 'k diverse paths, the query as a JSON body',
        tags: ['resilience'],
        querystring: NetworkOnly,
        body: DisjointQuerySchema,
        response: { 200: DisjointAnswer, ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      const name = request.query.scenario ?? loaded.workbench.defaultScenario
      return diversePaths(loaded.workbench.index(name), request.body, name)
    },
  )

  app.post(
    '/cut',
    {
      config: { access: 'viewer', action: 'cut' },
      schema: {
        summary: 'What-if: cut links, SRLGs, countries or circles, and see every pair',
        description: 'The same JSON as `silkway cut … --json`. The cut is the union of everything named; without `pairs`, all pairs of traffic nodes are considered and those the cut changes are listed.',
        tags: ['resilience'],
        querystring: NetworkOnly,
        body: CutQuerySchema,
        response: { 200: CutAnswer, ...Problems },
      },
    },
    async (request) => {
      const { pairs, ...spec } = request.body
      if (!spec.links?.length && !spec.srlgs?.length && !spec.countries?.length && !spec.circles?.length) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', 'say what to cut: links, srlgs, countries or circles')
      }
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      const name = request.query.scenario ?? loaded.workbench.defaultScenario
      return cutImpact(loaded.workbench.index(name), spec, pairs, name)
    },
  )

  app.get(
    '/availability',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Availability of a pair: unprotected, 1+1 diverse, or with restoration',
        description: `The same JSON as \`silkway availability FROM TO --json\`: % and expected downtime minutes a year; exact where possible, Monte Carlo with a 95 % interval beyond (at most ${MAX_API_SAMPLES.toLocaleString('en-US')} samples here).`,
        tags: ['resilience'],
        querystring: Type.Object(
          { ...NetworkQuery, ...AvailabilityQuerySchema.properties, samples: Type.Optional(Type.Integer({ ...AvailabilityQuerySchema.properties.samples, maximum: MAX_API_SAMPLES })) },
          { additionalProperties: false },
        ),
        response: { 200: AvailabilityAnswer, ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...query } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      const name = scenario ?? loaded.workbench.defaultScenario
      return pairAvailability(loaded.workbench.index(name), query, name)
    },
  )

  app.post(
    '/sweeps',
    {
      config: { access: 'planner', action: 'start sweep' },
      schema: {
        summary: 'Start a failure sweep (every link, link pair or SRLG) as a job',
        description: `202 with the job (\`Location: /api/v1/jobs/{id}\`). Follow it with \`GET /jobs/{id}\` (status, progress), stop it with \`POST /jobs/{id}/cancel\`; its \`result\` is the same JSON as \`silkway sweep --failures … --top … --json\`. Refused (400) beyond ${SWEEP_LIMITS.scenarios.toLocaleString('en-US')} failure scenarios or ${SWEEP_LIMITS.treeEntries.toLocaleString('en-US')} shortest-path tree entries (traffic nodes × nodes).`,
        tags: ['resilience', 'jobs'],
        querystring: NetworkOnly,
        body: SweepQuerySchema,
        response: { 202: JobSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const network = request.query.network ?? DEFAULT_NETWORK
      const loaded = await workbenches.get(request.workspace, network)
      const scenario = request.query.scenario ?? loaded.workbench.defaultScenario
      const index = loaded.workbench.index(scenario)
      const links = index.graph.edgeCount
      const scenarios = request.body.failures === '2' ? (links * (links - 1)) / 2 : links
      const trees = defaultEndpoints(index).length * index.graph.nodeCount
      if (scenarios > SWEEP_LIMITS.scenarios || trees > SWEEP_LIMITS.treeEntries) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `this sweep is too large for the service (${scenarios} failure scenarios, ${trees} tree entries); run \`silkway sweep\` locally`, { scenarios, trees })
      }
      const params: SweepParams = { workspace: request.workspace, network, scenario, failures: request.body.failures, top: request.body.top ?? 20 }
      const job = await store.createJob({ workspace: request.workspace, kind: 'sweep', params, createdBy: request.principal?.actor ?? 'anonymous' })
      jobs.enqueue(job.id)
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job)
    },
  )

  app.get(
    '/nodes',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Nodes of a network in a scenario, filtered',
        description: 'The same JSON as `silkway nodes --json`.',
        tags: ['inventory'],
        querystring: Type.Object({ ...NetworkQuery, ...NodeFilterSchema.properties }, { additionalProperties: false }),
        response: { 200: withoutDefaults(NodeListSchema), ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...filter } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      return listNodes(loaded.workbench, scenario ?? loaded.workbench.defaultScenario, filter)
    },
  )

  app.get(
    '/links',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Links of a network in a scenario, with computed lengths, filtered',
        description: 'The same JSON as `silkway links --json`: each link with `computedLengthKm` (what routing uses), `lengthMethod` (declared, geodesic, great-circle-estimate, unknown), `status` and the countries it crosses.',
        tags: ['inventory'],
        querystring: Type.Object({ ...NetworkQuery, ...LinkFilterSchema.properties }, { additionalProperties: false }),
        response: { 200: withoutDefaults(LinkListSchema), ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...filter } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      return listLinks(loaded.workbench, scenario ?? loaded.workbench.defaultScenario, filter)
    },
  )

  app.get(
    '/scenarios',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The scenarios a query on a network may name, with the default',
        description:
          "The same JSON as `silkway scenarios --json`: `as-is` (the network itself) and each scenario with its title, base, link count and whether it is the default. The stored scenario documents, with their history, are under `/networks/{network}/scenarios`.",
        tags: ['inventory'],
        querystring: Type.Object({ ...WorkspaceQuery, network: NetworkQuery.network }, { additionalProperties: false }),
        response: { 200: ScenarioListSchema, ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      return listScenarios(loaded.workbench)
    },
  )
}
