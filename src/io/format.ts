import { DOCUMENT_LIMITS, type DocumentLimits, SilkwayError, type Network, refusalCode, sizeIssue, type ValidationIssue } from '../model'
import { parseGeoJson, writeGeoJson } from './geojson'
import { parseGraphml, writeGraphml } from './graphml'
import { parseSilkwayJson, writeSilkwayJson } from './json'
import { issue, type NetworkFormat, type ParseResult, stripBom } from './result'

const EXTENSIONS: Record<string, NetworkFormat> = { geojson: 'geojson', graphml: 'graphml', xml: 'graphml' }

/** How many characters of a document content sniffing looks at. */
const SNIFF_CHARACTERS = 4096

function isGeoJsonDocument(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && ['FeatureCollection', 'Feature'].includes((value as { type?: unknown }).type as string)
  } catch {
    return /"type"\s*:\s*"FeatureCollection"/.test(text.slice(0, SNIFF_CHARACTERS))
  }
}

/**
 * The format of a document: by file extension first (.geojson, .graphml, .xml), then by content. A `.json`
 * file is GeoJSON when it holds a FeatureCollection (GIS tools write GeoJSON as .json), else silkway JSON.
 * Undefined when neither says.
 */
export function detectFormat(text: string, fileName?: string): NetworkFormat | undefined {
  const extension = fileName === undefined ? undefined : /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase()
  const byExtension = extension === undefined ? undefined : EXTENSIONS[extension]
  if (byExtension) return byExtension
  const source = stripBom(text)
  const head = source.slice(0, SNIFF_CHARACTERS).trimStart()
  if (head.startsWith('<')) return /<(?:[\w.-]+:)?graphml[\s>/]/.test(source.slice(0, SNIFF_CHARACTERS * 4)) || extension === 'xml' ? 'graphml' : undefined
  if (head.startsWith('{')) return isGeoJsonDocument(source) ? 'geojson' : 'json'
  if (extension === 'json') return 'json'
  return undefined
}

const PARSERS: Record<NetworkFormat, (text: string, limits: DocumentLimits) => ParseResult> = {
  json: parseSilkwayJson,
  geojson: parseGeoJson,
  graphml: parseGraphml,
}

/**
 * Reads a network in any supported format, detected unless given. Never throws: when the format cannot be
 * told, the text is tried as silkway JSON and the issues start with `unknown-format`.
 */
export function parseNetwork(text: string, options: { fileName?: string; format?: NetworkFormat; limits?: DocumentLimits } = {}): ParseResult {
  const limits = options.limits ?? DOCUMENT_LIMITS
  // Before detection, which parses JSON whole.
  const tooLarge = sizeIssue(text, limits.maxDocumentBytes)
  if (tooLarge) return { format: options.format ?? 'json', issues: [tooLarge] }
  const format = options.format ?? detectFormat(text, options.fileName)
  if (format !== undefined && format in PARSERS) return PARSERS[format](text, limits)
  const what = options.fileName === undefined ? 'the document' : `'${options.fileName}'`
  const unknown = issue(
    'error',
    'unknown-format',
    '(root)',
    `cannot tell the format of ${what}: expected silkway JSON (.json), GeoJSON (.geojson) or GraphML (.graphml)`,
    1,
  )
  const asJson = parseSilkwayJson(text, limits)
  return { format: 'json', issues: [unknown, ...asJson.issues.filter((found) => found.severity === 'error')] }
}

/**
 * The error for a document that did not parse: its first error, located, under the registry code its issues
 * call for (SW_DOCUMENT_TOO_DEEP, SW_DOCUMENT_TOO_LARGE, else SW_INVALID_DOCUMENT). The CLI and the server
 * both use it, so the same file is refused with the same code and message; `label` names the file.
 */
export function parseFailure(result: { format?: string; issues: ValidationIssue[] }, label: string, details: Record<string, unknown> = {}): SilkwayError {
  const first = result.issues.find((found) => found.severity === 'error')
  const where = first ? `${first.line && !first.path.startsWith('line ') ? `line ${first.line}: ` : ''}${first.path}: ${first.message}` : 'invalid network'
  return new SilkwayError(refusalCode(result.issues), `${label}: ${where}`, details, result.issues)
}

/** Serialises a valid network. Throws SW_INVALID_ARGUMENT for a format it does not know (a caller's bug). */
export function writeNetwork(network: Network, format: NetworkFormat): string {
  switch (format) {
    case 'json':
      return writeSilkwayJson(network)
    case 'geojson':
      return writeGeoJson(network)
    case 'graphml':
      return writeGraphml(network)
    default:
      throw new SilkwayError('SW_INVALID_ARGUMENT', `unknown network format '${String(format)}'`, { format })
  }
}

/**
 * One line per issue, compiler style, errors first and then in file order:
 * `corridor.json:12: links[3].b: unknown node 'x'`, warnings marked `warning:`.
 */
export function formatIssues(issues: readonly ValidationIssue[], fileName?: string): string {
  const ordered = issues
    .map((entry, order) => ({ entry, order }))
    .sort(
      (p, q) =>
        Number(p.entry.severity !== 'error') - Number(q.entry.severity !== 'error') ||
        (p.entry.line ?? Number.MAX_SAFE_INTEGER) - (q.entry.line ?? Number.MAX_SAFE_INTEGER) ||
        p.order - q.order,
    )
  return ordered
    .map(({ entry }) => {
      const place = [fileName, entry.line].filter((part) => part !== undefined).join(':')
      const severity = entry.severity === 'error' ? '' : `${entry.severity}: `
      return `${place === '' ? '' : `${place}: `}${entry.path}: ${severity}${entry.message}`
    })
    .join('\n')
}
