import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type MeasurementsParseResult, detectMeasurementsFormat, parseMeasurements, parseMeasurementsCsv, parseMeasurementsJson, parseRipeAtlas } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# measurements fuzz seed ${SEED} (replay: FC_SEED=${SEED})\n`)

/** The contract every reader keeps on any input. */
function contract(result: MeasurementsParseResult): void {
  const errors = result.issues.filter((found) => found.severity === 'error')
  assert.equal(result.measurements !== undefined, errors.length === 0, 'measurements exactly when there is no error')
  for (const found of result.issues) {
    assert.notEqual(found.code, 'internal', `the reader threw: ${found.message}`)
    assert.ok(found.path.length > 0 && found.message.length > 0)
  }
  for (const m of result.measurements?.measurements ?? []) assert.ok(m.rttMs >= 0 && Number.isFinite(m.rttMs))
}

const errorsOf = (result: MeasurementsParseResult) => result.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.path, i.code])

describe('parseMeasurementsCsv', () => {
  it('reads from,to,rttMs,percentile,date,source by position and by header', () => {
    const positional = parseMeasurementsCsv('# TEA RTDs\nFrankfurt,Almaty,85,min,2026-03,GeoCables\nBaku,Tbilisi,9.5,,,"operator, 2024"\n', 'test')
    assert.deepEqual(positional.issues, [])
    assert.deepEqual(positional.measurements?.measurements, [
      { id: 'line-2', from: 'Frankfurt', to: 'Almaty', rttMs: 85, percentile: 'min', date: '2026-03', source: 'GeoCables' },
      { id: 'line-3', from: 'Baku', to: 'Tbilisi', rttMs: 9.5, source: 'operator, 2024' },
    ])
    const headed = parseMeasurementsCsv('source,RTTMS,to,from,use\nx,12,Baku,Aktau,validation\n')
    assert.deepEqual(headed.measurements?.measurements, [{ id: 'line-2', from: 'Aktau', to: 'Baku', rttMs: 12, source: 'x', use: 'validation' }])
  })

  it('reports every broken row with its line: negative RTT, missing source, bad date, bad use, unknown column', () => {
    const result = parseMeasurementsCsv('from,to,rttMs,source,date,use\nA,B,-3,s,,\nA,B,ten,s,,\nA,B,5,,,\nA,B,5,s,yesterday,\nA,B,5,s,,maybe\n')
    assert.equal(result.measurements, undefined)
    assert.deepEqual(errorsOf(result), [
      [2, 'line 2, rttMs', 'rttMs'],
      [3, 'line 3, rttMs', 'rttMs'],
      [4, 'line 4, source', 'required'],
      [6, 'line 6, use', 'use'],
    ])
    const dated = parseMeasurementsCsv('A,B,5,min,yesterday,s\n')
    assert.deepEqual(errorsOf(dated), [[1, 'line 1, date', 'pattern']])
    assert.match(parseMeasurementsCsv('from,to,rttms,when\n').issues[0].message, /unknown column 'when'/)
    assert.match(parseMeasurementsCsv('\n# nothing\n').issues[0].message, /no measurements/)
  })

  it('fuzz: any text gives a verdict, never an exception', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('from,to,rttMs,source', 'A,B,1,,,s', '"A,B",C,-1', 'A,B,1e400,s', ',,,')), { maxLength: 8 }), (lines) => {
        contract(parseMeasurementsCsv(lines.join('\n')))
      }),
      { numRuns: 300 },
    )
  })
})

describe('parseMeasurementsJson', () => {
  it('locates schema errors by path and line: a negative RTT, a place without coordinates', () => {
    const text = JSON.stringify({ schemaVersion: 1, measurements: [{ from: 'A', to: 'B', rttMs: 3, source: 's' }, { from: { name: 'p' }, to: 'B', rttMs: -1, source: 's' }] }, null, 2)
    const result = parseMeasurementsJson(text)
    assert.equal(result.measurements, undefined)
    const paths = result.issues.map((i) => i.path)
    assert.ok(paths.includes('measurements[1].rttMs'), paths.join(' '))
    assert.ok(paths.some((p) => p.startsWith('measurements[1].from')), paths.join(' '))
    assert.ok(result.issues.every((i) => i.line !== undefined && i.line > 8))
  })

  it('fuzz: any JSON value gives a verdict, never an exception', () => {
    const endpoint = fc.oneof(fc.string(), fc.record({ name: fc.string(), lat: fc.double(), lon: fc.double() }, { requiredKeys: [] }))
    const measurement = fc.record({ from: endpoint, to: endpoint, rttMs: fc.oneof(fc.double(), fc.string()), source: fc.string(), date: fc.string() }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ schemaVersion: fc.constantFrom(1, 2), measurements: fc.array(measurement, { maxLength: 5 }) })), (value) => {
        contract(parseMeasurementsJson(JSON.stringify(value) ?? 'null'))
      }),
      { numRuns: 300 },
    )
  })
})

/** Two probes (one an anchor) with locations, as the RIPE Atlas probes API gives them. */
const probes = JSON.stringify({
  count: 3,
  results: [
    { id: 6001, address_v4: '192.0.2.10', geometry: { type: 'Point', coordinates: [76.9, 43.24] }, is_anchor: false },
    { id: 6002, address_v4: '198.51.100.7', address_v6: '2001:db8::7', geometry: { type: 'Point', coordinates: [8.68, 50.11] }, is_anchor: true },
    { id: 6003, address_v4: '203.0.113.5', geometry: null },
  ],
})
const ping = (prb: number, dst: string, min: number, timestamp: number, extra: Record<string, unknown> = {}) => ({
  fw: 5080,
  type: 'ping',
  af: 4,
  prb_id: prb,
  msm_id: 1001,
  dst_addr: dst,
  dst_name: dst,
  timestamp,
  min,
  avg: min + 1,
  max: min + 2,
  result: [{ rtt: min }, { rtt: min + 2 }],
  ...extra,
})

describe('parseRipeAtlas', () => {
  it('reads ping and traceroute results: one measurement per probe and destination, the median of each result’s fastest reply', () => {
    const traceroute = {
      fw: 5080,
      type: 'traceroute',
      prb_id: 6002,
      msm_id: 2002,
      dst_addr: '192.0.2.10',
      timestamp: 1_700_000_000,
      result: [
        { hop: 1, result: [{ from: '10.0.0.1', rtt: 1.2 }] },
        { hop: 2, result: [{ x: '*' }, { from: '192.0.2.10', rtt: 88.5 }, { from: '192.0.2.10', rtt: 87.9 }] },
      ],
    }
    const results = [ping(6001, '198.51.100.7', 84, 1_709_251_200), ping(6001, '198.51.100.7', 90, 1_709_337_600), ping(6001, '198.51.100.7', 86, 1_709_424_000), traceroute]
    const result = parseRipeAtlas(JSON.stringify(results), probes)
    assert.deepEqual(result.issues, [])
    const [a, b] = result.measurements?.measurements ?? []
    assert.equal(a.rttMs, 86)
    assert.equal(a.percentile, 'p50-of-min')
    assert.equal(a.date, '2024-03-01')
    assert.deepEqual(a.from, { name: 'RIPE Atlas probe 6001', lat: 43.24, lon: 76.9 })
    assert.deepEqual(a.to, { name: 'RIPE Atlas probe 6002', lat: 50.11, lon: 8.68 })
    assert.match(a.source, /RIPE Atlas measurement 1001 \(3 result/)
    assert.equal(b.rttMs, 87.9)
    assert.equal(b.method, 'traceroute')
    assert.equal(detectMeasurementsFormat(JSON.stringify(results)), 'ripe-atlas')
    assert.equal(parseMeasurements(JSON.stringify(results), { probesText: probes }).measurements?.measurements.length, 2)
  })

  it('refuses another measurement type, a probe without a location, an unlocated destination and a missing probes file', () => {
    const dns = { fw: 5080, type: 'dns', prb_id: 6001, msm_id: 3, timestamp: 1, result: {} }
    assert.deepEqual(errorsOf(parseRipeAtlas(JSON.stringify([ping(6001, '198.51.100.7', 80, 1), dns]), probes)).map((e) => e.slice(1)), [['[1].type', 'ripe-type']])
    assert.match(parseRipeAtlas(JSON.stringify([dns]), probes).issues[0].message, /a RIPE Atlas 'dns' result: silkway reads ping and traceroute/)
    const unlocated = parseRipeAtlas(JSON.stringify([ping(6003, '198.51.100.7', 80, 1)]), probes)
    assert.deepEqual(errorsOf(unlocated).map((e) => e.slice(1)), [['[0].prb_id', 'probe-location']])
    assert.match(unlocated.issues[0].message, /probe 6003 has no location/)
    assert.deepEqual(errorsOf(parseRipeAtlas(JSON.stringify([ping(6001, '203.0.113.99', 80, 1)]), probes)).map((e) => e.slice(1)), [['[0].dst_addr', 'probe-location']])
    assert.match(parseRipeAtlas(JSON.stringify([ping(6001, '198.51.100.7', 80, 1)]), undefined).issues[0].message, /--probes FILE/)
  })

  it('gives no date for a timestamp beyond ISO 8601 years', () => {
    const result = parseRipeAtlas(JSON.stringify([ping(6001, '198.51.100.7', 80, 1e300)]), probes)
    assert.deepEqual(result.issues, [])
    assert.equal(result.measurements?.measurements[0].date, undefined)
  })

  it('leaves out results without a reply, with a warning', () => {
    const lost = ping(6001, '198.51.100.7', -1, 5, { result: [{ x: '*' }], avg: -1, max: -1 })
    const result = parseRipeAtlas(JSON.stringify([lost, ping(6001, '198.51.100.7', 80, 6)]), probes)
    assert.equal(result.measurements?.measurements[0].rttMs, 80)
    assert.deepEqual(result.issues.map((i) => i.code), ['ripe-unanswered'])
  })

  it('fuzz: any JSON gives a verdict, never an exception', () => {
    const result = fc.record(
      {
        type: fc.constantFrom('ping', 'traceroute', 'dns', 5),
        prb_id: fc.oneof(fc.constantFrom(6001, 6002, 6003), fc.integer(), fc.string()),
        dst_addr: fc.oneof(fc.constantFrom('192.0.2.10', '198.51.100.7'), fc.string()),
        min: fc.oneof(fc.double(), fc.constant(-1)),
        timestamp: fc.oneof(fc.integer(), fc.double(), fc.string()),
        result: fc.oneof(fc.jsonValue(), fc.array(fc.record({ rtt: fc.double(), from: fc.string(), result: fc.jsonValue() }, { requiredKeys: [] }))),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(fc.array(result, { maxLength: 6 }), fc.jsonValue()), fc.oneof(fc.constant(probes), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')), (results, probeText) => {
        contract(parseRipeAtlas(JSON.stringify(results) ?? 'null', probeText))
      }),
      { numRuns: 300 },
    )
  })
})
