import type { FlowResponse, OpticalReachAnswer } from '../api'
import { num } from '../format'

/*
 * What hovering a link of the Traffic tab's overlays says of its value (and what the L key announces): the
 * figures of the API's answer for that link, in the tables' own rounding.
 */

/** A flow answer's link: "load 1,234.5 of 10,000 Gbit/s · utilisation 12.3 %", or "… · capacity unknown". */
export function flowLinkText(l: Pick<FlowResponse['links'][number], 'loadGbps' | 'capacityGbps' | 'utilisation'>): string {
  if (l.capacityGbps === null || l.utilisation === null) return `load ${num(l.loadGbps, 1)} Gbit/s · capacity unknown`
  return `load ${num(l.loadGbps, 1)} of ${num(l.capacityGbps)} Gbit/s · utilisation ${num(l.utilisation * 100, 1)} %`
}

/** An optical reach answer's link: "best 400G (mode) · margin 3.2 dB", none closing, or no line designed. */
export function opticalLinkText(l: Pick<OpticalReachAnswer['links'][number], 'designed' | 'rateGbps' | 'modeId' | 'marginDb'>): string {
  if (!l.designed) return 'line not designed (no amplifier fits)'
  const margin = `margin ${num(l.marginDb, 1)} dB`
  if (l.rateGbps <= 0) return `no mode closes · ${margin}`
  return `best ${l.rateGbps}G${l.modeId ? ` (${l.modeId})` : ''} · ${margin}`
}
