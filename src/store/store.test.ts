import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type PostgresFixture, postgresUnavailable, startPostgres } from './postgres-fixture'
import { type ResourceRef, Store } from './store'

const network = (n: number) => ({ schemaVersion: 1, name: `net ${n}`, nodes: [{ id: 'a', name: 'A', kind: 'city', lat: 0, lon: n }], links: [] })
const ref: ResourceRef = { workspace: 'w', kind: 'network', network: '', name: 'n' }
const author = { author: 'tester', message: 'm' }

/** The same suite on every backend: what passes on SQLite must pass on PostgreSQL. */
function suite(name: string, open: () => Promise<Store>, skip?: () => string | undefined) {
  describe(`store on ${name}`, () => {
    let store: Store
    before(async () => {
      if (skip?.()) return
      store = await open()
    })
    after(async () => store?.close())
    const it = (title: string, fn: () => Promise<void>) =>
      test(title, async (t) => {
        const reason = skip?.()
        if (reason) return t.skip(reason)
        await fn()
      })

    it('creates at revision 1, updates to 2, and keeps both in the history with author, message and diff', async () => {
      const created = await store.create(ref, network(1), author)
      assert.equal(created.revision, 1)
      await assert.rejects(store.create(ref, network(1), author), { code: 'SW_ALREADY_EXISTS' })
      const updated = await store.update(ref, network(2), 1, { author: 'other', message: 'move a' })
      assert.equal(updated.revision, 2)
      const history = await store.history(ref)
      assert.deepEqual(history.map((h) => [h.revision, h.op, h.author]), [[2, 'update', 'other'], [1, 'create', 'tester']])
      assert.deepEqual(history[0].diff.entries.map((e) => e.path).sort(), ['name', 'nodes[id=a].lon'])
      assert.equal((await store.get<{ name: string }>(ref)).document.name, 'net 2')
      assert.equal((await store.get<{ name: string }>(ref, 1)).document.name, 'net 1')
    })

    it('refuses a write naming a stale revision with SW_REVISION_CONFLICT', async () => {
      await assert.rejects(store.update(ref, network(3), 1, author), { code: 'SW_REVISION_CONFLICT' })
      await assert.rejects(store.delete(ref, 1, author), { code: 'SW_REVISION_CONFLICT' })
      assert.equal((await store.get(ref)).revision, 2)
    })

    it('concurrent writers on the same base revision: exactly one wins', async () => {
      const head = (await store.get(ref)).revision
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.update(ref, network(10 + i), head, author)))
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'SW_REVISION_CONFLICT')
      assert.equal((await store.get(ref)).revision, head + 1)
    })

    it('diffs any two revisions, restores an old one as a new revision, branches', async () => {
      const head = (await store.get(ref)).revision
      const d = await store.diff(ref, 1)
      assert.equal(d.to, head)
      assert.ok(d.diff.entries.some((e) => e.path === 'nodes[id=a].lon' && e.before === 1))
      const restored = await store.restore(ref, 1, head, { author: 'tester' })
      assert.equal(restored.revision, head + 1)
      assert.deepEqual((await store.get(ref)).document, network(1))
      assert.equal((await store.history(ref))[0].op, 'restore')
      const branch = await store.branch(ref, 'n2', { author: 'tester' }, 2)
      assert.equal(branch.revision, 1)
      assert.deepEqual((await store.get({ ...ref, name: 'n2' })).document, network(2))
      await assert.rejects(store.diff(ref, 999), { code: 'SW_UNKNOWN_REVISION' })
    })

    it('scenarios belong to a network; deleting the network deletes them, and the history stays', async () => {
      const scenario: ResourceRef = { workspace: 'w', kind: 'scenario', network: 'n2', name: 's' }
      await assert.rejects(store.create({ ...scenario, network: 'nope' }, { name: 's' }, author), { code: 'SW_NOT_FOUND' })
      await store.create(scenario, { schemaVersion: 1, name: 's' }, author)
      assert.deepEqual((await store.list('w', 'scenario', 'n2')).map((s) => s.name), ['s'])
      const before = await store.stamp('w', 'n2')
      await store.delete({ ...ref, name: 'n2' }, 1, author)
      assert.notEqual(await store.stamp('w', 'n2'), before)
      await assert.rejects(store.get(scenario), { code: 'SW_NOT_FOUND' })
      assert.equal((await store.history(scenario))[0].op, 'delete')
      const revived = await store.create({ ...ref, name: 'n2' }, network(5), author)
      assert.equal(revived.revision, 3, 'a re-created resource continues its history')
    })

    it('tokens: only the hash is stored; revoked tokens no longer authenticate', async () => {
      const { token, info } = await store.createToken({ user: 'ana', role: 'planner', workspace: 'w', createdBy: 'test' })
      assert.match(token, /^swt_/)
      assert.equal((await store.findToken(token))?.id, info.id)
      const rows = await store.db.selectFrom('tokens').selectAll().execute()
      assert.ok(rows.every((r) => !JSON.stringify(r).includes(token.slice(4))))
      assert.equal(await store.findToken(`${token}x`), undefined)
      await store.revokeToken(info.id)
      assert.equal(await store.findToken(token), undefined)
    })

    it('jobs: progress, cancel, result stored with its effect', async () => {
      const job = await store.createJob({ workspace: 'w', kind: 'test', params: { x: 1 }, createdBy: 'tester' })
      assert.equal(job.status, 'queued')
      assert.deepEqual(await store.unfinishedJobs(), [job.id])
      assert.ok(await store.startJob(job.id))
      assert.equal(await store.jobProgress(job.id, 0.5, 'half'), false)
      await store.finishJob(job.id, { status: 'succeeded' }, async (tx) => {
        await store.createIn(tx, { ...ref, name: 'from-job' }, network(7), author)
        return { created: 'from-job' }
      })
      const done = await store.getJob(job.id)
      assert.deepEqual([done.status, done.progress, done.result], ['succeeded', 1, { created: 'from-job' }])
      await assert.rejects(store.cancelJob(job.id, 'w'), { code: 'SW_JOB_FINISHED' })
      const other = await store.createJob({ workspace: 'w', kind: 'test', params: {}, createdBy: 'tester' })
      assert.equal((await store.cancelJob(other.id, 'w')).status, 'cancelled')
      await assert.rejects(store.getJob(other.id, 'elsewhere'), { code: 'SW_NOT_FOUND' })
    })

    it('audit entries are listed newest first; the integrity check passes', async () => {
      await store.audit({ actor: 'ana', method: 'PUT', path: '/x', status: 409, action: 'refused' })
      const entries = await store.listAudit({ limit: 5 })
      assert.equal(entries[0].status, 409)
      const check = await store.integrityCheck()
      assert.equal(check.database, 'ok')
      assert.deepEqual(check.problems, [])
    })
  })
}

suite('SQLite', () => Store.open({ file: ':memory:' }))

let fixture: PostgresFixture | undefined
const pgSkip = postgresUnavailable()
if (pgSkip) process.stderr.write(`# ${pgSkip}\n`)
suite(
  'PostgreSQL',
  async () => {
    fixture = await startPostgres()
    return Store.open({ databaseUrl: await fixture.database() })
  },
  () => pgSkip,
)
after(() => fixture?.stop())
