import { test } from 'node:test'
import assert from 'node:assert/strict'
import { migrateDocument } from './migrate'
import { NETWORK_SCHEMA_VERSION } from './schema'
import { validateNetwork, validateProfile, validateScenario } from './validate'

const v1Network = {
  schemaVersion: 1,
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 },
    { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 1 },
  ],
  links: [{ id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' }],
}

test('a version-1 network loads, migrated to the current version, and the input is untouched', () => {
  const result = validateNetwork(v1Network)
  assert.deepEqual(result.issues, [])
  assert.equal(result.value?.schemaVersion, NETWORK_SCHEMA_VERSION)
  assert.equal(NETWORK_SCHEMA_VERSION, 2)
  assert.equal(v1Network.schemaVersion, 1)
  assert.deepEqual({ ...result.value, schemaVersion: 1 }, v1Network, 'version 2 only adds optional fields: nothing else changes')
})

test('version-1 scenarios and profiles migrate too; an unknown version is reported at its path', () => {
  assert.equal(validateScenario({ schemaVersion: 1, name: 's' }).value?.schemaVersion, 2)
  const unknown = validateNetwork({ ...v1Network, schemaVersion: 3 })
  assert.equal(unknown.value, undefined)
  assert.equal(unknown.issues[0].path, 'schemaVersion')
  assert.equal(validateProfile({ schemaVersion: 0 }).value, undefined)
  assert.deepEqual(migrateDocument([1]), [1])
  assert.equal(migrateDocument(null), null)
})

test('version-1 documents with version-2 fields are rejected only where a v2 field is wrong', () => {
  const bad = validateNetwork({ ...v1Network, declaredChains: [{ id: 'c', links: ['ab', 'zz'], lengthKm: 10, method: 'great-circle-share', sources: ['s'] }], sources: [{ id: 's', title: 'S' }] })
  assert.deepEqual(
    bad.issues.filter((i) => i.severity === 'error').map((i) => i.path),
    ['declaredChains[0].links[1]'],
  )
})
