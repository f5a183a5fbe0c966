// The optical layer timed: the whole built-in corridor designed and propagated at 96 channels, and a 15 × 80 km
// line's per-channel NLI next to a straightforward per-channel implementation of the same GN formula (the peer,
// written here); with GNPY_SRC set (a GNPy source checkout, run by /usr/bin/python3), also GNPy on its own two
// example networks, with the per-channel GSNR difference.
// Usage: node --import tsx bench/optical.ts [--json] [--quick]; `npm run bench` runs it after the graph and resilience rows.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { builtinNetwork, defaultProfile } from '../src/data'
import {
  builtinEquipment,
  channelComb,
  channelSnrs,
  designLink,
  gnEtaMatrix,
  networkLinkOptics,
  noiseModel,
  propagate,
  spanNliW,
  terminalOsnrs01nmDb,
  type AmplifierType,
  type LineElement,
} from '../src/optical'
import edfaExample from '../src/optical/fixtures/gnpy-edfa-example.json'
import longNetwork from '../src/optical/fixtures/gnpy-long-network.json'
import saturated from '../src/optical/fixtures/gnpy-saturated.json'

const json = process.argv.includes('--json')
// --quick: one timed run each instead of the best of several (the figures are then a ceiling, not a best).
const runsOf = (n: number) => (process.argv.includes('--quick') ? 1 : n)
const plan96 = { fMinThz: 191.3, fMaxThz: 196.1, spacingGhz: 50, baudRateGbaud: 32 }
const equipment = builtinEquipment()

function best<T>(runs: number, f: () => T): { ms: number; value: T } {
  let ms = Number.POSITIVE_INFINITY
  let value!: T
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    value = f()
    ms = Math.min(ms, performance.now() - t0)
  }
  return { ms, value }
}

// 1. The corridor: every link designed, every line propagated with 96 channels.
const corridor = best(runsOf(5), () => {
  const { links } = networkLinkOptics(builtinNetwork, defaultProfile)
  let worst = { id: '', gsnr01nmDb: Number.POSITIVE_INFINITY }
  for (const link of links) {
    const line = designLink(link, equipment)
    if (line.unserved.length > 0) continue
    const r = propagate(line.elements, channelComb(plan96), 0)
    const g = Math.min(...channelSnrs(r, terminalOsnrs01nmDb(line.elements, 40)).map((c) => c.gsnr01nmDb))
    if (g < worst.gsnr01nmDb) worst = { id: link.id, gsnr01nmDb: g }
  }
  return { links: links.length, worst }
})

// 2. 15 × 80 km SSMF, 96 channels: per-channel NLI of every span.
const ssmf = { lengthKm: 80, lossDbPerKm: 0.2, dispersionPsPerNmKm: 16.7, effectiveAreaUm2: 83, n2M2PerW: 2.6e-20, pmdPsPerSqrtKm: 0.04, groupIndex: 1.468 }
const comb = channelComb(plan96)
const powerW = new Float64Array(comb.frequencyHz.length).fill(1e-3)
const ours = best(runsOf(5), () => {
  let sum = 0
  for (let s = 0; s < 15; s++) sum += spanNliW(gnEtaMatrix(comb, ssmf), powerW).reduce((a, b) => a + b, 0)
  return sum
})

/** The peer: the same closed form (Poggiolini 2012 eq. 120), written channel by channel with every term recomputed. */
function naiveSpanNli(frequencyHz: Float64Array, baud: Float64Array, pW: Float64Array): number[] {
  const c = 299_792_458
  const out: number[] = []
  for (let i = 0; i < frequencyHz.length; i++) {
    let acc = 0
    for (let j = 0; j < frequencyHz.length; j++) {
      const alpha = (ssmf.lossDbPerKm * 1e-3) / (10 * Math.log10(Math.E))
      const lEff = (1 - Math.exp(-alpha * ssmf.lengthKm * 1000)) / alpha
      const fRef = c / 1550e-9
      const beta2 = Math.abs((c * ssmf.dispersionPsPerNmKm * 1e-6) / (2 * Math.PI * fRef * fRef))
      const a = Math.PI * 4.2e-6 ** 2
      const aeff = a / (a / (ssmf.effectiveAreaUm2 * 1e-12) + Math.log(frequencyHz[i] / fRef))
      const gamma = (2 * Math.PI * ssmf.n2M2PerW * frequencyHz[i]) / (c * aeff)
      const df = frequencyHz[j] - frequencyHz[i]
      const k = Math.PI ** 2 * (1 / alpha) * beta2 * baud[i]
      const psi = ((Math.asinh(k * (df + baud[j] / 2)) - Math.asinh(k * (df - baud[j] / 2))) / 2) * (lEff ** 2 / (2 * Math.PI * beta2 * (1 / alpha)))
      acc += (gamma ** 2 * (i === j ? 16 / 27 : 32 / 27) * psi * pW[j] ** 2) / baud[j] ** 2
    }
    out.push(acc * pW[i])
  }
  return out
}
const peer = best(runsOf(3), () => {
  let sum = 0
  for (let s = 0; s < 15; s++) sum += naiveSpanNli(comb.frequencyHz, comb.baudRate, powerW).reduce((a, b) => a + b, 0)
  return sum
})
const nliAgreement = Math.abs(ours.value / peer.value - 1)

// 3. GNPy, when a checkout is given.
type Fixture = typeof edfaExample
const gnpyRows: { case: string; gnpyMs: number; silkwayMs: number; maxGsnrDiffDb: number; channels: number }[] = []
const gnpySrc = process.env.GNPY_SRC
if (gnpySrc) {
  const cases: [Fixture, string, string, string[]][] = [
    [edfaExample, 'gnpy/example-data/edfa_example_network.json', 'gnpy/example-data/eqpt_config.json', []],
    [longNetwork as Fixture, 'tests/data/test_long_network.json', 'tests/data/eqpt_config.json', []],
    [saturated as Fixture, 'tests/data/testTopology_expected.json', 'tests/data/eqpt_config.json', ['trx Lannion_CAS', 'trx Lorient_KMA', '--pow', '3']],
  ]
  for (const [fixture, topology, eqpt, extra] of cases) {
    const t0 = performance.now()
    const run = spawnSync('/usr/bin/python3', [fileURLToPath(new URL('./optical-gnpy.py', import.meta.url)), topology, eqpt, ...extra], { env: { ...process.env, GNPY_SRC: gnpySrc }, encoding: 'utf8', maxBuffer: 1 << 26 })
    const gnpyMs = performance.now() - t0
    if (run.status !== 0) {
      console.error(`GNPy did not run on ${topology}: ${run.stderr.slice(-500)}`)
      continue
    }
    const gnpy = JSON.parse(run.stdout) as { channels: { gsnrSignalBandwidthDb: number }[] }
    const types = new Map(fixture.amplifierTypes.map((t) => [t.id, t as AmplifierType]))
    const elements = fixture.elements.map((e) => (e.kind === 'amplifier' ? { ...e, noiseModel: noiseModel(types.get(e.amplifierTypeId as string)!, types) } : e)) as LineElement[]
    const timed = best(5, () => channelSnrs(propagate(elements, channelComb(fixture.spectrum), fixture.launchPerChannelDbm), terminalOsnrs01nmDb(elements, fixture.spectrum.txOsnr01nmDb)))
    const maxGsnrDiffDb = Math.max(...timed.value.map((c, i) => Math.abs(c.gsnrSignalBandwidthDb - gnpy.channels[i].gsnrSignalBandwidthDb)))
    gnpyRows.push({ case: fixture.name, gnpyMs, silkwayMs: timed.ms, maxGsnrDiffDb, channels: gnpy.channels.length })
  }
}

const report = {
  corridor: { links: corridor.value.links, ms: corridor.ms, budgetMs: 1000, worstLink: corridor.value.worst },
  nli15x80: { silkwayMs: ours.ms, peerMs: peer.ms, ratio: peer.ms / ours.ms, relativeAgreement: nliAgreement },
  gnpy: gnpySrc ? gnpyRows : 'skipped: set GNPY_SRC to a GNPy source checkout (numpy, scipy, networkx for /usr/bin/python3)',
}
if (json) console.log(JSON.stringify(report, null, 2))
else {
  console.log(`corridor: ${corridor.value.links} links designed and propagated at 96 channels in ${corridor.ms.toFixed(1)} ms (budget 1000 ms); lowest GSNR ${corridor.value.worst.gsnr01nmDb.toFixed(2)} dB (0.1 nm) on ${corridor.value.worst.id}`)
  console.log(`15 × 80 km, 96 ch, per-channel NLI: silkway ${ours.ms.toFixed(1)} ms, per-channel peer ${peer.ms.toFixed(1)} ms (×${(peer.ms / ours.ms).toFixed(1)}), same result to ${nliAgreement.toExponential(1)}`)
  if (!gnpySrc) console.log(`GNPy: ${report.gnpy}`)
  for (const row of gnpyRows) console.log(`GNPy ${row.case}: ${row.channels} channels, max |ΔGSNR| ${row.maxGsnrDiffDb.toFixed(3)} dB; GNPy process ${row.gnpyMs.toFixed(0)} ms (incl. Python start-up), silkway ${row.silkwayMs.toFixed(2)} ms`)
}
