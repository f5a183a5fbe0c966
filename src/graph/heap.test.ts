import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { IndexedMinHeap } from './heap'

test('pops by key, then by smaller id on equal keys', () => {
  const heap = new IndexedMinHeap(6)
  heap.push(4, 1)
  heap.push(2, 3)
  heap.push(5, 1)
  heap.push(0, 2)
  heap.push(1, 1)
  assert.deepEqual([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()], [1, 4, 5, 0, 2, -1])
})

test('decrease-key and increase-key move an entry; clear empties in place for reuse', () => {
  const heap = new IndexedMinHeap(4)
  heap.push(0, 5)
  heap.push(1, 4)
  heap.push(2, 3)
  heap.push(0, 1)
  heap.push(2, 9)
  assert.equal(heap.peek(), 0)
  assert.equal(heap.peekKey(), 1)
  heap.clear()
  assert.equal(heap.size, 0)
  assert.equal(heap.has(1), false)
  heap.push(3, 2)
  assert.equal(heap.pop(), 3)
})

test('matches a sorted model under random pushes, key changes, pops and clears', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), id: fc.nat(15), key: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant('pop' as const) }),
    fc.record({ kind: fc.constant('clear' as const) }),
  )
  fc.assert(
    fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const heap = new IndexedMinHeap(16)
      const model = new Map<number, number>()
      for (const o of ops) {
        if (o.kind === 'push') {
          heap.push(o.id, o.key)
          model.set(o.id, o.key)
        } else if (o.kind === 'clear') {
          heap.clear()
          model.clear()
        } else {
          const expected = [...model].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0]
          assert.equal(heap.pop(), expected ? expected[0] : -1)
          if (expected) model.delete(expected[0])
        }
        assert.equal(heap.size, model.size)
      }
    }),
  )
})
