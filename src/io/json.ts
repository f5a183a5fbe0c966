import { DOCUMENT_LIMITS, type DocumentLimits, type Network, validateNetwork } from '../model'
import { jsonLineFinder, readJsonText } from './json-text'
import { guarded, isRecord, issue, type ParseResult, stripBom } from './result'

/** Reads a silkway network document (docs/schema/network-1.json); every issue carries its path and line. */
export function parseSilkwayJson(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): ParseResult {
  return guarded('json', () => {
    const source = stripBom(text)
    const parsed = readJsonText(source, limits)
    if (!parsed.ok) return { format: 'json', issues: [parsed.issue] }
    const document = parsed.value
    if (isRecord(document) && (document.type === 'FeatureCollection' || document.type === 'Feature')) {
      const message = 'this is a GeoJSON document, not a silkway network: read it as geojson (a .geojson file name does that)'
      return { format: 'json', issues: [issue('error', 'wrong-format', 'type', message, jsonLineFinder(source)('type'))] }
    }
    const { value, issues } = validateNetwork(document, limits.maxDepth)
    const lineOf = jsonLineFinder(source)
    const located = issues.map((found) => issue(found.severity, found.code, found.path, found.message, lineOf(found.path)))
    return value === undefined ? { format: 'json', issues: located } : { format: 'json', network: value, issues: located }
  })
}

/** The canonical silkway JSON text: two-space indentation and a final newline. */
export function writeSilkwayJson(network: Network): string {
  return `${JSON.stringify(network, null, 2)}\n`
}
