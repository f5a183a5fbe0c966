import assert from 'node:assert/strict'
import { connect } from '../database'
import { onBackends } from '../test-databases'
import * as resources from './resources'
import type { ResourceRef } from './resources'

const network = (lon: number, extra: Record<string, unknown> = {}) => ({ schemaVersion: 1, name: 'net', nodes: [{ id: 'a', lon }], links: [], ...extra })
const ref: ResourceRef = { workspace: 'w', kind: 'network', network: '', name: 'n' }
const scenario: ResourceRef = { workspace: 'w', kind: 'scenario', network: 'n', name: 's' }
const change = { author: 'ana', message: 'm' }

onBackends('resources', ({ db, it, options }) => {
  it('create makes revision 1 with its workspace; update moves the head and stores the diff; get reads any revision', async () => {
    assert.equal(await resources.isEmpty(db()), true)
    const created = await resources.create(db(), ref, network(1), change, { defaultScenario: 's' })
    assert.deepEqual([created.revision, created.settings, created.network], [1, { defaultScenario: 's' }, undefined])
    assert.equal(await resources.isEmpty(db()), false)
    await assert.rejects(resources.create(db(), ref, network(1), change), { code: 'SW_ALREADY_EXISTS' })
    const updated = await resources.update(db(), ref, network(2), 1, { author: 'bo' }, { settings: { builtin: false } })
    assert.deepEqual([updated.revision, updated.settings], [2, { defaultScenario: 's', builtin: false }])
    assert.deepEqual((await resources.get(db(), ref)).document, network(2))
    assert.deepEqual((await resources.get(db(), ref, 1)).document, network(1))
    await assert.rejects(resources.get(db(), ref, 7), { code: 'SW_UNKNOWN_REVISION', message: /no revision 7 \(latest 2\)/ })
    const [latest] = await resources.history(db(), ref)
    assert.deepEqual([latest.op, latest.author, latest.diff.entries], ['update', 'bo', [{ op: 'change', path: 'nodes[id=a].lon', before: 1, after: 2 }]])
  })

  it('a stale base revision is a conflict naming both revisions; nothing is written', async () => {
    await assert.rejects(resources.update(db(), ref, network(3), 1, change), { code: 'SW_REVISION_CONFLICT', message: /at revision 2, not 1/ })
    await assert.rejects(resources.remove(db(), ref, 1, change), { code: 'SW_REVISION_CONFLICT' })
    assert.equal((await resources.get(db(), ref)).revision, 2)
  })

  it('writers racing on one base revision through separate connections: exactly one wins, the others get 409', async () => {
    const connections = await Promise.all(Array.from({ length: 4 }, () => connect(options())))
    // On SQLite the options name a new in-memory database, so race on the suite's own connection there.
    const writers = options().databaseUrl ? connections.map((c) => c.db) : connections.map(() => db())
    try {
      const results = await Promise.allSettled(writers.map((w, i) => w.transaction().execute((tx) => resources.update(tx, ref, network(10 + i), 2, change))))
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'SW_REVISION_CONFLICT', String(r.reason))
      assert.equal((await resources.get(db(), ref)).revision, 3)
    } finally {
      await Promise.all(connections.map((c) => c.db.destroy()))
    }
  })

  it('a transaction that fails after a write leaves neither the head nor a revision behind', async () => {
    await assert.rejects(
      db()
        .transaction()
        .execute(async (tx) => {
          await resources.update(tx, ref, network(99), 3, change)
          await resources.create(tx, { ...ref, name: 'also' }, network(0), change)
          throw new Error('later step failed')
        }),
      /later step failed/,
    )
    assert.equal((await resources.get(db(), ref)).revision, 3)
    assert.deepEqual((await resources.history(db(), ref)).map((r) => r.revision), [3, 2, 1])
    await assert.rejects(resources.get(db(), { ...ref, name: 'also' }), { code: 'SW_NOT_FOUND' })
  })

  it('scenarios need a live network; listing, stamp; deleting the network deletes them and keeps the history', async () => {
    await assert.rejects(resources.create(db(), { ...scenario, network: 'nope' }, {}, change), { code: 'SW_NOT_FOUND', message: /network 'nope'/ })
    await resources.create(db(), scenario, { name: 's' }, change)
    assert.deepEqual((await resources.list(db(), 'w', 'scenario', 'n')).map((s) => [s.name, s.network]), [['s', 'n']])
    assert.deepEqual((await resources.list(db(), 'w', 'network')).map((s) => s.name), ['n'])
    const before = await resources.stamp(db(), 'w', 'n')
    assert.equal(before, 'n:n:3:0|s:s:1:0')
    await resources.remove(db(), ref, 3, change)
    assert.equal(await resources.stamp(db(), 'w', 'n'), 'n:n:4:1|s:s:2:1')
    assert.deepEqual(await resources.list(db(), 'w', 'scenario', 'n'), [])
    await assert.rejects(resources.get(db(), scenario), { code: 'SW_NOT_FOUND' })
    await assert.rejects(resources.get(db(), ref, 4), { code: 'SW_UNKNOWN_REVISION', message: /its deletion/ })
    const winner = (await resources.get<ReturnType<typeof network>>(db(), ref, 3)).document.nodes[0].lon
    assert.ok([10, 11, 12, 13].includes(winner), 'the racing winner is still readable after the deletion')
    assert.deepEqual((await resources.history(db(), scenario)).map((r) => [r.op, r.message]), [['delete', "network 'n' deleted"], ['create', 'm']])
  })

  it('a deleted resource is revived with the next revision of its history, with its new settings', async () => {
    const revived = await resources.create(db(), ref, network(5), change, { builtin: true })
    assert.deepEqual([revived.revision, revived.settings], [5, { builtin: true }])
    assert.equal((await resources.history(db(), ref))[0].op, 'create')
  })

  it('diff between any two revisions (a deletion counts as no document); restore and branch add revisions', async () => {
    const d = await resources.diff(db(), ref, 2)
    assert.equal(d.to, 5)
    assert.deepEqual(d.diff.entries, [{ op: 'change', path: 'nodes[id=a].lon', before: 2, after: 5 }])
    assert.deepEqual((await resources.diff(db(), ref, 4, 5)).diff.entries.map((e) => [e.op, e.path]), [['add', '(root)']])
    await assert.rejects(resources.diff(db(), ref, 1, 99), { code: 'SW_UNKNOWN_REVISION' })
    const restored = await resources.restore(db(), ref, 1, 5, { author: 'bo' })
    assert.equal(restored.revision, 6)
    assert.deepEqual((await resources.history(db(), ref, { limit: 1 })).map((r) => [r.op, r.message]), [['restore', 'restore revision 1']])
    assert.deepEqual((await resources.get(db(), ref)).document, network(1))
    const branch = await resources.branch(db(), ref, 'copy', { author: 'bo' }, 2)
    assert.deepEqual([branch.name, branch.revision, branch.settings], ['copy', 1, { builtin: false }])
    assert.deepEqual((await resources.history(db(), { ...ref, name: 'copy' })).map((r) => [r.op, r.message]), [['branch', 'branched from n revision 2']])
  })

  it('a 100,000-level document is stored and diffed against the next (the PUT that answered 500)', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    const head = (await resources.get(db(), ref)).revision
    await resources.update(db(), ref, network(1, { metadata: deep }), head, change)
    const moved = await resources.update(db(), ref, network(2, { metadata: deep }), head + 1, change)
    const [latest] = await resources.history(db(), ref, { limit: 1 })
    assert.deepEqual([moved.revision, latest.diff.entries], [head + 2, [{ op: 'change', path: 'nodes[id=a].lon', before: 1, after: 2 }]])
  })

  it('the integrity check sees a head that disagrees with the revisions', async () => {
    assert.deepEqual(await resources.headProblems(db()), [])
    await db().updateTable('resources').set({ head: 42 }).where('name', '=', 'copy').execute()
    assert.deepEqual(await resources.headProblems(db()), ['network /copy: head 42, revisions 1 up to 1'])
  })
})
