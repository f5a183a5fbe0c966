import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { Store } from '../store'
import type { AuditEntry } from '../store'
import { buildServer } from './app'
import { RefusalAudit } from './audit'
import { ensureAdminToken, seedBuiltin } from './start'

const refusal = (status: number, path = '/api/v1/whoami', tokenId: string | null = null): AuditEntry => ({ actor: 'anonymous', tokenId, workspace: 'default', method: 'GET', path, status, action: 'refused', detail: { ip: '192.0.2.1' } })

test('RefusalAudit: the first refusal of a window at once, the rest as one counted row when the window ends', async () => {
  let clockMs = 1_000_000
  const rows: AuditEntry[] = []
  const audit = new RefusalAudit(async (e) => void rows.push(e), { windowMs: 60_000, now: () => clockMs })
  for (let i = 0; i < 50; i++) await audit.record(refusal(401, `/p${i}`), '192.0.2.1')
  await audit.record(refusal(403), '192.0.2.1')
  await audit.record(refusal(401), '198.51.100.7')
  assert.deepEqual(rows.map((r) => [r.status, r.action]), [[401, 'refused'], [403, 'refused'], [401, 'refused']], 'one row per (address, status) at once')
  clockMs += 30_000
  await audit.flush(false)
  assert.equal(rows.length, 3, 'nothing more before the window ends')
  clockMs += 30_000
  await audit.flush(false)
  assert.equal(rows.length, 4, 'the window with repeats writes its count; the others had none')
  assert.deepEqual([rows[3].action, rows[3].detail?.count, rows[3].path, rows[3].detail?.ip], ['refused (repeated)', 49, '/p49', '192.0.2.1'])
  await audit.record(refusal(401), '192.0.2.1')
  assert.equal(rows.length, 5, 'a new window starts with a row of its own')
  await audit.record(refusal(401), '192.0.2.1')
  await audit.stop()
  assert.deepEqual([rows.length, rows[5].detail?.count], [6, 1], 'stop writes the pending counts')
})

test('RefusalAudit: past maxKeys, new addresses share one key per status', async () => {
  const rows: AuditEntry[] = []
  const audit = new RefusalAudit(async (e) => void rows.push(e), { maxKeys: 10 })
  for (let i = 0; i < 1000; i++) await audit.record(refusal(401), `10.0.${i >> 8}.${i & 255}`)
  await audit.stop()
  assert.equal(rows.length, 12, '10 addresses with a row each, then one row and one count for all the others')
  assert.equal(rows[11].detail?.count, 989)
})

test('a flood of 300 made-up tokens: 429 past the per-address limit, and a handful of audit rows that count them all', async () => {
  const store = await Store.open({ file: ':memory:' })
  await seedBuiltin(store)
  await ensureAdminToken(store)
  const app = await buildServer({ store, rateLimit: { max: 100, timeWindowMs: 60_000 }, runJobs: false })
  await app.ready()
  const statuses = new Map<number, number>()
  for (let i = 0; i < 300; i++) {
    const r = await app.inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer swt_${randomBytes(32).toString('base64url')}` } })
    statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1)
    if (r.statusCode === 429) assert.equal(r.json().code, 'SW_RATE_LIMITED')
  }
  assert.deepEqual([...statuses].sort(), [[401, 100], [429, 200]])
  await app.close()
  const rows = await store.listAudit({ limit: 1000 })
  await store.close()
  assert.ok(rows.length <= 4, `${rows.length} audit rows`)
  const total = (status: number) => rows.filter((r) => r.status === status).reduce((n, r) => n + (r.action === 'refused' ? 1 : Number(r.detail.count)), 0)
  assert.deepEqual([total(401), total(429)], [100, 200], 'the rows account for every refusal')
})

test('a valid token is limited across addresses, after the address limit', async () => {
  const store = await Store.open({ file: ':memory:' })
  const viewer = (await store.createToken({ user: 'vic', role: 'viewer', workspace: 'default', createdBy: 't' })).token
  const app = await buildServer({ store, rateLimit: { max: 5, timeWindowMs: 60_000 }, runJobs: false })
  await app.ready()
  const statuses: number[] = []
  for (let i = 0; i < 6; i++) statuses.push((await app.inject({ url: '/api/v1/whoami', remoteAddress: i % 2 ? '192.0.2.1' : '192.0.2.2', headers: { authorization: `Bearer ${viewer}` } })).statusCode)
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429], 'three requests per address, six for the token')
  const other = await app.inject({ url: '/health', remoteAddress: '192.0.2.3' })
  assert.equal(other.statusCode, 200, 'another address is not affected')
  await app.close()
  await store.close()
})
