import { test } from 'node:test'
import assert from 'node:assert/strict'
import { builtinEquipment } from './builtin'
import { maxUnrepeateredLengthKm } from './unrepeatered'
import { modeMargin } from './feasibility'
import { unrepeateredLine } from './unrepeatered'

const equipment = builtinEquipment()
const voyager = equipment.library.transceivers.find((t) => t.id === 'Voyager')!
const mode100 = voyager.modes.find((m) => m.bitRateGbps === 100)!
const mode400 = voyager.modes.find((m) => m.bitRateGbps === 400)!

test('unrepeatered reach grows with better fibre and with Raman and ROPA, and falls with the rate', () => {
  const reach = (fiberTypeId: string, option: 'edfa' | 'edfa+raman' | 'edfa+raman+ropa', mode = mode100) => maxUnrepeateredLengthKm({ fiberTypeId, option, mode }, equipment)
  const ssmf = reach('ssmf', 'edfa').maxLengthKm
  const ull = reach('smf28-ull', 'edfa').maxLengthKm
  const raman = reach('smf28-ull', 'edfa+raman').maxLengthKm
  const ropa = reach('smf28-ull', 'edfa+raman+ropa').maxLengthKm
  assert.ok(ssmf > 100 && ssmf < ull && ull < raman && raman < ropa, `${ssmf} ${ull} ${raman} ${ropa}`)
  assert.ok(reach('smf28-ull', 'edfa', mode400).maxLengthKm < ull)
})

test('the answer is the boundary: the mode closes at the reach and not 2 km beyond it at any launch power', () => {
  const query = { fiberTypeId: 'smf28-ull', option: 'edfa' as const, mode: mode100 }
  const answer = maxUnrepeateredLengthKm(query, equipment)
  assert.ok(answer.margin!.feasible)
  for (let p = -5; p <= 6; p += 0.5) assert.ok(!modeMargin(unrepeateredLine(answer.maxLengthKm + 2, p, query, equipment), mode100, equipment).feasible)
})
