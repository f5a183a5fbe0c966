import assert from 'node:assert/strict'
import { onBackends } from '../test-databases'
import * as workspaces from './workspaces'

onBackends('workspaces', ({ db, it }) => {
  it('ensure creates once, also when callers race, and lists by name', async () => {
    await Promise.all(['b', 'a', 'b', 'a', 'c'].map((name) => workspaces.ensure(db(), name)))
    await db().transaction().execute((tx) => workspaces.ensure(tx, 'a'))
    assert.deepEqual(await workspaces.list(db()), ['a', 'b', 'c'])
  })
})
