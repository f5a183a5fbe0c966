import assert from 'node:assert/strict'
import * as audit from './audit'
import { onBackends } from '../test-databases'

const tick = () => new Promise((resolve) => setTimeout(resolve, 3))

onBackends('audit', ({ db, it }) => {
  it('records who did what and lists newest first, within a workspace when asked', async () => {
    await audit.record(db(), { actor: 'ana', tokenId: 't1', workspace: 'w', method: 'PUT', path: '/api/v1/networks/n', status: 200, action: 'update', detail: { revision: 2 } })
    await tick()
    await audit.record(db(), { actor: 'anonymous', method: 'GET', path: '/api/v1/whoami', status: 401, action: 'refused' })
    await tick()
    await audit.record(db(), { actor: 'bo', workspace: 'v', method: 'DELETE', path: '/api/v1/networks/m', status: 409, action: 'refused' })
    const all = await audit.list(db())
    assert.deepEqual(all.map((e) => e.actor), ['bo', 'anonymous', 'ana'])
    assert.deepEqual(all[1], { ...all[1], tokenId: null, workspace: null, detail: {} })
    assert.deepEqual(all[2].detail, { revision: 2 })
    assert.deepEqual((await audit.list(db(), { workspace: 'w' })).map((e) => e.actor), ['ana'])
    assert.equal((await audit.list(db(), { limit: 2 })).length, 2)
  })

  it('lists entries of the same millisecond last written first', async () => {
    for (let i = 0; i < 40; i++) await audit.record(db(), { actor: `a${i}`, method: 'GET', path: '/x', status: 401, action: 'refused' })
    const listed = (await audit.list(db(), { limit: 40 })).map((e) => e.actor)
    assert.deepEqual(listed, Array.from({ length: 40 }, (_, i) => `a${39 - i}`))
  })

  it("keeps the first 2,000 characters of a path: the log records the request, not an attacker's payload", async () => {
    await audit.record(db(), { actor: 'x', method: 'GET', path: `/${'a'.repeat(10_000)}`, status: 414, action: 'refused' })
    const [entry] = await audit.list(db(), { limit: 1 })
    assert.equal(entry.path.length, 2000)
  })
})
