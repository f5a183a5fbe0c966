import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { lineFigures, marginOf } from '../optical'
import edfaFixture from '../optical/fixtures/gnpy-edfa-example.json'
import longFixture from '../optical/fixtures/gnpy-long-network.json'
import saturatedFixture from '../optical/fixtures/gnpy-saturated.json'
import exampleEqpt from './fixtures/gnpy/example_eqpt_config.json'
import edfaTopology from './fixtures/gnpy/edfa_example_network.json'
import saturatedTopology from './fixtures/gnpy/testTopology_lannion_lorient.json'
import longTopology from './fixtures/gnpy/test_long_network.json'
import testsEqpt from './fixtures/gnpy/tests_eqpt_config.json'
import testTopologyFull from './fixtures/gnpy/testTopology_expected.json'
import autoDesignEdfas from './fixtures/gnpy/testTopology_auto_design_edfas.json'
import { type GnpyDesignChoice, type GnpyEquipment, gnpyLine, readGnpyEquipment, readGnpyTopology } from './gnpy'

/**
 * GNPy's own files (src/io/fixtures/gnpy/README.md says where each comes from) read by the importer and
 * propagated with the SI block's spectrum and power, as `transmission_main_example` does. The expected numbers
 * are GNPy's published outputs (tests/invocation/*, cited in each src/optical/fixtures/gnpy-*.json); nothing is
 * transcribed by hand here: gains come from the importer's power-mode design.
 */
const CASES = [
  { name: 'edfa_example_network (1 × 80 km)', topology: edfaTopology, eqpt: exampleEqpt, from: 'Site_A', to: 'Site_B', fixture: edfaFixture },
  { name: 'test_long_network (15 × 80 km, 5 ROADMs)', topology: longTopology, eqpt: testsEqpt, from: 'Site A', to: 'Site B', fixture: longFixture },
  { name: 'testTopology_expected Lannion → Lorient, --pow 3', topology: saturatedTopology, eqpt: testsEqpt, from: 'lannion', to: 'lorient', power: 3, fixture: saturatedFixture },
]

function run(c: (typeof CASES)[number]) {
  const eq = readGnpyEquipment(c.eqpt)
  assert.ok(eq.value, JSON.stringify(eq.issues))
  const si = eq.value.spectrum
  const equipment: GnpyEquipment = { ...eq.value, spectrum: { ...si, powerPerChannelDbm: c.power ?? si.powerPerChannelDbm } }
  const topo = readGnpyTopology(c.topology)
  assert.ok(topo.value, JSON.stringify(topo.issues))
  const line = gnpyLine(topo.value, equipment, c.from, c.to)
  assert.ok(line.value, JSON.stringify(line.issues))
  const plan = { fMinThz: si.fMinThz, fMaxThz: si.fMaxThz, spacingGhz: si.spacingGhz, baudRateGbaud: si.baudRateGbaud }
  return { line: line.value, figures: lineFigures({ elements: line.value.elements, plan, launchPerChannelDbm: equipment.spectrum.powerPerChannelDbm, txOsnr01nmDb: si.txOsnr01nmDb }) }
}

for (const c of CASES) {
  test(`GNPy import, ${c.name}: receiver within 0.3 dB of GNPy's published GSNR/OSNR, CD, PMD and latency to its printed digits`, () => {
    const { figures } = run(c)
    const e = c.fixture.expectedReceiver
    for (const key of ['gsnr01nmDb', 'gsnrSignalBandwidthDb', 'osnrAse01nmDb', 'osnrAseSignalBandwidthDb'] as const) {
      assert.ok(Math.abs(figures[key] - e[key]) <= 0.3, `${key} ${figures[key].toFixed(3)} vs GNPy ${e[key]} (${e.source})`)
      // Measured when written: equal to GNPy's two printed decimals; 0.02 dB catches a regression early.
      assert.ok(Math.abs(figures[key] - e[key]) <= 0.02, `${key} drifted: ${figures[key].toFixed(3)} vs ${e[key]}`)
    }
    assert.equal(figures.cdPsPerNm.toFixed(2), e.cdPsPerNm.toFixed(2))
    assert.equal(figures.pmdPs.toFixed(2), e.pmdPs.toFixed(2))
    assert.equal(figures.latencyMs.toFixed(2), e.latencyMs.toFixed(2))
  })

  test(`GNPy import, ${c.name}: every channel within 0.3 dB of GNPy's`, () => {
    const { figures } = run(c)
    const expected = c.fixture.expectedChannels.channels
    assert.equal(figures.channels.length, expected.length)
    figures.channels.forEach((ch, i) => assert.ok(Math.abs(ch.gsnrSignalBandwidthDb - expected[i].gsnrSignalBandwidthDb) <= 0.3, `channel ${i + 1}`))
  })
}

test("GNPy import: power mode replaces the file's gain_target as GNPy does (edfa example: 17 dB in the file, 15 dB printed), saturated gains as printed", () => {
  const amps = (c: (typeof CASES)[number]) => run(c).figures.spans.filter((s) => s.kind === 'amplifier').map((s) => s.gainDb!.toFixed(2))
  assert.deepEqual(amps(CASES[0]), ['15.00'])
  assert.deepEqual(amps(CASES[2]), ['21.18', '27.99'])
})

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x))
const pathsOf = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path} ${i.code}`)

test('GNPy import: bad files give located issues (unknown type, missing type_variety, fibre without loss, amplifier that cannot compensate)', () => {
  const unknown = clone(edfaTopology) as { elements: Record<string, unknown>[] }
  unknown.elements[2].type = 'Amplifier'
  assert.deepEqual(pathsOf(readGnpyTopology(unknown).issues), ['elements[2].type unknown-element-type'])

  const noLoss = clone(edfaTopology) as { elements: { params?: Record<string, unknown> }[] }
  delete noLoss.elements[1].params!.loss_coef
  assert.deepEqual(pathsOf(readGnpyTopology(noLoss).issues), ['elements[1].params.loss_coef required'])

  const eq = readGnpyEquipment(exampleEqpt).value!
  const noVariety = clone(edfaTopology) as { elements: Record<string, unknown>[] }
  delete noVariety.elements[2].type_variety
  const topo = readGnpyTopology(noVariety).value!
  // No longer an error: GNPy's auto-design chooses it (the tests below compare the choices with GNPy's).
  const chosen = gnpyLine(topo, eq, 'Site_A', 'Site_B')
  assert.deepEqual(chosen.value?.design.map((d) => d.uid), [noVariety.elements[2].uid])

  const long = clone(edfaTopology) as { elements: { params?: Record<string, unknown> }[] }
  long.elements[1].params!.length = 200
  const line = gnpyLine(readGnpyTopology(long).value!, eq, 'Site_A', 'Site_B')
  assert.deepEqual(pathsOf(line.issues), ['elements[2].operational.gain_target amplifier-cannot-compensate'])
  assert.match(line.issues[0].message, /needs 39.00 dB of gain; it gives at most 18.50 dB/)

  assert.deepEqual(pathsOf(gnpyLine(readGnpyTopology(edfaTopology).value!, eq, 'Site_A', 'Nowhere').issues), ['to unknown-reference'])
})

test('GNPy import fuzz: any mutation of a valid topology or equipment file gives a value or located issues, never a throw', () => {
  const eq = readGnpyEquipment(exampleEqpt).value!
  const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.string(), fc.constant([]), fc.constant({}), fc.boolean())
  fc.assert(
    fc.property(fc.nat(), fc.constantFrom('type', 'type_variety', 'params', 'uid', 'operational', 'length', 'loss_coef', 'gain_target', 'from_node'), junk, (at, key, value) => {
      const doc = clone(edfaTopology) as { elements: Record<string, unknown>[]; connections: Record<string, unknown>[] }
      const target = at % 2 === 0 ? doc.elements[at % doc.elements.length] : doc.connections[at % doc.connections.length]
      const params = target.params as Record<string, unknown> | undefined
      const operational = target.operational as Record<string, unknown> | undefined
      if ((key === 'length' || key === 'loss_coef') && params) params[key] = value
      else if (key === 'gain_target' && operational) operational[key] = value
      else target[key] = value
      const topo = readGnpyTopology(doc)
      if (!topo.value) return topo.issues.length > 0 && topo.issues.every((i) => /^(elements|connections)\[\d+\]/.test(i.path))
      const line = gnpyLine(topo.value, eq, 'Site_A', 'Site_B')
      return line.value !== undefined || line.issues.length > 0
    }),
    { numRuns: 300 },
  )
  fc.assert(
    fc.property(fc.constantFrom('Edfa', 'Fiber', 'Span', 'Roadm', 'SI', 'Transceiver'), junk, (key, value) => {
      const doc = clone(exampleEqpt) as Record<string, unknown>
      doc[key] = value
      const result = readGnpyEquipment(doc)
      return result.value !== undefined || result.issues.some((i) => i.path.startsWith(key))
    }),
    { numRuns: 200 },
  )
})

test("GNPy penalties, as GNPy's tests/test_automaticmodefeature.py::test_propagate_and_optimize_mode sets them: ROADM pdl 0.5 dB crossed more than once is beyond mode 1's PDL table (Infinity), CD and PMD penalties 0.0", () => {
  // The test's Voyager mode 1 table and its change of the default ROADM's pdl to 0.5, on the 5-ROADM long network.
  const mode1 = {
    format: 'mode 1', baud_rate: 32e9, OSNR: 12, bit_rate: 100e9, roll_off: 0.15, tx_osnr: 45, min_spacing: 50e9, cost: 1,
    penalties: [{ chromatic_dispersion: 4e3, penalty_value: 0 }, { chromatic_dispersion: 40e3, penalty_value: 0 }, { pdl: 0.5, penalty_value: 1 }, { pmd: 30, penalty_value: 0 }],
  }
  const document = structuredClone(testsEqpt) as Record<string, unknown> & { Roadm: Record<string, unknown>[]; Transceiver: { type_variety: string; mode: unknown[] }[] }
  document.Roadm.find((r) => r.type_variety === undefined)!.pdl = 0.5
  document.Transceiver.find((t) => t.type_variety === 'Voyager')!.mode = [mode1]
  const eq = readGnpyEquipment(document)
  assert.ok(eq.value, JSON.stringify(eq.issues))
  const mode = eq.value.transceivers.find((t) => t.id === 'Voyager')!.modes[0]
  assert.deepEqual(mode.penalties?.pdlDb, [{ upTo: 0.5, penaltyDb: 1 }])
  const topo = readGnpyTopology(longTopology)
  const line = gnpyLine(topo.value!, eq.value, 'Site A', 'Site B')
  assert.ok(line.value, JSON.stringify(line.issues))
  const si = eq.value.spectrum
  const figures = lineFigures({ elements: line.value.elements, plan: { fMinThz: si.fMinThz, fMaxThz: si.fMaxThz, spacingGhz: si.spacingGhz, baudRateGbaud: 32 }, launchPerChannelDbm: si.powerPerChannelDbm, txOsnr01nmDb: 45 })
  const roadms = line.value.elements.filter((e) => e.kind === 'roadm').length
  assert.ok(Math.abs(figures.pdlDb - 0.5 * Math.sqrt(roadms)) < 1e-12)
  const worst = Math.min(...figures.channels.map((c) => c.gsnr01nmDb))
  const margin = marginOf(mode, worst, figures, si.systemMarginDb)
  const byImpairment = Object.fromEntries(margin.penalties.map((p) => [p.impairment, p.penaltyDb]))
  assert.deepEqual(byImpairment, { chromaticDispersionPsPerNm: 0, pmdPs: 0, pdlDb: null })
  assert.equal(margin.feasible, false)
  assert.ok(margin.marginDb > 0, 'GSNR alone closes mode 1: only the PDL table blocks it, as in GNPy')
})

test('GNPy penalties: a point naming no impairment, or two, is a located error', () => {
  const document = structuredClone(testsEqpt) as { Transceiver: { mode: Record<string, unknown>[] }[] }
  document.Transceiver[0].mode[0].penalties = [{ penalty_value: 1 }, { pmd: 1, pdl: 1, penalty_value: 0 }]
  const eq = readGnpyEquipment(document)
  assert.equal(eq.value, undefined)
  assert.deepEqual(eq.issues.map((i) => i.path), ['Transceiver[0].mode[0].penalties[0]', 'Transceiver[0].mode[0].penalties[1]'])
})

test("GNPy auto-design on tests/data/testTopology_expected.json in gain mode (as tests/test_parser.py::test_auto_design_generation_fromxlsgainmode): every Edfa without type_variety gets GNPy's type and gain_target from testTopology_auto_design_expected.json, but one whose upstream VOAs silkway does not model", () => {
  const document = structuredClone(testsEqpt) as { Span: Record<string, unknown>[] }
  document.Span[0].power_mode = false
  const eq = readGnpyEquipment(document)
  const topo = readGnpyTopology(testTopologyFull)
  assert.ok(eq.value && topo.value)
  const designed = new Map<string, GnpyDesignChoice>()
  const trx = topo.value.elements.filter((e) => e.type === 'Transceiver')
  for (const a of trx) {
    for (const b of trx) {
      if (a === b) continue
      const line = gnpyLine(topo.value, eq.value, a.uid, b.uid)
      if (line.value) for (const d of line.value.design) designed.set(d.uid, d)
      // The file's own gains above an amplifier's range (GNPy warns and goes on; silkway refuses the path).
      else assert.ok(line.issues.every((i) => i.code === 'no-path' || i.code === 'amplifier-cannot-compensate'), JSON.stringify(line.issues))
    }
  }
  const expected = new Map(autoDesignEdfas.edfas.map((e) => [e.uid, e]))
  const differ = [...designed.values()].filter((d) => {
    const e = expected.get(d.uid)!
    return e.typeVariety !== d.typeVariety || Math.abs(d.gainDb - e.gainTargetDb) > 0.005
  })
  assert.ok(designed.size >= 50, `${designed.size} amplifiers designed`)
  // 'east edfa in Lannion_CAS to Morlaix' has in_voa 0.5 / out_voa 0.5 dB: GNPy's gain downstream is 1 dB higher
  // (19 dB, test_fixed_gain) than silkway's 18 dB (std_low_gain). Every other choice is GNPy's, type and gain.
  assert.deepEqual(differ.map((d) => `${d.uid}: ${d.typeVariety} ${d.gainDb.toFixed(2)}`), ['west edfa in Brest_KLA to Morlaix: std_low_gain 18.00'])
})

test("GNPy auto-design on the saturated Lannion → Lorient case (--pow 3): the preamp GNPy's file leaves without type_variety; receiver within 0.3 dB of GNPy's, though the choice differs", () => {
  const topology = structuredClone(saturatedTopology) as { elements: Record<string, unknown>[] }
  const preamp = topology.elements.find((e) => e.uid === 'west edfa in Lorient_KMA to Loudeac')!
  delete preamp.type_variety
  const { line, figures } = run({ ...CASES[2], topology } as unknown as (typeof CASES)[number])
  // GNPy prints std_medium_gain at 27.99 dB (tests/invocation/transmission_saturated). silkway's select_edfa finds
  // std_medium_gain and test 1.82 dB short of the 22.82 dBm power target alike and takes test's lower NF; GNPy's
  // printed gain says it saw no shortfall. Not explained yet: a measured deviation, kept visible here.
  assert.deepEqual(line.design.map((d) => [d.uid, d.typeVariety, d.added]), [['west edfa in Lorient_KMA to Loudeac', 'test', false]])
  const e = saturatedFixture.expectedReceiver
  for (const key of ['gsnr01nmDb', 'gsnrSignalBandwidthDb', 'osnrAse01nmDb', 'osnrAseSignalBandwidthDb'] as const) assert.ok(Math.abs(figures[key] - e[key]) <= 0.3, `${key} ${figures[key]} vs ${e[key]}`)
})

/** A GNPy topology with every Edfa removed and the connections joined around them. */
function withoutAmplifiers<T>(topology: T): { elements: { uid: string; type: string }[]; connections: { from_node: string; to_node: string }[] } {
  const t = structuredClone(topology) as unknown as { elements: { uid: string; type: string }[]; connections: { from_node: string; to_node: string }[] }
  const amps = new Set(t.elements.filter((e) => e.type === 'Edfa').map((e) => e.uid))
  const next = new Map(t.connections.map((c) => [c.from_node, c.to_node]))
  const skip = (uid: string): string => (amps.has(uid) ? skip(next.get(uid)!) : uid)
  t.elements = t.elements.filter((e) => !amps.has(e.uid))
  t.connections = t.connections.filter((c) => !amps.has(c.from_node)).map((c) => ({ from_node: c.from_node, to_node: skip(c.to_node) }))
  return t
}

test('GNPy auto-design adds the amplifiers the file leaves out, named as GNPy names them: booster after a ROADM, preamp before one, in-line between two fibres', () => {
  const eq = readGnpyEquipment(testsEqpt).value!
  const topology = withoutAmplifiers(longTopology)
  const line = gnpyLine(readGnpyTopology(topology).value!, eq, 'Site A', 'Site B')
  assert.ok(line.value, JSON.stringify(line.issues))
  const uids = line.value.uids
  const added = line.value.design.filter((d) => d.added).map((d) => d.uid)
  const expected = uids.filter((u, i) => {
    const kind = (x: string) => topology.elements.find((e) => e.uid === x)?.type
    return kind(u) === undefined && (kind(uids[i - 1]) === 'Roadm' || kind(uids[i - 1]) === 'Fiber')
  })
  assert.deepEqual(added, expected)
  assert.ok(added.some((u) => u.startsWith('Edfa_booster_')) && added.some((u) => u.startsWith('Edfa_preamp_')), added.join(', '))
  // No ROADM touches a fibre any more, and no fibre follows a fibre (the long network has no Fused).
  const kinds = line.value.elements.map((e) => e.kind)
  for (let i = 1; i < kinds.length; i++) assert.ok(kinds[i - 1] === 'amplifier' || kinds[i] === 'amplifier', `${kinds[i - 1]} → ${kinds[i]}`)
  const inline = withoutAmplifiers(edfaTopology)
  const fiber = inline.elements.find((e) => e.type === 'Fiber')!
  inline.elements.push({ ...structuredClone(fiber), uid: 'second fibre' })
  inline.connections = inline.connections.map((c) => (c.from_node === fiber.uid ? { from_node: 'second fibre', to_node: c.to_node } : c))
  inline.connections.push({ from_node: fiber.uid, to_node: 'second fibre' })
  const two = gnpyLine(readGnpyTopology(inline).value!, readGnpyEquipment(exampleEqpt).value!, 'Site_A', 'Site_B')
  assert.deepEqual(two.value?.design.map((d) => d.uid), [`Edfa_${fiber.uid}`])
})

test('GNPy auto-design: an Edfa without type_variety when no amplifier may be chosen is a located error', () => {
  const document = structuredClone(exampleEqpt) as { Edfa: Record<string, unknown>[] }
  for (const e of document.Edfa) e.allowed_for_design = false
  const topology = structuredClone(edfaTopology) as { elements: Record<string, unknown>[] }
  const i = topology.elements.findIndex((e) => e.type === 'Edfa')
  delete topology.elements[i].type_variety
  const line = gnpyLine(readGnpyTopology(topology).value!, readGnpyEquipment(document).value!, 'Site_A', 'Site_B')
  assert.equal(line.value, undefined)
  assert.equal(line.issues[0].path, `elements[${i}].type_variety`)
  assert.equal(line.issues[0].code, 'no-amplifier')
})
