import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ROLES } from '../store'
import { WhoAmISchema } from './schemas'

test("whoami's roles are the store's", () => {
  assert.deepEqual(WhoAmISchema.properties.role.enum, [...ROLES])
})
