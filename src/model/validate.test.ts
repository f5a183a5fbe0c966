import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { errorCodesMarkdown, schemaDocuments } from './documents'
import { pointerToPath } from './paths'
import { validateNetwork } from './validate'

const valid = {
  schemaVersion: 1,
  sources: [{ id: 's1', title: 'A source' }],
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 40, lon: 49, country: 'AZ', sources: ['s1'] },
    { id: 'b', name: 'B', kind: 'landing-station', lat: 43, lon: 51, country: 'KZ' },
  ],
  links: [{ id: 'ab', a: 'a', b: 'b', kind: 'submarine', lengthKm: 380, sources: ['s1'] }],
}

test('a valid network passes with no issues', () => {
  const result = validateNetwork(valid)
  assert.ok(result.value)
  assert.deepEqual(result.issues, [])
})

test('pointers become field paths', () => {
  assert.equal(pointerToPath('/links/3/b'), 'links[3].b')
  assert.equal(pointerToPath(''), '(root)')
  assert.equal(pointerToPath('/metadata/a~1b'), 'metadata["a/b"]')
})

test('schema errors name the field, the reason and the value', () => {
  const doc = structuredClone(valid) as Record<string, unknown> & typeof valid
  ;(doc.links[0] as Record<string, unknown>).kind = 'aerial'
  ;(doc.nodes[1] as Record<string, unknown>).lat = 123
  ;(doc.nodes[0] as Record<string, unknown>).colour = 'red'
  const { value, issues } = validateNetwork(doc)
  assert.equal(value, undefined)
  const byPath = new Map(issues.map((i) => [i.path, i.message]))
  assert.match(byPath.get('links[0].kind') ?? '', /one of terrestrial, submarine.*aerial/)
  assert.match(byPath.get('nodes[1].lat') ?? '', /90/)
  assert.match(byPath.get('nodes[0].colour') ?? '', /unknown field/)
})

test('cross-record errors: unknown endpoint, duplicate id, unknown source', () => {
  const doc = structuredClone(valid)
  doc.links.push({ id: 'ab', a: 'a', b: 'zz', kind: 'terrestrial', lengthKm: 1, sources: ['nope'] })
  const { issues } = validateNetwork(doc)
  const paths = issues.map((i) => i.path)
  assert.ok(paths.includes('links[1].b'))
  assert.ok(paths.includes('links[1].id'))
  assert.ok(paths.includes('links[1].sources[0]'))
})

test('fuzz: any JSON value gives a verdict with located errors, never an exception', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      const result = validateNetwork(value)
      if (result.value) return true
      return result.issues.length > 0 && result.issues.every((i) => i.path.length > 0 && i.message.length > 0)
    }),
    { numRuns: 500 },
  )
})

test('fuzz: mutating one field of a valid network never throws and any rejection is located', () => {
  const fields = ['kind', 'lat', 'lon', 'a', 'b', 'lengthKm', 'id', 'country'] as const
  fc.assert(
    fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (field, junk, onLink) => {
      const doc = structuredClone(valid) as { nodes: Record<string, unknown>[]; links: Record<string, unknown>[] }
      const target = onLink ? doc.links[0] : doc.nodes[1]
      target[field] = junk
      const result = validateNetwork(doc)
      return result.value !== undefined || result.issues.some((i) => i.severity === 'error' && /^(nodes|links)\[/.test(i.path))
    }),
    { numRuns: 500 },
  )
})

test('the JSON Schemas in docs/schema are current (regenerate with npm run schema)', () => {
  for (const [file, schema] of Object.entries(schemaDocuments())) {
    const committed = JSON.parse(readFileSync(new URL(`../../docs/schema/${file}`, import.meta.url), 'utf8'))
    assert.deepEqual(committed, schema, `docs/schema/${file} is stale`)
  }
})

test('docs/errors.md is current with the error registry (regenerate with npm run schema)', () => {
  const committed = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
  assert.equal(committed, errorCodesMarkdown())
})
