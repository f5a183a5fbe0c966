/**
 * Structural difference between two JSON documents, readable by a planner: arrays whose items all carry a
 * unique string `id` (nodes, links, sources, srlgs) are matched by id, so moving one node is one entry and
 * not a shifted array. Paths read `nodes[id=frankfurt].lat`; other array items are addressed by index.
 */
export interface DiffEntry {
  op: 'add' | 'remove' | 'change'
  path: string
  before?: unknown
  after?: unknown
}

export interface DocumentDiff {
  added: number
  removed: number
  changed: number
  /** The first `limit` entries; `truncated` says whether there were more. */
  entries: DiffEntry[]
  truncated: boolean
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function keyedById(items: Json[]): Map<string, Json> | undefined {
  const map = new Map<string, Json>()
  for (const item of items) {
    if (!isObject(item) || typeof item.id !== 'string' || map.has(item.id)) return undefined
    map.set(item.id, item)
  }
  return map
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((item, i) => same(item, bb[i]))
  }
  const ka = Object.keys(a as object)
  const kb = Object.keys(b as object)
  if (ka.length !== kb.length) return false
  return ka.every((k) => Object.hasOwn(b as object, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

const field = (base: string, key: string) => (base === '' ? key : `${base}.${key}`)

function walk(before: Json | undefined, after: Json | undefined, path: string, out: DiffEntry[]): void {
  if (same(before, after)) return
  if (before === undefined) {
    out.push({ op: 'add', path, after })
    return
  }
  if (after === undefined) {
    out.push({ op: 'remove', path, before })
    return
  }
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) walk(before[key], after[key], field(path, key), out)
    for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) walk(undefined, after[key], field(path, key), out)
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyedById(before)
    const b = keyedById(after)
    if (a && b) {
      for (const [id, item] of a) walk(item, b.get(id), `${path}[id=${id}]`, out)
      for (const [id, item] of b) if (!a.has(id)) walk(undefined, item, `${path}[id=${id}]`, out)
      return
    }
    if (before.length === after.length) {
      before.forEach((item, i) => walk(item, after[i], `${path}[${i}]`, out))
      return
    }
  }
  out.push({ op: 'change', path: path || '(root)', before, after })
}

/** The entries turning `before` into `after`; `before` undefined means the document is new. */
export function diffDocuments(before: unknown, after: unknown, limit = 500): DocumentDiff {
  const entries: DiffEntry[] = []
  walk(before as Json | undefined, after as Json | undefined, '', entries)
  for (const entry of entries) if (entry.path === '') entry.path = '(root)'
  return {
    added: entries.filter((e) => e.op === 'add').length,
    removed: entries.filter((e) => e.op === 'remove').length,
    changed: entries.filter((e) => e.op === 'change').length,
    entries: entries.slice(0, limit),
    truncated: entries.length > limit,
  }
}
