import { test } from 'node:test'
import assert from 'node:assert/strict'
import { foldName } from './names'

test('folding drops case and accents: Ürümqi, Hồ Chí Minh, Kraków', () => {
  assert.equal(foldName('Ürümqi'), 'urumqi')
  assert.equal(foldName('Hồ Chí Minh'), 'ho chi minh')
  assert.equal(foldName('KRAKÓW'), 'krakow')
})

test('folding decomposes compatibility forms and keeps punctuation for the caller', () => {
  assert.equal(foldName('ﬁji'), 'fiji')
  assert.equal(foldName('Ｔｂｉｌｉｓｉ'), 'tbilisi')
  assert.equal(foldName('Hong-Kong & Macau'), 'hong-kong & macau')
})
