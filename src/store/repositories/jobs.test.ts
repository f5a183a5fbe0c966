import assert from 'node:assert/strict'
import { onBackends } from '../test-databases'
import * as jobs from './jobs'

const job = (params: unknown = { x: 1 }, workspace = 'w') => ({ workspace, kind: 'import', params, createdBy: 'tester' })

onBackends('jobs', ({ db, it }) => {
  it('queued → running → succeeded, with progress, result and params kept by default', async () => {
    const created = await jobs.create(db(), job({ text: 'upload' }))
    assert.deepEqual([created.status, created.progress, created.message, created.result, created.error, created.cancelRequested], ['queued', 0, 'queued', null, null, false])
    assert.ok((await jobs.unfinished(db())).includes(created.id))
    assert.ok(await jobs.start(db(), created.id))
    assert.equal(await jobs.progress(db(), created.id, 0.5, 'half'), false)
    assert.deepEqual([(await jobs.get(db(), created.id)).progress, (await jobs.get(db(), created.id)).message], [0.5, 'half'])
    await jobs.finish(db(), created.id, { status: 'succeeded', message: 'done' }, { n: 3 })
    const done = await jobs.get(db(), created.id)
    assert.deepEqual([done.status, done.progress, done.message, done.result], ['succeeded', 1, 'done', { n: 3 }])
    assert.deepEqual(await jobs.params(db(), created.id), { text: 'upload' })
    assert.equal(await jobs.start(db(), created.id), false, 'a finished job does not start again')
    assert.ok(!(await jobs.unfinished(db())).includes(created.id))
  })

  it('dropParams: finishing clears the stored params (an upload) and nothing else', async () => {
    const upload = 'x'.repeat(1_000_000)
    const created = await jobs.create(db(), job({ text: upload, format: 'geojson' }))
    await jobs.start(db(), created.id)
    await jobs.finish(db(), created.id, { status: 'succeeded' }, { network: 'n' }, { dropParams: true })
    assert.equal(await jobs.params(db(), created.id), null)
    const row = await db().selectFrom('jobs').select('params').where('id', '=', created.id).executeTakeFirstOrThrow()
    assert.ok(row.params.length < 10, `params hold ${row.params.length} characters`)
    assert.deepEqual((await jobs.get(db(), created.id)).result, { network: 'n' })
    const failed = await jobs.create(db(), job({ text: upload }))
    await jobs.finish(db(), failed.id, { status: 'failed', error: { code: 'SW_INVALID_NETWORK' } }, undefined, { dropParams: true })
    assert.deepEqual([(await jobs.get(db(), failed.id)).error, await jobs.params(db(), failed.id)], [{ code: 'SW_INVALID_NETWORK' }, null])
  })

  it('dropParams inside the finishing transaction: a rollback keeps the params and the job unfinished', async () => {
    const created = await jobs.create(db(), job({ keep: true }))
    await jobs.start(db(), created.id)
    await assert.rejects(
      db()
        .transaction()
        .execute(async (tx) => {
          await jobs.dropParams(tx, created.id)
          await jobs.finish(tx, created.id, { status: 'succeeded' }, 1)
          throw new Error('the effect failed')
        }),
      /the effect failed/,
    )
    assert.deepEqual([(await jobs.get(db(), created.id)).status, await jobs.params(db(), created.id)], ['running', { keep: true }])
    await db()
      .transaction()
      .execute(async (tx) => {
        await jobs.finish(tx, created.id, { status: 'succeeded' }, 1)
        await jobs.dropParams(tx, created.id)
      })
    assert.deepEqual([(await jobs.get(db(), created.id)).status, await jobs.params(db(), created.id)], ['succeeded', null])
  })

  it('cancel: a queued job at once, a running one at its next checkpoint, a finished one not at all', async () => {
    const queued = await jobs.create(db(), job())
    assert.equal((await jobs.cancel(db(), queued.id, 'w')).status, 'cancelled')
    assert.equal(await jobs.start(db(), queued.id), false)
    const running = await jobs.create(db(), job())
    await jobs.start(db(), running.id)
    const asked = await jobs.cancel(db(), running.id, 'w')
    assert.deepEqual([asked.status, asked.cancelRequested], ['running', true])
    assert.equal(await jobs.progress(db(), running.id, 0.2, 'checkpoint'), true)
    await jobs.finish(db(), running.id, { status: 'cancelled' }, undefined)
    await assert.rejects(jobs.cancel(db(), running.id, 'w'), { code: 'SW_JOB_FINISHED', message: /already cancelled/ })
  })

  it("a job is found only in its own workspace, and listed there newest first", async () => {
    const mine = await jobs.create(db(), job({}, 'mine'))
    await assert.rejects(jobs.get(db(), mine.id, 'other'), { code: 'SW_NOT_FOUND' })
    await assert.rejects(jobs.cancel(db(), mine.id, 'other'), { code: 'SW_NOT_FOUND' })
    await assert.rejects(jobs.get(db(), 'no-such-job'), { code: 'SW_NOT_FOUND' })
    assert.equal((await jobs.get(db(), mine.id, 'mine')).id, mine.id)
    const later = await jobs.create(db(), job({}, 'mine'))
    assert.deepEqual((await jobs.list(db(), 'mine')).map((j) => j.id).slice(0, 2).sort(), [mine.id, later.id].sort())
    assert.equal((await jobs.list(db(), 'mine', 1)).length, 1)
    assert.deepEqual(await jobs.list(db(), 'nobody'), [])
  })

  it('params, result and error of any nesting depth are stored (JSON.stringify overflows near 5,000 levels)', async () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 20_000; i++) deep = [deep]
    const created = await jobs.create(db(), job({ deep }))
    await jobs.finish(db(), created.id, { status: 'failed', error: { deep } }, { deep })
    const done = await jobs.get(db(), created.id)
    const depth = (value: unknown) => {
      let n = 0
      for (let v = (value as { deep: unknown }).deep; Array.isArray(v); v = v[0]) n++
      return n
    }
    assert.deepEqual([depth(done.result), depth(done.error), depth(await jobs.params(db(), created.id))], [20_000, 20_000, 20_000])
  })
})
