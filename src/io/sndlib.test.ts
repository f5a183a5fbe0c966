import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { compileIndex } from '../routing'
import { flow } from '../traffic'
import { parseSndlib, parseSndlibNative, parseSndlibXml } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# sndlib fuzz seed ${SEED} (replay: FC_SEED=${SEED})\n`)

// A hand-written instance in the published layout: a triangle with one module type per link.
//   A ——— B
//    \   /
//      C
const INSTANCE = `?SNDlib native format; type: network; version: 1.0
# network tri

# META SECTION
META (
  granularity = 1month
  unit = MBITPERSEC
)

# NODE SECTION
NODES (
  A ( 13.40 52.52 )
  B ( 9.99 53.55 )
  C ( 8.68 50.11 )
)

# LINK SECTION
LINKS (
  L1 ( A B ) 10000.00 0.00 0.00 0.00 ( 40000.00 3.50 100000.00 7.00 )
  L2 ( B C ) 0.00 0.00 0.00 0.00 ( 40000.00 2.00 )
  L3 ( C A ) 10000.00 0.00 1.00 0.00 ( )
)

# DEMAND SECTION
DEMANDS (
  D1 ( A B ) 1 15000.00 UNLIMITED
  D2 ( B C ) 1 2500.50 UNLIMITED
)

ADMISSIBLE_PATHS (
)
`

describe('parseSndlibNative', () => {
  it('reads nodes, links with capacities and modules, and demands, in Gbit/s', () => {
    const result = parseSndlibNative(INSTANCE)
    assert.deepEqual(
      result.issues.filter((found) => found.severity === 'error'),
      [],
    )
    const { network, demands } = result
    assert.equal(network?.name, 'tri')
    assert.deepEqual(network?.nodes[0], { id: 'A', name: 'A', kind: 'exchange', lat: 52.52, lon: 13.4 })
    assert.deepEqual(
      network?.links.map((l) => [l.id, l.a, l.b, l.designCapacityGbps]),
      [
        ['L1', 'A', 'B', 10],
        ['L2', 'B', 'C', undefined],
        ['L3', 'C', 'A', 10],
      ],
    )
    assert.deepEqual(result.linkCosts.L1.modules, [
      { capacityGbps: 40, cost: 3.5 },
      { capacityGbps: 100, cost: 7 },
    ])
    assert.equal(result.linkCosts.L3.routingCost, 1)
    assert.deepEqual(
      demands?.demands.map((d) => [d.id, d.from, d.to, d.gbps]),
      [
        ['D1', 'A', 'B', 15],
        ['D2', 'B', 'C', 2.5005],
      ],
    )
  })

  it('solves as published: the instance loads onto its pre-installed capacities', async () => {
    const { network, demands } = parseSndlibNative(INSTANCE)
    assert.ok(network && demands)
    const index = compileIndex(network, defaultProfile)
    const result = await flow(index, demands, { routing: 'optimal', metric: 'hops', capacity: { unknown: 'exclude' } })
    // L2 has no capacity and is excluded, so D1 (15) can only take L1 (10), and D2 (B–C, 2.5005) goes round
    // over L1 and L3: L1 carries 17.5005 of 10, U = 1.75005, whatever the routing.
    assert.equal(result.solver?.status, 'optimal')
    assert.ok(Math.abs((result.maxUtilisation ?? 0) - 1.75005) < 1e-6, `U ${result.maxUtilisation}`)
    assert.deepEqual(result.demands[1].paths[0].links, ['L1', 'L3'])
  })

  it('reports broken records, unknown sections and unknown nodes with their lines', () => {
    const text = INSTANCE.replace('  L2 ( B C ) 0.00 0.00 0.00 0.00 ( 40000.00 2.00 )', '  L2 ( B C ) zero 0.00 0.00 0.00 ( )')
      .replace('ADMISSIBLE_PATHS (', 'ROUTES (')
      .replace('D2 ( B C )', 'D2 ( B Z )')
    const result = parseSndlibNative(text)
    assert.equal(result.network, undefined)
    const codes = result.issues.filter((found) => found.severity === 'error').map((found) => [found.code, found.line])
    assert.deepEqual(codes, [
      ['syntax', 20],
      ['unknown-section', 30],
    ])
    const unknownNode = parseSndlibNative(INSTANCE.replace('D2 ( B C )', 'D2 ( B Z )'))
    assert.deepEqual(
      unknownNode.issues.filter((found) => found.severity === 'error').map((found) => [found.code, found.line]),
      [['unknown-node', 27]],
    )
  })

  it('refuses a file without the header', () => {
    const result = parseSndlibNative(INSTANCE.replace(/^\?.*\n/, ''))
    assert.equal(result.issues[0].code, 'header')
  })

  it('fuzz: any text gives a verdict, never an exception', () => {
    const part = fc.oneof(
      fc.constantFrom('?SNDlib native format; type: network; version: 1.0\n', 'NODES (\n', 'LINKS (\n', 'DEMANDS (\n', 'META (\n', ')\n', 'A ( 1 2 )\n', 'L ( A B ) 1 0 0 0 ( 2 3 )\n', 'D ( A B ) 1 5 UNLIMITED\n', 'unit = GBITPERSEC\n', '# c\n'),
      fc.string({ maxLength: 8 }),
    )
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
        const result = parseSndlibNative(parts.join(''))
        const errors = result.issues.filter((found) => found.severity === 'error')
        assert.equal(result.network !== undefined, errors.length === 0)
        for (const found of result.issues) assert.notEqual(found.code, 'internal', found.message)
      }),
      { numRuns: 400 },
    )
  })
})

// The same triangle in SNDlib's XML format (sndlib.zib.de, network namespace, version 1.0).
const XML_INSTANCE = `<?xml version="1.0" encoding="ISO-8859-1"?>
<network xmlns="http://sndlib.zib.de/network" version="1.0">
 <meta>
  <granularity>1month</granularity>
  <unit>MBITPERSEC</unit>
 </meta>
 <networkStructure>
  <nodes coordinatesType="geographical">
   <node id="A"><coordinates><x>13.40</x><y>52.52</y></coordinates></node>
   <node id="B"><coordinates><x>9.99</x><y>53.55</y></coordinates></node>
   <node id="C"><coordinates><x>8.68</x><y>50.11</y></coordinates></node>
  </nodes>
  <links>
   <link id="L1">
    <source>A</source>
    <target>B</target>
    <preInstalledModule><capacity>10000.0</capacity><cost>0.0</cost></preInstalledModule>
    <additionalModules>
     <addModule><capacity>40000.0</capacity><cost>3.5</cost></addModule>
     <addModule><capacity>100000.0</capacity><cost>7.0</cost></addModule>
    </additionalModules>
   </link>
   <link id="L2">
    <source>B</source>
    <target>C</target>
    <additionalModules>
     <addModule><capacity>40000.0</capacity><cost>2.0</cost></addModule>
    </additionalModules>
   </link>
   <link id="L3">
    <source>C</source>
    <target>A</target>
    <preInstalledModule><capacity>10000.0</capacity><cost>0.0</cost></preInstalledModule>
    <routingCost>1.0</routingCost>
   </link>
  </links>
 </networkStructure>
 <demands>
  <demand id="D1"><source>A</source><target>B</target><demandValue>15000.0</demandValue></demand>
  <demand id="D2"><source>B</source><target>C</target><demandValue>2500.50</demandValue></demand>
 </demands>
</network>
`

describe('parseSndlibXml', () => {
  it('reads the same instance as the native format: nodes, links, modules, costs, demands', () => {
    const xml = parseSndlibXml(XML_INSTANCE, 'tri')
    const native = parseSndlibNative(INSTANCE)
    assert.deepEqual(
      xml.issues.filter((found) => found.severity === 'error'),
      [],
    )
    assert.equal(xml.format, 'sndlib-xml')
    assert.deepEqual(xml.network?.nodes, native.network?.nodes)
    assert.deepEqual(xml.network?.links, native.network?.links)
    assert.deepEqual(xml.linkCosts, { ...native.linkCosts, L3: { ...native.linkCosts.L3 } })
    assert.deepEqual(xml.demands?.demands, native.demands?.demands)
    assert.equal(parseSndlib(XML_INSTANCE, 'tri').format, 'sndlib-xml')
    assert.equal(parseSndlib(INSTANCE).format, 'sndlib-native')
  })

  it('locates errors by line and element path: unknown node, broken number, unknown section', () => {
    const broken = XML_INSTANCE.replace('<demandValue>2500.50</demandValue>', '<demandValue>lots</demandValue>').replace(
      ' <demands>',
      ' <routing><x/></routing>\n <demands>',
    )
    const result = parseSndlibXml(broken)
    assert.equal(result.network, undefined)
    assert.deepEqual(
      result.issues.filter((f) => f.severity === 'error').map((f) => [f.code, f.path]),
      [
        ['unknown-section', 'line 38, network/routing'],
        ['not-a-number', 'line 41, network/demands/demand[2]/demandValue'],
      ],
    )
    const unknownNode = parseSndlibXml(XML_INSTANCE.replace('<source>B</source><target>C</target>', '<source>B</source><target>Z</target>'))
    assert.deepEqual(
      unknownNode.issues.filter((f) => f.severity === 'error').map((f) => [f.code, f.line, f.path]),
      [['unknown-node', 40, 'line 40, network/demands/demand[2], target']],
    )
    const malformed = parseSndlibXml(XML_INSTANCE.replace('</links>', ''))
    assert.equal(malformed.issues[0].code, 'xml-syntax')
    assert.equal(typeof malformed.issues[0].line, 'number')
  })

  it('fuzz: any mix of SNDlib XML pieces gives a verdict, never an exception', () => {
    const part = fc.oneof(
      fc.constantFrom(
        '<network>',
        '</network>',
        '<networkStructure>',
        '</networkStructure>',
        '<nodes>',
        '</nodes>',
        '<node id="A"><coordinates><x>1</x><y>2</y></coordinates></node>',
        '<node id="B"/>',
        '<links>',
        '</links>',
        '<link id="L"><source>A</source><target>B</target><additionalModules><addModule><capacity>5</capacity><cost>1</cost></addModule></additionalModules></link>',
        '<demands>',
        '</demands>',
        '<demand id="D"><source>A</source><target>B</target><demandValue>3</demandValue></demand>',
        '<meta><unit>GBITPERSEC</unit></meta>',
        '<x>',
        '&amp;',
      ),
      fc.string({ maxLength: 8 }),
    )
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
        const result = parseSndlibXml(parts.join(''))
        const errors = result.issues.filter((found) => found.severity === 'error')
        assert.equal(result.network !== undefined, errors.length === 0)
        for (const found of result.issues) assert.notEqual(found.code, 'internal', found.message)
      }),
      { numRuns: 400 },
    )
  })
})
