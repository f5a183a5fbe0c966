import type { ValidationIssue } from '../model'
import { issue, stripBom } from './result'

/** A decimal number as CSV text gives it (no hex, no Infinity, no empty string). */
export const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/** RFC 4180 fields of one record; quotes may hold commas and doubled quotes. Returns null on an unclosed quote. */
export function splitRecord(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (c === ',') {
      fields.push(field.trim())
      field = ''
    } else field += c
  }
  if (quoted) return null
  fields.push(field.trim())
  return fields
}

export interface CsvRow<C extends string> {
  line: number
  /** The row's non-empty fields by column. */
  record: Partial<Record<C, string>>
}

/**
 * The rows of a small CSV table (demands, measurements): blank lines and lines starting with `#` skipped; a
 * first row that `isHeader` recognises (given lower-cased fields) names the columns, matched to `known`
 * case-insensitively, else the fields are read by `positional` order. Broken rows (unclosed quote, unknown
 * column, too many fields) become issues with their line; `headed` is false when the text has no row at all.
 */
export function readCsvRows<C extends string>(
  text: string,
  known: readonly C[],
  positional: readonly C[],
  isHeader: (lower: string[]) => boolean,
  issues: ValidationIssue[],
): { rows: CsvRow<C>[]; headed: boolean } {
  const rows: CsvRow<C>[] = []
  let columns: readonly (C | undefined)[] | undefined
  stripBom(text)
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      const line = i + 1
      if (raw.trim() === '' || raw.trimStart().startsWith('#')) return
      const fields = splitRecord(raw)
      if (fields === null) {
        issues.push(issue('error', 'parse', `line ${line}`, 'unclosed quote', line))
        return
      }
      if (columns === undefined) {
        const lower = fields.map((f) => f.toLowerCase())
        if (isHeader(lower)) {
          columns = lower.map((f, j) => {
            const column = known.find((c) => c.toLowerCase() === f)
            if (!column) issues.push(issue('error', 'unknown-column', `line ${line}, column ${j + 1}`, `unknown column '${fields[j]}' (known: ${known.join(', ')})`, line))
            return column
          })
          return
        }
        columns = positional
      }
      const named = columns
      if (fields.length > named.length) {
        issues.push(issue('error', 'columns', `line ${line}`, `${fields.length} fields, at most ${named.length} expected (${named.filter(Boolean).join(',')})`, line))
        return
      }
      const record: Partial<Record<C, string>> = {}
      fields.forEach((f, j) => {
        const column = named[j]
        if (column !== undefined && f !== '') record[column] = f
      })
      rows.push({ line, record })
    })
  return { rows, headed: columns !== undefined }
}

/** An issue about `<array>[i].field` of a document built from CSV rows, re-pointed at the row's line. */
export function atRowLine(found: ValidationIssue, array: string, lines: readonly number[]): ValidationIssue {
  const where = rowLine(found.path, array, lines)
  return where.line === undefined ? found : issue(found.severity, found.code, where.path, found.message, where.line)
}

/** A document path `array[i].field` as the file's `line N, field`, or the path unchanged when it names no row. */
export function rowLine(path: string, array: string, lines: readonly number[]): { path: string; line?: number } {
  const match = new RegExp(`^${array}\\[(\\d+)\\](?:\\.(\\w+))?`).exec(path)
  const line = match ? lines[Number(match[1])] : undefined
  return match && line !== undefined ? { path: `line ${line}${match[2] ? `, ${match[2]}` : ''}`, line } : { path }
}
