import { DOCUMENT_LIMITS, type DocumentLimits, joinPath, sizeIssue, tooDeepIssue, tooDeepPath, type ValidationIssue, type ValidationResult } from '../model'
import { issue, lineLocator, type SourceLocation, stripBom } from './result'

class ScanError {
  constructor(readonly index: number) {}
}

/** Where a container opens past the depth limit, and the path of the value it is. */
class DepthError {
  constructor(
    readonly index: number,
    readonly path: string,
  ) {}
}

interface Frame {
  array: boolean
  path: string
  count: number
}

/** How deep paths are recorded: issue paths stop at about six levels (links[3].geometry.coordinates[2][1]). */
const MAX_RECORDED_DEPTH = 16

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const HEX4 = /^[0-9a-fA-F]{4}$/

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break
    i++
  }
  return i
}

function scanString(text: string, i: number): number {
  if (text[i] !== '"') throw new ScanError(i)
  for (let j = i + 1; j < text.length; ) {
    const c = text.charCodeAt(j)
    if (c === 0x22) return j + 1
    if (c < 0x20) throw new ScanError(j)
    if (c !== 0x5c) {
      j++
      continue
    }
    const escape = text[j + 1]
    if (ESCAPES.has(escape)) j += 2
    else if (escape === 'u' && HEX4.test(text.slice(j + 2, j + 6))) j += 6
    else throw new ScanError(j)
  }
  throw new ScanError(text.length)
}

function scanScalar(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return scanString(text, i)
  for (const word of ['true', 'false', 'null']) {
    if (c === word[0]) {
      if (text.startsWith(word, i)) return i + word.length
      throw new ScanError(i)
    }
  }
  NUMBER.lastIndex = i
  if (NUMBER.test(text)) return NUMBER.lastIndex
  throw new ScanError(i)
}

/**
 * Walks JSON text (RFC 8259) without building it, reporting where each value's path starts (for object
 * members, the key) in the `links[3].b` style of `pointerToPath`. Returns the offset of the first syntax
 * error, or -1; with `maxDepth`, throws DepthError at the first container nested deeper. Iterative, so deep
 * nesting cannot overflow the call stack.
 */
function scanJson(text: string, record?: (path: string, index: number) => void, maxDepth?: number): number {
  const stack: Frame[] = []
  // Deeper than any path the schema reports; past it, paths would cost time quadratic in the depth (a depth
  // check follows paths down to its limit, which bounds that cost).
  const recordedDepth = maxDepth ?? MAX_RECORDED_DEPTH
  const recording = () => (record !== undefined || maxDepth !== undefined) && stack.length <= recordedDepth
  let i = skipWhitespace(text, 0)
  let path = '(root)'
  record?.(path, i)
  const member = (frame: Frame): number => {
    const end = scanString(text, i)
    if (recording()) {
      const key = JSON.parse(text.slice(i, end)) as string
      // pointerToPath turns all-digit keys into indices; follow it so both name the same place.
      path = joinPath(frame.path, /^\d+$/.test(key) ? Number(key) : key)
      record?.(path, i)
    }
    const colon = skipWhitespace(text, end)
    if (text[colon] !== ':') throw new ScanError(colon)
    return skipWhitespace(text, colon + 1)
  }
  try {
    for (;;) {
      const c = text[i]
      if (c === '{' || c === '[') {
        if (maxDepth !== undefined && stack.length >= maxDepth) throw new DepthError(i, path)
        const frame: Frame = { array: c === '[', path, count: 0 }
        i = skipWhitespace(text, i + 1)
        if (text[i] !== (frame.array ? ']' : '}')) {
          stack.push(frame)
          if (frame.array) {
            if (recording()) {
              path = joinPath(frame.path, 0)
              record?.(path, i)
            }
          } else {
            i = member(frame)
          }
          continue
        }
        i++
      } else {
        i = scanScalar(text, i)
      }
      for (;;) {
        i = skipWhitespace(text, i)
        const frame = stack[stack.length - 1]
        if (frame === undefined) {
          if (i !== text.length) throw new ScanError(i)
          return -1
        }
        if (text[i] === (frame.array ? ']' : '}')) {
          stack.pop()
          i++
          continue
        }
        if (text[i] !== ',') throw new ScanError(i)
        i = skipWhitespace(text, i + 1)
        frame.count++
        if (frame.array) {
          if (recording()) {
            path = joinPath(frame.path, frame.count)
            record?.(path, i)
          }
        } else {
          i = member(frame)
        }
        break
      }
    }
  } catch (error) {
    if (error instanceof ScanError) return error.index
    throw error
  }
}

export type JsonText = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue }

/** Where valid JSON text first nests deeper than `maxDepth`: the container's offset and path, or undefined. */
export function jsonDepthExceeded(text: string, maxDepth: number): { index: number; path: string } | undefined {
  try {
    scanJson(text, undefined, maxDepth)
  } catch (error) {
    if (error instanceof DepthError) return { index: error.index, path: error.path }
    throw error
  }
  return undefined
}

/**
 * JSON.parse with a located error: the offset comes from V8's message where it gives one ("… at
 * position 12"), else from our own scan, and is reported as line and column. A text over the size limit is
 * refused unread; a value nested past the depth limit (V8 parses deep JSON iteratively) is refused with the
 * line and path where the limit is passed.
 */
export function readJsonText(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): JsonText {
  const tooLarge = sizeIssue(text, limits.maxDocumentBytes)
  if (tooLarge) return { ok: false, issue: tooLarge }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(message)
    let index = position ? Number(position[1]) : scanJson(text)
    if (index < 0) index = 0
    const { line, column } = lineLocator(text)(Math.min(index, text.length))
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')
    const what = text.trim() === '' ? 'the document is empty' : reason
    return { ok: false, issue: issue('error', 'syntax', '(root)', `invalid JSON: ${what} (line ${line}, column ${column})`, line) }
  }
  if (tooDeepPath(value, limits.maxDepth) === undefined) return { ok: true, value }
  // Located from the text, so path and line name the same place even where key order differs from the text's.
  const where = jsonDepthExceeded(text, limits.maxDepth)
  const line = where === undefined ? undefined : lineLocator(text)(where.index).line
  return { ok: false, issue: tooDeepIssue(where?.path ?? '(root)', limits.maxDepth, line) }
}

/** Offset of the first JSON syntax error in `text`, or -1. */
export function jsonSyntaxErrorIndex(text: string): number {
  return scanJson(text)
}

/** Line of every path in valid JSON text; built only when asked, since most files have no issues. */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  const locate = lineLocator(text)
  scanJson(text, (path, index) => {
    lines.set(path, locate(index).line)
  })
  return lines
}

/** `links[3].b` → `links[3]` → `links`: the nearest ancestor that exists gives the line of a missing field. */
export function parentPath(path: string): string | undefined {
  const match = /^(.*?)(?:\.[^.[\]]*|\[\d+\])$/.exec(path)
  if (!match || match[1] === '') return path === '(root)' ? undefined : '(root)'
  return match[1]
}

/** A lazy path → line lookup for JSON text, falling back to the nearest existing ancestor. */
export function jsonLineFinder(text: string): (path: string) => number | undefined {
  let lines: Map<string, number> | undefined
  return (path) => {
    lines ??= jsonLines(text)
    for (let current: string | undefined = path; current !== undefined; current = parentPath(current)) {
      const line = lines.get(current)
      if (line !== undefined) return line
    }
    return undefined
  }
}

export function locatedIn(lineOf: (path: string) => number | undefined): (path: string) => SourceLocation {
  return (path) => {
    const line = lineOf(path)
    return line === undefined ? { path } : { path, line }
  }
}

/**
 * Reads a JSON document and validates it: every issue carries its path and line, and `locate` finds later paths
 * (an unknown node or link found against a network) in the same text. The demands, module-catalogue and measurements readers.
 */
export function parseJsonDocument<T>(
  text: string,
  validate: (value: unknown) => ValidationResult<T>,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): { value?: T; issues: ValidationIssue[]; locate?: (path: string) => { path: string; line?: number } } {
  const source = stripBom(text)
  const parsed = readJsonText(source, limits)
  if (!parsed.ok) return { issues: [parsed.issue] }
  const { value, issues } = validate(parsed.value)
  const lineOf = jsonLineFinder(source)
  const located = issues.map((found) => issue(found.severity, found.code, found.path, found.message, lineOf(found.path)))
  const locate = (path: string) => {
    const line = lineOf(path)
    return line === undefined ? { path } : { path, line }
  }
  return value === undefined ? { issues: located } : { value, issues: located, locate }
}
