import { type X2jOptions, XMLParser, XMLValidator } from 'fast-xml-parser'
import { DOCUMENT_LIMITS, type DocumentLimits, LINK_KINDS, LINK_STATUSES, NETWORK_SCHEMA_VERSION, type Network, NODE_KINDS, sizeIssue, tooDeepIssue, type ValidationIssue } from '../model'
import { countryCode } from './country'
import { type FieldKind, fieldFromText, fieldToText, graphmlType, inSchemaOrder, LINK_FIELDS, NODE_FIELDS } from './fields'
import { defined, guarded, isRecord, issue, lineLocator, type ParseResult, type SourceLocation, stripBom, validateAssembled } from './result'

type Element = Record<string, unknown>

interface Key {
  id: string
  name: string
  for: string
  type: string
  default?: string
}

const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns'

/** Model fields written under the names the Internet Topology Zoo uses, so Zoo tools read them too. */
const NODE_NAMES: Record<string, string> = { name: 'label', lat: 'Latitude', lon: 'Longitude', country: 'Country' }
const LINK_NAMES: Record<string, string> = { name: 'label' }

/** Zoo bookkeeping that carries nothing the model holds: dropped without a warning. */
const IGNORED_NODE_DATA = new Set(['id', 'geocode_id', 'geocode_country', 'geocode_append', 'geocode_name', 'x', 'y'])
const IGNORED_EDGE_DATA = new Set(['key', 'id'])

/** Graph data the reader interprets rather than copying into `metadata`. */
const SILKWAY_GRAPH_KEY = 'silkway'
const RESERVED_GRAPH_NAMES = new Set(['label', SILKWAY_GRAPH_KEY])

/** Zoo `LinkSpeedUnits` prefixes → Gbit/s. */
const SPEED_UNIT_GBPS: Record<string, number> = { K: 1e-6, M: 1e-3, G: 1, T: 1e3 }

const ARRAY_TAGS = new Set(['key', 'graph', 'node', 'edge', 'data', 'hyperedge'])

// Entities are decoded by `decodeEntities` below, in one pass: the parser's own pass leaves numeric
// references (&#13;) alone, and not expanding DOCTYPE entities keeps entity bombs out.
const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(name),
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  captureMetaData: true,
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
}
const parsers = new Map<number, XMLParser>()
/** A parser whose own nesting limit is past ours: `xmlDepthExceeded` refuses deeper documents first, with a location. */
function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth)
  if (!parser) {
    parser = new XMLParser({ ...PARSER_OPTIONS, maxNestedTags: maxDepth + 1 })
    parsers.set(maxDepth, parser)
  }
  return parser
}
const META = XMLParser.getMetaDataSymbol() as unknown as symbol

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name) return NAMED_ENTITIES[name]
    const codePoint = hex ? Number.parseInt(hex, 16) : Number(decimal)
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole
  })
}

const START_TAG_REST = /(?:[^>"']|"[^"]*"|'[^']*')*>/y

/**
 * Where well-formed XML first nests an element deeper than `maxDepth` (the root element is level 1): its
 * offset and its ancestors' names, or undefined. Iterative, and run before the parser, whose tree builder
 * recurses once per level.
 */
export function xmlDepthExceeded(text: string, maxDepth: number): { index: number; path: string } | undefined {
  const names: string[] = []
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i)) {
    const next = text[i + 1]
    if (next === '/') {
      names.pop()
      i += 2
    } else if (next === '?') {
      i = text.indexOf('?>', i + 2)
      if (i === -1) return undefined
    } else if (text.startsWith('<!--', i)) {
      i = text.indexOf('-->', i + 4)
      if (i === -1) return undefined
    } else if (text.startsWith('<![CDATA[', i)) {
      i = text.indexOf(']]>', i + 9)
      if (i === -1) return undefined
    } else if (next === '!') {
      // A DOCTYPE: its internal subset holds declarations in angle brackets of their own.
      let open = 1
      for (i += 2; i < text.length && open > 0; i++) {
        if (text[i] === '<') open++
        else if (text[i] === '>') open--
      }
    } else {
      START_TAG_REST.lastIndex = i + 1
      if (!START_TAG_REST.test(text)) return undefined
      const end = START_TAG_REST.lastIndex
      const name = /^[^\s/>]*/.exec(text.slice(i + 1, Math.min(end, i + 201)))?.[0] ?? ''
      if (names.length >= maxDepth) return { index: i, path: [...names, name].join('/') }
      if (text[end - 2] !== '/') names.push(name)
      i = end
    }
  }
  return undefined
}

function elements(value: unknown): Element[] {
  if (value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  // An element with neither attributes nor children parses to '' rather than an object.
  return list.map((entry) => (isRecord(entry) ? entry : {}))
}

function attribute(element: Element, name: string, decode: (text: string) => string): string | undefined {
  const value = element[`@${name}`]
  return typeof value === 'string' ? decode(value) : undefined
}

/** The text content of a leaf element; undefined when it holds elements (yEd graphics and the like). */
function textOf(value: unknown, decode: (raw: string, entities?: boolean) => string): string | undefined {
  if (typeof value === 'string') return decode(value)
  if (!isRecord(value)) return undefined
  let text = ''
  for (const [name, member] of Object.entries(value)) {
    if (name.startsWith('@')) continue
    if (name === '#text') text += decode(String(member))
    else if (name === '#cdata') text += decode(Array.isArray(member) ? member.join('') : String(member), false)
    else return undefined
  }
  return text
}

function typedValue(type: string, text: string): unknown {
  const kind: FieldKind | undefined = ['int', 'long'].includes(type)
    ? 'integer'
    : ['float', 'double'].includes(type)
      ? 'number'
      : type === 'boolean'
        ? 'boolean'
        : undefined
  if (kind === undefined) return text
  const parsed = fieldFromText(kind, text)
  return parsed.ok ? parsed.value : text
}

/** Zoo `LinkStatus` words → model status; anything else goes to the notes. */
function linkStatus(text: string): string | undefined {
  if (/future|planned|planning|proposed/i.test(text)) return 'planned'
  if (/construction/i.test(text)) return 'under-construction'
  if (/operational|existing|current|active|in service/i.test(text)) return 'operational'
  if (/retired|decommissioned|abandoned/i.test(text)) return 'retired'
  return undefined
}

interface Origin {
  index: number
  line?: number
}

/** The data values of one element by attribute name, with the names the reader has used. */
class DataValues {
  private readonly values = new Map<string, string>()
  private readonly byLowerName = new Map<string, string>()
  readonly used = new Set<string>()

  /** Graph data is matched exactly: any other name there is metadata and must come back unchanged. */
  constructor(private readonly ignoreCase: boolean) {}

  set(name: string, text: string): void {
    this.values.set(name, text)
    if (!this.byLowerName.has(name.toLowerCase())) this.byLowerName.set(name.toLowerCase(), name)
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  /** The first of the names present, matched exactly and then, for nodes and edges, ignoring case. */
  take(...names: string[]): string | undefined {
    for (const name of names) {
      const actual = this.values.has(name) ? name : this.ignoreCase ? this.byLowerName.get(name.toLowerCase()) : undefined
      if (actual === undefined) continue
      this.used.add(actual)
      return this.values.get(actual)
    }
    return undefined
  }

  unused(): string[] {
    return [...this.values.keys()].filter((name) => !this.used.has(name))
  }
}

class GraphmlReader {
  readonly issues: ValidationIssue[] = []
  private readonly lineAt: (index: number) => { line: number; column: number }
  private readonly keys = new Map<string, Key>()
  private readonly undeclaredKeys = new Set<string>()
  private readonly unknownData = new Map<string, { path: string; line?: number; count: number }>()
  private readonly unknownCountries = new Map<string, { path: string; line?: number; count: number }>()
  private readonly nodeOrigins: Origin[] = []
  private readonly linkOrigins: Origin[] = []
  private graphLine: number | undefined

  /** Whether text follows silkway's mapping of characters XML 1.0 cannot carry (files with a `silkway` key). */
  private escaped = false

  constructor(
    source: string,
    private readonly limits: DocumentLimits,
  ) {
    this.lineAt = lineLocator(source)
  }

  private decode(raw: string, entities = true): string {
    const text = entities ? decodeEntities(raw) : raw
    return this.escaped ? unescapeXmlChars(text) : text
  }

  private attribute(element: Element, name: string): string | undefined {
    return attribute(element, name, (raw) => this.decode(raw))
  }

  private textOf(value: unknown): string | undefined {
    return textOf(value, (raw, entities) => this.decode(raw, entities))
  }

  private report(severity: ValidationIssue['severity'], code: string, path: string, message: string, line?: number): void {
    this.issues.push(issue(severity, code, path, message, line))
  }

  private lineOf(element: Element): number | undefined {
    const meta = (element as Record<symbol, { startIndex?: number } | undefined>)[META]
    return meta?.startIndex === undefined ? undefined : this.lineAt(meta.startIndex).line
  }

  read(source: string): ParseResult {
    const root = this.root(source)
    if (!root) return { format: 'graphml', issues: this.issues }
    this.escaped = elements(root.key).some((key) => attribute(key, 'attr.name', decodeEntities) === SILKWAY_GRAPH_KEY && attribute(key, 'for', decodeEntities) === 'graph')
    this.readKeys(root)
    const graphs = elements(root.graph)
    if (graphs.length === 0) {
      this.report('error', 'no-graph', 'graph', 'the GraphML document has no <graph> element', this.lineOf(root))
      return { format: 'graphml', issues: this.issues }
    }
    if (graphs.length > 1) this.report('warning', 'extra-graph', 'graph[1]', `only the first of ${graphs.length} graphs is read`, this.lineOf(graphs[1]))
    const graph = graphs[0]
    this.graphLine = this.lineOf(graph)
    if (this.attribute(graph, 'edgedefault') === 'directed') {
      this.report('warning', 'directed', 'graph', 'the graph is directed; each edge is read as an undirected link', this.graphLine)
    }
    if (elements(graph.hyperedge).length > 0) {
      this.report('warning', 'hyperedge', 'graph', 'GraphML <hyperedge> elements are not supported and were left out', this.graphLine)
    }
    const nodes = elements(graph.node).flatMap((element, i): Element[] => {
      const node = this.readNode(element, i)
      return node ? [node] : []
    })
    const links = this.readEdges(elements(graph.edge))
    this.reportCollected()
    const network = { ...this.readGraph(graph), nodes, links }
    const result = validateAssembled('graphml', network, this.issues, (path) => this.locate(path), this.limits.maxDepth)
    this.nameByLabel(result.issues, nodes)
    return result
  }

  /** The <graphml> element of well-formed XML, or undefined with the reason reported. */
  private root(source: string): Element | undefined {
    const valid = XMLValidator.validate(source)
    if (valid !== true) {
      const { msg, line, col } = valid.err
      const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`
      this.report('error', 'xml-syntax', '(root)', `malformed XML: ${msg} (${where})`, line)
      return undefined
    }
    const deep = xmlDepthExceeded(source, this.limits.maxDepth)
    if (deep) {
      this.issues.push(tooDeepIssue(deep.path, this.limits.maxDepth, this.lineAt(deep.index).line))
      return undefined
    }
    let document: Element
    try {
      document = parserFor(this.limits.maxDepth).parse(source) as Element
    } catch (error) {
      // The parser's own limits, such as its maximum nesting depth.
      const reason = error instanceof Error ? error.message : String(error)
      this.report('error', 'xml-unsupported', '(root)', `the XML could not be read: ${reason}`, 1)
      return undefined
    }
    if (!('graphml' in document)) {
      this.report('error', 'not-graphml', '(root)', 'no <graphml> element: this XML is not GraphML', 1)
      return undefined
    }
    return elements(document.graphml)[0]
  }

  /** One warning per unknown attribute name and per unknown country, rather than one per element. */
  private reportCollected(): void {
    for (const [name, { path, line, count }] of this.unknownData) {
      const where = count === 1 ? 'on one element' : `on ${count} elements`
      this.report('warning', 'unknown-attribute', path, `attribute '${name}' is not part of the silkway model and was left out (${where})`, line)
    }
    for (const [value, { path, line, count }] of this.unknownCountries) {
      const where = count === 1 ? '' : ` (and ${count - 1} more nodes)`
      this.report('warning', 'unknown-country', path, `unknown country '${value}': left out${where}`, line)
    }
  }

  /** Zoo node ids are bare numbers, so a node without coordinates is named by its label too. */
  private nameByLabel(issues: ValidationIssue[], nodes: Element[]): void {
    const byPath = new Map(nodes.map((node, k) => [`nodes[${this.nodeOrigins[k].index}]`, node]))
    for (const found of issues) {
      const node = byPath.get(found.path)
      if (found.code !== 'no-coordinates' || !node || node.name === node.id) continue
      found.message = `node '${String(node.id)}' (${String(node.name)}) has no Latitude/Longitude: its links have unknown length unless declared`
    }
  }

  private readKeys(root: Element): void {
    elements(root.key).forEach((element, i) => {
      const id = this.attribute(element, 'id')
      if (id === undefined) {
        this.report('warning', 'key-without-id', `key[${i}]`, 'a <key> without an id cannot be referred to: ignored', this.lineOf(element))
        return
      }
      if (this.keys.has(id)) {
        this.report('warning', 'duplicate-key', `key[${i}]`, `key id '${id}' is declared twice: the first declaration is used`, this.lineOf(element))
        return
      }
      const key: Key = {
        id,
        name: this.attribute(element, 'attr.name') ?? id,
        for: this.attribute(element, 'for') ?? 'all',
        type: this.attribute(element, 'attr.type') ?? 'string',
      }
      const defaultText = element.default === undefined ? undefined : this.textOf(element.default)
      if (defaultText !== undefined) key.default = defaultText
      this.keys.set(id, key)
    })
  }

  private dataOf(element: Element, scope: 'graph' | 'node' | 'edge', path: string): DataValues {
    const values = new DataValues(scope !== 'graph')
    for (const data of elements(element.data)) {
      const keyId = this.attribute(data, 'key')
      const key = keyId === undefined ? undefined : this.keys.get(keyId)
      if (!key) {
        if (!this.undeclaredKeys.has(keyId ?? '')) {
          this.undeclaredKeys.add(keyId ?? '')
          this.report('warning', 'undeclared-key', path, `<data key="${keyId ?? ''}"> refers to no declared <key>: ignored`, this.lineOf(data))
        }
        continue
      }
      const text = this.textOf(data)
      if (text !== undefined) values.set(key.name, text)
    }
    for (const key of this.keys.values()) {
      if (key.default !== undefined && (key.for === scope || key.for === 'all') && !values.has(key.name)) values.set(key.name, key.default)
    }
    return values
  }

  private noteUnknown(values: DataValues, ignored: Set<string>, path: string, line: number | undefined): void {
    for (const name of values.unused()) {
      if (ignored.has(name)) continue
      const seen = this.unknownData.get(name)
      if (seen) seen.count++
      else this.unknownData.set(name, { path: `${path}.${name}`, line, count: 1 })
    }
  }

  /** Reads model fields stored under their own names (written by silkway) with the schema's types. */
  private readFields(values: DataValues, fields: ReadonlyMap<string, FieldKind>, skip: Set<string>, path: string, line: number | undefined, into: Element): void {
    for (const [field, kind] of fields) {
      if (skip.has(field)) continue
      const text = values.take(field)
      if (text === undefined) continue
      const parsed = fieldFromText(kind, text)
      if (parsed.ok) into[field] = parsed.value
      else this.report('warning', 'bad-value', `${path}.${field}`, `${field}: ${parsed.reason}; left out`, line)
    }
  }

  private readGraph(graph: Element): Partial<Network> {
    const values = this.dataOf(graph, 'graph', 'graph')
    const label = values.take('label')
    const blobText = values.take(SILKWAY_GRAPH_KEY)
    let blob: Record<string, unknown> = {}
    if (blobText !== undefined) {
      const parsed = fieldFromText('json', blobText)
      if (parsed.ok && isRecord(parsed.value)) blob = parsed.value
      else this.report('warning', 'bad-value', `graph.${SILKWAY_GRAPH_KEY}`, 'the silkway graph attribute is not a JSON object: ignored', this.graphLine)
    }
    const entries: Array<[string, unknown]> = []
    for (const name of values.unused()) {
      const key = [...this.keys.values()].find((candidate) => candidate.name === name && (candidate.for === 'graph' || candidate.for === 'all'))
      entries.push([name, typedValue(key?.type ?? 'string', values.take(name) ?? '')])
    }
    const { metadata: blobMetadata, ...blobRest } = blob
    if (isRecord(blobMetadata)) entries.push(...Object.entries(blobMetadata))
    else if (blobMetadata !== undefined) entries.push([SILKWAY_GRAPH_KEY, blobMetadata])
    // fromEntries defines properties, so a metadata entry named __proto__ stays an entry.
    const metadata: Record<string, unknown> = Object.fromEntries(entries)
    // A file silkway did not write is named by its label, else by the Zoo's `Network` attribute.
    const name = label ?? (blobText === undefined && typeof metadata.Network === 'string' ? metadata.Network : undefined)
    return defined({
      schemaVersion: NETWORK_SCHEMA_VERSION,
      ...blobRest,
      name,
      metadata: entries.length > 0 || isRecord(blobMetadata) ? metadata : undefined,
    }) as Partial<Network>
  }

  private readNode(element: Element, i: number): Element | undefined {
    const path = `nodes[${i}]`
    const line = this.lineOf(element)
    const id = this.attribute(element, 'id')
    if (id === undefined) {
      this.report('error', 'required', path, 'a <node> has no id attribute', line)
      return undefined
    }
    if (element.graph !== undefined) this.report('warning', 'nested-graph', path, `node '${id}' holds a nested graph, which is left out`, line)
    const values = this.dataOf(element, 'node', path)
    const node: Element = { id }
    const label = values.take('label', 'name')
    node.name = label !== undefined && label !== '' ? label : id

    const kind = values.take('kind')
    const internal = values.take('Internal')
    const hyperedge = values.take('hyperedge')
    if (kind !== undefined && (NODE_KINDS as readonly string[]).includes(kind)) node.kind = kind
    else {
      if (kind !== undefined) this.report('warning', 'enum', `${path}.kind`, `unknown node kind '${kind}': read from the Zoo attributes instead`, line)
      // Zoo: Internal=0 marks a stub outside the network (a peering or customer hand-off), hyperedge=1 a shared switch.
      node.kind = internal?.trim() === '0' || hyperedge?.trim() === '1' ? 'exchange' : 'city'
    }

    this.readCoordinates(values, node, path, line)
    const country = values.take('Country', 'country')
    if (country !== undefined && country.trim() !== '') {
      const match = countryCode(country)
      if (match) node.country = match.code
      if (!match || !match.known) {
        const value = country.trim()
        const seen = this.unknownCountries.get(value)
        if (seen) seen.count++
        else this.unknownCountries.set(value, { path: `${path}.Country`, line, count: 1 })
      }
    }
    this.readFields(values, NODE_FIELDS, new Set(['id', 'name', 'kind', 'lat', 'lon', 'country']), path, line, node)
    const type = values.take('type')
    if (type !== undefined && type.trim() !== '') node.notes = node.notes === undefined ? `type: ${type.trim()}` : `${String(node.notes)}; type: ${type.trim()}`
    this.noteUnknown(values, IGNORED_NODE_DATA, path, line)
    this.nodeOrigins.push(line === undefined ? { index: i } : { index: i, line })
    return inSchemaOrder(node, NODE_FIELDS)
  }

  private readCoordinates(values: DataValues, node: Element, path: string, line: number | undefined): void {
    const latText = values.take('Latitude', 'lat')
    const lonText = values.take('Longitude', 'lon', 'lng')
    if (latText === undefined && lonText === undefined) return
    const lat = latText === undefined ? undefined : fieldFromText('number', latText)
    const lon = lonText === undefined ? undefined : fieldFromText('number', lonText)
    const latValue = lat?.ok ? (lat.value as number) : Number.NaN
    const lonValue = lon?.ok ? (lon.value as number) : Number.NaN
    if (Math.abs(latValue) <= 90 && Math.abs(lonValue) <= 180) {
      node.lat = latValue
      node.lon = lonValue
      return
    }
    const given = `Latitude ${latText ?? '(none)'}, Longitude ${lonText ?? '(none)'}`
    this.report('warning', 'bad-coordinates', path, `node '${String(node.id)}' has unusable coordinates (${given}): read without them`, line)
  }

  /** Edge ids: the `id` attribute, else the Zoo's `id` data, where unique; otherwise `e{index}`. */
  private edgeIds(edges: Element[], values: DataValues[]): string[] {
    const candidates = edges.map((element, e) => this.attribute(element, 'id') ?? values[e].take('id'))
    const counts = new Map<string, number>()
    for (const id of candidates) if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1)
    const taken = new Set(candidates.filter((id): id is string => id !== undefined && counts.get(id) === 1))
    return candidates.map((id, e) => {
      if (id !== undefined && counts.get(id) === 1) return id
      let generated = `e${e}`
      for (let k = 2; taken.has(generated); k++) generated = `e${e}-${k}`
      taken.add(generated)
      return generated
    })
  }

  private readEdges(edges: Element[]): Element[] {
    const data = edges.map((element, e) => this.dataOf(element, 'edge', `edges[${e}]`))
    const ids = this.edgeIds(edges, data)
    const links: Element[] = []
    edges.forEach((element, e) => {
      const path = `edges[${e}]`
      const line = this.lineOf(element)
      const source = this.attribute(element, 'source')
      const target = this.attribute(element, 'target')
      if (source === undefined || target === undefined) {
        this.report('error', 'required', path, `an <edge> has no ${source === undefined ? 'source' : 'target'} attribute`, line)
        return
      }
      const values = data[e]
      values.take('id')
      const link: Element = { id: ids[e], a: source, b: target }
      const notes: string[] = []
      const label = values.take('label', 'name')
      const linkLabel = values.take('LinkLabel')
      if (label !== undefined) link.name = label
      else if (linkLabel !== undefined && linkLabel.trim() !== '') link.name = linkLabel.trim()
      if (label !== undefined && linkLabel !== undefined && linkLabel.trim() !== '') notes.push(`LinkLabel: ${linkLabel.trim()}`)

      const kind = values.take('kind')
      if (kind !== undefined && !(LINK_KINDS as readonly string[]).includes(kind)) {
        this.report('warning', 'enum', `${path}.kind`, `unknown link kind '${kind}': read as terrestrial`, line)
      }
      link.kind = kind !== undefined && (LINK_KINDS as readonly string[]).includes(kind) ? kind : 'terrestrial'

      this.readFields(values, LINK_FIELDS, new Set(['id', 'name', 'a', 'b', 'kind']), path, line, link)
      if (link.status === undefined || !(LINK_STATUSES as readonly string[]).includes(String(link.status))) {
        const zooStatus = values.take('LinkStatus')
        const status = zooStatus === undefined ? undefined : linkStatus(zooStatus)
        if (status) link.status = status
        else if (zooStatus !== undefined && zooStatus.trim() !== '') notes.push(`LinkStatus: ${zooStatus.trim()}`)
      }
      const speed = this.zooSpeed(values)
      if (link.designCapacityGbps === undefined && speed.gbps !== undefined) link.designCapacityGbps = speed.gbps
      if (speed.gbps === undefined && speed.text) notes.push(`LinkSpeed: ${speed.text}`)
      for (const name of ['LinkType', 'LinkNote', 'description']) {
        const text = values.take(name)?.trim()
        if (text) notes.push(`${name}: ${text}`)
      }
      if (notes.length > 0) link.notes = [link.notes, ...notes].filter((note) => note !== undefined && note !== '').join('; ')
      this.noteUnknown(values, IGNORED_EDGE_DATA, path, line)
      links.push(inSchemaOrder(link, LINK_FIELDS))
      this.linkOrigins.push(line === undefined ? { index: e } : { index: e, line })
    })
    return links
  }

  /** Zoo link speed: `LinkSpeedRaw` in bit/s, else `LinkSpeed` scaled by `LinkSpeedUnits` (K, M, G, T). */
  private zooSpeed(values: DataValues): { gbps?: number; text?: string } {
    const raw = values.take('LinkSpeedRaw')
    const speed = values.take('LinkSpeed')?.trim()
    const units = values.take('LinkSpeedUnits')?.trim()
    const rawBps = raw === undefined ? Number.NaN : Number(raw)
    if (raw !== undefined && raw.trim() !== '' && Number.isFinite(rawBps) && rawBps > 0) return { gbps: rawBps / 1e9 }
    const scale = units ? SPEED_UNIT_GBPS[units[0].toUpperCase()] : undefined
    const value = speed === undefined || speed === '' ? Number.NaN : Number(speed)
    if (scale !== undefined && Number.isFinite(value) && value > 0) return { gbps: value * scale }
    const text = [speed, units].filter((part) => part).join(' ')
    return text ? { text } : {}
  }

  private locate(path: string): SourceLocation {
    const match = /^(nodes|links)\[(\d+)\](?:\.([^.[]+))?(.*)$/.exec(path)
    if (!match) {
      const where = path === '(root)' ? 'graph' : `graph.${path}`
      return this.graphLine === undefined ? { path: where } : { path: where, line: this.graphLine }
    }
    const [, list, index, field, tail] = match
    const origin = (list === 'nodes' ? this.nodeOrigins : this.linkOrigins)[Number(index)]
    if (!origin) return { path }
    const element = list === 'nodes' ? 'nodes' : 'edges'
    const names = list === 'nodes' ? NODE_NAMES : { ...LINK_NAMES, a: 'source', b: 'target' }
    const rest = field === undefined ? '' : `.${names[field] ?? field}${tail}`
    const where = `${element}[${origin.index}]${rest}`
    return origin.line === undefined ? { path: where } : { path: where, line: origin.line }
  }
}

/**
 * Reads GraphML as the Internet Topology Zoo writes it: keys resolved by `attr.name` (their ids differ per
 * file), `Latitude`/`Longitude` to lat/lon, `label` to the name, `Country` names to ISO codes, parallel edges
 * kept as distinct links, graph attributes into `metadata`. Also reads back everything `writeGraphml` writes.
 */
export function parseGraphml(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): ParseResult {
  return guarded('graphml', () => {
    const tooLarge = sizeIssue(text, limits.maxDocumentBytes)
    if (tooLarge) return { format: 'graphml', issues: [tooLarge] }
    const source = stripBom(text)
    return new GraphmlReader(source, limits).read(source)
  })
}

/**
 * Code units XML 1.0 cannot carry, not even as character references (§2.2, `Char`): C0 controls other than
 * tab, LF and CR, surrogates that are not half of a pair, U+FFFE and U+FFFF. With them, a backslash that
 * starts `\u` and four hex digits, so that the mapping below can be reversed.
 */
const NOT_XML_OR_AMBIGUOUS = /\\(?=u[0-9A-Fa-f]{4})|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const XML_CHAR_ESCAPE = /\\u([0-9A-Fa-f]{4})/g

/**
 * silkway's mapping for characters XML 1.0 cannot carry (docs/formats.md): each such UTF-16 code unit is
 * written as `\uXXXX` (four upper-case hex digits), and so is a backslash that would otherwise read as the
 * start of one (`\u005C`). Text without either is unchanged, so Zoo tools read ordinary names as they are.
 */
export function escapeXmlChars(text: string): string {
  return text.replace(NOT_XML_OR_AMBIGUOUS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** The inverse of `escapeXmlChars`, applied to files that carry silkway's `silkway` graph key. */
export function unescapeXmlChars(text: string): string {
  if (!text.includes('\\u')) return text
  return text.replace(XML_CHAR_ESCAPE, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

function escapeText(text: string): string {
  // \r would be folded into \n by any XML parser, so it travels as a reference.
  return escapeXmlChars(text).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'))
}

function escapeAttribute(text: string): string {
  // Attribute values are whitespace-normalised by XML parsers, so tab and newline go as references too.
  return escapeText(text).replace(/["\n\t]/g, (c) => (c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`))
}

class KeyTable {
  readonly declarations: string[] = []
  private readonly ids = new Map<string, string>()

  id(scope: 'graph' | 'node' | 'edge', name: string, type: string): string {
    const lookup = `${scope}\u0000${name}`
    let id = this.ids.get(lookup)
    if (id === undefined) {
      id = `d${this.ids.size}`
      this.ids.set(lookup, id)
      this.declarations.push(`  <key id="${id}" for="${scope}" attr.name="${escapeAttribute(name)}" attr.type="${type}"/>`)
    }
    return id
  }
}

function dataLine(indent: string, key: string, text: string): string {
  return `${indent}<data key="${key}">${escapeText(text)}</data>`
}

function scalarType(value: unknown): string | undefined {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number' && Number.isFinite(value)) return 'double'
  return undefined
}

/**
 * Writes GraphML that Zoo tools read (label, Latitude, Longitude, Country, and LinkSpeedRaw in bit/s beside
 * designCapacityGbps) and that `parseGraphml` reads back to the same network: every other model field has a
 * key of its own name, lists and geometry as JSON text, and the network's sources, SRLGs and description (and
 * any metadata that is not a plain string, number or boolean) ride in one graph attribute `silkway` as JSON.
 */
export function writeGraphml(network: Network): string {
  const keys = new KeyTable()
  const body: string[] = []
  const { nodes, links, name, metadata, ...rest } = network
  const graphData: string[] = []
  if (name !== undefined) graphData.push(dataLine('    ', keys.id('graph', 'label', 'string'), name))
  const blobMetadata: Record<string, unknown> = {}
  for (const [entry, value] of Object.entries(metadata ?? {})) {
    const type = scalarType(value)
    if (type === undefined || RESERVED_GRAPH_NAMES.has(entry)) blobMetadata[entry] = value
    else graphData.push(dataLine('    ', keys.id('graph', entry, type), String(value)))
  }
  // An empty metadata object rides in the blob too, so that it comes back as {} rather than absent.
  const blob = Object.keys(blobMetadata).length > 0 || (metadata !== undefined && Object.keys(metadata).length === 0) ? { ...rest, metadata: blobMetadata } : rest
  graphData.push(dataLine('    ', keys.id('graph', SILKWAY_GRAPH_KEY, 'string'), JSON.stringify(blob)))
  body.push(...graphData)

  for (const node of nodes) {
    body.push(`    <node id="${escapeAttribute(node.id)}">`)
    for (const [field, kind] of NODE_FIELDS) {
      const value = (node as Record<string, unknown>)[field]
      if (field === 'id' || value === undefined) continue
      body.push(dataLine('      ', keys.id('node', NODE_NAMES[field] ?? field, graphmlType(kind)), fieldToText(kind, value)))
    }
    body.push('    </node>')
  }
  for (const link of links) {
    body.push(`    <edge id="${escapeAttribute(link.id)}" source="${escapeAttribute(link.a)}" target="${escapeAttribute(link.b)}">`)
    for (const [field, kind] of LINK_FIELDS) {
      const value = (link as Record<string, unknown>)[field]
      if (field === 'id' || field === 'a' || field === 'b' || value === undefined) continue
      body.push(dataLine('      ', keys.id('edge', LINK_NAMES[field] ?? field, graphmlType(kind)), fieldToText(kind, value)))
      if (field === 'designCapacityGbps') body.push(dataLine('      ', keys.id('edge', 'LinkSpeedRaw', 'double'), String((value as number) * 1e9)))
    }
    body.push('    </edge>')
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd">`,
    ...keys.declarations,
    '  <graph id="G" edgedefault="undirected">',
    ...body,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n')
}
