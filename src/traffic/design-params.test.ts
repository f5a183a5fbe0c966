import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isSilkwayError } from '../model'
import { refuseNetworkOnly } from './design-params'

const refusal = (networkOnly: string[], instance: string) => {
  try {
    refuseNetworkOnly(networkOnly, instance)
  } catch (error) {
    assert.ok(isSilkwayError(error), String(error))
    return { code: error.code, message: error.message, field: error.details.field }
  }
  return undefined
}

test('an SNDlib instance refuses the network-only parameters by name, as each surface spells them', () => {
  assert.equal(refusal([], 'the SNDlib instance'), undefined)
  assert.deepEqual(refusal(['--modules'], 'the SNDlib instance given with --demands'), {
    code: 'SW_INVALID_ARGUMENT',
    message: '--modules does not apply: the SNDlib instance given with --demands carries its own network, link modules and demands',
    field: '--modules',
  })
  assert.deepEqual(refusal(['network', 'capacity'], 'the SNDlib instance'), {
    code: 'SW_INVALID_ARGUMENT',
    message: 'network, capacity do not apply: the SNDlib instance carries its own network, link modules and demands',
    field: 'network',
  })
})
