/**
 * Colour and width scales of the link-value overlay (`Overlays.links`): pure functions from a number to what the
 * map draws, shared by the map, its legend and the PNG export. A value that is not known (a link of unknown
 * capacity, a line the optics could not design) gets its own colour, never the colour of zero or of the maximum.
 */

/** A colour ramp: stops in increasing `at`, linear in sRGB between them, clamped at the ends. */
export interface RampStop {
  at: number
  color: string
}

const hex = (color: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color)
  if (!m) throw new Error(`not a #rrggbb colour: ${color}`)
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)]
}
const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`

/** The ramp's colour at `x`. */
export function rampColor(stops: readonly RampStop[], x: number): string {
  if (stops.length === 0) throw new Error('a ramp needs stops')
  if (!(x > stops[0].at)) return stops[0].color
  const last = stops[stops.length - 1]
  if (x >= last.at) return last.color
  const i = stops.findIndex((s) => s.at > x)
  const lo = stops[i - 1]
  const hi = stops[i]
  const t = (x - lo.at) / (hi.at - lo.at)
  const a = hex(lo.color)
  const b = hex(hi.color)
  return toHex(a.map((c, k) => c + (b[k] - c) * t))
}

/** Drawn where the value is unknown (capacity not published, line not designed): grey, and dashed on the map. */
export const UNKNOWN_COLOR = '#8a8a8a'

/** Utilisation 0 → 1: light blue (idle) through yellow to red (full). */
export const UTILISATION_RAMP: readonly RampStop[] = [
  { at: 0, color: '#9ecae1' },
  { at: 0.5, color: '#f2c300' },
  { at: 0.8, color: '#f28e2b' },
  { at: 1, color: '#d62728' },
]
/** Load beyond capacity: a colour outside the ramp, so an overload never reads as "nearly full". */
export const OVERLOAD_COLOR = '#6a1b9a'

/** A link's colour by utilisation (load ÷ capacity); null is a link of unknown capacity. */
export function utilisationColor(utilisation: number | null): string {
  if (utilisation === null || !Number.isFinite(utilisation)) return UNKNOWN_COLOR
  return utilisation > 1 + 1e-9 ? OVERLOAD_COLOR : rampColor(UTILISATION_RAMP, utilisation)
}

/** Optical margin, dB: below 0 the line does not close (red); 0–3 dB thin (orange to yellow); 6 dB and more green. */
export const MARGIN_RAMP: readonly RampStop[] = [
  { at: 0, color: '#f28e2b' },
  { at: 3, color: '#f2c300' },
  { at: 6, color: '#1a9850' },
]
export const NO_MARGIN_COLOR = '#d62728'

/** A link's colour by its best mode's margin in dB; null is a line the optics could not design. */
export function marginColor(marginDb: number | null): string {
  if (marginDb === null || !Number.isFinite(marginDb)) return UNKNOWN_COLOR
  return marginDb < 0 ? NO_MARGIN_COLOR : rampColor(MARGIN_RAMP, marginDb)
}

/**
 * The highest rate per wavelength that closes, by the rank of that rate among the transceiver's rates: 0 (none
 * closes) red, the lowest rate orange, the highest green. `rates` are the rates the answer can hold.
 */
export function rateColor(rateGbps: number | null, rates: readonly number[]): string {
  if (rateGbps === null || !Number.isFinite(rateGbps)) return UNKNOWN_COLOR
  if (rateGbps <= 0) return NO_MARGIN_COLOR
  const sorted = [...new Set(rates.filter((r) => r > 0))].sort((a, b) => a - b)
  if (sorted.length <= 1) return '#1a9850'
  const rank = sorted.filter((r) => r < rateGbps).length / (sorted.length - 1)
  return rampColor(RATE_RAMP, Math.min(1, rank))
}
export const RATE_RAMP: readonly RampStop[] = [
  { at: 0, color: '#f28e2b' },
  { at: 0.5, color: '#f2c300' },
  { at: 1, color: '#1a9850' },
]

/**
 * Line width by capacity, on a log scale: link capacities span 100 Gbit/s to hundreds of Tbit/s, so a linear
 * width would draw every terrestrial link as a hairline beside one submarine cable. 100 Gbit/s or less is 1.5 px,
 * each factor of ten adds 1.6 px, capped at 9 px. Unknown capacity: UNKNOWN_WIDTH_PX (and dashed), never 0 or the cap.
 */
export function capacityWidthPx(capacityGbps: number | null): number {
  if (capacityGbps === null || !Number.isFinite(capacityGbps)) return UNKNOWN_WIDTH_PX
  return Math.min(9, Math.max(1.5, 1.5 + 1.6 * Math.log10(Math.max(capacityGbps, 1) / 100)))
}
export const UNKNOWN_WIDTH_PX = 2.5
