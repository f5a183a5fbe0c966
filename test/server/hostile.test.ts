import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import fc from 'fast-check'
import type { TObject } from 'typebox'
import { opticalPathQuery, opticalReachQuery, opticalSpanQuery } from '../../src/optical'
import type { QuerySpec } from '../../src/query'
import { buildServer } from '../../src/server/app'
import { Store } from '../../src/store'
import { designQuery, flowQuery, gravityQuery, hubsQuery, maxflowQuery, trafficSweepQuery } from '../../src/traffic'
import { auth, testServer } from '../helpers'
import { backends, stopBackends } from './backends'
import { api, killAll, spawnServer } from './process'

after(() => {
  killAll()
  stopBackends()
})

/** The routes and the role each needs, read from the server's own table (the same code the process runs). */
async function routeTable() {
  const store = await Store.open({ file: ':memory:' })
  const app = await buildServer({ store, runJobs: false })
  await app.ready()
  const table = app.routeTable.filter((r) => r.access !== 'public' && r.url.startsWith('/api/'))
  await app.close()
  await store.close()
  return table
}

/** The analysis and inventory endpoints and their roles: a route dropped from the table would escape the checks below. */
const ANALYSIS_ROUTES = [
  ['GET', '/api/v1/route', 'viewer'],
  ['GET', '/api/v1/disjoint', 'viewer'],
  ['POST', '/api/v1/disjoint', 'viewer'],
  ['POST', '/api/v1/cut', 'viewer'],
  ['GET', '/api/v1/availability', 'viewer'],
  ['POST', '/api/v1/sweeps', 'planner'],
  ['GET', '/api/v1/flow', 'viewer'],
  ['POST', '/api/v1/flow', 'viewer'],
  ['GET', '/api/v1/maxflow', 'viewer'],
  ['GET', '/api/v1/hubs', 'viewer'],
  ['POST', '/api/v1/hubs', 'viewer'],
  ['GET', '/api/v1/demands/gravity', 'viewer'],
  ['POST', '/api/v1/designs', 'planner'],
  ['POST', '/api/v1/traffic-sweeps', 'planner'],
  ['GET', '/api/v1/optical/path', 'viewer'],
  ['GET', '/api/v1/optical/span', 'viewer'],
  ['GET', '/api/v1/optical/reach', 'viewer'],
  ['GET', '/api/v1/nodes', 'viewer'],
  ['GET', '/api/v1/links', 'viewer'],
  ['GET', '/api/v1/scenarios', 'viewer'],
] as const

const fill = (url: string, value: (name: string) => string) => url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(value(name)))
const plausible = (name: string) => ({ network: 'corridor', scenario: 'digital-silk-way', id: '00000000-0000-4000-8000-000000000000' })[name] ?? 'x'

/** What must not change under refused requests (the audit log, which records them, aside). */
async function snapshot(open: () => Promise<Store>) {
  const store = await open()
  try {
    const resources = await store.db.selectFrom('resources').select(['id', 'head', 'deleted', 'settings']).orderBy('id').execute()
    const revisions = await store.db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const tokens = await store.db.selectFrom('tokens').select(['id', 'revoked_at']).orderBy('id').execute()
    const jobs = await store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return JSON.stringify({ resources, revisions: Number(revisions.n), tokens, jobs: Number(jobs.n) })
  } finally {
    await store.close()
  }
}

function isProblem(r: { status: number; headers: Headers; json: any }): boolean {
  return /^application\/problem\+json/.test(r.headers.get('content-type') ?? '') && r.json?.status === r.status && /^SW_[A-Z_]+$/.test(r.json?.code ?? '')
}

const HOSTILE = [
  '',
  ' ',
  "' OR '1'='1",
  '1; DROP TABLE resources; --',
  '"; DELETE FROM tokens; --',
  '\u0000',
  '\u202e\u0301',
  '𝕊'.repeat(300),
  '9'.repeat(400),
  '-1',
  '0',
  '1e308',
  'NaN',
  'Infinity',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '{"$ne":null}',
  '__proto__',
]

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 50, unit: 'grapheme' }))
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 10, max: 5000 }).map((d) => `{"network":${deep(d)}}`),
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"name":"x","network":{"schemaVersion":1,"nodes":"all","links":[]}}', '{"from":1e400,"to":-0,"k":1e308}', '{"name":"ok","network":null}', '[1,2', '\u0000'),
  fc.record({ name: hostileString, network: fc.anything({ maxDepth: 3 }), baseRevision: fc.oneof(fc.double(), fc.string()), revision: fc.constantFrom(-1, 0, 1e308, 2 ** 53, 'one') }).map((v) => JSON.stringify(v)),
)

for (const backend of backends) {
  describe(`hostile requests on ${backend.name}`, () => {
    test('fuzzed requests (fast-check): never a 5xx, every error a problem document, the database unchanged', { timeout: 180_000 }, async (t) => {
      if (backend.skip) return t.skip(backend.skip)
      const routes = await routeTable()
      const where = await backend.create()
      const server = await spawnServer({ ...where.spawn, args: ['--rate-limit', '0'] })
      const admin = server.adminToken as string
      const viewer = (await api(server, admin, 'POST', '/api/v1/tokens', { user: 'v', role: 'viewer', workspace: 'default' })).json.token
      const planner = (await api(server, admin, 'POST', '/api/v1/tokens', { user: 'p', role: 'planner', workspace: 'default' })).json.token
      const before = await snapshot(where.open)
      const statuses = new Map<number, number>()
      const hostileToken = fc.oneof({ arbitrary: fc.constantFrom(`Bearer ${viewer}`, `Bearer ${planner}`), weight: 6 }, fc.constant(undefined), fc.constantFrom('Bearer garbage', 'Bearer swt_', `Bearer ${viewer}`, `Bearer ${planner}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${planner}\u0000`), fc.string({ maxLength: 100 }).map((s) => `Bearer ${s}`))
      const request = fc.record({
        route: fc.constantFrom(...routes),
        method: fc.oneof(fc.constant(undefined), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')),
        param: hostileString,
        query: fc.array(fc.tuple(fc.constantFrom('from', 'to', 'k', 'workspace', 'network', 'scenario', 'avoidCountry', 'baseRevision', 'revision', 'format', 'limit', 'to', 'pairs', 'year', 'async'), hostileString), { maxLength: 4 }),
        body: fc.option(hostileBody),
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data', 'application/json; charset=utf-16'),
        authorization: hostileToken,
      })
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const path = fill(r.route.url, (name) => (name === 'network' || name === 'scenario' ? r.param || plausible(name) : plausible(name)))
          const query = r.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
          const method = r.method ?? r.route.method
          const headers: Record<string, string> = { 'content-type': r.contentType }
          if (r.authorization !== undefined) headers.authorization = r.authorization
          let response: Response
          try {
            response = await fetch(`${server.url}${path}${query ? `?${query}` : ''}`, { method, headers, body: method === 'GET' || r.body === null ? undefined : r.body })
          } catch (error) {
            if ((error as Error).name === 'TypeError' && /header|ByteString/i.test(String((error as Error & { cause?: unknown }).cause ?? (error as Error).message))) return // fetch refuses to send it
            throw error
          }
          const text = await response.text()
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          assert.ok(response.status < 500, `${method} ${path.slice(0, 120)}?${query.slice(0, 120)} → ${response.status}: ${text.slice(0, 300)}`)
          if (response.status >= 400) {
            let json: unknown
            try {
              json = JSON.parse(text)
            } catch {}
            assert.ok(isProblem({ status: response.status, headers: response.headers, json }), `${method} ${path.slice(0, 120)} → not a problem document: ${text.slice(0, 200)}`)
            assert.doesNotMatch(text, /\n\s+at |node_modules|\/work\//)
          }
          if (method !== 'GET') assert.ok(response.status >= 400 || r.route.access === 'viewer', `${method} ${path.slice(0, 120)} with a hostile body was accepted (${response.status})`)
        }),
        { numRuns: Number(process.env.SILKWAY_FUZZ_RUNS ?? 300), seed: Number(process.env.SILKWAY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
      )
      const huge = 'x'.repeat(10 * 1024 * 1024)
      // A server refusing a 10 MB body by its Content-Length may answer and close before the client has written it all.
      const send = async (token: string | undefined, method: string, path: string, body: string, type: string) => {
        try {
          return await api(server, token, method, path, body, { 'content-type': type })
        } catch (error) {
          const code = ((error as { cause?: { code?: string } }).cause ?? {}).code
          assert.ok(code === 'EPIPE' || code === 'ECONNRESET', String(error))
          return undefined
        }
      }
      const big = [
        [413, await send(planner, 'POST', '/api/v1/networks', `{"name":"big","network":"${huge}"}`, 'application/json')],
        [403, await send(viewer, 'POST', '/api/v1/networks/big/import', huge, 'text/plain')],
        [422, await send(planner, 'POST', '/api/v1/route', deep(900_000), 'application/json')],
        [401, await send(undefined, 'PUT', '/api/v1/networks/corridor', huge, 'application/json')],
      ] as const
      for (const [expected, r] of big) {
        if (!r) continue
        assert.equal(r.status, expected, r.text.slice(0, 200))
        assert.ok(isProblem(r), r.text.slice(0, 200))
      }
      assert.equal((await api(server, undefined, 'GET', '/health')).status, 200)
      assert.equal(await snapshot(where.open), before, 'refused requests changed the database')
      t.diagnostic(`statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`)
      await server.kill()
    })

    test('missing, malformed, revoked, foreign-workspace and too-small tokens on every endpoint: 401/403, never data', { timeout: 120_000 }, async (t) => {
      if (backend.skip) return t.skip(backend.skip)
      const routes = await routeTable()
      for (const [method, url, access] of ANALYSIS_ROUTES) assert.ok(routes.some((r) => r.method === method && r.url === url && r.access === access), `${method} ${url} needs ${access}`)
      const where = await backend.create()
      const server = await spawnServer({ ...where.spawn, args: ['--rate-limit', '0'] })
      const admin = server.adminToken as string
      const make = async (role: string, workspace = 'default') => (await api(server, admin, 'POST', '/api/v1/tokens', { user: `${role}-${workspace}`, role, workspace })).json
      const viewer = (await make('viewer')).token
      const planner = (await make('planner')).token
      const foreign = (await make('admin', 'elsewhere')).token
      const revoked = await make('admin')
      assert.equal((await api(server, admin, 'DELETE', `/api/v1/tokens/${revoked.info.id}`)).status, 200)
      const before = await snapshot(where.open)
      let checked = 0
      for (const route of routes) {
        const path = fill(route.url, plausible)
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}'
        const cases: [string, Record<string, string>, number][] = [
          ['no token', {}, 401],
          ['not bearer', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 401],
          ['unknown token', { authorization: 'Bearer swt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 401],
          ['revoked token', { authorization: `Bearer ${revoked.token}` }, 401],
          ['other workspace', { authorization: `Bearer ${foreign}` }, 403],
        ]
        if (route.access === 'planner' || route.access === 'admin') cases.push(['viewer', { authorization: `Bearer ${viewer}` }, 403])
        if (route.access === 'admin') cases.push(['planner', { authorization: `Bearer ${planner}` }, 403])
        for (const [what, headers, expected] of cases) {
          const r = await api(server, undefined, route.method, path, body, { 'content-type': 'application/json', ...headers })
          assert.equal(r.status, expected, `${route.method} ${route.url} with ${what}: ${r.status} ${r.text.slice(0, 200)}`)
          assert.ok(isProblem(r), `${route.method} ${route.url} with ${what}: not a problem document`)
          assert.doesNotMatch(r.text, /frankfurt|shanghai|swt_|"nodes"/i, `${route.method} ${route.url} with ${what} leaked data`)
          checked++
        }
      }
      assert.equal(await snapshot(where.open), before)
      // Repeated refusals (same address, status and token) are one row and a counted row per window; the counts
      // are written by the latest when the server stops.
      await server.kill()
      const store = await where.open()
      const entries = await store.listAudit({ limit: 1000 }).finally(() => store.close())
      const refused = entries.filter((e) => e.action === 'refused')
      const counted = entries.filter((e) => e.action === 'refused (repeated)').reduce((n, e) => n + Number(e.detail.count), 0)
      assert.ok(refused.length + counted >= checked, `every refused request is in the audit log (${refused.length} rows and ${counted} counted for ${checked})`)
      assert.ok(entries.length < checked / 4, `refusals coalesced: ${entries.length} audit rows for ${checked} refusals`)
      t.diagnostic(`${routes.length} endpoints, ${checked} refused requests checked, ${entries.length} audit rows`)
    })
  })
}

/**
 * The traffic and optical endpoints' own parameters, fuzzed in process (fast-check): each route gets its
 * spec's parameter names (from the same declarations the server builds its querystrings from) with hostile or
 * plausible values, and a hostile or almost-valid demands document or design body. Never a 5xx, every error a
 * problem document without a stack trace. Jobs are queued, never run (runJobs false): an accepted sweep costs
 * nothing here.
 */
describe('hostile parameters on the traffic and optical endpoints', () => {
  const specs = (s: unknown) => s as QuerySpec<TObject, unknown>
  const ENDPOINTS: [string, string, QuerySpec<TObject, unknown>][] = [
    ['GET', '/api/v1/flow', specs(flowQuery)],
    ['POST', '/api/v1/flow', specs(flowQuery)],
    ['GET', '/api/v1/hubs', specs(hubsQuery)],
    ['POST', '/api/v1/hubs', specs(hubsQuery)],
    ['GET', '/api/v1/maxflow', specs(maxflowQuery)],
    ['GET', '/api/v1/demands/gravity', specs(gravityQuery)],
    ['POST', '/api/v1/traffic-sweeps', specs(trafficSweepQuery)],
    ['POST', '/api/v1/designs', specs(designQuery)],
    ['GET', '/api/v1/optical/path', specs(opticalPathQuery)],
    ['GET', '/api/v1/optical/span', specs(opticalSpanQuery)],
    ['GET', '/api/v1/optical/reach', specs(opticalReachQuery)],
  ]
  /** Values a parameter's schema would accept, so that requests get past the first check. */
  const plausibleFor = (schema: { enum?: unknown[]; anyOf?: { const?: unknown }[]; type?: string; items?: unknown }): fc.Arbitrary<string> => {
    const values = schema.enum ?? schema.anyOf?.map((a) => a.const).filter((v) => v !== undefined)
    if (values?.length) return fc.constantFrom(...values.map(String))
    if (schema.type === 'number' || schema.type === 'integer') return fc.oneof(fc.constantFrom('0', '1', '2', '10', '100', '0.5', '-3', '1e9', '3601', '86401', '1e308', '1e-300', '5e-324'), fc.double({ noNaN: true }).map(String))
    if (schema.type === 'boolean') return fc.constantFrom('true', 'false', '1', 'yes')
    return fc.constantFrom('Baku', 'Frankfurt', 'country:DE', 'group:europe', 'country:CN,country:KZ', 'RU', 'kz-old-beyneu-aktau', 'group:nowhere', 'group:__proto__', 'group:constructor')
  }
  const value = (schema: object) => fc.oneof({ arbitrary: plausibleFor(schema as never), weight: 3 }, { arbitrary: hostileString, weight: 2 })
  const demand = fc.record({
    id: fc.oneof(fc.constantFrom('d1', 'd2'), hostileString),
    from: fc.oneof(fc.constantFrom('Baku', 'Frankfurt', 'Shanghai'), hostileString, fc.integer()),
    to: fc.oneof(fc.constantFrom('Almaty', 'Istanbul', 'Baku'), hostileString),
    gbps: fc.oneof(fc.constantFrom(1, 100, 0, -1, 1e308, 1e-300, 5e-324), fc.double(), hostileString),
    class: fc.oneof(fc.constantFrom('protected', 'unprotected'), hostileString),
  })
  const demandsBody = fc.oneof(
    fc.record({ schemaVersion: fc.constantFrom(1, 2, 0, '1'), demands: fc.array(demand, { maxLength: 4 }) }).map((v) => JSON.stringify(v)),
    hostileBody,
  )
  const designBody = fc.oneof(
    fc.record({ instance: fc.oneof(fc.constantFrom('NODES (\n  A ( 1 2 )\n  B ( 3 4 )\n)\nLINKS (\n  L1 ( A B ) 0 0 0 0 ( 10 1 )\n)\nDEMANDS (\n  D1 ( A B ) 1 5 UNLIMITED\n)\n', '<network/>', ''), hostileString), timeLimit: fc.oneof(fc.constantFrom(1, 0, -1, 1e308), hostileString), survive: fc.oneof(fc.constantFrom('none', 'link', 'srlg'), hostileString) }).map((v) => JSON.stringify(v)),
    hostileBody,
  )

  test('the inputs that answered 500 or an unclear error answer a located 4xx (or a finite answer)', { timeout: 120_000 }, async () => {
    const server = await testServer({ rateLimit: false, runJobs: false })
    try {
      const tiny = { schemaVersion: 1, demands: [{ id: 'a', from: 'Baku', to: 'Almaty', gbps: 1e-300 }] }
      const cases: [string, string, object | undefined, number, string?][] = [
        // The gravity total overflowed: Infinity Gbit/s failed the answer's schema (500), or became null in a document.
        ['GET', '/api/v1/flow?totalGbps=1e308', undefined, 400, 'query.totalGbps'],
        ['GET', '/api/v1/hubs?totalGbps=1e308&routing=optimal', undefined, 400, 'query.totalGbps'],
        ['GET', '/api/v1/demands/gravity?totalGbps=1e308', undefined, 400, 'query.totalGbps'],
        ['POST', '/api/v1/traffic-sweeps?totalGbps=1e308&routing=optimal', undefined, 400, 'query.totalGbps'],
        // A group name was looked up on the prototype chain: group:__proto__ threw a TypeError (500).
        ['GET', '/api/v1/maxflow?fromSet=group:__proto__&toSet=country:CN', undefined, 400],
        ['GET', '/api/v1/maxflow?fromSet=group:constructor&toSet=country:CN', undefined, 400],
        // An unknown parameter said only "schema is false".
        ['GET', '/api/v1/optical/reach?from=Baku', undefined, 400, 'query.from'],
      ]
      for (const [method, url, body, status, path] of cases) {
        const r = await server.app.inject({ method: method as 'GET', url, headers: auth(server.planner), ...(body ? { payload: body } : {}) })
        assert.equal(r.statusCode, status, `${method} ${url}: ${r.body.slice(0, 300)}`)
        assert.doesNotMatch(r.body, /schema is false/, url)
        if (path) assert.equal(r.json().errors?.[0]?.path, path, r.body)
      }
      const unknown = await server.app.inject({ url: '/api/v1/flow?totalGbps=1&bogus=1', headers: auth(server.viewer) })
      assert.equal(unknown.json().detail, 'query.bogus: not a parameter of this endpoint')
      // Demands of 1e-300 Gbit/s made the LP's capacity coefficients (c / largest demand) overflow: passModel failed (500).
      for (const url of ['/api/v1/flow?routing=optimal', '/api/v1/flow?routing=optimal&objective=max-concurrent-flow', '/api/v1/hubs?routing=optimal']) {
        const r = await server.app.inject({ method: 'POST', url, headers: auth(server.viewer), payload: tiny })
        assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 300)}`)
      }
      const lp = await server.app.inject({ method: 'POST', url: '/api/v1/flow?routing=optimal', headers: auth(server.viewer), payload: tiny })
      assert.equal(lp.json().solver.status, 'optimal')
      assert.equal(lp.json().demands[0].routedGbps, 0) // 1e-300 rounds to 0 at the answer's 10⁻⁶
    } finally {
      await server.close()
    }
  })

  test('fuzzed parameters and bodies (fast-check): never a 5xx, every error a problem document', { timeout: 300_000 }, async (t) => {
    const server = await testServer({ rateLimit: false, runJobs: false })
    const statuses = new Map<number, number>()
    try {
      const request = fc
        .constantFrom(...ENDPOINTS)
        .chain(([method, url, spec]) => {
          const props = Object.entries(spec.params.properties) as [string, object][]
          return fc.record({
            method: fc.constant(method),
            url: fc.constant(url),
            query: fc.array(fc.constantFrom(...props).chain(([name, schema]) => fc.tuple(fc.constant(name), value(schema))), { maxLength: 6 }),
            body: url.endsWith('/designs') ? designBody : fc.option(demandsBody, { freq: 2 }),
            token: fc.constantFrom(server.viewer, server.planner),
          })
        })
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const query = r.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
          const response = await server.app.inject({
            method: r.method as 'GET' | 'POST',
            url: `${r.url}${query ? `?${query}` : ''}`,
            headers: { ...auth(r.token), 'content-type': 'application/json' },
            ...(r.method === 'POST' && r.body !== null ? { payload: r.body } : {}),
          })
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
          const where = `${r.method} ${r.url}?${query.slice(0, 200)}`
          assert.ok(response.statusCode < 500, `${where} → ${response.statusCode}: ${response.body.slice(0, 300)}`)
          if (response.statusCode >= 400) {
            let json: unknown
            try {
              json = JSON.parse(response.body)
            } catch {}
            const headers = new Headers(Object.entries(response.headers).map(([k, v]): [string, string] => [k, String(v)]))
            assert.ok(isProblem({ status: response.statusCode, headers, json }), `${where} → not a problem document: ${response.body.slice(0, 200)}`)
            assert.doesNotMatch(response.body, /\n\s+at |node_modules|\/work\//, where)
          }
        }),
        { numRuns: Number(process.env.SILKWAY_FUZZ_RUNS ?? 300), seed: Number(process.env.SILKWAY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
      )
    } finally {
      await server.close()
    }
    t.diagnostic(`statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`)
  })
})
