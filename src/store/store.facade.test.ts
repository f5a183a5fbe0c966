import assert from 'node:assert/strict'
import { after, before } from 'node:test'
import { type ResourceRef, Store } from './store'
import { onBackends } from './test-databases'

const ref: ResourceRef = { workspace: 'w', kind: 'network', network: '', name: 'n' }
const change = { author: 'ana' }
const doc = (v: number) => ({ schemaVersion: 1, v })

onBackends('the Store facade', ({ it, options, skip }) => {
  let store: Store
  const heard: string[] = []
  before(async () => {
    if (skip) return
    store = await Store.open(options())
    store.onChange((workspace, network) => heard.push(`${workspace}/${network}`))
  })
  after(async () => store?.close())

  it('keeps every public method of the store before the split (the server and the CLI call them)', async () => {
    const methods = ['onChange', 'close', 'integrityCheck', 'ensureWorkspace', 'listWorkspaces', 'isEmpty', 'list', 'get', 'stamp', 'create', 'createIn', 'update', 'updateIn', 'delete', 'history', 'diff', 'restore', 'branch', 'createToken', 'findToken', 'listTokens', 'revokeToken', 'audit', 'listAudit', 'createJob', 'getJob', 'jobParams', 'listJobs', 'unfinishedJobs', 'startJob', 'jobProgress', 'finishJob', 'cancelJob']
    assert.deepEqual(methods.filter((m) => typeof (store as unknown as Record<string, unknown>)[m] !== 'function'), [])
    assert.equal(typeof Store.open, 'function')
    assert.ok(store.db && (store.dialect === 'sqlite' || store.dialect === 'postgres'))
  })

  it('announces each committed change once, with the network it belongs to', async () => {
    heard.length = 0
    await store.create(ref, doc(1), change)
    await store.update(ref, doc(2), 1, change)
    await store.create({ workspace: 'w', kind: 'scenario', network: 'n', name: 's' }, doc(0), change)
    await store.restore(ref, 1, 2, change)
    await store.branch(ref, 'm', change)
    await store.delete({ ...ref, name: 'm' }, 1, change)
    await assert.rejects(store.update(ref, doc(9), 1, change), { code: 'SW_REVISION_CONFLICT' })
    assert.deepEqual(heard, ['w/n', 'w/n', 'w/n', 'w/n', 'w/m', 'w/m'])
  })

  it("a job's effect is announced after the commit that stores its result, never on a rollback", async () => {
    heard.length = 0
    const job = await store.createJob({ workspace: 'w', kind: 'import', params: { text: 'x'.repeat(10_000) }, createdBy: 'ana' })
    await store.startJob(job.id)
    await assert.rejects(
      store.finishJob(job.id, { status: 'succeeded' }, async (tx) => {
        await store.updateIn(tx, ref, doc(5), 3, change)
        throw new Error('commit failed')
      }, { dropParams: true }),
      /commit failed/,
    )
    assert.deepEqual(heard, [])
    assert.deepEqual([(await store.getJob(job.id)).status, (await store.get(ref)).revision], ['running', 3])
    assert.deepEqual(await store.jobParams(job.id), { text: 'x'.repeat(10_000) }, 'a rolled-back finish keeps the params for the rerun')
    await store.finishJob(job.id, { status: 'succeeded' }, async (tx) => {
      const meta = await store.updateIn(tx, ref, doc(5), 3, change)
      assert.deepEqual(heard, [], 'not announced before the commit')
      return { revision: meta.revision }
    }, { dropParams: true })
    assert.deepEqual(heard, ['w/n'])
    assert.deepEqual([(await store.getJob(job.id)).result, await store.jobParams(job.id)], [{ revision: 4 }, null])
  })

  it('dropJobParams clears the params of a job, inside a transaction when given', async () => {
    const job = await store.createJob({ workspace: 'w', kind: 'import', params: { text: 'y' }, createdBy: 'ana' })
    await store.finishJob(job.id, { status: 'failed', error: { code: 'SW_INVALID_NETWORK' } })
    assert.deepEqual(await store.jobParams(job.id), { text: 'y' }, 'kept unless asked')
    await store.transaction((tx) => store.dropJobParams(job.id, tx))
    assert.equal(await store.jobParams(job.id), null)
  })

  it("changes in a transaction the store did not open (db.transaction()) are announced too, as before: at once", async () => {
    heard.length = 0
    await store.db.transaction().execute(async (tx) => {
      await store.updateIn(tx, ref, doc(6), 4, change)
      await store.createIn(tx, { ...ref, name: 'k' }, doc(1), change)
    })
    assert.deepEqual(heard, ['w/n', 'w/k'])
    const check = await store.integrityCheck()
    assert.deepEqual([check.database, check.problems], ['ok', []])
  })
})
