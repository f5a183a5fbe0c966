import {
  DOCUMENT_LIMITS,
  type DocumentLimits,
  MEASUREMENTS_SCHEMA_VERSION,
  MEASUREMENT_USES,
  type LocatedPlace,
  type Measurement,
  type MeasurementsDocument,
  hasErrors,
  validateMeasurements,
  type ValidationIssue,
} from '../model'
import { NUMBER_TEXT, atRowLine, readCsvRows } from './csv'
import { jsonLineFinder, parseJsonDocument, readJsonText } from './json-text'
import { guardedRead, isRecord, issue, stripBom } from './result'

/** The formats a measurements file can have. */
export type MeasurementsFormat = 'json' | 'csv' | 'ripe-atlas'

/** What a measurements reader returns: `measurements` is present exactly when no issue has severity `error`. */
export interface MeasurementsParseResult {
  format: MeasurementsFormat
  measurements?: MeasurementsDocument
  issues: ValidationIssue[]
}

/**
 * The format of a measurements file from its text: a JSON array of objects with `prb_id` is RIPE Atlas results
 * (a single result object too), other JSON a silkway measurements document, anything else CSV.
 */
export function detectMeasurementsFormat(text: string): MeasurementsFormat {
  const head = stripBom(text).trimStart()
  if (head.startsWith('[')) return 'ripe-atlas'
  if (head.startsWith('{')) return /"prb_id"\s*:/.test(head.slice(0, 4096)) && !/"schemaVersion"\s*:/.test(head.slice(0, 4096)) ? 'ripe-atlas' : 'json'
  return 'csv'
}

/** Reads a silkway measurements document (docs/schema/measurements.schema.json); every issue carries its path and line. */
export function parseMeasurementsJson(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): MeasurementsParseResult {
  return guardedRead('json', 'measurements', (): MeasurementsParseResult => {
    const { value, issues } = parseJsonDocument(text, validateMeasurements, limits)
    return value === undefined ? { format: 'json', issues } : { format: 'json', measurements: value, issues }
  })
}

const CSV_COLUMNS = ['id', 'from', 'to', 'rttMs', 'percentile', 'date', 'source', 'use', 'note'] as const
type CsvColumn = (typeof CSV_COLUMNS)[number]
const POSITIONAL: CsvColumn[] = ['from', 'to', 'rttMs', 'percentile', 'date', 'source']

/**
 * Reads measurements from CSV: `from,to,rttMs,percentile,date,source` by position, or the columns id, from, to,
 * rttMs, percentile, date, source, use, note by a header row (names case-insensitive). Blank lines and lines
 * starting with `#` are skipped. Every broken row is reported with its line (`line 4, rttMs: '-3' is not a
 * round-trip time ≥ 0 ms`) and the whole file is refused. Endpoints are node ids or names, resolved when the
 * calibration runs.
 */
export function parseMeasurementsCsv(text: string, name?: string): MeasurementsParseResult {
  return guardedRead('csv', 'measurements', (): MeasurementsParseResult => {
    const issues: ValidationIssue[] = []
    const measurements: Measurement[] = []
    const lineOf: number[] = []
    const { rows, headed } = readCsvRows(text, CSV_COLUMNS, POSITIONAL, (lower) => lower.includes('from') && lower.includes('to') && lower.includes('rttms'), issues)
    rows.forEach(({ line, record }) => {
      const rowIssues: ValidationIssue[] = []
      for (const required of ['from', 'to', 'rttMs', 'source'] as const) {
        if (record[required] === undefined) rowIssues.push(issue('error', 'required', `line ${line}, ${required}`, `missing ${required}`, line))
      }
      const rttMs = record.rttMs === undefined ? Number.NaN : Number(record.rttMs)
      if (record.rttMs !== undefined && (!NUMBER_TEXT.test(record.rttMs) || !(rttMs >= 0))) {
        rowIssues.push(issue('error', 'rttMs', `line ${line}, rttMs`, `'${record.rttMs}' is not a round-trip time ≥ 0 ms`, line))
      }
      const use = record.use?.toLowerCase()
      if (use !== undefined && !(MEASUREMENT_USES as readonly string[]).includes(use)) {
        rowIssues.push(issue('error', 'use', `line ${line}, use`, `'${record.use}' is not one of ${MEASUREMENT_USES.join(', ')}`, line))
      }
      if (rowIssues.length > 0) {
        issues.push(...rowIssues)
        return
      }
      const measurement: Measurement = { id: record.id ?? `line-${line}`, from: record.from as string, to: record.to as string, rttMs, source: record.source as string }
      if (record.percentile !== undefined) measurement.percentile = record.percentile
      if (record.date !== undefined) measurement.date = record.date
      if (use !== undefined) measurement.use = use as Measurement['use']
      if (record.note !== undefined) measurement.note = record.note
      measurements.push(measurement)
      lineOf.push(line)
    })
    if (!headed) issues.push(issue('error', 'empty', '(root)', 'no measurements: the file has no rows'))
    // Row checks run after the table is read; report in line order all the same.
    if (hasErrors(issues)) return { format: 'csv', issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) }
    const document: MeasurementsDocument = { schemaVersion: MEASUREMENTS_SCHEMA_VERSION, ...(name ? { name } : {}), measurements }
    const validation = validateMeasurements(document)
    const located = validation.issues.map((found) => atRowLine(found, 'measurements', lineOf))
    return validation.value === undefined ? { format: 'csv', issues: located } : { format: 'csv', measurements: validation.value, issues: located }
  })
}

/** A RIPE Atlas probe's location and addresses, from the probes API (`/api/v2/probes/`). */
interface ProbeLocation {
  place: LocatedPlace
  addresses: string[]
}

const RIPE_TYPES = ['ping', 'traceroute'] as const
/** 9999-12-31T23:59:59Z: a later timestamp has no ISO 8601 date of four-digit year. */
const LAST_UNIX_SECOND = 253_402_300_799

/**
 * Probe locations from the RIPE Atlas probes API's JSON: a page `{ "results": [...] }` or an array of probe
 * objects, each with `id`, `geometry` (GeoJSON Point, `[lon, lat]`) and `address_v4` / `address_v6`.
 */
function readProbes(text: string, limits: DocumentLimits, issues: ValidationIssue[]): Map<number, ProbeLocation> {
  const probes = new Map<number, ProbeLocation>()
  const parsed = readJsonText(stripBom(text), limits)
  if (!parsed.ok) {
    issues.push({ ...parsed.issue, path: `probes: ${parsed.issue.path}` })
    return probes
  }
  const list = Array.isArray(parsed.value) ? parsed.value : isRecord(parsed.value) && Array.isArray(parsed.value.results) ? parsed.value.results : undefined
  if (list === undefined) {
    issues.push(issue('error', 'probes', 'probes: (root)', 'not a RIPE Atlas probes list: expected an array of probes or the API page { "results": [...] }'))
    return probes
  }
  list.forEach((probe: unknown, i: number) => {
    if (!isRecord(probe) || !Number.isInteger(probe.id)) {
      issues.push(issue('error', 'probes', `probes: [${i}].id`, 'a probe needs an integer id'))
      return
    }
    const geometry = probe.geometry
    const coordinates = isRecord(geometry) && Array.isArray(geometry.coordinates) ? geometry.coordinates : undefined
    const [lon, lat] = coordinates ?? []
    if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) return
    const addresses = [probe.address_v4, probe.address_v6].filter((a): a is string => typeof a === 'string')
    probes.set(probe.id as number, { place: { name: `RIPE Atlas probe ${probe.id}`, lat, lon }, addresses })
  })
  return probes
}

/** The RTT one RIPE Atlas result gives, ms: a ping's minimum, a traceroute's fastest reply from the destination; undefined when none came back. */
function resultRttMs(result: Record<string, unknown>): number | undefined {
  const fastest = (replies: unknown, from?: string): number | undefined => {
    if (!Array.isArray(replies)) return undefined
    const rtts = replies
      .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.rtt === 'number' && r.rtt >= 0 && (from === undefined || r.from === from))
      .map((r) => r.rtt as number)
    return rtts.length ? Math.min(...rtts) : undefined
  }
  if (result.type === 'ping') {
    if (typeof result.min === 'number' && result.min >= 0) return result.min
    return fastest(result.result)
  }
  if (!Array.isArray(result.result)) return undefined
  for (let h = result.result.length - 1; h >= 0; h--) {
    const hop = result.result[h]
    if (!isRecord(hop)) continue
    const rtt = fastest(hop.result, typeof result.dst_addr === 'string' ? result.dst_addr : undefined)
    if (rtt !== undefined) return rtt
  }
  return undefined
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Reads RIPE Atlas measurement results (the public JSON result format, https://atlas.ripe.net/docs/apis/
 * measurement-result-format/) of type ping or traceroute, with the probes' locations from a probes file (results
 * carry probe ids, not places). One measurement per (probe, destination): the median over results of each
 * result's fastest reply (ping `min`; traceroute: the fastest reply from the destination at the last hop that
 * answered), labelled `p50-of-min`. The destination is located as the probe (anchors are probes) whose address
 * it is. Results of another type, probes without a location, and destinations no probe has are located errors.
 */
export function parseRipeAtlas(resultsText: string, probesText: string | undefined, limits: DocumentLimits = DOCUMENT_LIMITS): MeasurementsParseResult {
  return guardedRead('ripe-atlas', 'measurements', (): MeasurementsParseResult => {
    const source = stripBom(resultsText)
    const parsed = readJsonText(source, limits)
    if (!parsed.ok) return { format: 'ripe-atlas', issues: [parsed.issue] }
    const lineOf = jsonLineFinder(source)
    const issues: ValidationIssue[] = []
    const at = (path: string, code: string, message: string) => issues.push(issue('error', code, path, message, lineOf(path)))
    const results = Array.isArray(parsed.value) ? parsed.value : [parsed.value]
    if (probesText === undefined) {
      return {
        format: 'ripe-atlas',
        issues: [issue('error', 'probes', '(root)', 'RIPE Atlas results name probes by id, not by place: give the probes’ locations (the probes API JSON, --probes FILE)')],
      }
    }
    const probes = readProbes(probesText, limits, issues)
    const byAddress = new Map<string, ProbeLocation>()
    for (const probe of probes.values()) for (const address of probe.addresses) byAddress.set(address, probe)
    const groups = new Map<string, { from: LocatedPlace; to: LocatedPlace; rtts: number[]; first: number; msm: Set<number>; type: string }>()
    let unanswered = 0
    results.forEach((result: unknown, i: number) => {
      const path = `[${i}]`
      if (!isRecord(result)) return at(path, 'ripe-result', 'not a RIPE Atlas result object')
      if (typeof result.type !== 'string' || !(RIPE_TYPES as readonly string[]).includes(result.type)) {
        const what = typeof result.type === 'string' ? `a RIPE Atlas '${result.type}' result` : 'a result without a type'
        return at(`${path}.type`, 'ripe-type', `${what}: silkway reads ping and traceroute results`)
      }
      if (!Number.isInteger(result.prb_id)) return at(`${path}.prb_id`, 'ripe-result', 'missing probe id (prb_id)')
      if (typeof result.dst_addr !== 'string') return at(`${path}.dst_addr`, 'ripe-result', 'missing destination address (dst_addr)')
      const probe = probes.get(result.prb_id as number)
      if (!probe) return at(`${path}.prb_id`, 'probe-location', `probe ${result.prb_id} has no location in the probes file`)
      const target = byAddress.get(result.dst_addr)
      if (!target) return at(`${path}.dst_addr`, 'probe-location', `destination ${result.dst_addr} is the address of no located probe (an anchor is a probe: include it in the probes file)`)
      const rtt = resultRttMs(result)
      if (rtt === undefined) {
        unanswered++
        return
      }
      const key = `${result.prb_id} ${result.dst_addr}`
      const timestamp = typeof result.timestamp === 'number' ? result.timestamp : Number.POSITIVE_INFINITY
      const to = { ...target.place, name: typeof result.dst_name === 'string' && result.dst_name !== result.dst_addr ? `${result.dst_name} (${target.place.name})` : target.place.name }
      const group = groups.get(key) ?? { from: probe.place, to, rtts: [], first: timestamp, msm: new Set<number>(), type: result.type }
      group.rtts.push(rtt)
      group.first = Math.min(group.first, timestamp)
      if (Number.isInteger(result.msm_id)) group.msm.add(result.msm_id as number)
      groups.set(key, group)
    })
    if (hasErrors(issues)) return { format: 'ripe-atlas', issues }
    if (unanswered > 0) issues.push(issue('warning', 'ripe-unanswered', '(root)', `${unanswered} result(s) had no reply from the destination and were left out`))
    const measurements: Measurement[] = [...groups.entries()].map(([key, g]) => {
      const measurement: Measurement = {
        id: `ripe-${key.replace(' ', '-')}`,
        from: g.from,
        to: g.to,
        rttMs: Math.round(median(g.rtts) * 1000) / 1000,
        percentile: 'p50-of-min',
        source: `RIPE Atlas measurement ${[...g.msm].sort((a, b) => a - b).join(', ') || '(no msm_id)'} (${g.rtts.length} result(s))`,
        method: g.type as Measurement['method'],
      }
      // A result's own timestamp, not the clock: the date the data was measured.
      if (g.first >= 0 && g.first < LAST_UNIX_SECOND) measurement.date = new Date(g.first * 1000).toISOString().slice(0, 10)
      return measurement
    })
    if (measurements.length === 0) return { format: 'ripe-atlas', issues: [...issues, issue('error', 'empty', '(root)', 'no RIPE Atlas result with a reply')] }
    const validation = validateMeasurements({ schemaVersion: MEASUREMENTS_SCHEMA_VERSION, name: 'RIPE Atlas results', measurements })
    return validation.value === undefined
      ? { format: 'ripe-atlas', issues: [...issues, ...validation.issues] }
      : { format: 'ripe-atlas', measurements: validation.value, issues: [...issues, ...validation.issues] }
  })
}

/** Any measurements file: the format from the text (detectMeasurementsFormat) unless given. */
export function parseMeasurements(
  text: string,
  options: { format?: MeasurementsFormat; name?: string; probesText?: string; limits?: DocumentLimits } = {},
): MeasurementsParseResult {
  const format = options.format ?? detectMeasurementsFormat(text)
  if (format === 'csv') return parseMeasurementsCsv(text, options.name)
  if (format === 'ripe-atlas') return parseRipeAtlas(text, options.probesText, options.limits)
  return parseMeasurementsJson(text, options.limits)
}
