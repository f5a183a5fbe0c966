import type { Network, NetworkLink, NetworkNode } from '../../src/model'
import type { Diff } from './api'
import { capacity, kindLabel, num, statusLabel } from './format'
import { type Position, greatCircleKm } from './geo'

/**
 * A revision's diff as a person reads it: one line per record (node, link, source, …) that the revision added,
 * removed or changed, e.g. "moved Aktau 2.1 km", "added link Baku – Aktau (380 km, submarine, TCFO)",
 * "changed length of Baku – Aktau 300 → 380 km". The server's diff (src/store/diff.ts) lists leaf paths; this
 * groups them by record, so the counts say how many records changed, not how many JSON fields.
 */
export interface HumanChange {
  change: 'added' | 'removed' | 'changed'
  /** The record, as `node:aktau`, `link:tcfo`, `source:s1`, `scenario:title`: one line per record. */
  key: string
  text: string
}

export interface HumanDiff {
  lines: HumanChange[]
  counts: { added: number; removed: number; changed: number }
  /** The server cut its diff short: there are more changes than these. */
  truncated: boolean
}

type Entry = Diff['entries'][number]
type Json = unknown
type Rec = Record<string, Json>

const isRec = (x: Json): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x)

/** A record collection of a network or scenario document, and what its records are. */
interface Collection {
  type: 'node' | 'link' | 'source' | 'shared-risk group' | 'declared chain'
  /** addNodes, modifyNodes, removeNodes of a scenario; `record` for a network's own arrays. */
  role: 'record' | 'add' | 'modify' | 'remove'
}

const COLLECTIONS: Record<string, Collection> = {
  nodes: { type: 'node', role: 'record' },
  links: { type: 'link', role: 'record' },
  srlgs: { type: 'shared-risk group', role: 'record' },
  declaredChains: { type: 'declared chain', role: 'record' },
  'changes.addNodes': { type: 'node', role: 'add' },
  'changes.addLinks': { type: 'link', role: 'add' },
  'changes.modifyNodes': { type: 'node', role: 'modify' },
  'changes.modifyLinks': { type: 'link', role: 'modify' },
  'changes.removeNodes': { type: 'node', role: 'remove' },
  'changes.removeLinks': { type: 'link', role: 'remove' },
}
/** Containers whose keys are walked into when the server's diff adds or removes them whole. */
const CONTAINERS = new Set(['(root)', 'changes'])

/** One field of one record changed: `before`/`after` undefined for a field set or cleared; `deep` when below the field. */
interface FieldChange {
  field: string
  before?: Json
  after?: Json
  deep: boolean
}

interface RecordDelta {
  collection: string
  id: string
  op: 'add' | 'remove' | 'change'
  before?: Json
  after?: Json
  fields: FieldChange[]
}

/** Where names and positions of records come from: the stored network (and a scenario's own added nodes). */
export interface DiffContext {
  nodes: ReadonlyMap<string, NetworkNode>
  links: ReadonlyMap<string, NetworkLink>
}

export function diffContext(...networks: (Pick<Network, 'nodes' | 'links'> | undefined)[]): DiffContext {
  const nodes = new Map<string, NetworkNode>()
  const links = new Map<string, NetworkLink>()
  for (const n of networks) {
    for (const node of n?.nodes ?? []) if (!nodes.has(node.id)) nodes.set(node.id, node)
    for (const link of n?.links ?? []) if (!links.has(link.id)) links.set(link.id, link)
  }
  return { nodes, links }
}

const ID_PATH = /^(.*?)\[id=([^\]]*)\](?:\.(.*))?$/

/** Splits the diff's entries into record deltas and document-level fields, expanding containers added whole. */
function deltas(entries: readonly Entry[]): { records: RecordDelta[]; document: FieldChange[] } {
  const records = new Map<string, RecordDelta>()
  const document: FieldChange[] = []
  const record = (collection: string, id: string, op: RecordDelta['op']) => {
    const key = `${collection}\u0000${id}`
    let r = records.get(key)
    if (!r) records.set(key, (r = { collection, id, op, fields: [] }))
    return r
  }
  const idList = (collection: string, before: Json, after: Json) => {
    const was = new Set(Array.isArray(before) ? before.map(String) : [])
    const now = new Set(Array.isArray(after) ? after.map(String) : [])
    for (const id of now) if (!was.has(id)) record(collection, id, 'add')
    for (const id of was) if (!now.has(id)) record(collection, id, 'remove')
  }
  const keyed = (collection: string, before: Json, after: Json) => {
    const byId = (x: Json) => new Map((Array.isArray(x) ? x : []).filter(isRec).map((r) => [String(r.id), r]))
    const was = byId(before)
    const now = byId(after)
    for (const [id, r] of now) {
      const old = was.get(id)
      if (!old) Object.assign(record(collection, id, 'add'), { after: r })
      else if (JSON.stringify(old) !== JSON.stringify(r)) Object.assign(record(collection, id, 'change'), { before: old, after: r, fields: fieldsOf(old, r) })
    }
    for (const [id, r] of was) if (!now.has(id)) Object.assign(record(collection, id, 'remove'), { before: r })
  }
  const visit = (path: string, before: Json, after: Json) => {
    const collection = COLLECTIONS[path]
    if (collection?.role === 'remove') return idList(path, before, after)
    if (collection) return keyed(path, before, after)
    // A network's `sources` are records (with ids); a scenario's are source ids.
    if (path === 'sources' && [before, after].some((x) => Array.isArray(x) && x.some(isRec))) return keyed(path, before, after)
    if (CONTAINERS.has(path) && (isRec(before) || before === undefined) && (isRec(after) || after === undefined)) {
      const b = (before ?? {}) as Rec
      const a = (after ?? {}) as Rec
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) visit(path === '(root)' ? key : `${path}.${key}`, b[key], a[key])
      }
      return
    }
    const [field, ...rest] = path.split(/[.[]/)
    document.push({ field, before: rest.length ? undefined : before, after: rest.length ? undefined : after, deep: rest.length > 0 })
  }
  for (const e of entries) {
    const m = ID_PATH.exec(e.path)
    if (m && (COLLECTIONS[m[1]] || m[1] === 'sources')) {
      const [, collection, id, rest] = m
      if (rest === undefined) {
        Object.assign(record(collection, id, e.op), { before: e.before, after: e.after })
        continue
      }
      // A field of a record (or of a scenario's modify entry, below `set`).
      const r = record(collection, id, 'change')
      const inner = rest.startsWith('set.') ? rest.slice(4) : rest
      const [field, ...deeper] = inner.split(/[.[]/)
      r.fields.push({ field, before: deeper.length ? undefined : e.before, after: deeper.length ? undefined : e.after, deep: deeper.length > 0 })
      continue
    }
    const top = /^(changes\.(?:add|modify|remove)(?:Nodes|Links))(\[\d+\])?/.exec(e.path)
    if (top && COLLECTIONS[top[1]]?.role === 'remove' && top[2]) {
      // An id list of the same length: one position holds another id.
      idList(top[1], e.before === undefined ? [] : [e.before], e.after === undefined ? [] : [e.after])
      continue
    }
    visit(e.path, e.before, e.after)
  }
  return { records: [...records.values()], document }
}

/** The fields that differ between two versions of a record (a scenario's modify entry compares its `set`). */
function fieldsOf(before: Rec, after: Rec): FieldChange[] {
  const b = isRec(before.set) || isRec(after.set) ? ((before.set ?? {}) as Rec) : before
  const a = isRec(before.set) || isRec(after.set) ? ((after.set ?? {}) as Rec) : after
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => k !== 'id' && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field], deep: false }))
}

const quote = (s: string) => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`
const FIELD_WORDS: Record<string, string> = {
  lengthKm: 'length',
  designCapacityGbps: 'design capacity',
  litCapacityGbps: 'lit capacity',
  wavelengthGbps: 'wavelength rate',
  wavelengthsPerPair: 'wavelengths per pair',
  fiberPairs: 'fibre pairs',
  readyForServiceYear: 'ready-for-service year',
  faultsPerYear: 'faults a year',
  mttrHours: 'repair time',
  positionKind: 'position kind',
  positionUncertaintyKm: 'position uncertainty',
  srlgs: 'shared-risk groups',
  alignmentInferred: 'inferred alignment',
  routeFactor: 'route factor',
  routeFactorBasis: 'route factor basis',
  a: 'end A',
  b: 'end B',
}

/** A field's value in words and units: 380 km, 12 Tbps, "under construction", "TCFO, AzerTelecom". */
function value(field: string, x: Json): string {
  if (x === undefined || x === null) return '(none)'
  if (field === 'status') return statusLabel(String(x))
  if (field === 'kind') return kindLabel(String(x))
  if (typeof x === 'number') {
    if (field.endsWith('Gbps')) return capacity(x)
    if (field.endsWith('Km')) return `${num(x, Number.isInteger(x) ? 0 : 1)} km`
    if (field === 'mttrHours') return `${num(x, 1)} h`
    if (field === 'lat' || field === 'lon') return x.toFixed(4)
    return field.endsWith('Year') ? String(x) : num(x, Number.isInteger(x) ? 0 : 2)
  }
  if (typeof x === 'string') return field === 'name' || field === 'notes' || field === 'title' || field === 'description' ? quote(x) : x
  if (typeof x === 'boolean') return x ? 'yes' : 'no'
  if (Array.isArray(x) && x.every((v) => typeof v === 'string')) return x.length ? x.join(', ') : '(none)'
  if (isRec(x) && x.type === 'LineString' && Array.isArray(x.coordinates)) return `a line of ${x.coordinates.length} points`
  if (Array.isArray(x)) return `${x.length} item${x.length === 1 ? '' : 's'}`
  return quote(JSON.stringify(x))
}

/** "length 300 → 380 km", "sources: added s2, removed s1", "notes removed". */
function fieldText({ field, before, after, deep }: FieldChange): string {
  const word = FIELD_WORDS[field] ?? field
  if (deep) return `${word} edited`
  if (before === undefined) return `${word} set to ${value(field, after)}`
  if (after === undefined) return `${word} removed (was ${value(field, before)})`
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((v) => typeof v === 'string')) {
    const added = after.filter((v) => !before.includes(v))
    const removed = before.filter((v) => !after.includes(v))
    const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean)
    return `${word}: ${parts.join('; ') || 'reordered'}`
  }
  const [b, a] = [value(field, before), value(field, after)]
  // "300 → 380 km": the unit once, when both sides carry it.
  const unit = / (km|h)$/.exec(b)?.[0]
  if (unit && a.endsWith(unit)) return `${word} ${b.slice(0, -unit.length)} → ${a}`
  return `${word} ${b} → ${a}`
}

function nodeName(ctx: DiffContext, id: string, own?: Json): string {
  const name = isRec(own) && typeof own.name === 'string' ? own.name : ctx.nodes.get(id)?.name
  return name ?? id
}

function linkName(ctx: DiffContext, id: string, own?: Json): { name: string; ends?: string } {
  const link = isRec(own) && typeof own.a === 'string' ? (own as Pick<NetworkLink, 'name' | 'a' | 'b'>) : ctx.links.get(id)
  if (!link) return { name: id }
  const ends = `${nodeName(ctx, link.a)} – ${nodeName(ctx, link.b)}`
  return { name: link.name ?? ends, ends: link.name && link.name !== ends ? ends : undefined }
}

const position = (r: { lat?: Json; lon?: Json } | undefined): Partial<Record<'lat' | 'lon', number>> => ({
  lat: typeof r?.lat === 'number' ? r.lat : undefined,
  lon: typeof r?.lon === 'number' ? r.lon : undefined,
})

/** A node's lat/lon changes as one move: "moved Aktau 2.1 km (43.6500, 51.1700 → 43.6600, 51.1900)". */
function moveText(name: string, fields: FieldChange[], was: Partial<Record<'lat' | 'lon', number>>): string | undefined {
  const lat = fields.find((f) => f.field === 'lat' && !f.deep)
  const lon = fields.find((f) => f.field === 'lon' && !f.deep)
  if (!lat && !lon) return undefined
  const from = { lat: typeof lat?.before === 'number' ? lat.before : was.lat, lon: typeof lon?.before === 'number' ? lon.before : was.lon }
  const to = { lat: typeof lat?.after === 'number' ? lat.after : lat ? undefined : from.lat, lon: typeof lon?.after === 'number' ? lon.after : lon ? undefined : from.lon }
  if (from.lat === undefined || from.lon === undefined || to.lat === undefined || to.lon === undefined) return undefined
  const km = greatCircleKm([from.lon, from.lat] as Position, [to.lon, to.lat] as Position)
  const distance = km < 0.1 ? `${num(km * 1000)} m` : `${num(km, km < 10 ? 1 : 0)} km`
  return `moved ${name} ${distance} (${from.lat.toFixed(4)}, ${from.lon.toFixed(4)} → ${to.lat.toFixed(4)}, ${to.lon.toFixed(4)})`
}

/** "(380 km, submarine, TCFO)": what identifies a new link or node at a glance. */
function summary(type: Collection['type'], r: Json): string {
  if (!isRec(r)) return ''
  const parts =
    type === 'link'
      ? [typeof r.lengthKm === 'number' ? value('lengthKm', r.lengthKm) : '', typeof r.kind === 'string' ? kindLabel(r.kind) : '', r.status && r.status !== 'operational' ? statusLabel(String(r.status)) : '', Array.isArray(r.operators) ? r.operators.join(', ') : '']
      : type === 'node'
        ? [typeof r.kind === 'string' ? kindLabel(r.kind) : '', typeof r.country === 'string' ? r.country : '']
        : [typeof r.title === 'string' ? quote(r.title) : typeof r.name === 'string' ? quote(r.name) : '']
  const shown = parts.filter(Boolean)
  return shown.length ? ` (${shown.join(', ')})` : ''
}

function recordLine(d: RecordDelta, ctx: DiffContext): HumanChange {
  const { type, role } = COLLECTIONS[d.collection] ?? { type: 'source' as const, role: 'record' as const }
  const own = d.after ?? d.before
  const label = type === 'node' ? nodeName(ctx, d.id, own) : type === 'link' ? linkName(ctx, d.id, own).name : type === 'source' ? d.id : (isRec(own) && typeof own.name === 'string' ? own.name : d.id)
  const ends = type === 'link' ? linkName(ctx, d.id, own).ends : undefined
  const key = `${type}:${d.id}`
  const what = `${type} ${label}`
  if (role === 'remove') {
    // A scenario's removeNodes/removeLinks: an id added there takes the record out; one dropped brings it back.
    return d.op === 'add' ? { change: 'removed', key, text: `removed ${what}` } : { change: 'added', key, text: `put back ${what} (no longer removed)` }
  }
  if (role === 'modify' && d.op !== 'change') {
    if (d.op === 'remove') return { change: 'changed', key, text: `${what} back to the network's values` }
    const set = isRec(d.after) && isRec(d.after.set) ? d.after.set : {}
    const base = (type === 'node' ? ctx.nodes.get(d.id) : ctx.links.get(d.id)) as Rec | undefined
    // A field set to the value the network has already changes nothing a person would see.
    const fields = Object.entries(set)
      .filter(([field, after]) => JSON.stringify(base?.[field]) !== JSON.stringify(after))
      .map(([field, after]) => ({ field, before: base?.[field], after, deep: false }))
    return { change: 'changed', key, text: changedText(type, label, fields, position(base)) }
  }
  if (d.op === 'add') return { change: 'added', key, text: `added ${what}${ends ? ` (${ends})` : ''}${summary(type, d.after)}` }
  if (d.op === 'remove') return { change: 'removed', key, text: `removed ${what}${summary(type, d.before)}` }
  const fields = d.fields.length ? d.fields : isRec(d.before) && isRec(d.after) ? fieldsOf(d.before, d.after) : []
  // The coordinate a move leaves alone is the node's own (or, for a scenario's modify entry, the network's).
  return { change: 'changed', key, text: changedText(type, label, fields, position(type === 'node' ? ctx.nodes.get(d.id) : undefined)) }
}

/** "changed length of Baku – Aktau 300 → 380 km"; several fields: "changed link X: a; b"; a move first. */
function changedText(type: Collection['type'], label: string, fields: FieldChange[], was: Partial<Record<'lat' | 'lon', number>>): string {
  const move = type === 'node' ? moveText(label, fields, was) : undefined
  const rest = fields.filter((f) => !(move && (f.field === 'lat' || f.field === 'lon')))
  if (move) return rest.length ? `${move}; ${rest.map(fieldText).join('; ')}` : move
  if (rest.length === 1 && !rest[0].deep && rest[0].before !== undefined && rest[0].after !== undefined && !Array.isArray(rest[0].after)) {
    const f = rest[0]
    if (f.field === 'name') return `renamed ${type} ${value('name', f.before)} → ${value('name', f.after)}`
    return `changed ${FIELD_WORDS[f.field] ?? f.field} of ${label} ${fieldText(f).slice((FIELD_WORDS[f.field] ?? f.field).length + 1)}`
  }
  return `changed ${type} ${label}: ${rest.map(fieldText).join('; ') || 'edited'}`
}

/** The whole diff in words, one line per record then per document field, with counts of those lines. */
export function describeDiff(diff: Pick<Diff, 'entries' | 'truncated'>, ctx: DiffContext): HumanDiff {
  const { records, document } = deltas(diff.entries)
  // Nodes added by this revision name the links added with them.
  const nodes = new Map(ctx.nodes)
  for (const d of records) if (COLLECTIONS[d.collection]?.type === 'node' && d.op === 'add' && isRec(d.after) && typeof d.after.name === 'string') nodes.set(d.id, d.after as NetworkNode)
  const lines = records.map((d) => recordLine(d, { ...ctx, nodes }))
  for (const f of document) {
    const change: HumanChange['change'] = f.before === undefined && !f.deep ? 'added' : f.after === undefined && !f.deep ? 'removed' : 'changed'
    lines.push({ change, key: `document:${f.field}`, text: fieldText(f) })
  }
  const counts = { added: 0, removed: 0, changed: 0 }
  for (const l of lines) counts[l.change]++
  return { lines, counts, truncated: diff.truncated }
}

/** "2026-12-01 15:32 UTC": ISO 8601 order, never 01/12/2026. */
export function isoDateTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** "1 added, 2 changed" (nothing: "no change"). */
export function countsText({ added, removed, changed }: HumanDiff['counts']): string {
  const parts = [added ? `${added} added` : '', removed ? `${removed} removed` : '', changed ? `${changed} changed` : ''].filter(Boolean)
  return parts.join(', ') || 'no change'
}
