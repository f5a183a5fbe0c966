import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { onBackends } from '../test-databases'
import * as revisions from './revisions'
import { CREATED, DELETED } from './revisions'

onBackends('revisions', ({ db, it }) => {
  const id = randomUUID()
  const at = '2026-01-01T00:00:00.000Z'
  const change = { author: 'ana', message: 'm' }

  it('appends immutable revisions: a second write of the same number is refused', async () => {
    await db().insertInto('workspaces').values({ name: 'w', created_at: at }).execute()
    await db().insertInto('resources').values({ id, workspace: 'w', kind: 'network', network: '', name: 'n', head: 3, deleted: 1, settings: '{}', created_at: at, updated_at: at }).execute()
    await revisions.append(db(), id, 1, 'create', { v: 1 }, CREATED, change, at)
    await revisions.append(db(), id, 2, 'update', { v: 2 }, { added: 0, removed: 0, changed: 1, entries: [{ op: 'change', path: 'v', before: 1, after: 2 }], truncated: false }, { author: 'bo' }, at)
    await revisions.append(db(), id, 3, 'delete', null, DELETED, change, at)
    await assert.rejects(revisions.append(db(), id, 3, 'update', { v: 9 }, CREATED, change, at))
  })

  it('reads a document back; a deletion holds none (null); an unknown revision is undefined', async () => {
    assert.deepEqual(await revisions.document(db(), id, 2), { v: 2 })
    assert.equal(await revisions.document(db(), id, 3), null)
    assert.equal(await revisions.document(db(), id, 4), undefined)
    assert.equal(await revisions.document(db(), randomUUID(), 1), undefined)
  })

  it('history: newest first with author, message and diff; limit and before page it', async () => {
    const all = await revisions.history(db(), id)
    assert.deepEqual(all.map((r) => [r.revision, r.op, r.author, r.message]), [[3, 'delete', 'ana', 'm'], [2, 'update', 'bo', ''], [1, 'create', 'ana', 'm']])
    assert.deepEqual(all[1].diff.entries, [{ op: 'change', path: 'v', before: 1, after: 2 }])
    assert.deepEqual((await revisions.history(db(), id, { limit: 1, before: 3 })).map((r) => r.revision), [2])
  })

  it('counts revisions per resource for the integrity check', async () => {
    assert.deepEqual((await revisions.counts(db())).get(id), { n: 3, top: 3 })
  })

  it('stores a 100,000-level document, which JSON.stringify cannot write, and reads it back', async () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    await revisions.append(db(), id, 4, 'update', deep, CREATED, change, at)
    const row = await db().selectFrom('revisions').select('document').where('resource_id', '=', id).where('revision', '=', 4).executeTakeFirstOrThrow()
    assert.equal(row.document, `${'{"a":'.repeat(100_000)}"bottom"${'}'.repeat(100_000)}`)
    let back = (await revisions.document(db(), id, 4)) as { a: unknown } | string
    let depth = 0
    while (typeof back === 'object') [back, depth] = [back.a as { a: unknown } | string, depth + 1]
    assert.deepEqual([depth, back], [100_000, 'bottom'])
  })
})
