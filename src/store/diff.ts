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

const field = (base: string, key: string) => (base === '' ? key : `${base}.${key}`)

/** A pair of values still to compare, at `path`. */
interface Pending {
  before: Json | undefined
  after: Json | undefined
  path: string
}

/** An own property only: a document's missing `constructor` or `__proto__` is absent, not Object's. */
const own = (object: Record<string, Json>, key: string): Json | undefined => (Object.hasOwn(object, key) ? object[key] : undefined)

/** Compares one pair: records an entry, or answers the pairs of children to compare, in document order. */
function step({ before, after, path }: Pending, out: DiffEntry[]): Pending[] {
  if (before === after) return []
  if (before === undefined) {
    out.push({ op: 'add', path, after })
    return []
  }
  if (after === undefined) {
    out.push({ op: 'remove', path, before })
    return []
  }
  // Children equal by identity (most fields of a large network) are skipped here rather than queued.
  const children: Pending[] = []
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      const next = own(after, key)
      if (before[key] !== next) children.push({ before: before[key], after: next, path: field(path, key) })
    }
    for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) children.push({ before: undefined, after: after[key], path: field(path, key) })
    return children
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyedById(before)
    const b = keyedById(after)
    if (a && b) {
      for (const [id, item] of a) if (item !== b.get(id)) children.push({ before: item, after: b.get(id), path: `${path}[id=${id}]` })
      for (const [id, item] of b) if (!a.has(id)) children.push({ before: undefined, after: item, path: `${path}[id=${id}]` })
      return children
    }
    if (before.length === after.length) {
      for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) children.push({ before: before[i], after: after[i], path: `${path}[${i}]` })
      return children
    }
  }
  out.push({ op: 'change', path: path || '(root)', before, after })
  return []
}

/** The entries turning `before` into `after`; `before` undefined means the document is new. */
export function diffDocuments(before: unknown, after: unknown, limit = 500): DocumentDiff {
  const entries: DiffEntry[] = []
  // An explicit stack, not recursion: a document's depth is the user's, and must not reach the call stack's.
  const stack: Pending[] = [{ before: before as Json | undefined, after: after as Json | undefined, path: '' }]
  for (let pending = stack.pop(); pending; pending = stack.pop()) {
    const children = step(pending, entries)
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  for (const entry of entries) if (entry.path === '') entry.path = '(root)'
  return {
    added: entries.filter((e) => e.op === 'add').length,
    removed: entries.filter((e) => e.op === 'remove').length,
    changed: entries.filter((e) => e.op === 'change').length,
    entries: entries.slice(0, limit),
    truncated: entries.length > limit,
  }
}
