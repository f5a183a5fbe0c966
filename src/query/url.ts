import type { TObject } from 'typebox'
import { fieldsOf } from './fields'

/**
 * A query's parameters as URL search parameters and back, for the web app's address bar: lists are comma
 * separated, defaults are left out so a shared link stays short. Read back through `fromParams` like any input.
 */
export function paramsToSearch(params: TObject, values: Record<string, unknown>, search = new URLSearchParams()): URLSearchParams {
  for (const field of fieldsOf(params)) {
    const value = values[field.name]
    if (value === undefined || value === null || value === '' || value === false) continue
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(field.name, value.join(','))
      continue
    }
    if (field.default !== undefined && value === field.default) continue
    search.set(field.name, String(value))
  }
  return search
}

/** The parameters a query declares, as raw text from the URL (validate them with `fromParams`). */
export function paramsFromSearch(params: TObject, search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of fieldsOf(params)) {
    const value = search.get(field.name)
    if (value !== null) out[field.name] = value
  }
  return out
}
