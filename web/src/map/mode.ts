import type { Position } from '../geo'

/** What is under a click on the map. */
export interface MapClick {
  node?: string
  link?: string
  /** The country under the click (ISO alpha-2), when on land. */
  country?: string
  lngLat: Position
}

/**
 * What a press, a drag and a click on the map mean: one mode at a time, set by the panel shown (useMapMode in
 * ../context.ts). A click the mode does not take selects what is under it.
 */
export type MapMode =
  /** Clicks select; the panel may take a click first (`onClick` returns true when it did: what-if cuts a link). */
  | { kind: 'idle'; onClick?(click: MapClick): boolean }
  /** Clicks pick nodes (route ends, link ends) or, with `anywhere`, a point (a new node; the cursor is a crosshair). `onPick` returns true when it took the click. */
  | { kind: 'pickNode'; anywhere?: boolean; onPick(click: MapClick): boolean }
  /** A click picks the country under it (undefined at sea). */
  | { kind: 'pickCountry'; onPick(country: string | undefined): void }
  /** Press at the centre and drag out the radius; a plain click gives `radiusKm` undefined. */
  | { kind: 'drawCircle'; onCircle(center: Position, radiusKm: number | undefined): void }
  /** A node follows a press-and-drag beyond DRAG_THRESHOLD_PX and moves where it is released; a click selects. */
  | { kind: 'dragNode'; onMove(id: string, to: Position): void }

export type MapModeKind = MapMode['kind']

export const IDLE: MapMode = { kind: 'idle' }

/**
 * A press on a node becomes a move only once the pointer has travelled this far, in CSS pixels. A click wobbles
 * by a pixel or two and must never move a node (issue 13: a select click recorded a 2 km move of Aktau, and it
 * was saved). MapLibre itself treats a press that moved less than 3 px as a click (its clickTolerance).
 */
export const DRAG_THRESHOLD_PX = 6

/** Whether a press that started at `from` and is now at `to` (screen pixels) is a drag, not a click. */
export function isDrag(from: { x: number; y: number }, to: { x: number; y: number }, thresholdPx = DRAG_THRESHOLD_PX): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) > thresholdPx
}

/**
 * A mode of the same kind whose handlers call those of `latest()` at the time of the event: the map binds its
 * events once per mode, while the panel's handlers see the panel's current state.
 */
export function forwarding(kind: MapModeKind, latest: () => MapMode | undefined, anywhere?: boolean): MapMode {
  const current = <K extends MapModeKind>(k: K) => {
    const mode = latest()
    return mode?.kind === k ? (mode as Extract<MapMode, { kind: K }>) : undefined
  }
  switch (kind) {
    case 'idle':
      return { kind, onClick: (click) => current('idle')?.onClick?.(click) ?? false }
    case 'pickNode':
      return { kind, anywhere, onPick: (click) => current('pickNode')?.onPick(click) ?? false }
    case 'pickCountry':
      return { kind, onPick: (country) => current('pickCountry')?.onPick(country) }
    case 'drawCircle':
      return { kind, onCircle: (center, radiusKm) => current('drawCircle')?.onCircle(center, radiusKm) }
    case 'dragNode':
      return { kind, onMove: (id, to) => current('dragNode')?.onMove(id, to) }
  }
}
