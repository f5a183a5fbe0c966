import assert from 'node:assert/strict'
import { test } from 'node:test'
import { locateMessage, readDemandsFile } from './demands-file'

test('a CSV of demands is read by position or by header, as the CLI reads it', () => {
  const read = readDemandsFile('demands.csv', '# from,to,gbps\nFrankfurt,Shanghai,100\nBaku,Almaty,25.5,2030,protected\n')
  assert.ok(read.ok)
  assert.equal(read.format, 'csv')
  assert.deepEqual(read.doc.demands.map((d) => [d.id, d.from, d.to, d.gbps, d.year, d.class]), [
    ['d2', 'Frankfurt', 'Shanghai', 100, undefined, 'unprotected'],
    ['d3', 'Baku', 'Almaty', 25.5, 2030, 'protected'],
  ])
  const headed = readDemandsFile('m.csv', 'gbps,to,from\n7,Aktau,Baku\n')
  assert.ok(headed.ok)
  assert.deepEqual(headed.doc.demands.map((d) => [d.from, d.to, d.gbps]), [['Baku', 'Aktau', 7]])
})

test('a broken CSV is refused with every bad row located by line and column', () => {
  const read = readDemandsFile('bad.csv', 'from,to,gbps,year\nFrankfurt,Shanghai,100\nBaku,Almaty,ten\nBaku,,5\nA,B,1,20x\n')
  assert.equal(read.ok, false)
  assert.ok(!read.ok)
  assert.equal(read.error, "bad.csv: line 3, gbps: 'ten' is not a number of Gbit/s ≥ 0; line 4, to: missing to; line 5, year: '20x' is not a year")
  const many = readDemandsFile('many.csv', Array.from({ length: 8 }, (_, i) => `a${i},b,-1`).join('\n'))
  assert.ok(!many.ok)
  assert.match(many.error, /line 5, gbps: '-1' is not a number of Gbit\/s ≥ 0; and 3 more$/)
  const empty = readDemandsFile('empty.csv', '\n# nothing\n')
  assert.ok(!empty.ok)
  assert.equal(empty.error, 'empty.csv: no demands: the file has no rows')
})

test('JSON is read by the name or the opening brace, and checked against the demands schema', () => {
  const doc = JSON.stringify({ schemaVersion: 1, demands: [{ id: 'x', from: 'a', to: 'b', gbps: 1 }] })
  for (const name of ['d.json', 'upload']) {
    const read = readDemandsFile(name, doc)
    assert.ok(read.ok, name)
    assert.equal(read.format, 'json')
  }
  const broken = readDemandsFile('broken.json', '{"schemaVersion": 1, "demands": [')
  assert.ok(!broken.ok)
  assert.match(broken.error, /^broken\.json: /)
  const negative = readDemandsFile('n.json', JSON.stringify({ schemaVersion: 1, demands: [{ id: 'x', from: 'a', to: 'b', gbps: -3 }] }))
  assert.ok(!negative.ok)
  assert.match(negative.error, /^n\.json: demands\[0\]\.gbps: /)
})

test("a server message about demands[i] is pointed at the CSV's line; JSON paths and other text stay", () => {
  const read = readDemandsFile('d.csv', '\nFrankfurt,Shanghai,1\n# skipped\nFrankfrut,Shanghai,2\n')
  assert.ok(read.ok)
  assert.equal(locateMessage("demands[1].from: no node 'Frankfrut'; closest: frankfurt", read.locate), "line 4, from: no node 'Frankfrut'; closest: frankfurt")
  assert.equal(locateMessage('demands[0]: duplicate', read.locate), 'line 2: duplicate')
  assert.equal(locateMessage('demands[9].to: no node', read.locate), 'demands[9].to: no node', 'no such row: unchanged')
  assert.equal(locateMessage('demands[0].from: x', undefined), 'demands[0].from: x')
})
