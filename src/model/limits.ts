import { type ErrorCode, SilkwayError, type ValidationIssue } from './errors'
import { joinPath } from './paths'

/**
 * How large and how deeply nested a document silkway reads may be. The parsers (silkway JSON, GeoJSON,
 * GraphML), the validators and the server all refuse a document past these before anything recursive runs
 * (V8's JSON.stringify and fast-xml-parser's tree builder recurse once per level). docs/security.md lists
 * them and how to override them.
 */
export interface DocumentLimits {
  /** Containers (JSON objects and arrays, XML elements) nested inside one another, the outermost counting 1. */
  maxDepth: number
  /** Size of the document text, UTF-8 bytes. */
  maxDocumentBytes: number
}

/**
 * The defaults. A silkway network nests 7 levels at most outside `metadata` (a GeoJSON MultiLineString
 * position: root, features, feature, geometry, coordinates, part, position); the Topology Zoo's GraphML nests 4
 * levels, yEd's graphics about 8. 128 leaves room for rich metadata, and is serde_json's default recursion limit.
 * 64 MiB holds a generated network (`silkway generate`) of about 190,000 nodes in silkway JSON (33.7 MB per
 * 100,000 nodes) or 160,000 in GraphML (41.0 MB per 100,000).
 */
export const DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze({ maxDepth: 128, maxDocumentBytes: 64 * 1024 * 1024 })

/**
 * The deepest limit an override may set: V8's JSON.stringify recurses and overflows its stack between 4,000
 * and 6,000 levels (measured on Node 20), and the writers and the store use it.
 */
export const MAX_DEPTH_CEILING = 1000

/** Issue codes of a refused document, and the registry codes a refusal carries. */
export const TOO_DEEP = 'too-deep'
export const TOO_LARGE = 'too-large'

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/**
 * The path of the first container (in key order) nested deeper than `maxDepth`, or undefined. Iterative, so a
 * document nested a million levels deep costs a walk, not a stack overflow; a cyclic value is reported too,
 * as it nests without end.
 */
export function tooDeepPath(root: unknown, maxDepth: number): string | undefined {
  if (!isContainer(root)) return undefined
  const containers: object[] = [root]
  const keys: Array<string[] | undefined> = [Array.isArray(root) ? undefined : Object.keys(root)]
  const next: number[] = [0]
  while (containers.length > 0) {
    const top = containers.length - 1
    const container = containers[top]
    const names = keys[top]
    const i = next[top]
    if (i >= (names === undefined ? (container as unknown[]).length : names.length)) {
      containers.pop()
      keys.pop()
      next.pop()
      continue
    }
    next[top] = i + 1
    const child = names === undefined ? (container as unknown[])[i] : (container as Record<string, unknown>)[names[i]]
    if (!isContainer(child)) continue
    if (containers.length >= maxDepth) {
      let path = '(root)'
      for (let level = 0; level < containers.length; level++) {
        const at = next[level] - 1
        const levelNames = keys[level]
        path = joinPath(path, levelNames === undefined ? at : levelNames[at])
      }
      return path
    }
    containers.push(child)
    keys.push(Array.isArray(child) ? undefined : Object.keys(child))
    next.push(0)
  }
  return undefined
}

/** A path shortened for a message: the first and last 80 characters of a very deep one. */
export function shortPath(path: string, maxLength = 160): string {
  if (path.length <= maxLength) return path
  const half = Math.floor((maxLength - 1) / 2)
  return `${path.slice(0, half)}…${path.slice(path.length - half)}`
}

export function tooDeepIssue(path: string, maxDepth: number, line?: number): ValidationIssue {
  const found: ValidationIssue = {
    path: shortPath(path),
    code: TOO_DEEP,
    message: `the document nests deeper than ${maxDepth} levels here, past the limit (maxDepth; see docs/security.md)`,
    severity: 'error',
  }
  return line === undefined ? found : { ...found, line }
}

/** Issues of a document nested too deeply: one located issue, or none. */
export function depthIssues(document: unknown, maxDepth: number = DOCUMENT_LIMITS.maxDepth): ValidationIssue[] {
  const path = tooDeepPath(document, maxDepth)
  return path === undefined ? [] : [tooDeepIssue(path, maxDepth)]
}

/** UTF-8 length of a string, counting a lone surrogate as the 3 bytes of U+FFFD it is encoded as. */
export function utf8Bytes(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

/** `64 MiB`, `1.5 MiB`, `900 B`: a byte count for a message. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}

/** `900 bytes`, `1.7 KiB (1712 bytes)`: exact, since a limit and a size may round alike. */
function exactBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${formatBytes(bytes)} (${bytes} bytes)`
}

export function tooLargeMessage(bytes: number, maxDocumentBytes: number, atLeast = false): string {
  return `the document is ${atLeast ? 'at least ' : ''}${exactBytes(bytes)}, over the limit of ${exactBytes(maxDocumentBytes)} (maxDocumentBytes; see docs/security.md)`
}

/** The size issue of a document text, or undefined; a string longer than the limit is refused without counting. */
export function sizeIssue(text: string, maxDocumentBytes: number = DOCUMENT_LIMITS.maxDocumentBytes): ValidationIssue | undefined {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three.
  if (text.length * 3 <= maxDocumentBytes) return undefined
  const bytes = text.length > maxDocumentBytes ? text.length : utf8Bytes(text)
  if (bytes <= maxDocumentBytes) return undefined
  return { path: '(root)', code: TOO_LARGE, message: tooLargeMessage(bytes, maxDocumentBytes, text.length > maxDocumentBytes), severity: 'error' }
}

/** Limits with overrides: positive integers, the depth at most MAX_DEPTH_CEILING. */
export function documentLimits(overrides: Partial<DocumentLimits> = {}): DocumentLimits {
  const limits = { ...DOCUMENT_LIMITS }
  for (const key of ['maxDepth', 'maxDocumentBytes'] as const) {
    const value = overrides[key]
    if (value === undefined) continue
    const ceiling = key === 'maxDepth' ? MAX_DEPTH_CEILING : Number.MAX_SAFE_INTEGER
    if (!Number.isSafeInteger(value) || value < 1 || value > ceiling) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `${key} must be an integer from 1 to ${ceiling} (got ${String(value)})`, { [key]: value })
    }
    limits[key] = value
  }
  return limits
}

/** The registry code for a refused document: a limit's own code when a limit refused it, else SW_INVALID_DOCUMENT. */
export function refusalCode(issues: readonly ValidationIssue[]): ErrorCode {
  const errors = issues.filter((found) => found.severity === 'error')
  if (errors.some((found) => found.code === TOO_LARGE)) return 'SW_DOCUMENT_TOO_LARGE'
  if (errors.some((found) => found.code === TOO_DEEP)) return 'SW_DOCUMENT_TOO_DEEP'
  return 'SW_INVALID_DOCUMENT'
}
