import { greatCircleKm } from '../geo'
import { DOCUMENT_LIMITS, type DocumentLimits, NETWORK_SCHEMA_VERSION, type Network, type NetworkLink, type NetworkNode, type ValidationIssue } from '../model'
import { countryCode } from './country'
import { coerce, inSchemaOrder, LINK_FIELDS, NODE_FIELDS } from './fields'
import { jsonLineFinder, locatedIn, readJsonText } from './json-text'
import { defined, guarded, isRecord, issue, type ParseResult, type SourceLocation, stripBom, validateAssembled } from './result'

/** How far a line's end may lie from a Point node and still be joined to it when `a`/`b` are not given. */
export const SNAP_DISTANCE_KM = 1

/** Written on a link drawn as a straight line because it has no geometry; the reader drops that line again. */
const STRAIGHT_LINE = 'straightLine'

const ENDPOINT_NAMES = [
  ['a', 'b'],
  ['from', 'to'],
  ['source', 'target'],
] as const

const NODE_PROPERTIES = new Set([...NODE_FIELDS.keys(), 'label'].filter((field) => field !== 'lat' && field !== 'lon'))
const LINK_PROPERTIES = new Set([...LINK_FIELDS.keys(), 'label', 'from', 'to', 'source', 'target', STRAIGHT_LINE].filter((field) => field !== 'geometry'))
const NETWORK_MEMBERS = new Set(['schemaVersion', 'name', 'description', 'metadata', 'sources', 'srlgs'])

type Position = [number, number]

interface NodeOrigin {
  feature: number
  /** Where the id and name came from: a property name, `id` of the feature itself, or nothing (generated). */
  id: 'properties.id' | 'id' | undefined
  name: 'properties.name' | 'properties.label' | undefined
}

interface LinkOrigin {
  feature: number
  id: 'properties.id' | 'id' | undefined
  name: 'properties.name' | 'properties.label' | undefined
  /** A property path, or the line's first or last position when the end was snapped to a node. */
  a: string
  b: string
}

interface LinkDraft {
  feature: number
  record: Record<string, unknown>
  properties: Record<string, unknown>
  line?: Position[]
}

function position(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined
  const [lon, lat] = value
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : undefined
}

function positions(value: unknown): Position[] | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined
  const out: Position[] = []
  for (const entry of value) {
    const p = position(entry)
    if (!p) return undefined
    out.push(p)
  }
  return out
}

function km(p: Position, q: Position): number {
  return greatCircleKm(p[1], p[0], q[1], q[0])
}

function sameOrNear(p: Position, q: Position): { near: boolean; same: boolean } {
  const same = p[0] === q[0] && p[1] === q[1]
  return { same, near: same || km(p, q) <= SNAP_DISTANCE_KM }
}

/**
 * Joins MultiLineString parts into one line when each part continues the line so far at either end
 * (within the snapping distance); otherwise names the first part that does not.
 */
function joinParts(parts: Position[][]): { line: Position[] } | { gapAfter: number; gapKm: number } {
  let line = [...parts[0]]
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]
    const start = line[0]
    const end = line[line.length - 1]
    const candidates: Array<[Position, Position, () => Position[], () => Position[]]> = [
      [end, part[0], () => line, () => part],
      [end, part[part.length - 1], () => line, () => [...part].reverse()],
      [start, part[part.length - 1], () => part, () => line],
      [start, part[0], () => [...part].reverse(), () => line],
    ]
    const match = candidates.map(([p, q, first, second]) => ({ ...sameOrNear(p, q), first, second })).find((candidate) => candidate.near)
    if (!match) return { gapAfter: k, gapKm: Math.min(km(end, part[0]), km(end, part[part.length - 1]), km(start, part[0]), km(start, part[part.length - 1])) }
    const first = match.first()
    const second = match.second()
    line = [...first, ...(match.same ? second.slice(1) : second)]
  }
  return { line }
}

/** Point nodes bucketed by 0.01° bands of latitude (about 1.1 km), so snapping looks at three bands only. */
class SnapIndex {
  private readonly bands = new Map<number, Array<{ id: string; at: Position }>>()

  add(id: string, at: Position): void {
    const band = Math.floor(at[1] / 0.01)
    const list = this.bands.get(band)
    if (list) list.push({ id, at })
    else this.bands.set(band, [{ id, at }])
  }

  nearest(at: Position): string | undefined {
    const band = Math.floor(at[1] / 0.01)
    let best: string | undefined
    let bestKm = SNAP_DISTANCE_KM
    for (let b = band - 1; b <= band + 1; b++) {
      for (const entry of this.bands.get(b) ?? []) {
        const distanceKm = km(entry.at, at)
        if (distanceKm <= bestKm) {
          best = entry.id
          bestKm = distanceKm
        }
      }
    }
    return best
  }
}

function idOf(properties: Record<string, unknown>, record: Record<string, unknown>): { value: unknown; from: NodeOrigin['id'] } {
  const fromProperties = coerce('string', properties.id)
  if (fromProperties !== undefined) return { value: fromProperties, from: 'properties.id' }
  const fromFeature = coerce('string', record.id)
  if (fromFeature !== undefined) return { value: fromFeature, from: 'id' }
  return { value: undefined, from: undefined }
}

function nameOf(properties: Record<string, unknown>): { value: unknown; from: NodeOrigin['name'] } {
  const name = coerce('string', properties.name)
  if (name !== undefined) return { value: name, from: 'properties.name' }
  const label = coerce('string', properties.label)
  if (label !== undefined) return { value: label, from: 'properties.label' }
  return { value: undefined, from: undefined }
}

function hasEndpoints(properties: Record<string, unknown>): boolean {
  return ENDPOINT_NAMES.some(([a, b]) => properties[a] != null || properties[b] != null)
}

/** A unique id for a record that has none: `n7` for feature 7, or `n7-2` if a feature already uses `n7`. */
function generatedId(prefix: string, feature: number, taken: Set<string>): string {
  let id = `${prefix}${feature}`
  for (let k = 2; taken.has(id); k++) id = `${prefix}${feature}-${k}`
  taken.add(id)
  return id
}

class GeoJsonReader {
  readonly issues: ValidationIssue[] = []
  private readonly lineOf: (path: string) => number | undefined
  private readonly unknown = new Map<string, { path: string; count: number }>()
  private readonly nodes: Record<string, unknown>[] = []
  private readonly nodeOrigins: NodeOrigin[] = []
  private readonly links: Record<string, unknown>[] = []
  private readonly linkOrigins: LinkOrigin[] = []
  private readonly linkDrafts: LinkDraft[] = []
  private nameFromRoot = false

  constructor(
    source: string,
    private readonly maxDepth: number,
  ) {
    this.lineOf = jsonLineFinder(source)
  }

  report(severity: ValidationIssue['severity'], code: string, path: string, message: string): void {
    this.issues.push(issue(severity, code, path, message, this.lineOf(path)))
  }

  read(root: unknown): ParseResult {
    if (!isRecord(root) || root.type !== 'FeatureCollection') {
      const got = isRecord(root) ? `type ${JSON.stringify(root.type)}` : Array.isArray(root) ? 'an array' : typeof root
      this.report('error', 'not-feature-collection', isRecord(root) ? 'type' : '(root)', `expected a GeoJSON FeatureCollection (got ${got})`)
      return { format: 'geojson', issues: this.issues }
    }
    if (!Array.isArray(root.features)) {
      this.report('error', 'type', 'features', 'features must be an array of GeoJSON Features')
      return { format: 'geojson', issues: this.issues }
    }
    root.features.forEach((feature, i) => this.readFeature(feature, i))
    this.assignNodeIds()
    this.resolveLinks()
    for (const [name, { path, count }] of this.unknown) {
      const where = count === 1 ? 'on one feature' : `on ${count} features`
      this.report('warning', 'unknown-property', path, `property '${name}' is not part of the silkway model and was left out (${where})`)
    }
    return validateAssembled('geojson', this.document(root), this.issues, (path) => this.locate(path), this.maxDepth)
  }

  private document(root: Record<string, unknown>): Record<string, unknown> {
    let meta: Record<string, unknown> = {}
    if (isRecord(root.silkway)) meta = root.silkway
    else if (root.silkway !== undefined) this.report('warning', 'type', 'silkway', 'the silkway member must be an object: ignored')
    for (const member of Object.keys(meta)) {
      if (!NETWORK_MEMBERS.has(member)) this.report('warning', 'unknown-property', `silkway.${member}`, `member '${member}' is not part of the silkway model and was left out`)
    }
    let name = meta.name
    if (name === undefined && typeof root.name === 'string') {
      name = root.name
      this.nameFromRoot = true
    }
    return defined({
      schemaVersion: meta.schemaVersion ?? NETWORK_SCHEMA_VERSION,
      name,
      description: meta.description,
      metadata: meta.metadata,
      sources: meta.sources,
      nodes: this.nodes,
      links: this.links,
      srlgs: meta.srlgs,
    })
  }

  private noteUnknown(properties: Record<string, unknown>, known: Set<string>, path: string): void {
    for (const name of Object.keys(properties)) {
      if (known.has(name)) continue
      const seen = this.unknown.get(name)
      if (seen) seen.count++
      else this.unknown.set(name, { path: `${path}.properties.${name}`, count: 1 })
    }
  }

  private readFeature(record: unknown, i: number): void {
    const path = `features[${i}]`
    if (!isRecord(record) || record.type !== 'Feature') {
      this.report('error', 'not-feature', isRecord(record) ? `${path}.type` : path, 'must be a GeoJSON Feature')
      return
    }
    const properties = record.properties ?? {}
    if (!isRecord(properties)) {
      this.report('error', 'type', `${path}.properties`, 'properties must be an object or null')
      return
    }
    const geometry = record.geometry ?? null
    if (geometry === null) {
      if (hasEndpoints(properties)) this.linkDrafts.push({ feature: i, record, properties })
      else this.addNode(i, record, properties, undefined)
      return
    }
    if (!isRecord(geometry)) {
      this.report('error', 'type', `${path}.geometry`, 'geometry must be a GeoJSON geometry object or null')
      return
    }
    switch (geometry.type) {
      case 'Point': {
        const at = position(geometry.coordinates)
        if (at) this.addNode(i, record, properties, at)
        else this.report('error', 'geometry', `${path}.geometry.coordinates`, 'a Point needs a [lon, lat] position of numbers')
        return
      }
      case 'LineString': {
        const line = positions(geometry.coordinates)
        if (line) this.linkDrafts.push({ feature: i, record, properties, line })
        else this.report('error', 'geometry', `${path}.geometry.coordinates`, 'a LineString needs two or more [lon, lat] positions of numbers')
        return
      }
      case 'MultiLineString': {
        const parts = Array.isArray(geometry.coordinates) ? geometry.coordinates.map(positions) : []
        const bad = parts.findIndex((part) => part === undefined)
        if (parts.length === 0 || bad !== -1) {
          const where = bad === -1 ? `${path}.geometry.coordinates` : `${path}.geometry.coordinates[${bad}]`
          this.report('error', 'geometry', where, 'a MultiLineString needs one or more parts of two or more [lon, lat] positions')
          return
        }
        const joined = joinParts(parts as Position[][])
        if ('line' in joined) {
          this.linkDrafts.push({ feature: i, record, properties, line: joined.line })
          return
        }
        this.report(
          'error',
          'multilinestring-gap',
          `${path}.geometry.coordinates[${joined.gapAfter}]`,
          `part ${joined.gapAfter} of the MultiLineString does not continue the parts before it (gap ${joined.gapKm.toFixed(1)} km): a link is one continuous line, so split it into LineString features`,
        )
        return
      }
      default:
        this.report(
          'warning',
          'unsupported-geometry',
          `${path}.geometry.type`,
          `a ${String(geometry.type)} is neither a node (Point) nor a link (LineString): feature left out`,
        )
    }
  }

  private addNode(i: number, record: Record<string, unknown>, properties: Record<string, unknown>, at: Position | undefined): void {
    const path = `features[${i}]`
    const id = idOf(properties, record)
    const name = nameOf(properties)
    const node: Record<string, unknown> = { id: id.value, name: name.value }
    for (const [field, kind] of NODE_FIELDS) {
      if (field === 'id' || field === 'name' || field === 'lat' || field === 'lon') continue
      node[field] = coerce(kind, properties[field])
    }
    node.kind ??= 'city'
    node.lat = at?.[1]
    node.lon = at?.[0]
    node.country = this.country(node.country, `${path}.properties.country`)
    this.noteUnknown(properties, NODE_PROPERTIES, path)
    this.nodes.push(node)
    this.nodeOrigins.push({ feature: i, id: id.from, name: name.from })
  }

  private country(value: unknown, path: string): unknown {
    if (typeof value !== 'string') return value
    const match = countryCode(value)
    if (!match) {
      this.report('warning', 'unknown-country', path, `unknown country '${value}': left out (give an ISO 3166-1 code or English name)`)
      return undefined
    }
    if (!match.known) this.report('warning', 'unknown-country', path, `'${value}' is not an assigned ISO 3166-1 alpha-2 code: kept as given`)
    return match.code
  }

  /** Generated ids come last so they can avoid every id the file gives; a name defaults to the id. */
  private assignNodeIds(): void {
    const taken = new Set(this.nodes.map((node) => node.id).filter((id): id is string => typeof id === 'string'))
    this.nodes.forEach((node, k) => {
      node.id ??= generatedId('n', this.nodeOrigins[k].feature, taken)
      if (node.name === undefined && typeof node.id === 'string') node.name = node.id
    })
    this.nodes.forEach((node, k) => (this.nodes[k] = inSchemaOrder(node, NODE_FIELDS)))
  }

  private resolveLinks(): void {
    const snap = new SnapIndex()
    for (const node of this.nodes) {
      if (typeof node.id === 'string' && typeof node.lat === 'number' && typeof node.lon === 'number') snap.add(node.id, [node.lon, node.lat])
    }
    const taken = new Set(
      this.linkDrafts.map((draft) => idOf(draft.properties, draft.record).value).filter((id): id is string => typeof id === 'string'),
    )
    for (const draft of this.linkDrafts) {
      const path = `features[${draft.feature}]`
      const { properties, line } = draft
      const [aName, bName] = ENDPOINT_NAMES.find(([a, b]) => properties[a] != null || properties[b] != null) ?? ENDPOINT_NAMES[0]
      const ends: Array<{ value: unknown; from: string }> = []
      for (const [name, index, which] of [
        [aName, 0, 'start'],
        [bName, line ? line.length - 1 : 0, 'end'],
      ] as const) {
        const given = coerce('string', properties[name])
        if (given !== undefined) {
          ends.push({ value: given, from: `properties.${name}` })
          continue
        }
        if (!line) {
          this.report('error', 'missing-endpoint', `${path}.properties`, `a link feature without geometry needs both ${aName} and ${bName}`)
          return
        }
        const at = line[index]
        const id = snap.nearest(at)
        if (id === undefined) {
          this.report(
            'error',
            'unsnapped-endpoint',
            path,
            `no '${name}' property, and the line's ${which} (${at[0]}, ${at[1]}) is not within ${SNAP_DISTANCE_KM} km of any Point node: give properties ${aName} and ${bName}`,
          )
          return
        }
        ends.push({ value: id, from: `geometry.coordinates[${index}]` })
      }
      const id = idOf(properties, draft.record)
      const name = nameOf(properties)
      const link: Record<string, unknown> = { id: id.value ?? generatedId('l', draft.feature, taken), name: name.value, a: ends[0].value, b: ends[1].value }
      for (const [field, kind] of LINK_FIELDS) {
        if (field === 'id' || field === 'name' || field === 'a' || field === 'b' || field === 'geometry') continue
        link[field] = coerce(kind, properties[field])
      }
      link.kind ??= 'terrestrial'
      if (line && properties[STRAIGHT_LINE] !== true) link.geometry = { type: 'LineString', coordinates: line }
      if (Array.isArray(link.countries)) {
        const list = link.countries as unknown[]
        link.countries = list.map((entry, j) => this.country(entry, `${path}.properties.countries[${j}]`)).filter((entry) => entry !== undefined)
      }
      this.noteUnknown(properties, LINK_PROPERTIES, path)
      this.links.push(inSchemaOrder(link, LINK_FIELDS))
      this.linkOrigins.push({ feature: draft.feature, id: id.from, name: name.from, a: ends[0].from, b: ends[1].from })
    }
  }

  private locate(path: string): SourceLocation {
    const at = locatedIn(this.lineOf)
    const match = /^(nodes|links)\[(\d+)\](?:\.([^.[]+))?(.*)$/.exec(path)
    if (match) {
      const [, list, index, field, tail] = match
      const origin = list === 'nodes' ? this.nodeOrigins[Number(index)] : this.linkOrigins[Number(index)]
      if (!origin) return at(path)
      const base = `features[${origin.feature}]`
      if (field === undefined) return at(base)
      if (field === 'id') return at(origin.id ? `${base}.${origin.id}` : base)
      if (field === 'name') return at(origin.name ? `${base}.${origin.name}${tail}` : base)
      if (list === 'nodes' && field === 'lat') return at(`${base}.geometry.coordinates[1]`)
      if (list === 'nodes' && field === 'lon') return at(`${base}.geometry.coordinates[0]`)
      if (list === 'links' && field === 'geometry') return at(`${base}.geometry${tail}`)
      if (list === 'links' && (field === 'a' || field === 'b')) return at(`${base}.${(origin as LinkOrigin)[field]}`)
      return at(`${base}.properties.${field}${tail}`)
    }
    const member = /^([A-Za-z]+)(.*)$/.exec(path)
    if (member && NETWORK_MEMBERS.has(member[1]) && !(member[1] === 'name' && this.nameFromRoot)) return at(`silkway.${path}`)
    return at(path)
  }
}

/**
 * Reads an RFC 7946 FeatureCollection: Points are nodes, LineStrings (and contiguous MultiLineStrings) are
 * links whose ends are the `a`/`b` (or `from`/`to`, `source`/`target`) properties or else the Point nodes
 * within 1 km of the line's ends. Network-level fields come from the foreign member `silkway`.
 */
export function parseGeoJson(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): ParseResult {
  return guarded('geojson', () => {
    const source = stripBom(text)
    const parsed = readJsonText(source, limits)
    if (!parsed.ok) return { format: 'geojson', issues: [parsed.issue] }
    return new GeoJsonReader(source, limits.maxDepth).read(parsed.value)
  })
}

function nodeFeature(node: NetworkNode): Record<string, unknown> {
  const { lat, lon, ...properties } = node
  const geometry = lat !== undefined && lon !== undefined ? { type: 'Point', coordinates: [lon, lat] } : null
  return { type: 'Feature', id: node.id, geometry, properties }
}

function linkFeature(link: NetworkLink, nodes: Map<string, NetworkNode>): Record<string, unknown> {
  const { geometry, ...properties } = link
  if (geometry) return { type: 'Feature', id: link.id, geometry, properties }
  const a = nodes.get(link.a)
  const b = nodes.get(link.b)
  if (a?.lat === undefined || a.lon === undefined || b?.lat === undefined || b.lon === undefined) {
    return { type: 'Feature', id: link.id, geometry: null, properties }
  }
  const straight = {
    type: 'LineString',
    coordinates: [
      [a.lon, a.lat],
      [b.lon, b.lat],
    ],
  }
  return { type: 'Feature', id: link.id, geometry: straight, properties: { ...properties, [STRAIGHT_LINE]: true } }
}

/**
 * Writes a FeatureCollection, one feature per line: nodes as Points (null geometry without coordinates),
 * links as LineStrings (their geometry, else a straight line marked `straightLine`). Every model field is a
 * property, and the network's own fields ride in the foreign member `silkway`, so reading it back gives the
 * same network.
 */
export function writeGeoJson(network: Network): string {
  const nodes = new Map(network.nodes.map((node) => [node.id, node]))
  const features = [...network.nodes.map(nodeFeature), ...network.links.map((link) => linkFeature(link, nodes))]
  const { nodes: _nodes, links: _links, ...members } = network
  const head = defined({ type: 'FeatureCollection', name: network.name, silkway: members })
  const lines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
  const body = features.map((feature) => `    ${JSON.stringify(feature)}`).join(',\n')
  return `{\n${lines.join('\n')}\n  "features": [${features.length === 0 ? ']' : `\n${body}\n  ]`}\n}\n`
}
