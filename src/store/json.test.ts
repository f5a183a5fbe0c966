import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { stringifyDeep, stringifyJson } from './json'

test('property: stringifyDeep writes the same text as JSON.stringify', () => {
  const loose = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0), tie('object'), tie('array')),
    object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    array: fc.array(tie('value'), { maxLength: 4 }),
  })).value
  fc.assert(
    fc.property(loose, (value) => {
      assert.equal(stringifyDeep(value), JSON.stringify(value))
    }),
    { numRuns: 1000 },
  )
  const odd = { at: new Date(0), n: new Number(2), s: new String('s'), f: () => 1, nested: [undefined, () => 1, { toJSON: (key: string) => `key ${key}` }] }
  assert.equal(stringifyDeep(odd), JSON.stringify(odd))
})

test('stringifyJson writes a 100,000-level document that JSON.stringify cannot, and it parses back', () => {
  const depth = 100_000
  let value: unknown = { leaf: [1, 'two', null] }
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value]
  assert.throws(() => JSON.stringify(value), RangeError)
  const text = stringifyJson(value)
  assert.equal(text.length, depth * 2 + depth / 2 * 4 + '{"leaf":[1,"two",null]}'.length)
  assert.equal(stringifyDeep(JSON.parse(text)), text)
})

test('a circular structure is refused, as JSON.stringify refuses it', () => {
  const loop: Record<string, unknown> = {}
  loop.self = { loop }
  assert.throws(() => stringifyDeep(loop), TypeError)
  assert.equal(stringifyDeep({ a: [1], b: [1] }), '{"a":[1],"b":[1]}', 'a shared but acyclic value is not a cycle')
})
