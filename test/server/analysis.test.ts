import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type App, buildServer } from '../../src/server/app'
import type { JobContext } from '../../src/server/jobs'
import { sweepJob } from '../../src/server/jobs/sweep'
import { Workbenches } from '../../src/server/workbenches'
import type { Store } from '../../src/store'
import { type TestServer, auth, silkwayJson, testServer } from '../helpers'

let server: TestServer
let store: Store
let app: App
let viewer: string
let planner: string

before(async () => {
  server = await testServer({ rateLimit: false })
  ;({ store, app, viewer, planner } = server)
})
after(() => server.close())

async function get(url: string, token = viewer): Promise<any> {
  const r = await app.inject({ url, headers: auth(token) })
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`)
  return r.json()
}

async function post(url: string, payload: object, token = viewer) {
  return app.inject({ method: 'POST', url, headers: auth(token), payload })
}

async function waitFor(id: string) {
  let job = await get(`/api/v1/jobs/${id}`)
  for (let i = 0; i < 200 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    job = await get(`/api/v1/jobs/${id}`)
  }
  return job
}

test('disjoint, cut and availability answer exactly what the CLI prints with --json', async () => {
  assert.deepEqual(await get('/api/v1/disjoint?from=Baku&to=Almaty&by=srlg'), silkwayJson('disjoint', 'Baku', 'Almaty', '--by', 'srlg'))
  const node = silkwayJson('disjoint', 'Frankfurt', 'Shanghai', '--k', '3', '--by', 'node', '--scenario', 'baseline-2022')
  assert.deepEqual(await get('/api/v1/disjoint?from=Frankfurt&to=Shanghai&k=3&by=node&scenario=baseline-2022'), node)
  const posted = await post('/api/v1/disjoint?scenario=baseline-2022', { from: 'Frankfurt', to: 'Shanghai', k: 3, by: 'node' })
  assert.deepEqual(posted.json(), node)
  const cut = await post('/api/v1/cut', { srlgs: ['caspian-tcfo-corridor'], pairs: [{ from: 'Baku', to: 'Beyneu' }, { from: 'Frankfurt', to: 'Shanghai' }] })
  assert.equal(cut.statusCode, 200, cut.body)
  assert.deepEqual(cut.json(), silkwayJson('cut', '--srlg', 'caspian-tcfo-corridor', '--pairs', 'Baku:Beyneu,Frankfurt:Shanghai'))
  const circle = await post('/api/v1/cut', { circles: [{ lat: 40.4, lon: 49.9, radiusKm: 60 }], countries: ['ru'] })
  assert.deepEqual(circle.json(), silkwayJson('cut', '--circle', '40.4,49.9,60', '--country', 'ru'))
  assert.deepEqual(await get('/api/v1/availability?from=Frankfurt&to=Shanghai&protection=1%2B1'), silkwayJson('availability', 'Frankfurt', 'Shanghai', '--protection', '1+1'))
  assert.deepEqual(await get('/api/v1/availability?from=Baku&to=Almaty&protection=restoration'), silkwayJson('availability', 'Baku', 'Almaty', '--protection', 'restoration'))
})

test('nodes, links and scenarios answer like `silkway nodes|links|scenarios --json`', async () => {
  assert.deepEqual(await get('/api/v1/nodes?country=AZ,kz&kind=city'), silkwayJson('nodes', '--country', 'AZ,kz', '--kind', 'city'))
  assert.deepEqual(await get('/api/v1/nodes?search=almat'), silkwayJson('nodes', '--search', 'almat'))
  const links = await get('/api/v1/links?scenario=baseline-2022&kind=submarine&status=operational')
  assert.ok(links.count > 0 && links.links.every((l: { computedLengthKm: number | null; lengthMethod: string }) => l.lengthMethod && 'computedLengthKm' in l))
  assert.deepEqual(links, silkwayJson('links', '--scenario', 'baseline-2022', '--kind', 'submarine', '--status', 'operational'))
  assert.deepEqual(await get('/api/v1/links?node=Baku'), silkwayJson('links', '--node', 'Baku'))
  // Stored scenarios come back in the store's (name) order, the CLI's in the file's.
  const byName = (answer: { scenarios: { name: string }[] }) => [...answer.scenarios].sort((a, b) => a.name.localeCompare(b.name))
  assert.deepEqual(byName(await get('/api/v1/scenarios')), byName(silkwayJson('scenarios') as { scenarios: { name: string }[] }))
})

test('resilience errors are problem documents with stable codes and field paths', async () => {
  const cases: [Promise<{ statusCode: number; json(): { code: string; errors?: { path: string }[] } }>, number, string, string?][] = [
    [app.inject({ url: '/api/v1/disjoint?from=Bakuu&to=Almaty', headers: auth(viewer) }), 404, 'SW_UNKNOWN_NODE'],
    [app.inject({ url: '/api/v1/disjoint?from=Baku&to=Almaty&by=road', headers: auth(viewer) }), 400, 'SW_INVALID_ARGUMENT', 'query.by'],
    [app.inject({ url: '/api/v1/disjoint?from=Baku&to=Almaty&k=11', headers: auth(viewer) }), 400, 'SW_INVALID_ARGUMENT', 'query.k'],
    [app.inject({ url: '/api/v1/disjoint?from=Baku&to=Almaty&scenario=nope', headers: auth(viewer) }), 404, 'SW_UNKNOWN_SCENARIO'],
    [post('/api/v1/cut', {}), 400, 'SW_INVALID_ARGUMENT'],
    [post('/api/v1/cut', { links: ['no-such-link'] }), 400, 'SW_INVALID_ARGUMENT'],
    [post('/api/v1/cut', { circles: [{ lat: 91, lon: 0, radiusKm: 5 }] }), 422, 'SW_INVALID_DOCUMENT', 'circles[0].lat'],
    [app.inject({ url: '/api/v1/availability?from=Baku&to=Baku', headers: auth(viewer) }), 400, 'SW_INVALID_ARGUMENT'],
    [app.inject({ url: '/api/v1/availability?from=Baku&to=Almaty&samples=1000000000', headers: auth(viewer) }), 400, 'SW_INVALID_ARGUMENT', 'query.samples'],
    [app.inject({ url: '/api/v1/links?kind=boat', headers: auth(viewer) }), 400, 'SW_INVALID_ARGUMENT'],
    [app.inject({ url: '/api/v1/nodes?network=missing', headers: auth(viewer) }), 404, 'SW_NOT_FOUND'],
    [post('/api/v1/sweeps', { failures: '3' }, planner), 422, 'SW_INVALID_DOCUMENT', 'failures'],
    [post('/api/v1/sweeps', { failures: '1' }), 403, 'SW_FORBIDDEN'],
  ]
  for (const [pending, status, code, path] of cases) {
    const r = await pending
    assert.deepEqual([r.statusCode, r.json().code], [status, code], JSON.stringify(r.json()))
    if (path) assert.equal(r.json().errors?.[0]?.path, path)
  }
})

test('a sweep runs as a job: 202, progress to 1, and its result is `silkway sweep --json`', async () => {
  const started = await post('/api/v1/sweeps?scenario=baseline-2022', { failures: 'srlg', top: 5 }, planner)
  assert.equal(started.statusCode, 202, started.body)
  assert.equal(started.headers.location, `/api/v1/jobs/${started.json().id}`)
  const job = await waitFor(started.json().id)
  assert.deepEqual([job.status, job.progress, job.kind, job.createdBy], ['succeeded', 1, 'sweep', 'pia'])
  assert.deepEqual(job.result, silkwayJson('sweep', '--failures', 'srlg', '--top', '5', '--scenario', 'baseline-2022'))
  const single = await waitFor((await post('/api/v1/sweeps', { failures: '1', top: 3 }, planner)).json().id)
  assert.deepEqual(single.result, silkwayJson('sweep', '--failures', '1', '--top', '3'))
})

test('a sweep job stops at its next chunk when cancelled, through the abort path of the CLI', async () => {
  const workbenches = new Workbenches(store)
  const calls: number[] = []
  let finished = false
  const stop = new Error('cancelled')
  const context: JobContext = {
    id: 'test',
    params: { workspace: 'default', network: 'corridor', scenario: 'digital-silk-way', failures: '2', top: 5 },
    services: { workbenches } as unknown as JobContext['services'],
    progress: async (fraction) => {
      calls.push(fraction)
      if (calls.length > 1) throw stop
    },
    finish: async () => {
      finished = true
    },
  }
  await assert.rejects(sweepJob(context), (error) => error === stop)
  assert.equal(finished, false)
  assert.equal(calls.length, 2)
  assert.ok(calls[1] > 0 && calls[1] < 1, `stopped part-way (${calls[1]})`)
})

test('a queued sweep survives a restart and is run by the next server; a queued one can be cancelled', async () => {
  const first = await buildServer({ store, rateLimit: false, runJobs: false })
  await first.ready()
  const queued = await first.inject({ method: 'POST', url: '/api/v1/sweeps', headers: auth(planner), payload: { failures: 'srlg', top: 2 } })
  const doomed = await first.inject({ method: 'POST', url: '/api/v1/sweeps', headers: auth(planner), payload: { failures: '2' } })
  const cancelled = await first.inject({ method: 'POST', url: `/api/v1/jobs/${doomed.json().id}/cancel`, headers: auth(planner) })
  assert.equal(cancelled.json().status, 'cancelled')
  await first.close()
  const second = await buildServer({ store, rateLimit: false })
  await second.ready()
  let job = queued.json()
  for (let i = 0; i < 200 && job.status !== 'succeeded'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    job = (await second.inject({ url: `/api/v1/jobs/${job.id}`, headers: auth(viewer) })).json()
  }
  assert.equal(job.status, 'succeeded')
  assert.equal(job.result.ranking.length, 2)
  await second.close()
})
