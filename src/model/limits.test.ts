import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { DOCUMENT_LIMITS, MAX_DEPTH_CEILING, documentLimits, refusalCode, sizeIssue, tooDeepPath, utf8Bytes } from './limits'
import { overrideProfile } from './profile'
import { validateNetwork, validateProfile, validateScenario } from './validate'

/** Brute force: the nesting depth of a JSON value, recursively (fine for the small values generated here). */
function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  return 1 + Math.max(0, ...Object.values(value).map(depth))
}

/** The keys of a `links[3].b` / `a["x y"]` path, following the grammar of joinPath. */
function steps(path: string): Array<string | number> {
  if (path === '(root)') return []
  const keys: Array<string | number> = []
  const step = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_$][\w$-]*)/gy
  for (let match = step.exec(path); match !== null && match[0] !== ''; match = step.exec(path)) {
    keys.push(match[1] !== undefined ? Number(match[1]) : match[2] !== undefined ? (JSON.parse(`"${match[2]}"`) as string) : match[3])
  }
  assert.equal(step.lastIndex === 0 ? path.length : step.lastIndex, path.length, `${path} parses whole`)
  return keys
}

function at(root: unknown, path: string): unknown {
  return steps(path).reduce<unknown>((current, key) => (current as Record<string | number, unknown>)[key], root)
}

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value]
  return value
}

test('tooDeepPath finds a container past the limit exactly when the brute-force depth exceeds it', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 7 }), (value, maxDepth) => {
      const path = tooDeepPath(value, maxDepth)
      assert.equal(path !== undefined, depth(value) > maxDepth)
      if (path === undefined) return
      const found = at(value, path)
      assert.ok(typeof found === 'object' && found !== null, `${path} names a container`)
      assert.equal(steps(path).length, maxDepth, `${path} is ${maxDepth} steps below the root`)
    }),
    { numRuns: 300 },
  )
})

test('tooDeepPath walks a million levels without a stack overflow, and counts empty containers', () => {
  assert.equal(tooDeepPath(nested(1_000_000), 128)?.startsWith('[0].a[0].a'), true)
  assert.equal(tooDeepPath(nested(128), 128), undefined)
  const deepEmpty = nested(128, [])
  assert.deepEqual(at(deepEmpty, tooDeepPath(deepEmpty, 128) ?? '(root)'), [])
  assert.equal(tooDeepPath(nested(127, {}), 128), undefined)
  assert.equal(tooDeepPath('a scalar', 1), undefined)
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  assert.ok(tooDeepPath(cyclic, 10)?.startsWith('self.self'))
})

test('utf8Bytes agrees with Buffer.byteLength for any string, lone surrogates included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)) }), (a, b) => {
      for (const text of [a, b, a + b]) assert.equal(utf8Bytes(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text))
    }),
    { numRuns: 300 },
  )
})

test('sizeIssue refuses text over the limit in UTF-8 bytes, not characters', () => {
  assert.equal(sizeIssue('x'.repeat(10), 10), undefined)
  assert.equal(sizeIssue('x'.repeat(11), 10)?.code, 'too-large')
  assert.equal(sizeIssue('é'.repeat(5), 10), undefined)
  assert.match(sizeIssue('é'.repeat(6), 10)?.message ?? '', /the document is 12 bytes, over the limit of 10 bytes/)
  assert.equal(refusalCode([sizeIssue('xx', 1)!]), 'SW_DOCUMENT_TOO_LARGE')
})

test('documentLimits takes overrides and refuses depths the writers could not serialise', () => {
  assert.deepEqual(documentLimits(), DOCUMENT_LIMITS)
  assert.equal(documentLimits({ maxDepth: 9 }).maxDepth, 9)
  assert.throws(() => documentLimits({ maxDepth: MAX_DEPTH_CEILING + 1 }), { code: 'SW_INVALID_ARGUMENT' })
  assert.throws(() => documentLimits({ maxDocumentBytes: 0 }), { code: 'SW_INVALID_ARGUMENT' })
  // The ceiling is safe: the deepest document it admits serialises (JSON.stringify recurses per level).
  assert.doesNotThrow(() => JSON.stringify(nested(MAX_DEPTH_CEILING), null, 2))
})

test('the validators refuse deep documents first, with the path, before the schema looks at them', () => {
  const network = { schemaVersion: 1, metadata: { x: nested(200) }, nodes: [], links: [] }
  const result = validateNetwork(network)
  assert.equal(result.value, undefined)
  assert.equal(result.issues.length, 1)
  assert.equal(result.issues[0].code, 'too-deep')
  assert.match(result.issues[0].path, /^metadata\.x\[0\]\.a\[0\]/)
  assert.equal(refusalCode(result.issues), 'SW_DOCUMENT_TOO_DEEP')
  assert.ok(validateNetwork({ ...network, metadata: { x: nested(100) } }).value)
  assert.equal(validateNetwork({ ...network, metadata: { x: nested(100) } }, 50).issues[0].code, 'too-deep')
  assert.equal(validateScenario({ schemaVersion: 1, name: 's', description: nested(5000) }).issues[0].code, 'too-deep')
  assert.equal(validateProfile(nested(5000)).issues[0].code, 'too-deep')
})

/** The recursive merge the profile override used before, as the reference for the iterative one. */
function recursiveMerge(base: unknown, override: unknown): unknown {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isRecord(base) || !isRecord(override)) return override === undefined ? base : override
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) merged[key] = recursiveMerge(base[key], value)
  return merged
}

test('a profile override merges as the recursive merge did, and a deep one is refused, not a stack overflow', () => {
  const parameter = fc.record({ value: fc.double({ min: 1, max: 2, noNaN: true }), note: fc.string() }, { requiredKeys: [] })
  const override = fc.record({ fiber: fc.record({ groupIndex: parameter }, { requiredKeys: [] }), equipment: fc.record({ nodeDelayMs: parameter }, { requiredKeys: [] }) }, { requiredKeys: [] })
  fc.assert(
    fc.property(override, (overrides) => {
      assert.deepEqual(overrideProfile(defaultProfile, overrides), recursiveMerge(defaultProfile, overrides))
    }),
    { numRuns: 100 },
  )
  assert.throws(() => overrideProfile(defaultProfile, { fiber: nested(100_000) }), { code: 'SW_DOCUMENT_TOO_DEEP' })
})
