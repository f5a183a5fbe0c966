import { LinkSchema, NodeSchema } from '../model'

/** How a model field travels through formats that carry flat values (GeoJSON properties, GraphML data). */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'string-list' | 'json'

interface FieldSchema {
  type?: string
  enum?: unknown[]
  items?: { type?: string }
}

/** Field kinds read off the TypeBox declaration, so a field added to the schema travels without code here. */
function fieldKinds(properties: Record<string, FieldSchema>): Map<string, FieldKind> {
  const kinds = new Map<string, FieldKind>()
  for (const [field, schema] of Object.entries(properties)) {
    if (schema.type === 'string' || (schema.enum && schema.enum.every((member) => typeof member === 'string'))) kinds.set(field, 'string')
    else if (schema.type === 'number') kinds.set(field, 'number')
    else if (schema.type === 'integer') kinds.set(field, 'integer')
    else if (schema.type === 'boolean') kinds.set(field, 'boolean')
    else if (schema.type === 'array' && schema.items?.type === 'string') kinds.set(field, 'string-list')
    else kinds.set(field, 'json')
  }
  return kinds
}

export const NODE_FIELDS: ReadonlyMap<string, FieldKind> = fieldKinds(NodeSchema.properties as Record<string, FieldSchema>)
export const LINK_FIELDS: ReadonlyMap<string, FieldKind> = fieldKinds(LinkSchema.properties as Record<string, FieldSchema>)

/** A record with its fields in the schema's order and without undefined members, as a reader hands it on. */
export function inSchemaOrder(record: Record<string, unknown>, fields: ReadonlyMap<string, FieldKind>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields.keys()) if (record[field] !== undefined) out[field] = record[field]
  for (const field of Object.keys(record)) {
    // defineProperty, so that even a field named __proto__ stays a field.
    if (!fields.has(field) && record[field] !== undefined) Object.defineProperty(out, field, { value: record[field], enumerable: true, writable: true, configurable: true })
  }
  return out
}

const NUMERIC_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/

/** Splits "Azertelecom, Kaztranscom" into a list; the usual way spreadsheets and GIS tools store one. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/**
 * Normalises a loosely typed value (a GeoJSON property) once, at the edge: null is absent, a numeric string
 * fills a number field, a comma-separated string fills a list, a number fills a text field. Anything else is
 * passed on unchanged for the schema to judge.
 */
export function coerce(kind: FieldKind, value: unknown): unknown {
  if (value === null) return undefined
  if ((kind === 'number' || kind === 'integer') && typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value)
  if (kind === 'string-list' && typeof value === 'string') return splitList(value)
  if (kind === 'string' && typeof value === 'number' && Number.isFinite(value)) return String(value)
  return value
}

export type TextValue = { ok: true; value: unknown } | { ok: false; reason: string }

/** Reads a field from text (a GraphML data value), the inverse of `fieldToText`. */
export function fieldFromText(kind: FieldKind, text: string): TextValue {
  switch (kind) {
    case 'string':
      return { ok: true, value: text }
    case 'number':
    case 'integer':
      return NUMERIC_TEXT.test(text) ? { ok: true, value: Number(text) } : { ok: false, reason: `'${text}' is not a number` }
    case 'boolean': {
      const word = text.trim().toLowerCase()
      if (word === 'true' || word === '1') return { ok: true, value: true }
      if (word === 'false' || word === '0') return { ok: true, value: false }
      return { ok: false, reason: `'${text}' is not true or false` }
    }
    case 'string-list':
      if (!text.trimStart().startsWith('[')) return { ok: true, value: splitList(text) }
      return parseJsonValue(text)
    case 'json':
      return parseJsonValue(text)
  }
}

function parseJsonValue(text: string): TextValue {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, reason: `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}' is not valid JSON` }
  }
}

/** Writes a field as text: lists and objects as JSON so that commas inside names survive. */
export function fieldToText(kind: FieldKind, value: unknown): string {
  if (kind === 'string-list' || kind === 'json') return JSON.stringify(value)
  return String(value)
}

/** The GraphML `attr.type` for a field kind. */
export function graphmlType(kind: FieldKind): 'string' | 'double' | 'int' | 'boolean' {
  if (kind === 'number') return 'double'
  if (kind === 'integer') return 'int'
  if (kind === 'boolean') return 'boolean'
  return 'string'
}
