import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Store } from '../store'
import { type App, type ServerOptions, buildServer } from './app'
import { hostName } from './browser'
import { ensureAdminToken, seedBuiltin } from './start'

let store: Store
let open: App
let admin: string

const tiny = JSON.stringify({ schemaVersion: 1, name: 'tiny', nodes: [{ id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 }, { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 1 }], links: [{ id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' }] })
const revisions = async () => Number((await store.db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

async function server(options: Omit<ServerOptions, 'store'>): Promise<App> {
  const app = await buildServer({ store, rateLimit: false, runJobs: false, ...options })
  await app.ready()
  return app
}

before(async () => {
  store = await Store.open({ file: ':memory:' })
  await seedBuiltin(store)
  admin = (await ensureAdminToken(store)) as string
  open = await server({ open: true, listenHost: '127.0.0.1' })
})
after(async () => {
  await open.close()
  await store.close()
})

test('open mode: a page on another site cannot import (issue 9: text/plain from evil.example made a revision)', async () => {
  const before = await revisions()
  const url = '/api/v1/networks/corridor/import?baseRevision=1&message=pwned'
  const crossSite = await open.inject({ method: 'POST', url, headers: { host: '127.0.0.1:8080', origin: 'http://evil.example', 'content-type': 'text/plain' }, payload: tiny })
  assert.deepEqual([crossSite.statusCode, crossSite.json().code], [403, 'SW_CROSS_SITE'])
  assert.match(crossSite.headers['content-type'] as string, /^application\/problem\+json/)
  const fetchMetadata = await open.inject({ method: 'POST', url, headers: { host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'content-type': 'text/plain' }, payload: tiny })
  assert.deepEqual([fetchMetadata.statusCode, fetchMetadata.json().code], [403, 'SW_CROSS_SITE'])
  const form = await open.inject({ method: 'POST', url, headers: { host: '127.0.0.1:8080', origin: 'null', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' })
  assert.equal(form.statusCode, 403, 'a cross-site form post is a navigation too, and still refused')
  const plain = await open.inject({ method: 'POST', url, headers: { host: '127.0.0.1:8080', 'content-type': 'text/plain' }, payload: tiny })
  assert.deepEqual([plain.statusCode, plain.json().code], [415, 'SW_UNSUPPORTED_MEDIA_TYPE'], 'text/plain is refused even without an Origin')
  assert.equal(await revisions(), before, 'no revision was made')
  const sameOrigin = await open.inject({ method: 'POST', url, headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, payload: tiny })
  assert.equal(sameOrigin.statusCode, 200, sameOrigin.body)
  assert.equal(await revisions(), before + 1)
})

test('open mode: only loopback names and the listening address in Host (issue 9: DNS rebinding could read)', async () => {
  const rebound = await open.inject({ url: '/api/v1/whoami', headers: { host: 'evil.example:8080' } })
  assert.deepEqual([rebound.statusCode, rebound.json().code], [403, 'SW_CROSS_SITE'])
  assert.doesNotMatch(rebound.body, /admin/)
  for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST', 'localhost.:8080']) {
    assert.equal((await open.inject({ url: '/api/v1/whoami', headers: { host } })).statusCode, 200, host)
  }
  for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example:8080', '[::2]:8080']) {
    assert.equal((await open.inject({ url: '/health', headers: { host } })).statusCode, 403, host)
  }
  assert.equal((await open.inject({ url: '/no/such/page', headers: { host: 'evil.example' } })).statusCode, 403, 'unknown paths too')
})

test('open mode: reads from other sites refused, links from them followed, same-origin and non-browser clients served', async () => {
  const read = await open.inject({ url: '/api/v1/whoami', headers: { host: 'localhost:8080', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://evil.example' } })
  assert.equal(read.statusCode, 403)
  const sameSite = await open.inject({ url: '/api/v1/whoami', headers: { host: 'localhost:8080', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', origin: 'http://localhost:3000' } })
  assert.equal(sameSite.statusCode, 403, 'another port on localhost is another origin')
  const link = await open.inject({ url: '/api/v1/whoami', headers: { host: 'localhost:8080', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } })
  assert.equal(link.statusCode, 200)
  const app = await open.inject({ url: '/api/v1/whoami', headers: { host: 'localhost:8080', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } })
  assert.deepEqual([app.statusCode, app.json().open], [200, true])
  const curl = await open.inject({ url: '/api/v1/whoami', headers: { host: '127.0.0.1:8080' } })
  assert.equal(curl.statusCode, 200)
})

test('token mode: no browser checks unless allowed hosts or origins are given; then the same rules', async () => {
  const auth = { authorization: `Bearer ${admin}` }
  const plain = await server({})
  assert.equal((await plain.inject({ url: '/api/v1/whoami', headers: { ...auth, host: 'planner.example.org' } })).statusCode, 200)
  await plain.close()
  const guarded = await server({ allowedHosts: ['planner.example.org'], allowedOrigins: ['https://app.example.org'], listenHost: '0.0.0.0' })
  try {
    assert.equal((await guarded.inject({ url: '/api/v1/whoami', headers: { ...auth, host: 'planner.example.org' } })).statusCode, 200)
    assert.equal((await guarded.inject({ url: '/api/v1/whoami', headers: { ...auth, host: 'evil.example' } })).statusCode, 403)
    const allowed = await guarded.inject({ url: '/api/v1/whoami', headers: { ...auth, host: 'planner.example.org', origin: 'https://app.example.org', 'sec-fetch-site': 'cross-site' } })
    assert.equal(allowed.statusCode, 200, allowed.body)
    const other = await guarded.inject({ url: '/api/v1/whoami', headers: { ...auth, host: 'planner.example.org', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })
    assert.deepEqual([other.statusCode, other.json().code], [403, 'SW_CROSS_SITE'])
  } finally {
    await guarded.close()
  }
})

test('hostName strips the port and brackets and keeps bare IPv6 addresses', () => {
  assert.deepEqual(['[::1]:8080', '::1', 'Example.org.:80', 'localhost', '127.0.0.1:1'].map(hostName), ['::1', '::1', 'example.org', 'localhost', '127.0.0.1'])
})
