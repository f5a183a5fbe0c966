import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileName, toCsv } from './export'

test('CSV: a header line, CRLF line ends, quoting only where RFC 4180 needs it, empty for missing values', () => {
  const rows = [
    { name: 'Baku – Aktau', km: 380.5, note: 'says "about", 2025' },
    { name: 'line\nbreak', km: undefined, note: null },
  ]
  const csv = toCsv([{ header: 'name', value: (r: (typeof rows)[number]) => r.name }, { header: 'km', value: (r) => r.km }, { header: 'note', value: (r) => r.note }], rows)
  assert.equal(csv, 'name,km,note\r\nBaku – Aktau,380.5,"says ""about"", 2025"\r\n"line\nbreak",,\r\n')
})

test('file names from words', () => {
  assert.equal(fileName('Frankfurt – Shanghai paths', 'csv'), 'frankfurt-shanghai-paths.csv')
  assert.equal(fileName('Ürümqi', 'geojson'), 'urumqi.geojson')
  assert.equal(fileName('——', 'png'), 'silkway.png')
})
