// The corridor's GSNR per link under the amplifier-family rule (design.amplifierFamilies: EDFA at terrestrial in-line
// sites and repeaters, Raman only as a fallback or where a link declares it) against the rule before it (every
// design amplifier at every site, lowest NF: the Raman hybrid wherever a span precedes the site).
// Usage: node --import tsx bench/optical-amplifier-rule.ts [--json]
import { builtinNetwork, defaultProfile } from '../src/data'
import { type Equipment, builtinEquipment, channelComb, channelSnrs, designLink, modePlan, networkLinkOptics, propagate, terminalOsnrs01nmDb } from '../src/optical'

const equipment = builtinEquipment()
const all = ['edfa', 'raman-hybrid'] as const
const rules = equipment.library.design.amplifierFamilies
const before: Equipment = {
  ...equipment,
  library: {
    ...equipment.library,
    design: {
      ...equipment.library.design,
      amplifierFamilies: {
        terrestrialInline: { ...rules.terrestrialInline, families: [...all], fallback: [] },
        submarineRepeater: { ...rules.submarineRepeater, families: [...all], fallback: [] },
        unrepeatered: { ...rules.unrepeatered, families: [...all], fallback: [] },
      },
    },
  },
}
const mode = equipment.library.transceivers[0].modes[0]
const plan = modePlan(equipment.library.spectrum, mode)

function worstGsnr01nmDb(link: Parameters<typeof designLink>[0], eq: Equipment): number | null {
  const line = designLink(link, eq)
  if (line.unserved.length > 0) return null
  const r = propagate(line.elements, channelComb(plan), eq.library.spectrum.powerPerChannelDbm)
  return Math.min(...channelSnrs(r, terminalOsnrs01nmDb(line.elements, mode.txOsnr01nmDb)).map((c) => c.gsnr01nmDb))
}

const { links } = networkLinkOptics(builtinNetwork, defaultProfile)
const rows = links.flatMap((link) => {
  const a = worstGsnr01nmDb(link, before)
  const b = worstGsnr01nmDb(link, equipment)
  return a === null || b === null ? [] : [{ linkId: link.id, kind: link.kind, unrepeatered: link.unrepeatered === true, beforeDb: a, afterDb: b, changeDb: b - a }]
})
const changes = rows.map((r) => r.changeDb).sort((x, y) => x - y)
const median = changes.length % 2 ? changes[(changes.length - 1) / 2] : (changes[changes.length / 2 - 1] + changes[changes.length / 2]) / 2
const worst = rows.reduce((w, r) => (r.changeDb < w.changeDb ? r : w))
const summary = { links: rows.length, unchanged: rows.filter((r) => Math.abs(r.changeDb) < 1e-9).length, medianChangeDb: median, worstChange: worst, mode: mode.id, channels: channelComb(plan).frequencyHz.length }
if (process.argv.includes('--json')) console.log(JSON.stringify({ summary, rows }, null, 2))
else {
  console.log(`worst-channel GSNR (0.1 nm) per link, ${summary.channels} channels of ${equipment.library.transceivers[0].id} ${mode.id}: rule before (lowest NF anywhere) → amplifier families`)
  console.log(`${summary.links} links designed; ${summary.unchanged} unchanged; median change ${median.toFixed(2)} dB; worst ${worst.changeDb.toFixed(2)} dB on ${worst.linkId} (${worst.beforeDb.toFixed(2)} → ${worst.afterDb.toFixed(2)} dB)`)
  for (const r of rows.filter((x) => x.changeDb < -1e-9).sort((x, y) => x.changeDb - y.changeDb).slice(0, 10)) console.log(`  ${r.linkId.padEnd(36)} ${r.kind.padEnd(11)} ${r.beforeDb.toFixed(2).padStart(7)} → ${r.afterDb.toFixed(2).padStart(7)} dB (${r.changeDb.toFixed(2)})`)
}
