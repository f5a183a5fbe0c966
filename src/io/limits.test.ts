import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { DOCUMENT_LIMITS, type Network } from '../model'
import { xmlDepthExceeded } from './graphml'
import { type NetworkFormat, parseFailure, parseGeoJson, parseGraphml, parseNetwork, parseSilkwayJson, writeNetwork } from './index'

/** `{"a":[{"a":[…1…]}]}`: `levels` containers, objects and arrays in turn. */
function nestedText(levels: number): string {
  const pairs = Math.floor(levels / 2)
  const odd = levels % 2 === 1
  return `${'{"a":['.repeat(pairs)}${odd ? '{"a":1}' : '1'}${']}'.repeat(pairs)}`
}

const base = (metadata: string) =>
  `{\n  "schemaVersion": 1,\n  "metadata": {"deep": ${metadata}},\n  "nodes": [{"id": "a", "name": "A", "kind": "city", "lat": 1, "lon": 1}, {"id": "b", "name": "B", "kind": "city", "lat": 2, "lon": 2}],\n  "links": [{"id": "l", "a": "a", "b": "b", "kind": "terrestrial"}]\n}\n`

const network = (metadata: unknown): Network => ({
  schemaVersion: 2,
  metadata: { deep: metadata },
  nodes: [
    { id: 'a', name: 'A', kind: 'city', lat: 1, lon: 1 },
    { id: 'b', name: 'B', kind: 'city', lat: 2, lon: 2 },
  ],
  links: [{ id: 'l', a: 'a', b: 'b', kind: 'terrestrial' }],
})

const MAX = DOCUMENT_LIMITS.maxDepth

describe('depth limit', () => {
  it('silkway JSON: the deepest document allowed reads, one level more is refused at its line and path', () => {
    // The root object and `metadata` are levels 1 and 2.
    assert.ok(parseSilkwayJson(base(nestedText(MAX - 2))).network)
    const refused = parseSilkwayJson(base(nestedText(MAX - 1)))
    assert.equal(refused.network, undefined)
    assert.equal(refused.issues.length, 1)
    const [found] = refused.issues
    assert.equal(found.code, 'too-deep')
    assert.equal(found.line, 3)
    assert.match(found.path, /^metadata\.deep\.a\[0\]\.a\[0\]/)
    assert.match(found.message, new RegExp(`deeper than ${MAX} levels`))
  })

  it('refuses 100,000 levels, before anything recursive runs, in every format', () => {
    const deep = nestedText(100_000)
    const cases: Array<[NetworkFormat, string]> = [
      ['json', base(deep)],
      ['geojson', `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {"id": "a", "x": ${deep}}}]}`],
      ['graphml', `<graphml><graph>${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</graph></graphml>`],
    ]
    for (const [format, text] of cases) {
      const result = parseNetwork(text, { format })
      assert.deepEqual(
        result.issues.map((found) => [found.code, found.line]),
        [['too-deep', format === 'json' ? 3 : 1]],
        format,
      )
      assert.equal(parseFailure(result, 'upload').code, 'SW_DOCUMENT_TOO_DEEP')
    }
  })

  it('GeoJSON names the feature property where the limit is passed', () => {
    const text = `{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": null, "properties": {"id": "a"}},\n{"type": "Feature", "geometry": null, "properties": {"id": "b", "x": ${nestedText(MAX)}}}]}`
    const [found] = parseGeoJson(text).issues
    assert.equal(found.code, 'too-deep')
    assert.equal(found.line, 3)
    assert.match(found.path, /^features\[1\]\.properties\.x\.a\[0\]/)
  })

  it('GraphML: deep elements are refused with the element path; deep metadata in the silkway attribute too', () => {
    const text = `<?xml version="1.0"?>\n<graphml>\n<graph>\n<node id="a"><data key="k">${'<y>'.repeat(MAX)}${'</y>'.repeat(MAX)}</data></node>\n</graph>\n</graphml>\n`
    const [found] = parseGraphml(text).issues
    assert.equal(found.code, 'too-deep')
    assert.equal(found.line, 4)
    assert.match(found.path, /^graphml\/graph\/node\/data\/y\/y/)
    // The writer carries metadata as JSON text; read back, it nests as deep as it did.
    const fits = writeNetwork(network(JSON.parse(nestedText(MAX - 2))), 'graphml')
    assert.ok(parseGraphml(fits).network)
    const tooDeep = writeNetwork(network(JSON.parse(nestedText(MAX - 1))), 'graphml')
    const [blob] = parseGraphml(tooDeep).issues
    assert.equal(blob.code, 'too-deep')
    assert.match(blob.path, /^graph\.metadata\.deep\.a\[0\]/)
    assert.equal(typeof blob.line, 'number')
  })

  it('a lower limit applies where one is given, a higher one lets deeper documents through', () => {
    const text = base(nestedText(20))
    assert.ok(parseNetwork(text).network)
    assert.equal(parseNetwork(text, { limits: { ...DOCUMENT_LIMITS, maxDepth: 10 } }).issues[0].code, 'too-deep')
    const deeper = base(nestedText(500))
    assert.equal(parseNetwork(deeper).issues[0].code, 'too-deep')
    assert.ok(parseNetwork(deeper, { limits: { ...DOCUMENT_LIMITS, maxDepth: 1000 } }).network)
  })

  it('xmlDepthExceeded agrees with the parsed tree on random documents with comments, CDATA and quoted >', () => {
    interface Tree {
      children: Tree[]
      selfClosing: boolean
    }
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((self) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.record({ children: fc.constant<Tree[]>([]), selfClosing: fc.boolean() }),
        fc.record({ children: fc.array(self('tree'), { minLength: 1, maxLength: 3 }), selfClosing: fc.constant(false) }),
      ),
    })).tree
    const decoration = fc.constantFrom('', '<!-- <a><b> -->', '<![CDATA[<a><b>]]>', '<?pi <a> ?>', 'text &amp; more')
    const write = (node: Tree, extras: string[], counter: { k: number }): string => {
      const extra = extras[counter.k++ % extras.length]
      if (node.selfClosing && node.children.length === 0) return `<e q="a>b" r='/>'/>${extra}`
      return `<e q="a>b">${extra}${node.children.map((child) => write(child, extras, counter)).join('')}</e>`
    }
    const depth = (node: Tree): number => 1 + Math.max(0, ...node.children.map(depth))
    fc.assert(
      fc.property(tree, fc.array(decoration, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 6 }), (root, extras, maxDepth) => {
        const text = `<?xml version="1.0"?>\n<!DOCTYPE e [<!ELEMENT e ANY>]>\n${write(root, extras, { k: 0 })}`
        new XMLParser().parse(text)
        assert.equal(xmlDepthExceeded(text, maxDepth) !== undefined, depth(root) > maxDepth)
      }),
      { numRuns: 300 },
    )
  })
})

describe('size limit', () => {
  const small = { ...DOCUMENT_LIMITS, maxDocumentBytes: 1000 }
  const text = writeNetwork(network('x'.repeat(2000)), 'json')

  it('every parser refuses text over the limit, unread, under the limit code', () => {
    for (const format of ['json', 'geojson', 'graphml'] as const) {
      const document = writeNetwork(network('x'.repeat(2000)), format)
      for (const result of [parseNetwork(document, { format, limits: small }), parseNetwork(document, { limits: small })]) {
        assert.deepEqual(
          result.issues.map((found) => found.code),
          ['too-large'],
        )
        const failure = parseFailure(result, 'big.json')
        assert.equal(failure.code, 'SW_DOCUMENT_TOO_LARGE')
        assert.match(failure.message, /^big\.json: \(root\): the document is .* over the limit of 1000 bytes/)
      }
      assert.ok(parseNetwork(document, { format }).network)
    }
    assert.equal(parseSilkwayJson(text, small).issues[0].code, 'too-large')
  })

  it('counts UTF-8 bytes, not characters: 600 two-byte characters pass a limit 100 above the length', () => {
    const wide = writeNetwork(network('é'.repeat(600)), 'json')
    const limits = { ...DOCUMENT_LIMITS, maxDocumentBytes: wide.length + 100 }
    assert.equal(parseNetwork(wide, { limits }).issues[0]?.code, 'too-large')
    assert.ok(parseNetwork(wide, { limits: { ...limits, maxDocumentBytes: Buffer.byteLength(wide) } }).network)
  })
})
