import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { type DiffEntry, diffDocuments } from './diff'

/**
 * The specification, written the obvious recursive way (deep equality first, then descend): the iterative
 * `diffDocuments` must give the same entries in the same order wherever this one does not overflow.
 */
function reference(before: unknown, after: unknown, path = '', out: DiffEntry[] = []): DiffEntry[] {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`)
  if (isDeepStrictEqual(before, after)) return out
  if (before === undefined) return [...out, { op: 'add', path: path || '(root)', after }]
  if (after === undefined) return [...out, { op: 'remove', path: path || '(root)', before }]
  const plain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (plain(before) && plain(after)) {
    let entries = out
    for (const key of Object.keys(before)) entries = reference(before[key], Object.hasOwn(after, key) ? after[key] : undefined, at(key), entries)
    for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) entries = reference(undefined, after[key], at(key), entries)
    return entries
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ids = (items: unknown[]) => {
      const found = items.map((item) => (plain(item) && typeof item.id === 'string' ? item.id : undefined))
      return found.every((id) => id !== undefined) && new Set(found).size === found.length ? (found as string[]) : undefined
    }
    const a = ids(before)
    const b = ids(after)
    if (a && b) {
      let entries = out
      for (const [i, id] of a.entries()) entries = reference(before[i], after[b.indexOf(id)], `${path}[id=${id}]`, entries)
      for (const [i, id] of b.entries()) if (!a.includes(id)) entries = reference(undefined, after[i], `${path}[id=${id}]`, entries)
      return entries
    }
    if (before.length === after.length) return before.reduce<DiffEntry[]>((entries, item, i) => reference(item, after[i], `${path}[${i}]`, entries), out)
  }
  return [...out, { op: 'change', path: path || '(root)', before, after }]
}

/** Small alphabets, so that two documents share most of their shape and differ in a few places; id-keyed arrays too. */
const documents = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, true, false, 0, 1, 'p', 'q'), tie('object'), tie('array'), tie('keyed')),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'id', 'constructor', 'toString'), tie('value'), { maxKeys: 4 }),
  array: fc.array(tie('value'), { maxLength: 3 }),
  keyed: fc.uniqueArray(fc.record({ id: fc.constantFrom('x', 'y', 'z'), v: tie('value') }), { selector: (r) => r.id, maxLength: 3 }),
})).value

/** `leaf` under `depth` levels of `{ a: … }` (built in a loop: the test must not recurse either). */
function nest(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

const under = (prefix: string, path: string) => (path === '(root)' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`)

test('property: the same entries, in the same order, as the recursive reference on shallow random documents', () => {
  fc.assert(
    fc.property(documents, documents, (before, after) => {
      assert.deepEqual(diffDocuments(before, after, 1e6).entries, reference(before, after))
    }),
    { numRuns: 1000 },
  )
})

test('property: two documents nested 3,000 levels deep differ exactly as their shallow parts do', () => {
  const depth = 3000
  const prefix = Array(depth).fill('a').join('.')
  fc.assert(
    fc.property(documents, documents, (before, after) => {
      const expected = reference(before, after).map((e) => ({ ...e, path: under(prefix, e.path) }))
      assert.deepEqual(diffDocuments(nest(depth, before), nest(depth, after), 1e6).entries, expected)
    }),
    { numRuns: 100 },
  )
})

test('100,000 levels: no RangeError, a change at the bottom is one entry, equal documents none, in linear time', () => {
  const depth = 100_000
  const started = performance.now()
  const d = diffDocuments(nest(depth, { v: 1 }), nest(depth, { v: 2 }))
  assert.equal(d.changed, 1)
  assert.deepEqual([d.added, d.removed, d.entries.length], [0, 0, 1])
  assert.equal(d.entries[0].path, `${'a.'.repeat(depth)}v`)
  assert.deepEqual([d.entries[0].before, d.entries[0].after], [1, 2])
  assert.equal(diffDocuments(nest(depth, [1]), nest(depth, [1])).entries.length, 0)
  let arrays: unknown = 'x'
  for (let i = 0; i < depth; i++) arrays = [arrays]
  assert.equal(diffDocuments(arrays, [arrays]).changed, 1, 'the same depth through arrays')
  assert.equal(diffDocuments({}, { deep: nest(depth, 1) }).entries[0].path, 'deep')
  // Comparing subtrees again at every level (as a deep-equality check per level would) takes minutes here.
  assert.ok(performance.now() - started < 20_000, `took ${Math.round(performance.now() - started)} ms`)
})

test("a key named like an Object.prototype member is a document's own: removing `constructor` is a removal", () => {
  assert.deepEqual(diffDocuments({ constructor: 1, toString: 'x' }, {}).entries, [
    { op: 'remove', path: 'constructor', before: 1 },
    { op: 'remove', path: 'toString', before: 'x' },
  ])
  const parsed = JSON.parse('{"__proto__": {"x": 1}}')
  assert.deepEqual(diffDocuments(parsed, {}).entries, [{ op: 'remove', path: '__proto__', before: { x: 1 } }])
})

test('nodes are matched by id, so moving one is one entry; the limit truncates and says so', () => {
  const nodes = (lon: number) => ({ nodes: [{ id: 'a', lon: 0 }, { id: 'b', lon }] })
  assert.deepEqual(diffDocuments(nodes(1), { nodes: [...nodes(2).nodes].reverse() }).entries, [{ op: 'change', path: 'nodes[id=b].lon', before: 1, after: 2 }])
  const many = diffDocuments({}, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])), 3)
  assert.deepEqual([many.added, many.entries.length, many.truncated], [10, 3, true])
})
