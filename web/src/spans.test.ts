import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { spanLayout } from './spans'

test('spans are laid end to end over the width, proportional to length, each with its amplifier at its end', () => {
  const { spans, sites } = spanLayout(
    [
      { lengthKm: 80, lossDb: 17, amplifierTypeId: 'edfa' },
      { lengthKm: 20, lossDb: 5, amplifierTypeId: null },
    ],
    106,
    3,
  )
  assert.deepEqual(spans.map((s) => [s.x0, s.x1]), [[0, 83], [83, 106]])
  assert.deepEqual(sites, [
    { x: 83, amplifierTypeId: 'edfa', terminal: false },
    { x: 106, amplifierTypeId: null, terminal: true },
  ])
  assert.deepEqual(spanLayout([], 100), { spans: [], sites: [] })
})

test('any spans fill the width exactly, in order, none narrower than the floor', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.1, max: 500, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 50, max: 2000 }), (lengths, width) => {
      const { spans, sites } = spanLayout(lengths.map((lengthKm) => ({ lengthKm, lossDb: 0, amplifierTypeId: 'a' })), width)
      assert.equal(spans[0].x0, 0)
      assert.ok(Math.abs(spans[spans.length - 1].x1 - width) < 1e-6)
      spans.forEach((s, i) => {
        assert.ok(s.x1 - s.x0 >= Math.min(6, width / lengths.length) - 1e-9)
        if (i > 0) assert.equal(s.x0, spans[i - 1].x1)
      })
      assert.equal(sites.filter((s) => s.terminal).length, 1)
    }),
  )
})
