import { test } from 'node:test'
import assert from 'node:assert/strict'
import { claims, defaultProfile } from '../data'
import { SPEED_OF_LIGHT_KM_PER_MS, overrideProfile } from '../model'
import { builtinWorkbench } from '../workbench'
import { checkClaims } from './claims'

const rows = checkClaims(builtinWorkbench(), claims)
const byId = new Map(rows.map((r) => [r.id, r]))

test('the physics check is computed from the claimed length and the group index, not stored', () => {
  const row = byId.get('kz-china-azerbaijan')
  assert.ok(row)
  const floorMs = (2800 * defaultProfile.fiber.groupIndex.value) / SPEED_OF_LIGHT_KM_PER_MS
  assert.equal(row.floorOneWayMsAtClaimedKm, Math.round(floorMs * 100) / 100)
  assert.ok(Math.abs(floorMs - 13.71) < 0.01, `${floorMs}`)
  assert.equal(row.claimedDelayBelowFloor, true, '13 ms over 2,800 km is below the floor')
  assert.match(row.verdict, /below the 13\.71 ms propagation floor/)
  // A slower-light profile moves the floor: the figure follows the physics, not the data.
  const lowIndex = overrideProfile(defaultProfile, { fiber: { groupIndex: { value: 1.3 } } })
  const moved = checkClaims(builtinWorkbench(lowIndex), claims).find((r) => r.id === 'kz-china-azerbaijan')
  assert.ok(moved && (moved.floorOneWayMsAtClaimedKm as number) < 13 && moved.claimedDelayBelowFloor === false)
  // A claim without a delay has no physics check.
  assert.equal(byId.get('kz-china-russia')?.floorOneWayMsAtClaimedKm, null)
})

test('each claim is computed again at both ends of the per-hop factor range, and the lengths move with it', () => {
  const range = defaultProfile.routeFactor.terrestrialPerHop?.range as [number, number]
  for (const row of rows) {
    assert.deepEqual(row.perHopRange.map((r) => r.perHopRouteFactor), range)
    const [low, high] = row.perHopRange
    assert.ok((low.targetKm as number) < (row.targetKm as number) && (row.targetKm as number) < (high.targetKm as number), row.id)
  }
})

test('the claims follow their link filters and endpoint sets: old lines for the baseline, new lines for the target', () => {
  for (const row of rows) {
    assert.ok(row.baselinePath && row.targetPath, row.id)
    assert.ok(row.fromAny.includes(row.baselinePath[0]) && row.toAny.includes(row.baselinePath[row.baselinePath.length - 1]), row.id)
  }
  const russia = byId.get('kz-china-russia')
  // The legacy line leaves for Russia beyond Atyrau (KASE 2000); the superhighway is modelled to the Aktobe crossing.
  assert.equal(russia?.baselinePath?.at(-1), 'kz-ru-atyrau-border')
  assert.equal(russia?.targetPath?.at(-1), 'kz-ru-border')
  assert.ok((russia?.inferredAlignmentLinks.length ?? 0) > 0, 'the Kazakh routes are inferred and say so')
})
