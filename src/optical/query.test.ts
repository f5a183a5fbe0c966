import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkSchema } from '../model'
import { builtinNetwork, defaultProfile } from '../data'
import { builtinEquipment } from './builtin'
import { networkLinkOptics } from './network'
import { opticalPath, OpticalPathAnswerSchema, unrepeateredReach, UnrepeateredAnswerSchema } from './query'

const equipment = builtinEquipment()

test('a path answer matches its schema and carries the end-to-end figures; 400 km closes at 300G with EDFAs, 400G where the link declares Raman', () => {
  const raman = opticalPath({ links: [{ id: 'a-b', lengthKm: 400, kind: 'terrestrial', raman: true }], transceiverId: 'Voyager' }, equipment)
  assert.equal(raman.value?.bestMode?.bitRateGbps, 400)
  const result = opticalPath({ links: [{ id: 'a-b', lengthKm: 400, kind: 'terrestrial' }], transceiverId: 'Voyager' }, equipment)
  assert.deepEqual(result.issues, [])
  const answer = result.value!
  assert.deepEqual(checkSchema(OpticalPathAnswerSchema, answer), [])
  assert.equal(answer.bestMode?.bitRateGbps, 300)
  assert.equal(answer.regeneration, null)
  const e2e = answer.endToEnd!
  assert.ok(Math.abs(e2e.cdPsPerNm - 400 * 16.7) < 1e-6)
  assert.ok(Math.abs(e2e.latencyMs - (400 * 1.4682) / 299.792458) < 1e-9)
  assert.ok(e2e.gsnr01nmDb > e2e.worstGsnr01nmDb - 1e-9 && e2e.osnrAse01nmDb > e2e.gsnr01nmDb)
})

test('a chain too long for any mode end to end gets a regeneration plan, as an answer', () => {
  const links = Array.from({ length: 8 }, (_, i) => ({ id: `l${i}`, lengthKm: 600, kind: 'terrestrial' as const, raman: true }))
  const answer = opticalPath({ links, transceiverId: 'Voyager', modeId: 'mode 2' }, equipment).value!
  assert.equal(answer.bestMode, null)
  assert.ok(answer.regeneration !== null && answer.regeneration.blockedAtLink === null && answer.regeneration.regeneratorsAfterLink.length > 0, JSON.stringify(answer.regeneration))
  assert.deepEqual(checkSchema(OpticalPathAnswerSchema, answer), [])
})

test('bad queries come back as located issues', () => {
  const r = opticalPath({ links: [{ id: 'x', lengthKm: 100, kind: 'terrestrial', fiberTypeId: 'unobtainium' }], transceiverId: 'Voyager', modeId: 'mode 9' }, equipment)
  assert.equal(r.value, undefined)
  assert.ok(r.issues.some((i) => i.path === 'links[0].fiberTypeId'))
  assert.ok(r.issues.some((i) => i.path === 'modeId'))
  const s = opticalPath({ links: [{ id: 'x', lengthKm: -1, kind: 'terrestrial' }] }, equipment)
  assert.ok(s.issues.some((i) => i.path === 'links[0].lengthKm'))
  const u = unrepeateredReach({ fiberTypeId: 'ssmf', option: 'edfa', modeId: 'nope', transceiverId: 'Voyager' }, equipment)
  assert.ok(u.issues.some((i) => i.path === 'modeId'))
})

test('the unrepeatered query answers with its schema', () => {
  const u = unrepeateredReach({ fiberTypeId: 'smf28-ull', option: 'edfa+raman', modeId: 'mode 1', transceiverId: 'Voyager' }, equipment)
  assert.deepEqual(u.issues, [])
  assert.deepEqual(checkSchema(UnrepeateredAnswerSchema, u.value), [])
  assert.ok(u.value!.maxLengthKm > 200)
})

test('every link of the built-in corridor gets a line design with its assumptions', () => {
  const { links, notes } = networkLinkOptics(builtinNetwork, defaultProfile)
  assert.ok(links.length > 100)
  const tcfo = links.find((l) => l.id === 'tcfo-sumgait-aktau')!
  assert.equal(tcfo.lengthKm, 380)
  assert.match(notes.get('tcfo-sumgait-aktau') ?? '', /unknown/)
  const answer = opticalPath({ links: [tcfo], transceiverId: 'Voyager' }, equipment).value!
  assert.equal(answer.links[0].spans.length, Math.ceil(380 / 60))
  assert.ok(answer.bestMode !== null)
})
