import { hasErrors, type Network, type ValidationIssue, validateNetwork } from '../model'

export type NetworkFormat = 'json' | 'geojson' | 'graphml'

export const NETWORK_FORMATS: readonly NetworkFormat[] = ['json', 'geojson', 'graphml']

/** What a reader returns: `network` is present exactly when no issue has severity `error`. */
export interface ParseResult {
  format: NetworkFormat
  network?: Network
  issues: ValidationIssue[]
}

/** Where a model path came from in the source document: its path there and, when known, its line. */
export interface SourceLocation {
  path: string
  line?: number
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Runs a reader so that nothing escapes it: a throw is a reader bug, reported as an error issue. */
export function guardedRead<R extends { format: string; issues: ValidationIssue[] }>(format: R['format'], what: string, read: () => R): R {
  // Only the result's other members are optional (a parse result has its document exactly when it has no error).
  const failed = (issues: ValidationIssue[]) => ({ format, issues }) as R
  try {
    const result = read()
    return hasErrors(result.issues) ? failed(result.issues) : result
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return failed([issue('error', 'internal', '(root)', `the ${what} ${format} reader failed unexpectedly (${reason}); please report this file`)])
  }
}

/** Builds an issue, leaving `line` out when it is unknown so results compare cleanly. */
export function issue(
  severity: ValidationIssue['severity'],
  code: string,
  path: string,
  message: string,
  line?: number,
): ValidationIssue {
  return line === undefined ? { path, code, message, severity } : { path, code, message, severity, line }
}

/** 1-based line and column of every character offset, by binary search over the line starts. */
export function lineLocator(text: string): (index: number) => { line: number; column: number } {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (index) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid] <= index) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: index - starts[low] + 1 }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Copies an object without its `undefined` members, so a parsed model deep-equals the one written. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T
}

/**
 * Validates a network a reader assembled and moves each issue back to where its value came from in the
 * source document, so `links[3].b` reads `edges[3].target` in GraphML or `features[7].properties.b` in GeoJSON.
 */
export function validateAssembled(
  format: NetworkFormat,
  document: unknown,
  readerIssues: ValidationIssue[],
  locate: (modelPath: string) => SourceLocation,
  maxDepth?: number,
): ParseResult {
  const validation = validateNetwork(document, maxDepth)
  const issues = [...readerIssues]
  const seen = new Set(readerIssues.map((entry) => `${entry.code}:${entry.path}`))
  for (const found of validation.issues) {
    const where = locate(found.path)
    const key = `${found.code}:${where.path}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue(found.severity, found.code, where.path, found.message, where.line))
  }
  if (validation.value === undefined || hasErrors(issues)) return { format, issues }
  return { format, network: validation.value, issues }
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * Runs a reader so that nothing escapes it: a throw is a bug in the reader, reported as an error issue,
 * and the result keeps its contract (a network exactly when there is no error).
 */
export function guarded(format: NetworkFormat, read: () => ParseResult): ParseResult {
  let result: ParseResult
  try {
    result = read()
  } catch (error) {
    return {
      format,
      issues: [issue('error', 'internal', '(root)', `the ${format} reader failed unexpectedly (${describeThrown(error)}); please report this file`)],
    }
  }
  if (hasErrors(result.issues)) return { format, issues: result.issues }
  if (result.network === undefined) {
    return { format, issues: [...result.issues, issue('error', 'internal', '(root)', `the ${format} reader produced no network and no error`)] }
  }
  return result
}
