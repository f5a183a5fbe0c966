import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { writeNetwork } from '../../src/io'
import { generateNetwork } from '../../src/synthetic'
import { type TestServer, auth, testServer } from '../helpers'

/**
 * Issue 9, item 1: no request may stall the server. Heavy analyses run on a worker thread (or are refused by
 * their budget, src/server/compute/budget.ts) while /health keeps answering. The bound on /health here is a
 * coarse liveness check (a second, where the event loop used to be held for tens of seconds), not a benchmark:
 * `npm run bench:server` measures the p99.
 */

let server: TestServer
let base: string

before(async () => {
  server = await testServer({ rateLimit: false, analysisThreads: 1 })
  const network = generateNetwork({ nodes: 3000, seed: 7 })
  await server.store.create({ workspace: 'default', kind: 'network', network: '', name: 'big' }, network, { author: 'test', message: 'synthetic 3k' })
  await server.app.listen({ port: 0, host: '127.0.0.1' })
  const address = server.app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
after(async () => {
  await server?.close()
})

async function get(path: string, init: RequestInit = {}) {
  return fetch(`${base}${path}`, { ...init, headers: { ...auth(server.viewer), ...(init.headers ?? {}) } })
}

/** Polls /health while `work` runs; returns the slowest answer in ms and how many answered. */
async function healthDuring(work: Promise<Response>): Promise<{ slowestMs: number; answers: number; response: Response }> {
  let done = false
  let slowestMs = 0
  let answers = 0
  const polling = (async () => {
    while (!done) {
      const started = performance.now()
      const r = await fetch(`${base}/health`)
      assert.equal(r.status, 200)
      slowestMs = Math.max(slowestMs, performance.now() - started)
      answers++
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  const response = await work
  done = true
  await polling
  return { slowestMs, answers, response }
}

test('questions over their budget are refused at once with 422 SW_BUDGET_EXCEEDED, naming the limit', async () => {
  // The reproductions: 2,000,000 samples on a 3k-node network (54.9 s on the event loop before), and a
  // cut over all pairs of it (a 103 MB body before, 500 on 10k nodes).
  const availability = await get('/api/v1/availability?network=big&from=n0&to=n2999&protection=restoration&samples=2000000')
  assert.equal(availability.status, 422)
  const a = await availability.json()
  assert.equal(a.code, 'SW_BUDGET_EXCEEDED')
  assert.match(a.detail, /samples × links: [\d,]+ is over the service's limit of 1,000,000,000/)
  const cut = await get('/api/v1/cut?network=big', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ circles: [{ lat: 45, lon: 60, radiusKm: 500 }] }),
  })
  assert.equal(cut.status, 422)
  assert.equal((await cut.json()).code, 'SW_BUDGET_EXCEEDED')
})

test("a report whose sweep is over budget is refused before it runs, naming the measure, the limit and skipSweep", async () => {
  // The single-point-of-failure sweep of a 2,000-node network took 46 s on a worker before; 3,000 nodes more.
  const report = await get('/api/v1/report?network=big')
  assert.equal(report.status, 422)
  const problem = await report.json()
  assert.equal(problem.code, 'SW_BUDGET_EXCEEDED')
  assert.match(problem.detail, /single-point-of-failure sweep scans links × traffic nodes × nodes: [\d,]+ is over the service's limit of 500,000,000; add skipSweep=true/)
  // The report without the sweep answers, on a worker, with the section marked as not swept.
  const { slowestMs, response } = await healthDuring(get('/api/v1/report?network=big&skipSweep=true'))
  assert.equal(response.status, 200)
  const answer = await response.json()
  assert.equal(answer.scenarios[0].nodes, 3000)
  assert.deepEqual(
    answer.resilience.map((r: { singlePointsOfFailure: unknown }) => r.singlePointsOfFailure),
    [null],
  )
  assert.ok(slowestMs < 1000, `/health took ${slowestMs.toFixed(0)} ms during the report`)
})

test('a heavy analysis runs on a worker: /health keeps answering and the answer is the inline one', async () => {
  const path = '/api/v1/availability?network=big&from=n0&to=n2999&protection=restoration&samples=100000&seed=3'
  const { slowestMs, answers, response } = await healthDuring(get(path))
  assert.equal(response.status, 200)
  const answer = await response.json()
  assert.equal(answer.method, 'monte-carlo')
  assert.ok(answers >= 2, `health answered ${answers} times while the analysis ran`)
  assert.ok(slowestMs < 1000, `/health took ${slowestMs.toFixed(0)} ms while the analysis ran`)
  // The same question again: the worker keeps the compiled network, and the seeded answer is the same.
  const again = await (await get(path)).json()
  assert.deepEqual(again, answer)
})

test('SRLG- and country-disjoint MIPs on the corridor run on a worker and answer like before', async () => {
  const { slowestMs, response } = await healthDuring(get('/api/v1/disjoint?from=Frankfurt&to=Shanghai&by=country&k=3'))
  assert.equal(response.status, 200)
  const answer = await response.json()
  assert.equal(answer.k, 3)
  assert.match(answer.method, /^mip-highs/)
  assert.ok(slowestMs < 1000, `/health took ${slowestMs.toFixed(0)} ms during the MIP`)
  // Errors raised on the worker keep their code and status.
  const unknown = await get('/api/v1/disjoint?from=Frankfrut&to=Shanghai&by=srlg')
  assert.equal(unknown.status, 404)
  assert.equal((await unknown.json()).code, 'SW_UNKNOWN_NODE')
})

test('an analysis past the time limit is stopped and answered 422, and the worker is replaced', async () => {
  const quick = await testServer({ rateLimit: false, analysisThreads: 1, analysisTimeoutMs: 1 })
  try {
    const r = await quick.app.inject({ url: '/api/v1/disjoint?from=Frankfurt&to=Shanghai&by=country&k=10', headers: auth(quick.viewer) })
    assert.equal(r.statusCode, 422)
    assert.equal(r.json().code, 'SW_BUDGET_EXCEEDED')
    assert.match(r.json().detail, /limit and was stopped/)
  } finally {
    await quick.close()
  }
})

test('large uploads are validated and converted on a worker: /health answers, and errors keep their code', async () => {
  const network = generateNetwork({ nodes: 20_000, seed: 11 })
  const text = writeNetwork(network, 'geojson')
  assert.ok(text.length > 1_000_000, 'a file large enough to go to a worker')
  const upload = (path: string, body: string) => get(path, { method: 'POST', headers: { 'content-type': 'application/geo+json' }, body })
  const { slowestMs, response } = await healthDuring(upload('/api/v1/validate', text))
  assert.equal(response.status, 200)
  const report = await response.json()
  assert.deepEqual([report.valid, report.nodes, report.links], [true, network.nodes.length, network.links.length])
  assert.ok(slowestMs < 1000, `/health took ${slowestMs.toFixed(0)} ms during the validation`)
  const converted = await upload('/api/v1/convert?to=graphml', text)
  assert.equal(converted.status, 200)
  assert.match(await converted.text(), /^<\?xml/)
  // A large file cut short: the worker's SilkwayError comes back as the problem a small one gets in the request.
  const broken = await upload('/api/v1/convert?to=json', text.slice(0, -10))
  const small = await upload('/api/v1/convert?to=json', writeNetwork(generateNetwork({ nodes: 5, seed: 1 }), 'geojson').slice(0, -10))
  const [a, b] = [await broken.json(), await small.json()]
  assert.equal(broken.status, small.status)
  assert.ok(broken.status >= 400 && broken.status < 500, `status ${broken.status}`)
  assert.equal(a.code, b.code)
  assert.match(a.detail, /line \d+/)
})

test('a large import is parsed and diffed against the revision it replaces on a worker: /health answers, the diff is right', async () => {
  // 20,000 nodes: ~8 MB of JSON whose diff against the stored revision used to run on the event loop at commit.
  const before = generateNetwork({ nodes: 20_000, seed: 5 })
  await server.store.create({ workspace: 'default', kind: 'network', network: '', name: 'huge' }, before, { author: 'test', message: 'synthetic 20k' })
  const after = { ...before, nodes: before.nodes.map((n, i) => (i === 17 ? { ...n, name: 'Renamed' } : n)), links: before.links.slice(1) }
  const text = writeNetwork(after, 'json')
  assert.ok(text.length > 1_000_000, 'an upload large enough for a job and a worker')
  const upload = fetch(`${base}/api/v1/networks/huge/import?format=json&baseRevision=1`, {
    method: 'POST',
    headers: { ...auth(server.planner), 'content-type': 'application/json' },
    body: text,
  })
  const job = async () => {
    const accepted = await upload
    assert.equal(accepted.status, 202)
    let state = await accepted.json()
    while (state.status === 'queued' || state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50))
      state = await (await get(`/api/v1/jobs/${state.id}`)).json()
    }
    return new Response(JSON.stringify(state))
  }
  const { slowestMs, response } = await healthDuring(job())
  const finished = await response.json()
  assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error))
  assert.equal(finished.result.revision, 2)
  assert.ok(slowestMs < 1000, `/health took ${slowestMs.toFixed(0)} ms during the import`)
  const [latest] = (await (await get('/api/v1/networks/huge/revisions?limit=1')).json()).revisions
  assert.equal(latest.revision, 2)
  assert.deepEqual([latest.diff.added, latest.diff.removed, latest.diff.changed], [0, 1, 1])
  assert.deepEqual(
    latest.diff.entries.map((e: { op: string; path: string }) => `${e.op} ${e.path}`).sort(),
    [`change nodes[id=${before.nodes[17].id}].name`, `remove links[id=${before.links[0].id}]`],
  )
})
