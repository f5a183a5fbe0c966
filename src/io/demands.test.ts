import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type DemandsParseResult, parseDemandsCsv, parseDemandsFile, parseDemandsJson } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# demands fuzz seed ${SEED} (replay: FC_SEED=${SEED})\n`)

function contract(result: DemandsParseResult): void {
  const errors = result.issues.filter((found) => found.severity === 'error')
  assert.equal(result.demands !== undefined, errors.length === 0, 'demands exactly when there is no error')
  for (const found of result.issues) {
    assert.notEqual(found.code, 'internal', `the reader threw: ${found.message}`)
    assert.ok(found.path.length > 0 && found.message.length > 0)
  }
}

describe('parseDemandsCsv', () => {
  it('reads from,to,gbps[,year,class] by position, skipping blank and # lines', () => {
    const result = parseDemandsCsv('# Europe–Asia\nFrankfurt,Almaty,400,2026,protected\n\nBaku,Beijing,12.5\n', 'test')
    assert.deepEqual(result.issues, [])
    assert.deepEqual(result.demands?.demands, [
      { id: 'd2', from: 'Frankfurt', to: 'Almaty', gbps: 400, year: 2026, class: 'protected' },
      { id: 'd4', from: 'Baku', to: 'Beijing', gbps: 12.5, class: 'unprotected' },
    ])
    assert.equal(result.demands?.schemaVersion, 1)
    assert.equal(result.demands?.name, 'test')
  })

  it('reads columns by a header row in any order, with quoted fields', () => {
    const result = parseDemandsCsv('gbps,To,from,id,source\r\n10,"Hong Kong","Xi\'an, Shaanxi",hk,"TeleGeography ""2024"""\r\n')
    assert.deepEqual(result.issues, [])
    assert.deepEqual(result.demands?.demands, [{ id: 'hk', from: "Xi'an, Shaanxi", to: 'Hong Kong', gbps: 10, class: 'unprotected', source: 'TeleGeography "2024"' }])
  })

  it('reports every broken row with its line and refuses the file', () => {
    const text = ['from,to,gbps,year,class', 'a,b,ten', 'a,b,-1', 'a,,3', 'a,b,3,20x6', 'a,b,3,2026,gold', 'a,b,3,2026,protected,extra', 'a,"b,3'].join('\n')
    const result = parseDemandsCsv(text)
    contract(result)
    assert.equal(result.demands, undefined)
    assert.deepEqual(
      result.issues.map((found) => [found.line, found.path, found.code]),
      [
        [2, 'line 2, gbps', 'gbps'],
        [3, 'line 3, gbps', 'gbps'],
        [4, 'line 4, to', 'required'],
        [5, 'line 5, year', 'year'],
        [6, 'line 6, class', 'class'],
        [7, 'line 7', 'columns'],
        [8, 'line 8', 'parse'],
      ],
    )
    assert.match(result.issues[0].message, /'ten' is not a number/)
  })

  it('locates duplicate ids and self-demands found after parsing to their lines', () => {
    const result = parseDemandsCsv('id,from,to,gbps\nx,a,b,1\nx,a,c,1\ny,c,c,1\n')
    assert.deepEqual(
      result.issues.map((found) => [found.path, found.code]),
      [
        ['line 3, id', 'duplicate-id'],
        ['line 4, to', 'self-demand'],
      ],
    )
  })

  it('names an unknown header column', () => {
    const result = parseDemandsCsv('from,to,gbps,colour\na,b,1,red\n')
    assert.equal(result.issues[0].code, 'unknown-column')
    assert.match(result.issues[0].message, /'colour'/)
  })

  it('fuzz: any text gives a verdict, never an exception', () => {
    const cell = fc.oneof(fc.constantFrom('a', 'b', '"', ',', '10', '-3', '2026', 'protected', 'from', 'to', 'gbps', ' ', '\n', '#'), fc.string({ maxLength: 6 }))
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (parts) => contract(parseDemandsCsv(parts.join('')))),
      { numRuns: 400 },
    )
  })
})

describe('parseDemandsJson', () => {
  it('reads a demands document', () => {
    const text = JSON.stringify({ schemaVersion: 1, baseYear: 2025, demands: [{ id: 'a', from: 'x', to: 'y', gbps: 5 }] })
    const result = parseDemandsJson(text)
    assert.deepEqual(result.issues, [])
    assert.equal(result.demands?.demands[0].gbps, 5)
  })

  it('locates schema errors by JSON path and line', () => {
    const text = '{\n  "schemaVersion": 1,\n  "demands": [\n    { "id": "a", "from": "x", "to": "y", "gbps": "ten" }\n  ]\n}\n'
    const result = parseDemandsJson(text)
    assert.equal(result.demands, undefined)
    assert.deepEqual(
      result.issues.map((found) => [found.path, found.line]),
      [['demands[0].gbps', 4]],
    )
  })

  it('fuzz: any JSON value gives a verdict, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => contract(parseDemandsJson(JSON.stringify(value) ?? 'null'))),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => contract(parseDemandsJson(text))),
      { numRuns: 300 },
    )
  })
})

describe('parseDemandsFile (the CLI and the web upload)', () => {
  const json = JSON.stringify({ schemaVersion: 1, demands: [{ id: 'a', from: 'x', to: 'y', gbps: 1 }] })
  it('chooses the reader by the name, else by an opening brace (after a byte-order mark too)', () => {
    assert.equal(parseDemandsFile('x,y,1', 'm.csv').format, 'csv')
    assert.equal(parseDemandsFile(json, 'm.json').format, 'json')
    assert.equal(parseDemandsFile(json, 'matrix').format, 'json')
    assert.equal(parseDemandsFile(`\uFEFF${json}`, 'matrix').format, 'json')
    assert.equal(parseDemandsFile('x,y,1', 'matrix.txt').format, 'csv')
    // A .json name is JSON even when the text is not: the error says so, rather than a CSV reading.
    const broken = parseDemandsFile('x,y,1', 'm.json')
    assert.equal(broken.format, 'json')
    assert.equal(broken.demands, undefined)
  })
  it('reads what the dedicated readers read', () => {
    assert.deepEqual(parseDemandsFile('x,y,1\n', 'm.csv').demands, parseDemandsCsv('x,y,1\n', 'm.csv').demands)
    assert.deepEqual(parseDemandsFile(json, 'm.json').demands, parseDemandsJson(json).demands)
  })
})
