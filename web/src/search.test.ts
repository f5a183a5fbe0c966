import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { editDistance, normalizeName } from '../../src/routing/resolve'
import { builtinNetwork as corridor } from '../../src/data'
import { matchScore, search, searchCandidates } from './search'

const candidates = searchCandidates(corridor)
const first = (q: string) => search(candidates, q)[0]

test('a typo finds the city: "Frnakfurt" → Frankfurt', () => {
  assert.deepEqual([first('Frnakfurt').type, first('Frnakfurt').id], ['node', 'frankfurt'])
  assert.equal(first('shangai').id, 'shanghai')
})

test('the cable by its acronym, by a part of its name, by its id and by operator', () => {
  for (const q of ['TCFO', 'Trans-Caspian', 'trans caspian', 'tcfo-sumgait-aktau']) assert.deepEqual([first(q).type, first(q).id], ['link', 'tcfo-sumgait-aktau'], q)
  const byOperator = search(candidates, 'Kazakhtelecom', 50)
  assert.ok(byOperator.some((h) => h.id === 'tcfo-sumgait-aktau' && h.matched === 'operator Kazakhtelecom'), JSON.stringify(byOperator.slice(0, 5)))
})

test('countries by name and by code; a typo in a country finds the country before the places named after it', () => {
  assert.deepEqual([first('Kazakhstan').type, first('Kazakhstan').id], ['country', 'KZ'])
  assert.deepEqual([first('Kazakstan').type, first('Kazakstan').id], ['country', 'KZ'])
  assert.ok(search(candidates, 'AZ', 20).some((h) => h.type === 'country' && h.id === 'AZ'))
})

test('a short query is not stretched into typos; nothing matches nonsense', () => {
  assert.equal(matchScore('ba', 'ab'), undefined)
  assert.deepEqual(search(candidates, 'qqqqzzzz'), [])
  assert.deepEqual(search(candidates, '  '), [])
})

test('literal matches rank above typos, and hits are sorted by score', () => {
  const hits = search(candidates, 'baku', 20)
  assert.equal(hits[0].id, 'baku')
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score <= hits[i].score)
})

const word = fc.stringMatching(/^[a-z]{4,10}$/)

test('property: any substring of a text matches it literally (score ≤ 3)', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (words, x, y) => {
      const text = words.join(' ')
      const a = x % text.length
      const b = a + 1 + (y % (text.length - a))
      const q = normalizeName(text.slice(a, b))
      if (!q) return
      const score = matchScore(q, text)
      assert.ok(score !== undefined && score <= 3, `${q} in ${text}: ${score}`)
    }),
  )
})

test('property: a match by typo is within one edit per four letters of some word run (checked by brute force)', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), word, (words, q) => {
      const text = words.join(' ')
      const score = matchScore(q, text)
      const closest = Math.min(...words.flatMap((w) => [editDistance(q, w), editDistance(q, w.slice(0, q.length))]))
      const literal = text.includes(q)
      if (literal) assert.ok(score !== undefined && score <= 3)
      else if (closest <= Math.floor(q.length / 4)) assert.ok(score !== undefined && Math.floor((score - 10) / 2) === closest, `${q} in ${text}: ${score}, ${closest} edits`)
      else assert.equal(score, undefined)
    }),
  )
})
