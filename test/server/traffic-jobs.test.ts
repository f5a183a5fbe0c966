import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { App } from '../../src/server/app'
import { type TestServer, auth, root, silkwayJson, testServer } from '../helpers'

let server: TestServer
let app: App
let viewer: string
let planner: string

before(async () => {
  server = await testServer({ rateLimit: false })
  ;({ app, viewer, planner } = server)
})
after(() => server.close())

const fixture = (name: string) => readFileSync(join(root, 'test/fixtures', name), 'utf8')
const post = (payload: object, token = planner) => app.inject({ method: 'POST', url: '/api/v1/designs', headers: auth(token), payload })

async function waitFor(id: string, until = (job: { status: string }) => job.status !== 'queued' && job.status !== 'running') {
  let job = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: auth(viewer) })).json()
  for (let i = 0; i < 3000 && !until(job); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    job = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: auth(viewer) })).json()
  }
  return job
}

test('a design runs as a job: 202, then status, cost, bound and gap exactly as `silkway design --json`', async () => {
  for (const [file, args] of [
    ['sndlib-ring.txt', []],
    ['sndlib-ring.xml', ['--survive', 'link', '--protect-all']],
    ['sndlib-ring.txt', ['--survive', 'link', '--protect-all', '--protection', '1+1']],
  ] as const) {
    const body = { instance: fixture(file), name: 'sndlib-ring', ...(args.length > 0 ? { survive: 'link', protectAll: true } : {}), ...((args as readonly string[]).includes('1+1') ? { protection: '1+1' } : {}) }
    const started = await post(body)
    assert.equal(started.statusCode, 202, started.body)
    assert.equal(started.headers.location, `/api/v1/jobs/${started.json().id}`)
    const job = await waitFor(started.json().id)
    assert.deepEqual([job.status, job.progress, job.kind], ['succeeded', 1, 'design'], JSON.stringify(job))
    const cli = silkwayJson('design', '--demands', `test/fixtures/${file}`, ...args)
    assert.deepEqual(job.result, cli)
    assert.equal(job.result.status, 'optimal')
    assert.ok(typeof job.result.cost === 'number' && job.result.bound <= job.result.cost + 1e-9)
  }
})

test('design job input errors are located 422 problems, an infeasible design a failed job naming the demand', async () => {
  const cases: [object, number, string, string?, string?][] = [
    [{ instance: fixture('sndlib-ring.txt'), survive: 'node' }, 422, 'SW_INVALID_DOCUMENT', 'survive'],
    [{ instance: fixture('sndlib-ring.txt'), timeLimit: 0 }, 422, 'SW_INVALID_DOCUMENT', 'timeLimit'],
    [{ instance: fixture('sndlib-ring.txt'), demands: 'x.txt' }, 422, 'SW_INVALID_DOCUMENT'],
    [{}, 400, 'SW_INVALID_ARGUMENT'],
    [{ instance: fixture('sndlib-ring.txt').replace('D24 ( N2 N4 )', 'D24 ( N2 N9 )'), name: 'broken' }, 422, 'SW_INVALID_DOCUMENT', undefined, 'broken: line'],
    [{ instance: 'NODES (\n  A ( 1 2 )\n)\nWIRES (\n)\n' }, 422, 'SW_INVALID_DOCUMENT', undefined, 'WIRES'],
  ]
  for (const [payload, status, code, path, message] of cases) {
    const r = await post(payload)
    assert.deepEqual([r.statusCode, r.json().code], [status, code], r.body)
    if (path) assert.equal(r.json().errors?.[0]?.path, path, r.body)
    if (message) assert.ok(r.json().detail?.includes(message) || r.json().title?.includes(message) || JSON.stringify(r.json()).includes(message), r.body)
  }
  const forbidden = await post({ instance: fixture('sndlib-ring.txt') }, viewer)
  assert.deepEqual([forbidden.statusCode, forbidden.json().code], [403, 'SW_FORBIDDEN'])
  const bridge = await post({ instance: fixture('sndlib-bridge.txt'), survive: 'link', protectAll: true })
  assert.equal(bridge.statusCode, 202, bridge.body)
  const failed = await waitFor(bridge.json().id)
  assert.equal(failed.status, 'failed')
  assert.equal(failed.error.code, 'SW_DESIGN_INFEASIBLE')
  assert.match(failed.error.message, /protected demand D16 cannot survive the failure of link L7/)
})

const sweep = (query: string, payload?: object, token = planner) =>
  app.inject({ method: 'POST', url: `/api/v1/traffic-sweeps?${query}`, headers: auth(token), ...(payload ? { payload } : {}) })

test('a traffic sweep runs as a job and answers exactly `silkway traffic-sweep --json`', async () => {
  const gravity = await sweep('totalGbps=10000&defaultGbps=1000&top=5')
  assert.equal(gravity.statusCode, 202, gravity.body)
  const job = await waitFor(gravity.json().id)
  assert.deepEqual([job.status, job.progress, job.kind], ['succeeded', 1, 'traffic-sweep'], JSON.stringify(job.error))
  assert.deepEqual(job.result, silkwayJson('traffic-sweep', '--total-gbps', '10000', '--default-gbps', '1000', '--top', '5'))
  const demands = JSON.parse(fixture('demands-corridor.json'))
  const posted = await sweep('failures=srlg&routing=ecmp&scenario=baseline-2022&top=3', demands)
  assert.equal(posted.statusCode, 202, posted.body)
  const done = await waitFor(posted.json().id)
  assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
  assert.deepEqual(done.result, silkwayJson('traffic-sweep', '--demands', 'test/fixtures/demands-corridor.json', '--failures', 'srlg', '--routing', 'ecmp', '--scenario', 'baseline-2022', '--top', '3'))
})

test('country failure states with optimal rerouting run on the analysis workers and answer exactly the CLI', async () => {
  const posted = await sweep('failures=country&routing=optimal&top=50', JSON.parse(fixture('demands-corridor.json')))
  assert.equal(posted.statusCode, 202, posted.body)
  const done = await waitFor(posted.json().id)
  assert.equal(done.status, 'succeeded', JSON.stringify(done.error))
  assert.deepEqual(done.result, silkwayJson('traffic-sweep', '--demands', 'test/fixtures/demands-corridor.json', '--failures', 'country', '--routing', 'optimal', '--top', '50'))
  const ranked = done.result.ranked as { country: string; solver: { status: string }; endpointGbps: number; transitUnroutedGbps: number; unroutedGbps: number }[]
  assert.ok(ranked.length >= 10 && ranked.every((r) => /^[A-Z]{2}$/.test(r.country) && r.solver.status === 'optimal'))
  for (const r of ranked) assert.ok(Math.abs(r.endpointGbps + r.transitUnroutedGbps - r.unroutedGbps) < 1e-5, JSON.stringify(r))
})

test('traffic sweep input errors are located problems before any job is queued', async () => {
  const demands = JSON.parse(fixture('demands-corridor.json'))
  demands.demands[1].to = 'Frankfrut'
  const cases: [Promise<{ statusCode: number; body: string; json(): { code: string; errors?: { path: string }[] } }>, number, string, string?][] = [
    [sweep('totalGbps=100&routing=fastest'), 400, 'SW_INVALID_ARGUMENT', 'query.routing'],
    [sweep('totalGbps=100&failures=country&stateTimeLimitS=5'), 400, 'SW_INVALID_ARGUMENT'],
    [sweep('totalGbps=100&routing=optimal&timeLimitS=0'), 400, 'SW_INVALID_ARGUMENT', 'query.timeLimitS'],
    [sweep('totalGbps=100&failures=2'), 400, 'SW_INVALID_ARGUMENT', 'query.failures'],
    [sweep('top=5'), 400, 'SW_INVALID_ARGUMENT'],
    [sweep('top=5', demands), 422, 'SW_INVALID_DOCUMENT', 'demands[1].to'],
    [sweep('top=5', { schemaVersion: 1, demands: [{ id: 'x', from: 'Baku', to: 'Almaty', gbps: -1 }] }), 422, 'SW_INVALID_DOCUMENT', 'demands[0].gbps'],
    [sweep('totalGbps=100', undefined, viewer), 403, 'SW_FORBIDDEN'],
  ]
  for (const [pending, status, code, path] of cases) {
    const r = await pending
    assert.deepEqual([r.statusCode, r.json().code], [status, code], r.body)
    if (path) assert.equal(r.json().errors?.[0]?.path, path, r.body)
  }
})
