import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Position } from '../geo'
import { countryCode, unwrap } from './basemap'

test('world-atlas ids become the alpha-2 codes the network uses', () => {
  assert.equal(countryCode('398', 'Kazakhstan'), 'KZ')
  assert.equal(countryCode(31, 'Azerbaijan'), 'AZ')
  assert.equal(countryCode(undefined, 'Kosovo'), 'XK')
  assert.equal(countryCode(undefined, 'Siachen Glacier'), '')
})

test('a ring across the antimeridian is unwrapped to continuous longitudes; a ring around the pole is left', () => {
  const chukotka: Position[] = [[170, 65], [179.9, 66], [-175, 66], [-175, 64], [179.9, 64], [170, 65]]
  const unwrapped = unwrap(chukotka, true)
  for (let i = 1; i < unwrapped.length; i++) assert.ok(Math.abs(unwrapped[i][0] - unwrapped[i - 1][0]) < 180)
  assert.deepEqual(unwrapped[2], [185, 66])
  const oneJump: Position[] = [[0, -80], [179, -80], [-179, -80], [0, -85]]
  assert.deepEqual(unwrap(oneJump, true), oneJump)
})
