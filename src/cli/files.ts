import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { type NetworkFormat, type ParseResult, parseNetwork } from '../io'
import { type Network, type Profile, type Scenario, SilkwayError, overrideProfile, validateScenario } from '../model'

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new SilkwayError('SW_FILE_NOT_FOUND', `${file}: ${reason}`, { file })
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
  return parseNetwork(readText(file), { fileName: basename(file), ...(format ? { format } : {}) })
}

export function loadNetworkFile(file: string, format?: NetworkFormat): Network {
  const result = parseNetworkFile(file, format)
  if (result.network) return result.network
  const first = result.issues.find((issue) => issue.severity === 'error')
  const where = first ? `${first.line ? `line ${first.line}: ` : ''}${first.path}: ${first.message}` : 'invalid network'
  throw new SilkwayError('SW_INVALID_DOCUMENT', `${file}: ${where}`, { file }, result.issues)
}

function parseJsonFile(file: string): unknown {
  const text = readText(file)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new SilkwayError('SW_PARSE_ERROR', `${file}: ${(error as Error).message}`, { file })
  }
}

/** A JSON file holding one scenario or an array of them. */
export function loadScenariosFile(file: string): Scenario[] {
  const document = parseJsonFile(file)
  const list = Array.isArray(document) ? document : [document]
  return list.map((item, i) => {
    const result = validateScenario(item)
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
