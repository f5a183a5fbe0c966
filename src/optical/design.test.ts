import { test } from 'node:test'
import assert from 'node:assert/strict'
import { builtinEquipment } from './builtin'
import { designLink, launchDeviationDb } from './design'
import { bestMode, joinLinks, regenerationPlan } from './feasibility'
import { validateEquipment } from './equipment'
import { assertValid } from '../model'

const equipment = builtinEquipment()

test("launch deviation follows GNPy's power mode: 17 dB → −1 dB, 30 dB → +3 dB (clipped), 0 dB → −2 dB (clipped)", () => {
  const d = equipment.library.design
  assert.equal(launchDeviationDb(17, d), -1)
  assert.equal(launchDeviationDb(30, d), 3)
  assert.equal(launchDeviationDb(0, d), -2)
})

test('a 400 km terrestrial link: 5 spans of 80 km, each loss 80×0.2 + connectors + 19 splices + ageing, gains restore the launch', () => {
  const line = designLink({ id: 'x', lengthKm: 400, kind: 'terrestrial' }, equipment)
  assert.equal(line.spans.length, 5)
  const expectedLossDb = 80 * 0.2 + 0.5 + 0.5 + 19 * 0.05 + 3
  for (const span of line.spans) assert.ok(Math.abs(span.lossDb - expectedLossDb) < 1e-9)
  assert.deepEqual(line.unserved, [])
  assert.ok(line.assumptions.some((a) => a.includes('80 km')))
  assert.equal(line.elements[0].kind, 'roadm')
  assert.equal(line.elements.at(-1)!.kind, 'roadm')
  assert.equal(line.elements.filter((e) => e.kind === 'amplifier').length, 6)
})

test('declared spans with a measured loss are used as given (OTDR), and a span no amplifier can serve is flagged', () => {
  const line = designLink({ id: 'y', lengthKm: 300, kind: 'terrestrial', spans: [{ lengthKm: 100, lossDb: 23.4 }, { lengthKm: 200, lossDb: 52 }] }, equipment)
  assert.equal(line.spans[0].lossDb, 23.4)
  assert.equal(line.spans[0].lossFrom, 'declared')
  assert.equal(line.unserved.length, 1)
  assert.match(line.unserved[0].reason, /needs 49\.0 dB of gain; the largest any design amplifier of the terrestrial in-line families \(edfa, raman-hybrid\) gives is 42\.0 dB/)
})

test('GSNR falls as the line grows, and a longer chain needs regenerators where a short one needs none', () => {
  const transceiver = equipment.library.transceivers.find((t) => t.id === 'Voyager')!
  const short = designLink({ id: 's', lengthKm: 400, kind: 'terrestrial' }, equipment)
  const long = designLink({ id: 'l', lengthKm: 2000, kind: 'terrestrial' }, equipment)
  const shortBest = bestMode(short.elements, transceiver, equipment)
  const longBest = bestMode(long.elements, transceiver, equipment)
  assert.ok(shortBest.margins[0].worstGsnr01nmDb > longBest.margins[0].worstGsnr01nmDb)
  assert.ok(shortBest.best !== null && shortBest.best.bitRateGbps >= (longBest.best?.bitRateGbps ?? 0))
  const mode400 = transceiver.modes.find((m) => m.bitRateGbps === 400)!
  // Links that declare Raman: 400G closes on one of them (not on an EDFA-only 400 km link, see below).
  const chain = Array.from({ length: 6 }, (_, i) => designLink({ id: `c${i}`, lengthKm: 400, kind: 'terrestrial', raman: true }, equipment).elements)
  const plan = regenerationPlan(chain, mode400, equipment)
  assert.equal(plan.blockedAtLink, null)
  assert.ok(plan.regeneratorsAfterLink.length >= 1)
  for (const segment of plan.segments) assert.ok(segment.margin.feasible)
  // Greedy is maximal: each segment plus the next link would not close.
  for (let i = 0; i + 1 < plan.segments.length; i++) {
    const s = plan.segments[i]
    assert.equal(bestMode(joinLinks(chain.slice(s.fromLink, s.toLink + 1)), { ...transceiver, modes: [mode400] }, equipment).best, null)
  }
})

test('a default spacing that would exceed the maximum span loss gets more sites, and says so', () => {
  const library = structuredClone(equipment.library)
  library.design.terrestrialAmplifierSpacingKm.value = 150
  const wide = { ...equipment, library }
  const line = designLink({ id: 'w', lengthKm: 300, kind: 'terrestrial' }, wide)
  // 150 km would be 30 + 1 + 1.85 + 3 = 35.9 dB > 28 dB; three spans of 100 km are 20 + 1 + 1.2 + 3 = 25.2 dB
  assert.equal(line.spans.length, 3)
  for (const span of line.spans) assert.ok(span.lossDb <= 28)
  assert.ok(line.assumptions.some((a) => a.includes('no span above 28 dB')))
})

test('amplifier families: EDFA at every terrestrial in-line site by default, Raman hybrids only where the link declares Raman or no EDFA reaches the gain; repeaters EDFA only', () => {
  const isRaman = (id: string | null) => equipment.amplifiers.get(id!)?.raman === true
  const edfa = designLink({ id: 'e', lengthKm: 400, kind: 'terrestrial' }, equipment)
  assert.ok(edfa.spans.every((s) => !isRaman(s.amplifierTypeId)), edfa.spans.map((s) => s.amplifierTypeId).join(', '))
  assert.ok(edfa.spans.every((s) => s.amplifierRule.startsWith('terrestrial in-line: edfa')))
  const raman = designLink({ id: 'r', lengthKm: 400, kind: 'terrestrial', raman: true }, equipment)
  assert.ok(raman.spans.every((s) => isRaman(s.amplifierTypeId)), 'lowest NF wins once Raman is allowed')
  const transceiver = equipment.library.transceivers.find((t) => t.id === 'Voyager')!
  const g = (line: typeof edfa) => bestMode(line.elements, transceiver, equipment).margins[0].worstGsnr01nmDb
  assert.ok(g(raman) > g(edfa) + 1, `declared Raman ${g(raman)} vs EDFA ${g(edfa)}`)
  // A 40 dB span (37 dB of gain after its +3 dB launch): no single-stage EDFA reaches it (std_high_gain 35 dB flat),
  // the Raman hybrid does (12 + 26 dB); with the medium+low dual stage removed, the Raman fallback serves it.
  const library = structuredClone(equipment.library)
  library.amplifiers = library.amplifiers.filter((a) => a.id !== 'medium+low_gain')
  const narrow = assertValid(validateEquipment(library), 'test library')
  const big = designLink({ id: 'b', lengthKm: 100, kind: 'terrestrial', spans: [{ lengthKm: 100, lossDb: 40 }, { lengthKm: 80 }] }, narrow)
  assert.ok(isRaman(big.spans[0].amplifierTypeId), big.spans[0].amplifierRule)
  assert.match(big.spans[0].amplifierRule, /fallback raman-hybrid/)
  assert.ok(!isRaman(big.spans[1].amplifierTypeId))
  const sub = designLink({ id: 's', lengthKm: 600, kind: 'submarine' }, equipment)
  assert.ok(sub.spans.every((s) => !isRaman(s.amplifierTypeId) && s.amplifierRule.startsWith('submarine repeater: edfa')))
})
