import type { TObject, TSchema } from 'typebox'

/** How a parameter is entered: one value, several (repeated or comma separated), or a switch. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'list'

/** A parameter as a form, a command line or a URL sees it; read from the schema, never written by hand. */
export interface FieldInfo {
  name: string
  kind: FieldKind
  description: string
  required: boolean
  default?: unknown
  /** Allowed values of an enum, or of each element of a list of an enum. */
  options?: readonly string[]
  minimum?: number
  maximum?: number
  /** What a valid value looks like, for messages (`an ISO 3166-1 alpha-2 code (e.g. RU, IR)`). */
  expected?: string
  /** The value's name in CLI help: `<codes...>`. */
  placeholder?: string
  /** Whether a list's values may also be separated by commas in one value (not when a value holds commas). */
  commaSeparated: boolean
}

type Annotated = TSchema & {
  type?: string | string[]
  enum?: readonly unknown[]
  items?: Annotated
  description?: string
  default?: unknown
  minimum?: number
  maximum?: number
  'x-expected'?: string
  'x-placeholder'?: string
  'x-separator'?: 'comma' | 'none'
}

function enumValues(schema: Annotated | undefined): string[] | undefined {
  return schema?.enum ? schema.enum.map(String) : undefined
}

export function fieldKind(schema: TSchema): FieldKind {
  const s = schema as Annotated
  if (s.type === 'array') return 'list'
  if (s.enum) return 'enum'
  if (s.type === 'integer') return 'integer'
  if (s.type === 'number') return 'number'
  if (s.type === 'boolean') return 'boolean'
  return 'string'
}

const described = new WeakMap<TObject, FieldInfo[]>()

/** Every parameter of a query's schema, in declaration order; read once per schema (every request asks). */
export function fieldsOf(params: TObject): FieldInfo[] {
  let fields = described.get(params)
  if (!fields) {
    fields = describeFields(params)
    described.set(params, fields)
  }
  return fields
}

function describeFields(params: TObject): FieldInfo[] {
  const required = new Set(params.required ?? [])
  return Object.entries(params.properties).map(([name, raw]) => {
    const schema = raw as Annotated
    const kind = fieldKind(schema)
    const item = kind === 'list' ? schema.items : schema
    const info: FieldInfo = { name, kind, description: schema.description ?? '', required: required.has(name), commaSeparated: kind === 'list' && schema['x-separator'] !== 'none' }
    if (schema.default !== undefined) info.default = schema.default
    const options = enumValues(item)
    if (options) info.options = options
    if (item?.minimum !== undefined) info.minimum = item.minimum
    if (item?.maximum !== undefined) info.maximum = item.maximum
    const expected = item?.['x-expected'] ?? schema['x-expected']
    if (expected) info.expected = expected
    const placeholder = schema['x-placeholder']
    if (placeholder) info.placeholder = placeholder
    return info
  })
}

/** `avoidCountry` → `avoid-country`, the flag's spelling. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}
