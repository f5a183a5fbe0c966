import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { XMLValidator } from 'fast-xml-parser'
import type { Network } from '../model'
import { parseGraphml, writeGraphml } from './index'

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')

/** A GraphML document with the given keys and graph body. */
function graphml(keys: string, body: string, graphAttributes = 'edgedefault="undirected"'): string {
  return `<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n${keys}\n<graph ${graphAttributes}>\n${body}\n</graph>\n</graphml>\n`
}

describe('parseGraphml on a Topology Zoo style file (tiny.graphml)', () => {
  const result = parseGraphml(fixture('tiny.graphml'))
  const network = result.network

  it('resolves keys by attr.name, not by id', () => {
    assert.ok(network, JSON.stringify(result.issues))
    assert.deepEqual(network.nodes[0], { id: '0', name: 'Tbilisi', kind: 'city', lat: 41.7151, lon: 44.8271, country: 'GE' })
    assert.equal(network.nodes[1].country, 'AZ')
  })

  it('keeps parallel edges of a multigraph as distinct links, with Zoo speeds as capacity', () => {
    assert.ok(network)
    const parallel = network.links.filter((link) => link.a === '0' && link.b === '1')
    assert.deepEqual(
      parallel.map(({ id, name, designCapacityGbps }) => ({ id, name, designCapacityGbps })),
      [
        { id: 'e0', name: '10 Gbps', designCapacityGbps: 10 },
        { id: 'e1', name: '1 Gbps', designCapacityGbps: 1 },
      ],
    )
    assert.equal(parallel[0].notes, 'LinkType: Fibre')
  })

  it('keeps a node without coordinates and warns with its path and line', () => {
    assert.ok(network)
    assert.equal(network.nodes[2].lat, undefined)
    const warning = result.issues.find((found) => found.path === 'nodes[2]')
    assert.equal(warning?.code, 'no-coordinates')
    assert.equal(warning?.line, 33)
  })

  it('reads Internal=0 as an exchange and warns about an unknown country', () => {
    assert.ok(network)
    assert.equal(network.nodes[3].kind, 'exchange')
    assert.equal(network.nodes[3].country, undefined)
    const warning = result.issues.find((found) => found.code === 'unknown-country')
    assert.equal(warning?.path, 'nodes[3].Country')
    assert.match(warning?.message ?? '', /Atlantis/)
  })

  it('names the network and keeps graph attributes, typed, as metadata', () => {
    assert.ok(network)
    assert.equal(network.name, 'TinyRen')
    assert.deepEqual(network.metadata, { GeoLocation: 'Caucasus', Network: 'TinyRen', Backbone: 1 })
  })
})

describe('parseGraphml errors', () => {
  it('reports malformed XML with its line (bad.graphml)', () => {
    const result = parseGraphml(fixture('bad.graphml'))
    assert.equal(result.network, undefined)
    assert.equal(result.issues[0].code, 'xml-syntax')
    assert.equal(result.issues[0].line, 6)
  })

  it('names edges to unknown nodes and self-loops (unknown-endpoint.graphml)', () => {
    const errors = parseGraphml(fixture('unknown-endpoint.graphml')).issues.filter((found) => found.severity === 'error')
    assert.deepEqual(
      errors.map(({ path, code, line }) => ({ path, code, line })),
      [
        { path: 'edges[1].target', code: 'unknown-node', line: 8 },
        { path: 'edges[2].target', code: 'self-loop', line: 9 },
      ],
    )
  })

  it('counts lines right in a CRLF file', () => {
    const text = graphml('', '<node id="a"/>\n<edge source="a" target="b"/>').replace(/\n/g, '\r\n')
    const found = parseGraphml(text).issues.find((entry) => entry.code === 'unknown-node')
    assert.equal(found?.line, 6)
  })

  it('rejects XML that is not GraphML, and GraphML without a graph', () => {
    assert.equal(parseGraphml('<html><body/></html>').issues[0].code, 'not-graphml')
    assert.equal(parseGraphml('<graphml/>').issues[0].code, 'no-graph')
    assert.equal(parseGraphml('').issues[0].code, 'xml-syntax')
  })
})

describe('parseGraphml details', () => {
  it('applies key defaults, reads LinkSpeed with units, LinkStatus and edge ids', () => {
    const text = graphml(
      [
        '<key id="k0" for="node" attr.name="Country" attr.type="string"><default>Kazakhstan</default></key>',
        '<key id="k1" for="edge" attr.name="LinkSpeed" attr.type="string"/>',
        '<key id="k2" for="edge" attr.name="LinkSpeedUnits" attr.type="string"/>',
        '<key id="k3" for="edge" attr.name="LinkStatus" attr.type="string"/>',
      ].join('\n'),
      [
        '<node id="a"/><node id="b"><data key="k0">Uzbekistan</data></node>',
        '<edge id="x" source="a" target="b"><data key="k1">155</data><data key="k2">M</data><data key="k3">Future</data></edge>',
        '<edge id="dup" source="a" target="b"/><edge id="dup" source="b" target="a"/>',
      ].join('\n'),
    )
    const network = parseGraphml(text).network
    assert.ok(network)
    assert.deepEqual(
      network.nodes.map((node) => node.country),
      ['KZ', 'UZ'],
    )
    assert.deepEqual(
      network.links.map((link) => link.id),
      ['x', 'e1', 'e2'],
    )
    assert.equal(network.links[0].designCapacityGbps, 0.155)
    assert.equal(network.links[0].status, 'planned')
  })

  it('ignores structured data (yEd graphics) and warns once per unknown attribute', () => {
    const text = graphml(
      '<key id="g" for="node" yfiles.type="nodegraphics"/><key id="c" for="node" attr.name="colour" attr.type="string"/>',
      '<node id="a"><data key="g"><y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml"><y:Fill color="#FF0000"/></y:ShapeNode></data><data key="c">red</data></node><node id="b"><data key="c">blue</data></node>',
    )
    const result = parseGraphml(text)
    assert.ok(result.network)
    const unknown = result.issues.filter((found) => found.code === 'unknown-attribute')
    assert.equal(unknown.length, 1)
    assert.match(unknown[0].message, /'colour'.*2 elements/)
  })

  it('warns that a directed graph is read as undirected links', () => {
    const result = parseGraphml(graphml('', '<node id="a"/><node id="b"/><edge source="a" target="b"/>', 'edgedefault="directed"'))
    assert.ok(result.network)
    assert.ok(result.issues.some((found) => found.code === 'directed'))
  })
})

describe('writeGraphml', () => {
  const network: Network = {
    schemaVersion: 2,
    name: 'Q&A <test>',
    metadata: { Network: 'QA', year: 2024, draft: true, nested: { a: [1] } },
    sources: [{ id: 's1', title: 'A "quoted" title' }],
    nodes: [
      { id: 'x"1', name: 'Line\r\nbreak & <tag>', kind: 'city', lat: 40.5, lon: 49.9, country: 'AZ', operators: ['A, B', 'C'], sources: ['s1'] },
      { id: ' y ', name: '\ttabbed ', kind: 'data-center' },
    ],
    links: [{ id: 'l', a: 'x"1', b: ' y ', kind: 'submarine', repeatered: false, designCapacityGbps: 12.5, geometry: { type: 'LineString', coordinates: [[49.9, 40.5], [50, 41]] } }],
  }
  const text = writeGraphml(network)

  it('writes well-formed XML with Zoo attribute names', () => {
    assert.equal(XMLValidator.validate(text), true)
    for (const name of ['label', 'Latitude', 'Longitude', 'Country', 'LinkSpeedRaw']) assert.match(text, new RegExp(`attr.name="${name}"`))
    assert.match(text, /<key id="d0" for="graph" attr.name="label" attr.type="string"\/>/)
  })

  it('reads back the same network, markup, whitespace and all', () => {
    const back = parseGraphml(text)
    assert.deepStrictEqual(back.network, network)
  })
})
