import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { builtinCalibration, withExpectedRtt } from '../calibration'
import { builtinWorkbench } from '../workbench'
import type { Store } from '../store'
import { type TestServer, auth, testServer } from '../../test/helpers'
import { type App, buildServer } from './app'

let server: TestServer
let store: Store
let app: App
let admin: string
let planner: string
let viewer: string
let otherWorkspace: string

const tiny = (lon = 1) => ({
  schemaVersion: 1,
  name: 'tiny',
  nodes: [
    { id: 'a', name: 'Alpha', kind: 'city', lat: 0, lon: 0, country: 'DE' },
    { id: 'b', name: 'Beta', kind: 'city', lat: 0, lon, country: 'PL' },
  ],
  links: [{ id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' }],
})

before(async () => {
  server = await testServer({ rateLimit: { max: 100_000, timeWindowMs: 60_000 }, syncImportBytes: 2000 })
  ;({ store, app, admin, planner, viewer } = server)
  otherWorkspace = (await store.createToken({ user: 'oz', role: 'admin', workspace: 'other', createdBy: 't' })).token
})
after(() => server.close())

test('GET /route answers exactly what the workbench under the built-in calibration (and so `silkway route --json`) answers', async () => {
  const r = await app.inject({ url: '/api/v1/route?from=Frankfurt&to=Shanghai&k=2&avoidCountry=RU', headers: auth(viewer) })
  assert.equal(r.statusCode, 200, r.body)
  const workbench = builtinWorkbench()
  const floor = workbench.route({ from: 'Frankfurt', to: 'Shanghai', k: 2, metric: 'latency', via: [], constraints: { avoidCountries: ['RU'] } }, 'digital-silk-way')
  const expected = withExpectedRtt(workbench.index('digital-silk-way'), floor, builtinCalibration)
  assert.deepEqual(r.json(), JSON.parse(JSON.stringify(expected)))
  // The floor is the floor: the calibration only adds beside it.
  assert.deepEqual(r.json().paths.map((p: { rttMs: number }) => p.rttMs), floor.paths.map((p) => p.rttMs))
  assert.ok(r.json().paths.every((p: { expectedRttMs?: number; rttMs: number }) => (p.expectedRttMs ?? 0) > p.rttMs))
  const post = await app.inject({ method: 'POST', url: '/api/v1/route', headers: auth(viewer), payload: { from: 'Frankfurt', to: 'Shanghai', k: 2, constraints: { avoidCountries: ['RU'] } } })
  assert.equal(post.statusCode, 200, post.body)
  assert.deepEqual(post.json().paths, r.json().paths)
})

test('errors are RFC 9457 problem documents with the stable code and the field path', async () => {
  const unknown = await app.inject({ url: '/api/v1/route?from=Frankfrut&to=Shanghai', headers: auth(viewer) })
  assert.equal(unknown.statusCode, 404)
  assert.match(unknown.headers['content-type'] as string, /^application\/problem\+json/)
  assert.equal(unknown.json().code, 'SW_UNKNOWN_NODE')
  const badCountry = await app.inject({ url: '/api/v1/route?from=Frankfurt&to=Shanghai&avoidCountry=Russia', headers: auth(viewer) })
  assert.equal(badCountry.statusCode, 400)
  assert.equal(badCountry.json().errors[0].path, 'query.avoidCountry[0]')
  assert.match(badCountry.json().detail, /avoidCountry: 'Russia' is not an ISO 3166-1 alpha-2 code/)
  const k = await app.inject({ url: '/api/v1/route?from=Frankfurt&to=Shanghai&k=1e9', headers: auth(viewer) })
  assert.deepEqual([k.statusCode, k.json().code, k.json().errors[0].path], [400, 'SW_INVALID_ARGUMENT', 'query.k'])
  const badJson = await app.inject({ method: 'POST', url: '/api/v1/route', headers: { ...auth(viewer), 'content-type': 'application/json' }, payload: '{"from": ' })
  assert.deepEqual([badJson.statusCode, badJson.json().code], [400, 'SW_PARSE_ERROR'])
  const badBody = await app.inject({ method: 'POST', url: '/api/v1/route', headers: auth(viewer), payload: { from: 'Frankfurt', to: 5 } })
  assert.deepEqual([badBody.statusCode, badBody.json().code, badBody.json().errors[0].path], [422, 'SW_INVALID_DOCUMENT', 'to'])
  for (const r of [unknown, badCountry, k, badJson, badBody]) assert.doesNotMatch(r.body, /\n\s+at |node_modules/)
})

test('compare and report answer like the CLI on the seeded corridor', async () => {
  const compare = await app.inject({ url: '/api/v1/compare', headers: auth(viewer) })
  assert.equal(compare.statusCode, 200, compare.body)
  assert.deepEqual([compare.json().base, compare.json().target], ['baseline-2022', 'digital-silk-way'])
  const report = await app.inject({ url: '/api/v1/report', headers: auth(viewer) })
  assert.equal(report.statusCode, 200)
  assert.ok(report.json().claims.length >= 2)
})

test('networks: create, update with the head revision, 409 on a stale one, history, diff, restore, branch, delete', async () => {
  const created = await app.inject({ method: 'POST', url: '/api/v1/networks', headers: auth(planner), payload: { name: 'tiny', network: tiny(1), message: 'first' } })
  assert.equal(created.statusCode, 201, created.body)
  assert.equal(created.json().revision, 1)
  const dup = await app.inject({ method: 'POST', url: '/api/v1/networks', headers: auth(planner), payload: { name: 'tiny', network: tiny(1) } })
  assert.deepEqual([dup.statusCode, dup.json().code], [409, 'SW_ALREADY_EXISTS'])
  const got = await app.inject({ url: '/api/v1/networks/tiny', headers: auth(viewer) })
  assert.equal(got.headers.etag, '"1"')
  assert.deepEqual(got.json().network, { ...tiny(1), schemaVersion: 2 }, "stored migrated to version 2")
  const updated = await app.inject({ method: 'PUT', url: '/api/v1/networks/tiny', headers: { ...auth(planner), 'if-match': '"1"' }, payload: { network: tiny(2), message: 'move b' } })
  assert.equal(updated.statusCode, 200, updated.body)
  assert.equal(updated.json().revision, 2)
  const stale = await app.inject({ method: 'PUT', url: '/api/v1/networks/tiny', headers: auth(planner), payload: { network: tiny(3), baseRevision: 1 } })
  assert.deepEqual([stale.statusCode, stale.json().code], [409, 'SW_REVISION_CONFLICT'])
  const none = await app.inject({ method: 'PUT', url: '/api/v1/networks/tiny', headers: auth(planner), payload: { network: tiny(3) } })
  assert.deepEqual([none.statusCode, none.json().code], [428, 'SW_PRECONDITION_REQUIRED'])
  const broken = { ...tiny(3), links: [{ id: 'ab', a: 'a', b: 'nowhere', kind: 'terrestrial' }] }
  const invalid = await app.inject({ method: 'PUT', url: '/api/v1/networks/tiny', headers: auth(planner), payload: { network: broken, baseRevision: 2 } })
  assert.deepEqual([invalid.statusCode, invalid.json().code], [422, 'SW_INVALID_DOCUMENT'])
  assert.ok(invalid.json().errors.some((e: { path: string }) => e.path === 'links[0].b'))
  const history = await app.inject({ url: '/api/v1/networks/tiny/revisions', headers: auth(viewer) })
  assert.deepEqual(history.json().revisions.map((r: { revision: number; author: string; message: string }) => [r.revision, r.author, r.message]), [[2, 'pia', 'move b'], [1, 'pia', 'first']])
  const diff = await app.inject({ url: '/api/v1/networks/tiny/diff?from=1', headers: auth(viewer) })
  assert.deepEqual(diff.json().diff.entries, [{ op: 'change', path: 'nodes[id=b].lon', before: 1, after: 2 }])
  const route = await app.inject({ url: '/api/v1/route?network=tiny&from=Alpha&to=Beta', headers: auth(viewer) })
  assert.equal(route.statusCode, 200, route.body)
  const restored = await app.inject({ method: 'POST', url: '/api/v1/networks/tiny/restore', headers: auth(planner), payload: { revision: 1, baseRevision: 2 } })
  assert.equal(restored.json().revision, 3)
  assert.deepEqual((await app.inject({ url: '/api/v1/networks/tiny', headers: auth(viewer) })).json().network, { ...tiny(1), schemaVersion: 2 }, "stored migrated to version 2")
  const branch = await app.inject({ method: 'POST', url: '/api/v1/networks/tiny/branch', headers: auth(planner), payload: { name: 'tiny-b', revision: 2 } })
  assert.equal(branch.statusCode, 201)
  assert.deepEqual((await app.inject({ url: '/api/v1/networks/tiny-b', headers: auth(viewer) })).json().network, { ...tiny(2), schemaVersion: 2 }, "stored migrated to version 2")
  const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/networks/tiny-b?baseRevision=1', headers: auth(planner) })
  assert.equal(deleted.statusCode, 200)
  assert.equal((await app.inject({ url: '/api/v1/networks/tiny-b', headers: auth(viewer) })).statusCode, 404)
})

test('scenarios: must apply to their network; routed on; branched under a new name', async () => {
  const scenario = { schemaVersion: 1, name: 'no-ab', changes: { removeLinks: ['ab'] } }
  const created = await app.inject({ method: 'POST', url: '/api/v1/networks/tiny/scenarios', headers: auth(planner), payload: { scenario } })
  assert.equal(created.statusCode, 201, created.body)
  const wrong = await app.inject({ method: 'POST', url: '/api/v1/networks/tiny/scenarios', headers: auth(planner), payload: { scenario: { schemaVersion: 1, name: 'bad', base: 'missing' } } })
  assert.equal(wrong.statusCode, 422, wrong.body)
  const route = await app.inject({ url: '/api/v1/route?network=tiny&scenario=no-ab&from=a&to=b', headers: auth(viewer) })
  assert.deepEqual([route.statusCode, route.json().code], [422, 'SW_NO_PATH'])
  const branch = await app.inject({ method: 'POST', url: '/api/v1/networks/tiny/scenarios/no-ab/branch', headers: auth(planner), payload: { name: 'no-ab-2' } })
  assert.equal(branch.statusCode, 201, branch.body)
  assert.equal((await app.inject({ url: '/api/v1/networks/tiny/scenarios/no-ab-2', headers: auth(viewer) })).json().scenario.name, 'no-ab-2')
  // The list with its documents: each item is what the item's own GET gives; without the flag, no documents.
  const listed = await app.inject({ url: '/api/v1/networks/tiny/scenarios?documents=true', headers: auth(viewer) })
  assert.equal(listed.statusCode, 200, listed.body)
  const items = listed.json().items as { name: string }[]
  assert.deepEqual(items.map((i) => i.name).sort(), ['no-ab', 'no-ab-2'])
  for (const item of items) assert.deepEqual(item, (await app.inject({ url: `/api/v1/networks/tiny/scenarios/${item.name}`, headers: auth(viewer) })).json())
  const plain = (await app.inject({ url: '/api/v1/networks/tiny/scenarios', headers: auth(viewer) })).json().items as Record<string, unknown>[]
  assert.ok(plain.length === 2 && plain.every((i) => !('scenario' in i)), JSON.stringify(plain))
  const networks = await app.inject({ url: '/api/v1/networks?documents=true', headers: auth(viewer) })
  assert.ok((networks.json().items as { name: string; network?: { nodes: unknown[] } }[]).every((i) => Array.isArray(i.network?.nodes)), networks.body.slice(0, 300))
  assert.equal((await app.inject({ url: '/api/v1/networks/tiny/scenarios?documents=maybe', headers: auth(viewer) })).statusCode, 400)
})

test('import (in the request and as a job), export in each format, validate, convert', async () => {
  const text = JSON.stringify(tiny(4))
  const small = await app.inject({ method: 'POST', url: '/api/v1/networks/imported/import', headers: { ...auth(planner), 'content-type': 'application/json' }, payload: text })
  assert.equal(small.statusCode, 201, small.body)
  const geojson = await app.inject({ url: '/api/v1/networks/imported/export?format=geojson', headers: auth(viewer) })
  assert.match(geojson.headers['content-type'] as string, /geo\+json/)
  assert.equal(JSON.parse(geojson.body).type, 'FeatureCollection')
  const graphml = await app.inject({ url: '/api/v1/networks/imported/export?format=graphml', headers: auth(viewer) })
  const big = `${graphml.body}${' '.repeat(3000)}`
  const job = await app.inject({ method: 'POST', url: '/api/v1/networks/imported/import?baseRevision=1&format=graphml', headers: { ...auth(planner), 'content-type': 'application/xml' }, payload: big })
  assert.equal(job.statusCode, 202, job.body)
  let status = job.json()
  for (let i = 0; i < 100 && (status.status === 'queued' || status.status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    status = (await app.inject({ url: `/api/v1/jobs/${status.id}`, headers: auth(viewer) })).json()
  }
  assert.equal(status.status, 'succeeded', JSON.stringify(status))
  assert.equal(status.result.revision, 2)
  // The committed import keeps its result, not the upload (issue 9).
  assert.equal(await store.jobParams(status.id), null)
  const validate = await app.inject({ method: 'POST', url: '/api/v1/validate', headers: { ...auth(viewer), 'content-type': 'application/json' }, payload: '{"schemaVersion":1,"nodes":[],"links":[{"id":"x","a":"p","b":"q","kind":"terrestrial"}]}' })
  assert.equal(validate.json().valid, false)
  assert.ok(validate.json().issues.some((i: { path: string }) => i.path === 'links[0].a'))
  const convert = await app.inject({ method: 'POST', url: '/api/v1/convert?to=graphml', headers: { ...auth(viewer), 'content-type': 'application/octet-stream' }, payload: text })
  assert.equal(convert.statusCode, 200, convert.body)
  assert.match(convert.body, /<graphml/)
  const plain = await app.inject({ method: 'POST', url: '/api/v1/convert?to=graphml', headers: { ...auth(viewer), 'content-type': 'text/plain' }, payload: text })
  assert.deepEqual([plain.statusCode, plain.json().code], [415, 'SW_UNSUPPORTED_MEDIA_TYPE'], 'text/plain is what a page on another site can send without asking')
  const garbage = await app.inject({ method: 'POST', url: '/api/v1/networks/junk/import', headers: { ...auth(planner), 'content-type': 'application/octet-stream' }, payload: 'not a network' })
  assert.equal(garbage.statusCode, 422)
  assert.equal(garbage.json().code, 'SW_INVALID_DOCUMENT')
})

test('roles: viewer reads, planner writes, admin manages tokens; another workspace is forbidden', async () => {
  const write = await app.inject({ method: 'POST', url: '/api/v1/networks', headers: auth(viewer), payload: { name: 'x', network: tiny() } })
  assert.deepEqual([write.statusCode, write.json().code], [403, 'SW_FORBIDDEN'])
  assert.equal((await app.inject({ url: '/api/v1/tokens', headers: auth(planner) })).statusCode, 403)
  assert.equal((await app.inject({ url: '/api/v1/route?from=Baku&to=Almaty', headers: auth(otherWorkspace) })).statusCode, 403)
  assert.equal((await app.inject({ url: '/api/v1/route?from=Baku&to=Almaty', headers: auth(`${viewer}x`) })).statusCode, 401)
  const made = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(admin), payload: { user: 'new', role: 'viewer', workspace: 'default' } })
  assert.equal(made.statusCode, 201)
  const token = made.json().token
  assert.equal((await app.inject({ url: '/api/v1/whoami', headers: auth(token) })).json().user, 'new')
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${made.json().info.id}`, headers: auth(admin) })).statusCode, 200)
  assert.equal((await app.inject({ url: '/api/v1/whoami', headers: auth(token) })).statusCode, 401)
  const audit = await app.inject({ url: '/api/v1/audit?limit=500', headers: auth(admin) })
  const entries = audit.json().entries as { status: number; action: string; actor: string }[]
  assert.ok(entries.some((e) => e.status === 403 && e.action === 'refused' && e.actor === 'vic'))
  assert.ok(entries.some((e) => e.action === 'create network' && e.actor === 'pia'))
})

test('secure headers, no CORS, public health and OpenAPI 3.1 describing every endpoint', async () => {
  const health = await app.inject({ url: '/health', headers: { origin: 'https://evil.example' } })
  assert.equal(health.statusCode, 200)
  assert.equal(health.headers['access-control-allow-origin'], undefined)
  assert.equal(health.headers['x-content-type-options'], 'nosniff')
  assert.ok(health.headers['content-security-policy'])
  const openapi = (await app.inject({ url: '/openapi.json' })).json()
  assert.equal(openapi.openapi, '3.1.0')
  const routes = app.printRoutes({ commonPrefix: false })
  for (const path of ['/api/v1/route', '/api/v1/networks/{network}/scenarios/{scenario}/revisions', '/api/v1/jobs/{id}/cancel', '/api/v1/tokens', '/api/v1/networks/{network}/import']) assert.ok(path in openapi.paths, `${path} in ${routes}`)
  assert.ok(openapi.paths['/api/v1/route'].get.parameters.some((p: { name: string }) => p.name === 'avoidCountry'))
  // Every route the server has is in the document, with its parameters and its answer's schema.
  for (const { method, url } of app.routeTable.filter((r) => r.url.startsWith('/api/'))) {
    const path = url.replace(/:(\w+)/g, '{$1}')
    assert.ok(openapi.paths[path]?.[method.toLowerCase()], `${method} ${path} described`)
  }
  const resilience: [string, string, string][] = [
    ['get', '/api/v1/disjoint', 'by'],
    ['post', '/api/v1/disjoint', ''],
    ['post', '/api/v1/cut', ''],
    ['get', '/api/v1/availability', 'protection'],
    ['post', '/api/v1/sweeps', ''],
    ['get', '/api/v1/nodes', 'kind'],
    ['get', '/api/v1/links', 'status'],
    ['get', '/api/v1/scenarios', 'network'],
  ]
  for (const [method, path, parameter] of resilience) {
    const operation = openapi.paths[path]?.[method]
    assert.ok(operation, `${method} ${path} described`)
    if (parameter) assert.ok(operation.parameters.some((p: { name: string }) => p.name === parameter), `${path} documents ${parameter}`)
    if (method === 'post') assert.ok(operation.requestBody, `${path} documents its body`)
    const ok = operation.responses[method === 'post' && path.endsWith('sweeps') ? '202' : '200']
    assert.ok(ok?.content?.['application/json']?.schema?.properties, `${path} documents its answer`)
  }
  assert.deepEqual(Object.keys(openapi.paths['/api/v1/disjoint'].get.responses['200'].content['application/json'].schema.properties).sort(), ['by', 'from', 'fullyDisjoint', 'k', 'method', 'paths', 'scenario', 'shared', 'to'])
  const docs = await app.inject({ url: '/docs/' })
  assert.ok([200, 302].includes(docs.statusCode))
})

test('a body over the limit is a 413 problem; a rate-limited client gets 429', async () => {
  const limited = await buildServer({ store, rateLimit: { max: 3, timeWindowMs: 60_000 }, bodyLimitBytes: 1000, runJobs: false })
  await limited.ready()
  const big = await limited.inject({ method: 'POST', url: '/api/v1/route', headers: auth(viewer), payload: { from: 'x'.repeat(5000), to: 'y' } })
  assert.deepEqual([big.statusCode, big.json().code], [413, 'SW_PAYLOAD_TOO_LARGE'])
  let last = 0
  for (let i = 0; i < 5; i++) last = (await limited.inject({ url: '/api/v1/whoami', headers: auth(viewer) })).statusCode
  assert.equal(last, 429)
  await limited.close()
})

test('serve --no-calibration answers the floor alone; by default compare carries the built-in expected RTT and dependsOn', async () => {
  const floorOnly = await testServer({ calibration: null })
  try {
    const r = await floorOnly.app.inject({ url: '/api/v1/route?from=Frankfurt&to=Shanghai', headers: auth(floorOnly.viewer) })
    assert.equal(r.statusCode, 200, r.body)
    assert.equal(r.json().calibration, undefined)
    assert.equal(r.json().paths[0].expectedRttMs, undefined)
    const c = await floorOnly.app.inject({ url: '/api/v1/compare?pairs=Frankfurt:Beijing', headers: auth(floorOnly.viewer) })
    assert.equal(c.json().pairs[0].target.expectedRttMs, undefined)
    assert.ok(Array.isArray(c.json().pairs[0].target.dependsOn.inferredAlignmentLinks))
  } finally {
    await floorOnly.close()
  }
  const c = await app.inject({ url: '/api/v1/compare?pairs=Frankfurt:Beijing', headers: auth(viewer) })
  assert.equal(c.statusCode, 200, c.body)
  const target = c.json().pairs[0].target
  assert.equal(target.expectedRttToleranceMs, builtinCalibration.toleranceMs)
  assert.ok(target.expectedRttMs > target.rttMs)
})
