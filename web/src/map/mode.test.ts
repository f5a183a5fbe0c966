import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DRAG_THRESHOLD_PX, type MapMode, forwarding, isDrag } from './mode'

test('a press becomes a drag only beyond the threshold, in any direction', () => {
  const at = { x: 100, y: 100 }
  assert.equal(isDrag(at, at), false)
  assert.equal(isDrag(at, { x: 100 + DRAG_THRESHOLD_PX, y: 100 }), false)
  assert.equal(isDrag(at, { x: 100 - 4, y: 100 + 4 }), false, '5.7 px diagonally is still a click')
  assert.equal(isDrag(at, { x: 100 + DRAG_THRESHOLD_PX + 1, y: 100 }), true)
  assert.equal(isDrag(at, { x: 100 - 5, y: 100 - 5 }), true, '7.1 px diagonally is a drag')
})

test('a forwarding mode calls the handlers of the latest mode of its kind, and nothing of another kind', () => {
  const calls: string[] = []
  let latest: MapMode = { kind: 'dragNode', onMove: (id) => calls.push(`first ${id}`) }
  const mode = forwarding('dragNode', () => latest)
  assert.equal(mode.kind, 'dragNode')
  if (mode.kind !== 'dragNode') return
  mode.onMove('aktau', [51, 43])
  latest = { kind: 'dragNode', onMove: (id) => calls.push(`second ${id}`) }
  mode.onMove('aktau', [51, 43])
  // The panel has switched to another kind: the old binding does nothing.
  latest = { kind: 'pickNode', onPick: () => (calls.push('pick'), true) }
  mode.onMove('aktau', [51, 43])
  assert.deepEqual(calls, ['first aktau', 'second aktau'])
  const pick = forwarding('pickNode', () => latest, true)
  assert.ok(pick.kind === 'pickNode' && pick.anywhere === true && pick.onPick({ lngLat: [0, 0] }) === true)
  assert.deepEqual(calls, ['first aktau', 'second aktau', 'pick'])
})
