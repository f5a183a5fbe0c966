import { test } from 'node:test'
import assert from 'node:assert/strict'
import { validateEquipment } from './equipment'
import equipment from '../data/equipment.json'

test('the built-in equipment library is valid and every entry cites a source', () => {
  const result = validateEquipment(equipment)
  assert.deepEqual(result.issues, [])
  const { library } = result.value!
  for (const list of [library.fibers, library.amplifiers, library.transceivers, library.roadms, library.raman, library.ropa]) {
    for (const item of list) assert.ok(item.source.length > 10, `${item.id} has no source`)
  }
  const { amplifierFamilies, ...parameters } = library.design
  for (const [key, parameter] of Object.entries(parameters)) assert.ok(parameter.source.length > 0 || parameter.assumption, key)
  for (const [key, rule] of Object.entries(amplifierFamilies)) assert.ok(rule.source.length > 10, `amplifierFamilies.${key} has no source`)
})

test('bad equipment is reported with its path, not thrown', () => {
  const broken = structuredClone(equipment) as Record<string, any>
  delete broken.fibers[1].lossDbPerKm
  broken.amplifiers[0].nfMinDb = 1
  broken.amplifiers.push({ ...broken.amplifiers[1] })
  const schemaOnly = validateEquipment(broken)
  assert.equal(schemaOnly.value, undefined)
  assert.ok(schemaOnly.issues.some((i) => i.path === 'fibers[1].lossDbPerKm' && i.code === 'required'))
  broken.fibers[1].lossDbPerKm = 0.17
  const semantic = validateEquipment(broken)
  assert.ok(semantic.issues.some((i) => i.path === 'amplifiers[0]' && i.code === 'bad-noise-model'))
  assert.ok(semantic.issues.some((i) => i.path === `amplifiers[${broken.amplifiers.length - 1}].id` && i.code === 'duplicate-id'))
})
