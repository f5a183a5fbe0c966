import { closeSync, fstatSync, openSync, readSync, type Stats, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { type Calibration, builtinCalibration, validateCalibration } from '../calibration'
import { type MeasurementsFormat, type NetworkFormat, type ParseResult, parseFailure, parseMeasurements, parseNetwork, readJsonText } from '../io'
import {
  DOCUMENT_LIMITS,
  type DocumentLimits,
  MAX_DEPTH_CEILING,
  type Network,
  type MeasurementsDocument,
  type Profile,
  type Scenario,
  SilkwayError,
  overrideProfile,
  tooLargeMessage,
  validateScenario,
} from '../model'
import { parseInteger } from './options'

/** Environment variables that override the document limits; the flags of the same meaning override them. */
export const LIMIT_VARIABLES = { maxDocumentBytes: 'SILKWAY_MAX_FILE_BYTES', maxDepth: 'SILKWAY_MAX_DEPTH' } as const

let limits: DocumentLimits = DOCUMENT_LIMITS

/** The limits for files this run reads: the documented defaults, then the environment, then the flags. */
export function limitsFrom(flags: { maxFileBytes?: string; maxDepth?: string }, env: NodeJS.ProcessEnv = process.env): DocumentLimits {
  const pick = (flag: string | undefined, flagName: string, variable: string, fallback: number, max: number): number => {
    if (flag !== undefined) return parseInteger(flag, flagName, 1, max)
    const fromEnv = env[variable]
    return fromEnv === undefined || fromEnv === '' ? fallback : parseInteger(fromEnv, variable, 1, max)
  }
  return {
    // Node strings stop at 2^29 − 24 UTF-16 units; a larger limit could not be read anyway.
    maxDocumentBytes: pick(flags.maxFileBytes, '--max-file-bytes', LIMIT_VARIABLES.maxDocumentBytes, DOCUMENT_LIMITS.maxDocumentBytes, 2 ** 29),
    maxDepth: pick(flags.maxDepth, '--max-depth', LIMIT_VARIABLES.maxDepth, DOCUMENT_LIMITS.maxDepth, MAX_DEPTH_CEILING),
  }
}

export function setDocumentLimits(next: DocumentLimits): void {
  limits = next
}

export function documentLimitsInUse(): DocumentLimits {
  return limits
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isFIFO()) return 'a named pipe'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

function refuseNonRegular(file: string, stats: Stats): void {
  if (stats.isFile()) return
  throw new SilkwayError('SW_INVALID_ARGUMENT', `${file}: not a regular file (${kindOf(stats)}): give a network or JSON file`, { file })
}

function refuseTooLarge(file: string, bytes: number, maxBytes: number): never {
  const raise = `raise the limit with --max-file-bytes <bytes> or ${LIMIT_VARIABLES.maxDocumentBytes}`
  throw new SilkwayError('SW_DOCUMENT_TOO_LARGE', `${file}: ${tooLargeMessage(bytes, maxBytes)}; ${raise}`, { file, bytes, maxBytes })
}

/**
 * A file's text: only a regular file (a device or pipe would be read without end), and only up to the size
 * limit, checked before reading and again while reading (the file may grow in between).
 */
export function readText(file: string, maxBytes: number = limits.maxDocumentBytes): string {
  let fd: number | undefined
  try {
    // stat before open: opening a named pipe waits for a writer.
    refuseNonRegular(file, statSync(file))
    fd = openSync(file, 'r')
    const stats = fstatSync(fd)
    refuseNonRegular(file, stats)
    if (stats.size > maxBytes) refuseTooLarge(file, stats.size, maxBytes)
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) refuseTooLarge(file, length, maxBytes)
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > maxBytes) refuseTooLarge(file, length, maxBytes)
    return buffer.toString('utf8', 0, length)
  } catch (error) {
    if (error instanceof SilkwayError) throw error
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new SilkwayError('SW_FILE_NOT_FOUND', `${file}: ${reason}`, { file })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export function writeText(file: string, text: string): void {
  try {
    writeFileSync(file, text)
  } catch (error) {
    throw new SilkwayError('SW_INVALID_ARGUMENT', `${file}: cannot write: ${(error as Error).message}`, { file })
  }
}

/** Reads and parses a network file; the result keeps every issue, located, for `validate` to print. */
export function parseNetworkFile(file: string, format?: NetworkFormat): ParseResult {
  return parseNetwork(readText(file), { fileName: basename(file), limits, ...(format ? { format } : {}) })
}

export function loadNetworkFile(file: string, format?: NetworkFormat): Network {
  const result = parseNetworkFile(file, format)
  if (result.network) return result.network
  throw parseFailure(result, file, { file })
}

function parseJsonFile(file: string): unknown {
  const parsed = readJsonText(readText(file), limits)
  if (parsed.ok) return parsed.value
  const failure = parseFailure({ format: 'json', issues: [parsed.issue] }, file, { file })
  // A syntax error keeps its own code; a limit, the limit's.
  if (failure.code !== 'SW_INVALID_DOCUMENT') throw failure
  throw new SilkwayError('SW_PARSE_ERROR', failure.message, failure.details, failure.issues)
}

/** A JSON file holding one scenario or an array of them. */
export function loadScenariosFile(file: string): Scenario[] {
  const document = parseJsonFile(file)
  const list = Array.isArray(document) ? document : [document]
  return list.map((item, i) => {
    const result = validateScenario(item, limits.maxDepth)
    if (result.value) return result.value
    const prefix = Array.isArray(document) ? `[${i}]` : ''
    const issues = result.issues.map((issue) => ({ ...issue, path: `${prefix}${issue.path === '(root)' ? '' : prefix ? `.${issue.path}` : issue.path}` || '(root)' }))
    throw new SilkwayError('SW_INVALID_DOCUMENT', `${file}: ${issues[0].path}: ${issues[0].message}`, { file }, issues)
  })
}

export function loadProfileOverride(base: Profile, file: string): Profile {
  const document = parseJsonFile(file)
  try {
    return overrideProfile(base, document)
  } catch (error) {
    if (error instanceof SilkwayError) throw new SilkwayError(error.code, `${file}: ${error.message}`, { file }, error.issues)
    throw error
  }
}

/**
 * A measurements file: silkway JSON, CSV or RIPE Atlas results (format from the text unless given); RIPE
 * Atlas results need the probes' locations (`probesFile`, the probes API's JSON). Every issue is located.
 */
export function loadMeasurementsFile(file: string, options: { probesFile?: string; format?: MeasurementsFormat } = {}): { document: MeasurementsDocument; format: MeasurementsFormat } {
  const probesText = options.probesFile === undefined ? undefined : readText(options.probesFile)
  const result = parseMeasurements(readText(file), { name: basename(file), limits, ...(probesText !== undefined ? { probesText } : {}), ...(options.format ? { format: options.format } : {}) })
  if (result.measurements) return { document: result.measurements, format: result.format }
  throw parseFailure(result, file, { file, format: result.format })
}

/**
 * The calibration a command uses: `--calibration FILE`, none with `--no-calibration` (commander gives false),
 * else the built-in one on the built-in corridor and none on any other network (it was fitted there).
 */
export function calibrationFor(option: string | false | undefined, builtin: boolean): Calibration | undefined {
  if (option === false) return undefined
  if (option !== undefined) return loadCalibrationFile(option)
  return builtin ? builtinCalibration : undefined
}

/** A calibration written by `silkway calibrate --out`. */
export function loadCalibrationFile(file: string): Calibration {
  const result = validateCalibration(parseJsonFile(file))
  if (result.value) return result.value
  throw new SilkwayError('SW_INVALID_DOCUMENT', `${file}: ${result.issues[0].path}: ${result.issues[0].message}`, { file }, result.issues)
}
