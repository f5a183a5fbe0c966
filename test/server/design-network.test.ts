import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import fc from 'fast-check'
import type { App } from '../../src/server/app'
import { type TestServer, auth, root, silkwayJson, testServer } from '../helpers'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
process.stderr.write(`# design API fuzz seed ${SEED} (replay: FC_SEED=${SEED})\n`)

let server: TestServer
let app: App
let viewer: string
let planner: string

before(async () => {
  server = await testServer({ rateLimit: false })
  ;({ app, viewer, planner } = server)
})
after(() => server.close())

const fixture = (name: string) => JSON.parse(readFileSync(join(root, 'test/fixtures', name), 'utf8'))
const demands = fixture('demands-corridor.json')
const modules = fixture('modules-corridor-synthetic.json')
const post = (payload: object, token = planner) => app.inject({ method: 'POST', url: '/api/v1/designs', headers: auth(token), payload })

async function waitFor(id: string) {
  let job = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: auth(viewer) })).json()
  for (let i = 0; i < 30_000 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    job = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: auth(viewer) })).json()
  }
  return job
}

test('a design on the stored corridor with a module catalogue answers exactly `silkway design --demands FILE --modules FILE --json`', async () => {
  const started = await post({ demands, modules, topDemands: 2, timeLimit: 600 })
  assert.equal(started.statusCode, 202, started.body)
  const job = await waitFor(started.json().id)
  assert.equal(job.status, 'succeeded', JSON.stringify(job.error))
  const cli = silkwayJson('design', '--demands', 'test/fixtures/demands-corridor.json', '--modules', 'test/fixtures/modules-corridor-synthetic.json', '--top-demands', '2', '--time-limit', '600')
  assert.deepEqual(job.result, cli)
  assert.equal(job.result.status, 'optimal')
  assert.equal(job.result.catalogue.costUnit, 'USD')
  assert.deepEqual(job.result.demands.omitted, { count: 4, gbps: 2700 })
})

test('design body errors are located problems before any job is queued, never a 5xx', async () => {
  const negative = structuredClone(modules)
  negative.modules[1].costUsd = -5
  const unknownLink = structuredClone(modules)
  unknownLink.links[1].link = 'no-such-link'
  const unknownNode = structuredClone(demands)
  unknownNode.demands[2].from = 'Frankfrut'
  const sndlib = readFileSync(join(root, 'test/fixtures/sndlib-ring.txt'), 'utf8')
  const cases: [object, number, string, string?, RegExp?][] = [
    [{ demands, modules: negative }, 422, 'SW_INVALID_DOCUMENT', 'modules.modules[1].costUsd'],
    [{ demands, modules: unknownLink }, 422, 'SW_INVALID_DOCUMENT', 'modules.links[1].link', /no link 'no-such-link'/],
    [{ demands: unknownNode, modules }, 422, 'SW_INVALID_DOCUMENT', 'demands.demands[2].from'],
    [{ demands }, 400, 'SW_INVALID_ARGUMENT', undefined, /give `instance`.*or `modules`/],
    [{ modules }, 400, 'SW_INVALID_ARGUMENT', undefined, /no demands/],
    [{ instance: sndlib, modules }, 400, 'SW_INVALID_ARGUMENT', undefined, /modules does not apply/],
    [{ instance: sndlib, network: 'digital-silk-way', capacity: 'lit' }, 400, 'SW_INVALID_ARGUMENT', undefined, /network, capacity do not apply/],
    [{ demands, modules, name: 'x' }, 400, 'SW_INVALID_ARGUMENT', undefined, /`name` names an SNDlib instance/],
    [{ demands, modules, network: 'nope' }, 404, 'SW_NOT_FOUND'],
    [{ modules, totalGbps: 1000, survive: 'link', protectAll: true }, 422, 'SW_BUDGET_EXCEEDED', undefined, /topDemands/],
    [{ demands, modules, topDemands: 0 }, 422, 'SW_INVALID_DOCUMENT', 'topDemands'],
  ]
  for (const [payload, status, code, path, message] of cases) {
    const r = await post(payload)
    assert.deepEqual([r.statusCode, r.json().code], [status, code], `${JSON.stringify(payload).slice(0, 200)} → ${r.body}`)
    if (path) assert.equal(r.json().errors?.[0]?.path, path, r.body)
    if (message) assert.match(r.body, message)
  }
  // The same question cut to a few demands fits the budget: queued, then solved (or refused) on a worker.
  const smaller = await post({ modules, totalGbps: 1000, survive: 'link', protectAll: true, topDemands: 3, timeLimit: 1 })
  assert.equal(smaller.statusCode, 202, smaller.body)
  const ended = await waitFor(smaller.json().id)
  assert.ok(ended.status === 'succeeded' || ended.error?.code === 'SW_DESIGN_INFEASIBLE', JSON.stringify(ended))
  const forbidden = await post({ demands, modules }, viewer)
  assert.deepEqual([forbidden.statusCode, forbidden.json().code], [403, 'SW_FORBIDDEN'])
})

test('hostile design bodies (fast-check): any value in the new fields is refused with a 4xx problem, never a 5xx', async () => {
  const hostile = fc.oneof(
    fc.anything(),
    fc.record({ schemaVersion: fc.constantFrom(1, 2, '1'), source: fc.oneof(fc.string(), fc.constant(undefined)), modules: fc.array(fc.record({ capacityGbps: fc.double(), costUsd: fc.double(), source: fc.string() }), { maxLength: 3 }) }, { requiredKeys: [] }),
    fc.record({ schemaVersion: fc.constant(1), source: fc.constant('s'), modules: fc.constant([]), links: fc.array(fc.record({ link: fc.string(), source: fc.string(), preInstalledGbps: fc.double() }), { maxLength: 3 }) }),
  )
  const hostileDemands = fc.oneof(fc.anything(), fc.record({ schemaVersion: fc.constant(1), demands: fc.array(fc.record({ id: fc.string(), from: fc.string(), to: fc.string(), gbps: fc.double() }), { maxLength: 3 }) }))
  await fc.assert(
    fc.asyncProperty(hostile, hostileDemands, fc.option(fc.oneof(fc.string(), fc.integer(), fc.double()), { nil: undefined }), async (catalogue, demandSet, topDemands) => {
      const r = await post({ modules: catalogue, demands: demandSet, ...(topDemands !== undefined ? { topDemands } : {}), timeLimit: 1 })
      assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body}`)
      if (r.statusCode !== 202) assert.ok(typeof r.json().code === 'string' && r.json().code.startsWith('SW_'), r.body)
    }),
    { seed: SEED, numRuns: 150 },
  )
})
