import type { Network } from '../../../src/model'
import { KIND_COLORS, NODE_COLORS, kindLabel } from '../format'
import type { RampStop } from './scales'

/**
 * What the legend explains, as data: the HTML legend and the exported PNG draw the same entries. A layer added
 * later (traffic, optical, economics) adds its entries through `Overlays.legend`, and they show in both.
 */
export type Swatch =
  | { kind: 'line'; color: string; dash?: readonly number[]; width?: number; halo?: boolean }
  | { kind: 'dot'; color: string }
  | { kind: 'fill'; color: string }
  | { kind: 'pin'; color: string; text: string }
  /** A colour scale (the link-value overlay): its stops left to right, with the end labels ("0", "100 %"). */
  | { kind: 'ramp'; stops: readonly RampStop[]; from: string; to: string }

export interface LegendEntry {
  /** Stable key (also the test's handle). */
  id: string
  label: string
  swatch: Swatch
}

/** Dash patterns of the link statuses, in line widths (MapLibre's line-dasharray); the legend draws the same. */
export const STATUS_DASH: Record<string, number[] | undefined> = { operational: undefined, 'under-construction': [3, 1.5], planned: [1, 1.6], retired: [0.5, 2] }
export const SHADE_COLOR = '#c0392b'
export const CUT_COLOR = '#d62728'
export const EMPHASIS_COLOR = '#f2c300'

/** The entries for the network as drawn: only kinds and statuses present, so every entry explains something on the map. */
export function networkLegend(network: Network): LegendEntry[] {
  const kinds = new Set(network.links.map((l) => l.kind))
  const statuses = new Set(network.links.map((l) => l.status ?? 'operational'))
  const nodeKinds = [...new Set(network.nodes.map((n) => n.kind))]
  const out: LegendEntry[] = []
  if (kinds.has('terrestrial')) out.push({ id: 'terrestrial', label: 'terrestrial link', swatch: { kind: 'line', color: KIND_COLORS.terrestrial } })
  if (kinds.has('submarine')) out.push({ id: 'submarine', label: 'submarine cable', swatch: { kind: 'line', color: KIND_COLORS.submarine } })
  if (statuses.has('under-construction')) out.push({ id: 'under-construction', label: 'under construction (halo: new)', swatch: { kind: 'line', color: '#555', dash: STATUS_DASH['under-construction'], halo: true } })
  if (statuses.has('planned')) out.push({ id: 'planned', label: 'planned (halo: new)', swatch: { kind: 'line', color: '#555', dash: STATUS_DASH.planned, halo: true } })
  if (statuses.has('retired')) out.push({ id: 'retired', label: 'retired', swatch: { kind: 'line', color: '#8a8a8a', dash: STATUS_DASH.retired } })
  out.push({ id: 'capacity', label: 'wider: higher design capacity', swatch: { kind: 'line', color: '#555', width: 5 } })
  for (const k of nodeKinds) out.push({ id: `node-${k}`, label: kindLabel(k), swatch: { kind: 'dot', color: NODE_COLORS[k] ?? '#222' } })
  return out
}

/** What a panel draws over the network, as the legend needs it (a structural subset of MapView's Overlays). */
export interface DrawnOverlays {
  paths: readonly { color: string; dashed?: boolean; label?: string }[]
  cut: readonly string[]
  circle?: unknown
  pins?: readonly { text: string; name: string }[]
  shade?: readonly string[]
  legend?: readonly LegendEntry[]
}

/** The entries for what the panel shown draws: its labelled paths, pins, shaded countries, cuts, then its own. */
export function overlayLegend(o: DrawnOverlays): LegendEntry[] {
  const out: LegendEntry[] = []
  o.paths.forEach((p, i) => p.label && out.push({ id: `path-${i}`, label: p.label, swatch: { kind: 'line', color: p.color, width: 4, ...(p.dashed ? { dash: [2, 1.2] } : {}) } }))
  for (const pin of o.pins ?? []) out.push({ id: `pin-${pin.text}`, label: pin.name, swatch: { kind: 'pin', color: '#111', text: pin.text } })
  if (o.shade?.length) out.push({ id: 'shade', label: 'country avoided', swatch: { kind: 'fill', color: SHADE_COLOR } })
  if (o.cut.length || o.circle) out.push({ id: 'cut', label: 'cut', swatch: { kind: 'line', color: CUT_COLOR, dash: [1, 0.8], width: 4 } })
  out.push(...(o.legend ?? []))
  return out
}

/** A CSS gradient of a ramp's stops, spaced by their values (the HTML legend; the PNG draws the same stops). */
export function rampGradient(stops: readonly RampStop[]): string {
  const lo = stops[0].at
  const span = stops[stops.length - 1].at - lo || 1
  return `linear-gradient(90deg, ${stops.map((s) => `${s.color} ${Math.round(((s.at - lo) / span) * 100)}%`).join(', ')})`
}

/** An entry's text as both legends print it: a ramp's label carries its range ("utilisation 0 → 100 %"). */
export const entryText = (e: LegendEntry) => (e.swatch.kind === 'ramp' ? `${e.label} ${e.swatch.from} → ${e.swatch.to}` : e.label)
