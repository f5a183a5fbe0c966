import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { defaultProfile } from '../data'
import { compileIndex } from '../routing'
import { flow } from '../traffic'
import { parseSndlibNative } from './index'

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
