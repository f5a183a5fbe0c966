import type { Feature, NetworkLayers, Position } from '../geo'
import { kindLabel, statusLabel } from '../format'

/**
 * Keyboard access to the map's features (WCAG 2.1.1): with the map focused, N and Shift+N step through the
 * nodes in view, L and Shift+L through the links, Enter acts on the one reached as a click would, Escape lets
 * go. MapLibre's own keyboard handler keeps the arrows (pan) and +/− (zoom), so these keys do not collide.
 */
export type KeyTarget = { type: 'node' | 'link'; id: string; feature: number; position: Position; label: string; country?: string }

/** What a key does on the focused map; undefined: not ours (MapLibre's or the browser's). */
export type KeyAction = { step: 'node' | 'link'; by: 1 | -1 } | { act: true } | { clear: true }

export function keyAction(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): KeyAction | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined
  switch (e.key) {
    case 'n':
      return { step: 'node', by: 1 }
    case 'N':
      return { step: 'node', by: -1 }
    case 'l':
      return { step: 'link', by: 1 }
    case 'L':
      return { step: 'link', by: -1 }
    case 'Enter':
      return { act: true }
    case 'Escape':
      return { clear: true }
    default:
      return undefined
  }
}

type Bounds = { contains(p: Position): boolean }

/** A line's middle vertex: where a link is announced and framed, and how links are ordered. */
const middle = (line: readonly Position[]) => line[Math.floor(line.length / 2)]

/**
 * The nodes or links in view, west to east (then south to north): the order a sighted reader scans the map,
 * stable while the view stands still. A link is in view when any of its vertices is.
 */
export function targetsInView(layers: NetworkLayers, type: 'node' | 'link', bounds: Bounds): KeyTarget[] {
  const targets: KeyTarget[] =
    type === 'node'
      ? layers.nodes.features.filter((f) => bounds.contains(f.geometry.coordinates)).map((f) => target('node', f, f.geometry.coordinates))
      : layers.links.features.filter((f) => f.geometry.coordinates.some((p) => bounds.contains(p))).map((f) => target('link', f, middle(f.geometry.coordinates)))
  return targets.sort((a, b) => a.position[0] - b.position[0] || a.position[1] - b.position[1] || (a.id < b.id ? -1 : 1))
}

function target(type: 'node' | 'link', f: Feature<unknown>, position: Position): KeyTarget {
  const p = f.properties
  const label = type === 'node' ? `${p.name}, ${kindLabel(String(p.kind))}${p.country ? `, ${p.country}` : ''}` : `${p.name}, ${kindLabel(String(p.kind))} link, ${statusLabel(String(p.status))}`
  return { type, id: String(p.id), feature: Number(f.id), position, label, ...(type === 'node' && p.country ? { country: String(p.country) } : {}) }
}

/** The next target after `current` (by id) in `targets`, wrapping; the first (or last, going back) when `current` is not among them. */
export function stepTarget(targets: readonly KeyTarget[], current: { type: string; id: string } | undefined, by: 1 | -1): KeyTarget | undefined {
  if (targets.length === 0) return undefined
  const at = current ? targets.findIndex((t) => t.type === current.type && t.id === current.id) : -1
  if (at < 0) return by > 0 ? targets[0] : targets[targets.length - 1]
  return targets[(at + by + targets.length) % targets.length]
}

/**
 * What the live region says when a target is reached: "Aktau, landing station, KZ: node 3 of 17 in view. Enter
 * to open." A link of a panel's value overlay adds what hovering it shows (`value`, LinkValue.text).
 */
export function announce(t: KeyTarget, targets: readonly KeyTarget[], value?: string): string {
  const at = targets.findIndex((x) => x.id === t.id) + 1
  return `${t.label}${value ? `, ${value}` : ''}: ${t.type} ${at} of ${targets.length} in view. Enter to open, Escape to let go.`
}
