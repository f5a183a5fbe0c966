import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { DOCUMENT_LIMITS, type Network } from '../model'
import { networkArbitrary } from './arbitraries'
import { type NetworkFormat, parseGeoJson, parseGraphml, parseNetwork, type ParseResult, parseSilkwayJson, writeNetwork } from './index'
import { jsonSyntaxErrorIndex } from './json-text'

const RUNS = Number(process.env.FC_RUNS ?? 300)
// A fixed seed per run, printed first, so a run that hangs or fails can be replayed with FC_SEED=<seed>.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
// A slow property (a long shrink after a rare failure) ends as a failure after a minute instead of stalling CI.
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# io fuzz seed ${SEED} (replay: FC_SEED=${SEED})\n`)

const READERS: Array<[string, (text: string) => ParseResult]> = [
  ['json', parseSilkwayJson],
  ['geojson', parseGeoJson],
  ['graphml', parseGraphml],
  ['detected', (text) => parseNetwork(text)],
]

/** The contract every reader keeps on any input. */
function assertContract(result: ParseResult, text: string): void {
  const errors = result.issues.filter((found) => found.severity === 'error')
  assert.equal(result.network !== undefined, errors.length === 0, 'a network exactly when there is no error')
  for (const found of result.issues) {
    assert.notEqual(found.code, 'internal', `a reader threw: ${found.message}`)
    assert.ok(found.path.length > 0 && found.message.length > 0)
    if (found.line !== undefined) {
      assert.ok(Number.isInteger(found.line) && found.line >= 1, `line ${found.line}`)
      assert.ok(found.line <= text.split('\n').length + 1, `line ${found.line} beyond the text`)
    }
  }
  if (!result.network) assert.ok(errors.some((found) => found.path !== '' || found.line !== undefined))
}

function feedAll(text: string): void {
  for (const [, read] of READERS) assertContract(read(text), text)
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'{}[]":,<>/=&;#x \n\tabnulltruefalse0123456789-.eE\\'), maxLength: 200 }),
)

/** Text-level damage: truncation, a deleted slice, an inserted run, all at arbitrary offsets. */
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof<fc.Arbitrary<TextMutation>[]>(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: anyText }),
)

interface TextMutation {
  kind: 'truncate' | 'delete' | 'insert'
  at: number
  length?: number
  text?: string
}

function mutateText(text: string, mutation: TextMutation): string {
  const at = text.length === 0 ? 0 : mutation.at % (text.length + 1)
  if (mutation.kind === 'truncate') return text.slice(0, at)
  if (mutation.kind === 'delete') return text.slice(0, at) + text.slice(at + (mutation.length ?? 1))
  return text.slice(0, at) + (mutation.text ?? '') + text.slice(at)
}

const deepArray = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown
const deepObject = JSON.parse(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`) as unknown

/** Values a field may be replaced with: wrong types, extremes, odd unicode, deep nesting; undefined deletes. */
const replacement = fc.constantFrom<unknown>(
  undefined,
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  0.1,
  '',
  ' ',
  'x',
  '\u0000\uFFFF\uD800',
  '🛰️‍🔥',
  'Azerbaijan',
  '1e999',
  [],
  [1, 'two', null],
  {},
  { type: 'Point', coordinates: [200, 100] },
  { type: 'LineString', coordinates: [[0, 0]] },
  { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[50, 50], [51, 51]]] },
  deepArray,
  deepObject,
)

/** Brute force: containers nested in a JSON value, iteratively (the values here are deep). */
function nestingDepth(root: unknown): number {
  let deepest = 0
  const pending: Array<[unknown, number]> = [[root, 0]]
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [value, above] = item
    if (typeof value !== 'object' || value === null) continue
    deepest = Math.max(deepest, above + 1)
    for (const entry of Object.values(value)) pending.push([entry, above + 1])
  }
  return deepest
}

type Slot = [Record<string, unknown> | unknown[], string | number]

/** Every (container, key) pair in a JSON value, so one can be picked and replaced; iterative, for deep values. */
function slots(root: unknown): Slot[] {
  const out: Slot[] = []
  const pending = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (value === deepArray || value === deepObject || typeof value !== 'object' || value === null) continue
    const container = value as Record<string, unknown> | unknown[]
    for (const [key, entry] of Object.entries(container)) {
      out.push([container, Array.isArray(container) ? Number(key) : key])
      pending.push(entry)
    }
  }
  return out
}

function mutateDocument(document: unknown, picks: Array<{ slot: number; value: unknown }>): unknown {
  for (const pick of picks) {
    const all = slots(document)
    if (all.length === 0) return document
    const [container, key] = all[pick.slot % all.length]
    // A fresh copy each time: a shared constant placed twice could otherwise end up inside itself.
    const value = pick.value === deepArray || pick.value === deepObject ? pick.value : structuredClone(pick.value)
    if (value === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[key as string]
    else (container as Record<string | number, unknown>)[key] = value
  }
  return document
}

const formats: NetworkFormat[] = ['json', 'geojson', 'graphml']

describe('fuzzing the readers', () => {
  it('arbitrary text never makes a reader throw, and every failure is located', () => {
    fc.assert(fc.property(anyText, feedAll), { numRuns: RUNS })
  })

  it('damaged documents of every format never make a reader throw', () => {
    fc.assert(
      fc.property(networkArbitrary({ maxNodes: 4, maxLinks: 4 }), fc.constantFrom(...formats), fc.array(textMutation, { minLength: 1, maxLength: 3 }), (network, format, mutations) => {
        let text = writeNetwork(network, format)
        for (const mutation of mutations) text = mutateText(text, mutation)
        feedAll(text)
      }),
      { numRuns: RUNS },
    )
  })

  it('JSON and GeoJSON documents with fields deleted, retyped or replaced never make a reader throw', () => {
    fc.assert(
      fc.property(
        networkArbitrary({ maxNodes: 4, maxLinks: 4 }),
        fc.constantFrom<NetworkFormat>('json', 'geojson'),
        fc.array(fc.record({ slot: fc.nat(), value: replacement }), { minLength: 1, maxLength: 4 }),
        (network: Network, format, picks) => {
          const document = mutateDocument(JSON.parse(writeNetwork(network, format)), picks)
          feedAll(JSON.stringify(document))
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('GraphML with attributes and data values replaced never makes the reader throw', () => {
    const odd = fc.constantFrom('', ' ', 'NaN', '1e999', '-91', '&amp;', '&#0;', '&#x110000;', ']]>', 'None', '[', '{"a":', 'Atlantis')
    fc.assert(
      fc.property(networkArbitrary({ maxNodes: 4, maxLinks: 4 }), fc.array(fc.tuple(fc.nat(), odd), { minLength: 1, maxLength: 4 }), (network, picks) => {
        let text = writeNetwork(network, 'graphml')
        for (const [slot, value] of picks) {
          const values = [...text.matchAll(/="([^"]*)"|>([^<]*)</g)]
          if (values.length === 0) break
          const match = values[slot % values.length]
          const start = (match.index ?? 0) + 2
          const length = (match[1] ?? match[2]).length
          text = text.slice(0, start) + value + text.slice(start + length)
        }
        assertContract(parseGraphml(text), text)
      }),
      { numRuns: RUNS },
    )
  })

  it('our JSON scan agrees with JSON.parse on what is valid', () => {
    const jsonish = fc.oneof(anyText, fc.jsonValue().map((value) => JSON.stringify(value, null, 1)))
    fc.assert(
      fc.property(jsonish, fc.option(textMutation, { nil: undefined }), (source, mutation) => {
        const text = mutation ? mutateText(source, mutation) : source
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        assert.equal(jsonSyntaxErrorIndex(text) === -1, valid, JSON.stringify(text))
      }),
      { numRuns: RUNS * 3 },
    )
  })

  it('nesting of any depth inserted anywhere is refused exactly when it passes the limit, in JSON and GeoJSON', () => {
    fc.assert(
      fc.property(
        networkArbitrary({ maxNodes: 3, maxLinks: 2 }),
        fc.constantFrom<NetworkFormat>('json', 'geojson'),
        fc.nat(),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -2, max: 2 }),
        (network, format, slot, levels, off) => {
          const document = JSON.parse(writeNetwork(network, format)) as unknown
          const all = slots(document)
          const [container, key] = all[slot % all.length]
          ;(container as Record<string | number, unknown>)[key] = JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`)
          const text = JSON.stringify(document)
          // Limits around the document's depth, so that both sides of the boundary are tried.
          const maxDepth = Math.max(1, nestingDepth(document) + off)
          const limits = { ...DOCUMENT_LIMITS, maxDepth }
          const result = parseNetwork(text, { format, limits })
          assertContract(result, text)
          const tooDeep = result.issues.filter((found) => found.code === 'too-deep')
          assert.equal(tooDeep.length > 0, nestingDepth(document) > maxDepth)
          if (tooDeep.length > 0) assert.deepEqual(result.issues, tooDeep, 'a deep document gets the one depth issue and nothing else')
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('GraphML elements nested to any depth are refused exactly when they pass the limit', () => {
    fc.assert(
      fc.property(networkArbitrary({ maxNodes: 3, maxLinks: 2 }), fc.nat(), fc.integer({ min: 1, max: 400 }), fc.integer({ min: -2, max: 2 }), (network, slot, levels, off) => {
        const text = writeNetwork(network, 'graphml')
        // Inside a <data> element (level 4 or 5) or the <graph> (level 2): ends of start tags with content.
        const places = [...text.matchAll(/<(graph|data) [^>]*>/g)]
        const place = places[slot % places.length]
        const at = (place.index ?? 0) + place[0].length
        const level = place[1] === 'graph' ? 2 : text.lastIndexOf('<node', at) > text.lastIndexOf('</node>', at) || text.lastIndexOf('<edge', at) > text.lastIndexOf('</edge>', at) ? 4 : 3
        const deep = text.slice(0, at) + '<y>'.repeat(levels) + '</y>'.repeat(levels) + text.slice(at)
        // Around the depth reached, but not below the file's own four levels or the network's own nesting.
        const maxDepth = Math.max(4, nestingDepth(network), level + levels + off)
        const result = parseNetwork(deep, { format: 'graphml', limits: { ...DOCUMENT_LIMITS, maxDepth } })
        assertContract(result, deep)
        assert.equal(result.issues.some((found) => found.code === 'too-deep'), level + levels > maxDepth, `level ${level} + ${levels}, limit ${maxDepth}`)
      }),
      { numRuns: RUNS },
    )
  })

  it('large strings anywhere are refused exactly when the UTF-8 text passes the size limit', () => {
    fc.assert(
      fc.property(
        networkArbitrary({ maxNodes: 2, maxLinks: 1 }),
        fc.constantFrom(...formats),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom('x', 'é', '東', '🛰', '\u0001'),
        fc.integer({ min: 100, max: 200_000 }),
        (network, format, length, unit, maxDocumentBytes) => {
          const big = { ...network, description: unit.repeat(length) }
          const text = writeNetwork(big, format)
          const result = parseNetwork(text, { format, limits: { ...DOCUMENT_LIMITS, maxDocumentBytes } })
          assertContract(result, text)
          const over = Buffer.byteLength(text, 'utf8') > maxDocumentBytes
          assert.equal(result.issues.some((found) => found.code === 'too-large'), over)
          if (!over) assert.equal(result.network?.description, big.description)
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('deep nesting is an ordinary error, not a stack overflow', () => {
    for (const text of [
      '['.repeat(100000),
      `${'['.repeat(100000)}${']'.repeat(100000)}`,
      `{"schemaVersion":1,"nodes":${'['.repeat(50000)}${']'.repeat(50000)},"links":[]}`,
      `<graphml>${'<graph>'.repeat(5000)}${'</graph>'.repeat(5000)}</graphml>`,
      `<graphml><graph>${'<node id="a">'.repeat(2000)}${'</node>'.repeat(2000)}</graph></graphml>`,
    ]) {
      feedAll(text)
    }
  })
})
