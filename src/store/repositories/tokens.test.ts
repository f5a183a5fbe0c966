import assert from 'node:assert/strict'
import { onBackends } from '../test-databases'
import * as tokens from './tokens'

onBackends('tokens', ({ db, it }) => {
  it('stores only the SHA-256 of a secret; the secret finds its token, nothing else does', async () => {
    const { token, info } = await tokens.create(db(), { user: 'ana', role: 'planner', workspace: 'w', createdBy: 'test' })
    assert.match(token, /^swt_[A-Za-z0-9_-]{43}$/)
    assert.deepEqual([info.user, info.role, info.workspace, info.createdBy, info.revokedAt], ['ana', 'planner', 'w', 'test', null])
    const rows = await db().selectFrom('tokens').selectAll().execute()
    assert.ok(rows.every((r) => !JSON.stringify(r).includes(token.slice(4))))
    assert.deepEqual(await tokens.find(db(), token), info)
    for (const wrong of [`${token}x`, token.slice(0, -1), token.slice(4), `swt_${'a'.repeat(300)}`, '']) assert.equal(await tokens.find(db(), wrong), undefined, wrong)
  })

  it("a token without a workspace is every workspace's ('*'); an unknown role is refused with its name", async () => {
    const { info } = await tokens.create(db(), { user: 'root', role: 'admin', createdBy: 'test' })
    assert.equal(info.workspace, '*')
    await assert.rejects(tokens.create(db(), { user: 'x', role: 'owner' as 'admin', createdBy: 'test' }), { code: 'SW_INVALID_ARGUMENT', message: /role 'owner'/ })
  })

  it('revokes by id or by secret, once: a revoked token no longer authenticates, and revoking again keeps the first time', async () => {
    const one = await tokens.create(db(), { user: 'b', role: 'viewer', createdBy: 'test' })
    const two = await tokens.create(db(), { user: 'c', role: 'viewer', createdBy: 'test' })
    const revoked = await tokens.revoke(db(), one.info.id)
    assert.ok(revoked.revokedAt)
    assert.equal(await tokens.find(db(), one.token), undefined)
    assert.equal((await tokens.revoke(db(), one.token)).revokedAt, revoked.revokedAt)
    assert.ok((await tokens.revoke(db(), two.token)).revokedAt)
    assert.equal(await tokens.find(db(), two.token), undefined)
    await assert.rejects(tokens.revoke(db(), 'no-such-id'), { code: 'SW_NOT_FOUND' })
  })

  it('lists every token, revoked ones too, oldest first', async () => {
    const listed = await tokens.list(db())
    assert.deepEqual(listed.map((t) => t.user).sort(), ['ana', 'b', 'c', 'root'])
    // Ordered by creation time; tokens of one millisecond come in any order among themselves.
    assert.ok(listed.every((t, i) => i === 0 || listed[i - 1].createdAt <= t.createdAt))
    assert.equal(listed.filter((t) => t.revokedAt !== null).length, 2)
  })
})
