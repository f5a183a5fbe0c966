/** The span diagram's geometry: pure, so the drawing (panels/LinkOptics.tsx) only places what this computes. */

export interface SpanLike {
  lengthKm: number
  lossDb: number
  amplifierTypeId: string | null
}

export interface SpanBox {
  index: number
  /** Where the span starts and ends along the strip, in the strip's units. */
  x0: number
  x1: number
  lengthKm: number
  lossDb: number
}

export interface AmplifierSite {
  /** Along the strip. */
  x: number
  /** The amplifier type at the end of a span; null where none could be chosen (the line is not designed there). */
  amplifierTypeId: string | null
  /** The receiving terminal's preamp (the last span's amplifier) rather than a line site. */
  terminal: boolean
}

/**
 * Spans laid end to end over `width` (proportional to their lengths, each at least `minWidth` so a short span
 * stays visible), with an amplifier site at the end of each: the last one is the far terminal's preamp.
 */
export function spanLayout(spans: readonly SpanLike[], width: number, minWidth = 6): { spans: SpanBox[]; sites: AmplifierSite[] } {
  const totalKm = spans.reduce((s, x) => s + x.lengthKm, 0)
  if (spans.length === 0 || !(totalKm > 0)) return { spans: [], sites: [] }
  const floor = Math.min(minWidth, width / spans.length)
  const spare = width - floor * spans.length
  const boxes: SpanBox[] = []
  const sites: AmplifierSite[] = []
  let x = 0
  spans.forEach((s, i) => {
    const w = floor + (spare * s.lengthKm) / totalKm
    boxes.push({ index: i + 1, x0: x, x1: x + w, lengthKm: s.lengthKm, lossDb: s.lossDb })
    x += w
    sites.push({ x, amplifierTypeId: s.amplifierTypeId, terminal: i === spans.length - 1 })
  })
  return { spans: boxes, sites }
}
