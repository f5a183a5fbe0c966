import Type from 'typebox'
import { SilkwayError } from '../../model'
import {
  AvailabilityAnswerSchema,
  CutAnswerSchema,
  CutQuerySchema,
  DisjointAnswerSchema,
  DisjointQuerySchema,
  SweepQuerySchema,
  assertCutsSomething,
  availabilityQuery,
  cutImpact,
  defaultEndpoints,
  disjointQuery,
  diversePaths,
  pairAvailability,
} from '../../resilience'
import type { SweepParams } from '../jobs'
import { queryFrom, querystringFor, targetOf } from '../query'
import { DEFAULT_NETWORK, JobSchema, NetworkQuery, Problems, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

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

export function registerResilience(app: App, services: Services): void {
  const { store, jobs } = services

  app.get(
    '/disjoint',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'k diverse paths of least total latency, and what they share',
        description:
          'The same JSON as `silkway disjoint FROM TO --json`: link and node diversity by Suurballe, SRLG and country diversity by an exact MIP (HiGHS) up to a documented size, a heuristic beyond; `method` says which.',
        tags: ['resilience'],
        querystring: querystringFor(disjointQuery),
        response: { 200: DisjointAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return diversePaths(target.workbench.index(target.scenario), queryFrom(disjointQuery, request.query), target.scenario)
    },
  )

  app.post(
    '/disjoint',
    {
      config: { access: 'viewer', action: 'disjoint' },
      schema: { summary: 'k diverse paths, the query as a JSON body', tags: ['resilience'], querystring: NetworkOnly, body: DisjointQuerySchema, response: { 200: DisjointAnswer, ...Problems } },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return diversePaths(target.workbench.index(target.scenario), request.body, target.scenario)
    },
  )

  app.post(
    '/cut',
    {
      config: { access: 'viewer', action: 'cut' },
      schema: {
        summary: 'What-if: cut links, SRLGs, countries or circles, and see every pair',
        description:
          'The same JSON as `silkway cut … --json`. The cut is the union of everything named; without `pairs`, all pairs of traffic nodes are considered and those the cut changes are listed.',
        tags: ['resilience'],
        querystring: NetworkOnly,
        body: CutQuerySchema,
        response: { 200: CutAnswer, ...Problems },
      },
    },
    async (request) => {
      const { pairs, ...spec } = request.body
      assertCutsSomething(spec, ['links', 'srlgs', 'countries', 'circles'])
      const target = await targetOf(services, request, request.query)
      return cutImpact(target.workbench.index(target.scenario), spec, pairs, target.scenario)
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
        querystring: querystringFor(availabilityQuery, {
          samples: Type.Optional(Type.Integer({ ...availabilityQuery.params.properties.samples, maximum: MAX_API_SAMPLES })),
        }),
        response: { 200: AvailabilityAnswer, ...Problems },
      },
    },
    async (request) => {
      const target = await targetOf(services, request, request.query)
      return pairAvailability(target.workbench.index(target.scenario), queryFrom(availabilityQuery, request.query), target.scenario)
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
      const target = await targetOf(services, request, request.query)
      const index = target.workbench.index(target.scenario)
      const links = index.graph.edgeCount
      const scenarios = request.body.failures === '2' ? (links * (links - 1)) / 2 : links
      const trees = defaultEndpoints(index).length * index.graph.nodeCount
      if (scenarios > SWEEP_LIMITS.scenarios || trees > SWEEP_LIMITS.treeEntries) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `this sweep is too large for the service (${scenarios} failure scenarios, ${trees} tree entries); run \`silkway sweep\` locally`, { scenarios, trees })
      }
      const params: SweepParams = {
        workspace: request.workspace,
        network: request.query.network ?? DEFAULT_NETWORK,
        scenario: target.scenario,
        failures: request.body.failures,
        top: request.body.top ?? 20,
      }
      const job = await store.createJob({ workspace: request.workspace, kind: 'sweep', params, createdBy: request.principal?.actor ?? 'anonymous' })
      jobs.enqueue(job.id)
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job)
    },
  )
}
