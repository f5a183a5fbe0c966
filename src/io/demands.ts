import { DEMAND_CLASSES, DEMANDS_SCHEMA_VERSION, type Demand, type DemandsDocument, hasErrors, validateDemands, type ValidationIssue } from '../model'
import { parseJsonDocument } from './json-text'
import { NUMBER_TEXT, atRowLine, readCsvRows, rowLine } from './csv'
import { guardedRead, issue, stripBom } from './result'

/** What a demands reader returns: `demands` is present exactly when no issue has severity `error`. */
export interface DemandsParseResult {
  format: 'json' | 'csv'
  demands?: DemandsDocument
  issues: ValidationIssue[]
  /**
   * Where a document path (`demands[3].to`) is in the file, for issues found later (an unknown node when the
   * demands are resolved against a network): the CSV's `line 5, to` with its line, or the JSON path's line.
   */
  locate?: (path: string) => { path: string; line?: number }
}

/** Reads a silkway demands document (docs/schema/demands.schema.json); every issue carries its path and line. */
export function parseDemandsJson(text: string): DemandsParseResult {
  return guardedRead('json', 'demands', (): DemandsParseResult => {
    const { value, issues, locate } = parseJsonDocument(text, validateDemands)
    return value === undefined ? { format: 'json', issues } : { format: 'json', demands: value, issues, ...(locate ? { locate } : {}) }
  })
}

const CSV_COLUMNS = ['id', 'from', 'to', 'gbps', 'year', 'class', 'source'] as const
type CsvColumn = (typeof CSV_COLUMNS)[number]
const POSITIONAL: CsvColumn[] = ['from', 'to', 'gbps', 'year', 'class']

/**
 * Reads demands from CSV: `from,to,gbps[,year,class]` by position, or any of the columns id, from, to, gbps,
 * year, class, source by a header row. Blank lines and lines starting with `#` are skipped. Every broken row
 * is reported with its line (`line 7, gbps: 'ten' is not a number`) and the whole file is refused, so a
 * partial matrix is never analysed as if it were complete. Ids default to `d{line}`.
 */
export function parseDemandsCsv(text: string, name?: string): DemandsParseResult {
  return guardedRead('csv', 'demands', (): DemandsParseResult => {
    const issues: ValidationIssue[] = []
    const demands: Demand[] = []
    const lineOfDemand: number[] = []
    const { rows, headed } = readCsvRows(text, CSV_COLUMNS, POSITIONAL, (lower) => lower.includes('from') && lower.includes('to') && lower.includes('gbps'), issues)
    rows.forEach(({ line, record }) => {
      const rowIssues: ValidationIssue[] = []
      for (const required of ['from', 'to', 'gbps'] as const) {
        if (record[required] === undefined) rowIssues.push(issue('error', 'required', `line ${line}, ${required}`, `missing ${required}`, line))
      }
      const gbps = record.gbps === undefined ? Number.NaN : Number(record.gbps)
      if (record.gbps !== undefined && (!NUMBER_TEXT.test(record.gbps) || !(gbps >= 0))) {
        rowIssues.push(issue('error', 'gbps', `line ${line}, gbps`, `'${record.gbps}' is not a number of Gbit/s ≥ 0`, line))
      }
      const year = record.year === undefined ? undefined : Number(record.year)
      if (record.year !== undefined && !(Number.isInteger(year) && /^\d{4}$/.test(record.year))) {
        rowIssues.push(issue('error', 'year', `line ${line}, year`, `'${record.year}' is not a year`, line))
      }
      const demandClass = record.class?.toLowerCase()
      if (demandClass !== undefined && !(DEMAND_CLASSES as readonly string[]).includes(demandClass)) {
        rowIssues.push(issue('error', 'class', `line ${line}, class`, `'${record.class}' is not one of ${DEMAND_CLASSES.join(', ')}`, line))
      }
      if (rowIssues.length > 0) {
        issues.push(...rowIssues)
        return
      }
      const demand: Demand = { id: record.id ?? `d${line}`, from: record.from as string, to: record.to as string, gbps }
      if (year !== undefined) demand.year = year
      demand.class = (demandClass ?? 'unprotected') as Demand['class']
      if (record.source !== undefined) demand.source = record.source
      demands.push(demand)
      lineOfDemand.push(line)
    })
    if (!headed) issues.push(issue('error', 'empty', '(root)', 'no demands: the file has no rows'))
    // Row checks run after the table is read; report in line order all the same.
    if (hasErrors(issues)) return { format: 'csv', issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) }
    const document: DemandsDocument = { schemaVersion: DEMANDS_SCHEMA_VERSION, ...(name ? { name } : {}), demands }
    const validation = validateDemands(document)
    const locate = (path: string) => rowLine(path, 'demands', lineOfDemand)
    const located = validation.issues.map((found) => atRowLine(found, 'demands', lineOfDemand))
    return validation.value === undefined ? { format: 'csv', issues: located } : { format: 'csv', demands: validation.value, issues: located, locate }
  })
}

/**
 * A demands file's text by its name: CSV for `.csv`, or for a name without `.json` whose text does not open
 * with `{`; silkway JSON otherwise. The CLI (`--demands FILE`) and the web app's upload read files this way.
 */
export function parseDemandsFile(text: string, fileName: string): DemandsParseResult {
  const csv = /\.csv$/i.test(fileName) || (!/\.json$/i.test(fileName) && !stripBom(text).trimStart().startsWith('{'))
  return csv ? parseDemandsCsv(text, fileName) : parseDemandsJson(text)
}
