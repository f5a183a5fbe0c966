import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type TestServer, auth, testServer } from '../helpers'

/** The calibrate endpoint: the CLI's answer over HTTP, a measurements document as the body, located errors. */

let server: TestServer

before(async () => {
  server = await testServer({ rateLimit: false, runJobs: false })
})
after(async () => {
  await server.close()
})

const pairs = [
  ['Frankfurt', 'Istanbul', 52],
  ['Frankfurt', 'Baku', 95],
  ['Baku', 'Almaty', 70],
  ['Frankfurt', 'Moscow', 48],
  ['Moscow', 'Beijing', 150],
] as const
const body = { schemaVersion: 1, name: 'synthetic', measurements: pairs.map(([from, to, rttMs]): { from: string; to: string; rttMs: number; source: string } => ({ from, to, rttMs, source: 'synthetic (test)' })) }

test('POST /calibrate fits a measurements body and returns the calibration overlay', async () => {
  const r = await server.app.inject({ method: 'POST', url: '/api/v1/calibrate?terms=propagation', headers: auth(server.viewer), payload: body })
  assert.equal(r.statusCode, 200, r.body)
  const answer = JSON.parse(r.body)
  assert.deepEqual(answer.terms, ['propagation'])
  assert.equal(answer.fit.n, 5)
  assert.equal(answer.heldOut.n, 5)
  assert.equal(answer.calibration.kind, 'silkway-calibration')
  assert.ok(answer.coefficients.propagationFactor > 1)
})

test('POST /calibrate: a negative RTT and an unknown city are located 4xx problems, never a 5xx', async () => {
  const negative = structuredClone(body)
  negative.measurements[2].rttMs = -4
  const r1 = await server.app.inject({ method: 'POST', url: '/api/v1/calibrate', headers: auth(server.viewer), payload: negative })
  assert.ok(r1.statusCode >= 400 && r1.statusCode < 500, r1.body)
  assert.match(r1.body, /measurements\/2\/rttMs|measurements\[2\]\.rttMs/)
  const unknown = structuredClone(body)
  unknown.measurements[1].to = 'Atlantis'
  const r2 = await server.app.inject({ method: 'POST', url: '/api/v1/calibrate', headers: auth(server.viewer), payload: unknown })
  assert.equal(r2.statusCode, 404, r2.body)
  const problem = JSON.parse(r2.body)
  assert.equal(problem.code, 'SW_UNKNOWN_NODE')
  assert.match(r2.body, /measurements\[1\]\.to: no node 'Atlantis'/)
})

test('GET /calibrate refuses an unknown term by name', async () => {
  const r = await server.app.inject({ method: 'GET', url: '/api/v1/calibrate?terms=magic', headers: auth(server.viewer) })
  assert.equal(r.statusCode, 400, r.body)
  assert.match(r.body, /terms/)
})
