import type { Static, TObject, TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { SilkwayError, type ValidationIssue, checkSchema } from '../model'
import type { QuerySpec } from './define'
import { type FieldInfo, fieldsOf, kebab } from './fields'

/** Where parameters come from: the command line names a field `--avoid-country`, the API and web `avoidCountry`. */
export type Surface = 'cli' | 'api'

export function labeller(spec: QuerySpec, surface: Surface): (field: string) => string {
  const positional = new Set<string>(spec.positional ?? [])
  return (field) => (surface === 'api' ? field : positional.has(field) ? `<${field}>` : `--${kebab(field)}`)
}

/** Repeated and comma-separated values alike: `RU,IR` and `['RU', 'BY']` are both lists. */
function splitList(value: unknown, commas: boolean): unknown[] {
  const items = Array.isArray(value) ? value : [value]
  if (!commas) return items.filter((item) => item !== '')
  return items.flatMap((item) => (typeof item === 'string' ? item.split(',').map((s) => s.trim()).filter(Boolean) : [item]))
}

/**
 * Raw parameters from any surface (commander's options, a querystring, URLSearchParams, a form) made
 * comparable: lists split, absent and empty values dropped, numbers and booleans converted from text.
 */
export function normaliseParams(params: TObject, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const fields = new Map(fieldsOf(params).map((f) => [f.name, f]))
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue
    const field = fields.get(name)
    if (!field) {
      out[name] = value
      continue
    }
    if (field.kind === 'list') {
      const list = splitList(value, field.commaSeparated)
      if (list.length > 0) out[name] = list
      continue
    }
    if (value === '' && field.kind !== 'string') continue
    out[name] = value
  }
  return Value.Convert(params, out) as Record<string, unknown>
}

const quote = (value: unknown) => (typeof value === 'string' ? `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'` : JSON.stringify(value))

/** The reason a value does not fit its field, in the words the CLI has always used. */
function reason(field: FieldInfo, value: unknown): string {
  if (field.options) return `${quote(value)} is not one of ${field.options.join(', ')}`
  if (field.kind === 'integer' || field.kind === 'number' || (field.kind === 'list' && field.minimum !== undefined)) {
    const what = field.kind === 'number' ? 'a number' : 'an integer'
    if (field.minimum !== undefined && field.maximum !== undefined) return `${quote(value)} is not ${what} from ${field.minimum} to ${field.maximum}`
    return `${quote(value)} is not ${what}`
  }
  if (field.kind === 'boolean') return `${quote(value)} is not true or false`
  if (field.expected) return `${quote(value)} is not ${field.expected}`
  return `${quote(value)} is not valid`
}

function fieldIssues(field: FieldInfo, schema: TSchema, value: unknown, raw: unknown, label: string): ValidationIssue[] {
  const issues = checkSchema(schema, value)
  if (issues.length === 0) return []
  if (field.kind === 'list' && Array.isArray(value)) {
    const item = (schema as { items?: TSchema }).items
    const bad = item ? value.findIndex((v) => checkSchema(item, v).length > 0) : -1
    if (bad >= 0) return [{ path: `${field.name}[${bad}]`, code: 'invalid-parameter', message: `${label}: ${reason(field, value[bad])}`, severity: 'error' }]
    return [{ path: field.name, code: 'invalid-parameter', message: `${label}: ${issues[0].message}`, severity: 'error' }]
  }
  // Numbers are quoted as typed: `--k abc`, not NaN.
  const shown = raw !== undefined && typeof raw !== 'object' ? raw : value
  return [{ path: field.name, code: 'invalid-parameter', message: `${label}: ${reason(field, shown)}`, severity: 'error' }]
}

/**
 * Checks raw parameters against a query's schema and yields its domain query. Every surface calls this and
 * nothing else, so a parameter means the same on the command line, in the API and in the web app. A bad
 * value is `SW_INVALID_ARGUMENT` naming the field as the caller's surface spells it, with every issue.
 */
export function fromParams<P extends TObject, Q>(spec: QuerySpec<P, Q>, raw: Record<string, unknown>, surface: Surface = 'api', pathPrefix = ''): Q {
  const label = labeller(spec as unknown as QuerySpec, surface)
  const value = normaliseParams(spec.params, raw)
  const issues: ValidationIssue[] = []
  for (const field of fieldsOf(spec.params)) {
    if (value[field.name] === undefined) {
      if (field.required) issues.push({ path: field.name, code: 'required', message: `${label(field.name)}: missing`, severity: 'error' })
      continue
    }
    issues.push(...fieldIssues(field, spec.params.properties[field.name] as TSchema, value[field.name], raw[field.name], label(field.name)))
  }
  for (const name of Object.keys(value)) {
    if (!(name in spec.params.properties)) issues.push({ path: name, code: 'unknown-field', message: `unknown parameter '${name}'`, severity: 'error' })
  }
  if (issues.length > 0) {
    const located = issues.map((issue) => ({ ...issue, path: `${pathPrefix}${issue.path}` }))
    throw new SilkwayError('SW_INVALID_ARGUMENT', located[0].message, { field: located[0].path }, located)
  }
  const withDefaults = Value.Default(spec.params, value) as Static<P>
  return spec.toQuery(withDefaults, label)
}
