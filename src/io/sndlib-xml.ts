import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { DOCUMENT_LIMITS, type DemandsDocument, hasErrors, type Network, type NetworkNode, refusalCode, SilkwayError, type ValidationIssue } from '../model'
import { xmlDepthExceeded } from './graphml'
import { isRecord, issue, lineLocator, stripBom } from './result'
import { assembleSndlib, parseSndlibNative, type RawDemand, type RawLink, type SndlibLinkCosts, type SndlibModule, type SndlibParseResult } from './sndlib'

type Element = Record<string, unknown>

const ARRAY_TAGS = new Set(['node', 'link', 'demand', 'addModule', 'admissiblePath', 'linkId'])
// The same safety settings as the GraphML reader: no entity expansion (no entity bombs), values as text.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(name),
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  captureMetaData: true,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: DOCUMENT_LIMITS.maxDepth + 1,
})
const META = XMLParser.getMetaDataSymbol() as unknown as symbol
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/** What each element may hold; anything else is an unknown section (an error, as in the native reader). */
const CHILDREN: Record<string, readonly string[]> = {
  network: ['meta', 'networkStructure', 'demands'],
  networkStructure: ['nodes', 'links'],
}

const list = (value: unknown): Element[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => (isRecord(v) ? v : {})))

/**
 * Reads an SNDlib XML network (sndlib.zib.de, "XML format", namespace http://sndlib.zib.de/network; Orlowski
 * et al., Networks 55(3), 2010): `meta` (unit), `networkStructure/nodes/node` with `coordinates/x,y` (lon,
 * lat when `coordinatesType` is geographical), `networkStructure/links/link` with `source`, `target`,
 * `preInstalledModule/{capacity,cost}`, `routingCost`, `setupCost`, `additionalModules/addModule/{capacity,
 * cost}`, and `demands/demand` with `source`, `target`, `demandValue`. The same model as the native reader
 * (undirected links, symmetric demands, values converted to Gbit/s by `unit`); every issue names its line and
 * element path (`network/networkStructure/links/link[2]/source`).
 */
export function parseSndlibXml(text: string, name?: string): SndlibParseResult {
  const issues: ValidationIssue[] = []
  const refuse = (): SndlibParseResult => ({ format: 'sndlib-xml', linkCosts: {}, issues })
  try {
    const source = stripBom(text)
    const lineAt = lineLocator(source)
    const valid = XMLValidator.validate(source)
    if (valid !== true) {
      issues.push(issue('error', 'xml-syntax', '(root)', `malformed XML: ${valid.err.msg} (line ${valid.err.line})`, valid.err.line))
      return refuse()
    }
    const deep = xmlDepthExceeded(source, DOCUMENT_LIMITS.maxDepth)
    if (deep) {
      issues.push(issue('error', 'too-deep', deep.path, `nested deeper than ${DOCUMENT_LIMITS.maxDepth} levels`, lineAt(deep.index).line))
      return refuse()
    }
    const doc = parser.parse(source) as Element
    const lineOf = (element: unknown): number | undefined => {
      const meta = isRecord(element) ? (element as Record<symbol, { startIndex?: number } | undefined>)[META] : undefined
      return meta?.startIndex === undefined ? undefined : lineAt(meta.startIndex).line
    }
    const report = (code: string, path: string, message: string, element: unknown, severity: 'error' | 'warning' = 'error') => {
      const line = lineOf(element)
      issues.push(issue(severity, code, line === undefined ? path : `line ${line}, ${path}`, message, line))
    }
    const network = list(doc.network)[0]
    if (!isRecord(doc.network)) {
      issues.push(issue('error', 'format', '(root)', "not an SNDlib XML network: the root element must be 'network'"))
      return refuse()
    }
    for (const [parent, element] of [['network', network], ['networkStructure', list(network.networkStructure)[0]]] as const) {
      for (const key of Object.keys(element ?? {})) {
        if (key.startsWith('@') || key === '#text' || CHILDREN[parent].includes(key)) continue
        report('unknown-section', `${parent === 'network' ? 'network' : 'network/networkStructure'}/${key}`, `unknown element '${key}' (known: ${CHILDREN[parent].join(', ')})`, element[key] ?? element)
      }
    }
    /** The text of a leaf child, trimmed; undefined when absent. */
    const textAt = (element: Element, key: string): string | undefined => {
      const value = element[key]
      if (typeof value === 'string') return value.trim()
      if (isRecord(value) && typeof value['#text'] === 'string') return value['#text'].trim()
      return value === undefined ? undefined : ''
    }
    const numberAt = (element: Element, key: string, path: string, optional = false): number | undefined => {
      const raw = textAt(element, key)
      if (raw === undefined && optional) return undefined
      if (raw === undefined || !NUMBER.test(raw)) {
        report(raw === undefined ? 'missing' : 'not-a-number', `${path}/${key}`, raw === undefined ? `'${key}' is required` : `'${key}' must be a number (got '${raw.slice(0, 40)}')`, element)
        return undefined
      }
      return Number(raw)
    }
    const meta: Record<string, string> = {}
    for (const [key, value] of Object.entries(list(network.meta)[0] ?? {})) {
      if (typeof value === 'string' && value.trim() !== '') meta[key] = value.trim()
    }
    const structure = list(network.networkStructure)[0] ?? {}
    if (network.networkStructure === undefined) report('missing', 'network/networkStructure', "'networkStructure' is required", network)
    const nodesElement = list(structure.nodes)[0] ?? {}
    const geographical = (nodesElement['@coordinatesType'] ?? 'geographical') === 'geographical'
    const nodes: NetworkNode[] = []
    list(nodesElement.node).forEach((element, i) => {
      const path = `network/networkStructure/nodes/node[${i + 1}]`
      const id = typeof element['@id'] === 'string' ? element['@id'] : undefined
      if (!id) return report('missing', `${path}/@id`, 'a node needs an id', element)
      const node: NetworkNode = { id, name: id, kind: 'exchange' }
      const coordinates = list(element.coordinates)[0]
      if (coordinates) {
        const x = numberAt(coordinates, 'x', `${path}/coordinates`)
        const y = numberAt(coordinates, 'y', `${path}/coordinates`)
        if (x !== undefined && y !== undefined) {
          if (geographical && Math.abs(x) <= 180 && Math.abs(y) <= 90) Object.assign(node, { lat: y, lon: x })
          else report('coordinates', `${path}/coordinates`, `(${x} ${y}) is not a longitude and latitude: the node is read without coordinates`, coordinates, 'warning')
        }
      }
      nodes.push(node)
    })
    const rawLinks: RawLink[] = []
    const linkCosts: Record<string, SndlibLinkCosts> = {}
    list(list(structure.links)[0]?.link).forEach((element, i) => {
      const path = `network/networkStructure/links/link[${i + 1}]`
      const id = typeof element['@id'] === 'string' ? element['@id'] : undefined
      const [a, b] = [textAt(element, 'source'), textAt(element, 'target')]
      if (!id) return report('missing', `${path}/@id`, 'a link needs an id', element)
      if (!a) return report('missing', `${path}/source`, "'source' is required", element)
      if (!b) return report('missing', `${path}/target`, "'target' is required", element)
      const pre = list(element.preInstalledModule)[0]
      const preInstalled = pre ? numberAt(pre, 'capacity', `${path}/preInstalledModule`) : 0
      const preCost = pre ? numberAt(pre, 'cost', `${path}/preInstalledModule`, true) ?? 0 : 0
      const routingCost = numberAt(element, 'routingCost', path, true) ?? 0
      const setupCost = numberAt(element, 'setupCost', path, true) ?? 0
      const modules: SndlibModule[] = []
      list(list(element.additionalModules)[0]?.addModule).forEach((module, j) => {
        const at = `${path}/additionalModules/addModule[${j + 1}]`
        const capacity = numberAt(module, 'capacity', at)
        const cost = numberAt(module, 'cost', at)
        if (capacity === undefined || cost === undefined) return
        if (!(capacity > 0) || cost < 0) return report('module', at, `a module needs capacity > 0 and cost ≥ 0 (got ${capacity}, ${cost})`, module)
        modules.push({ capacityGbps: capacity, cost })
      })
      if (preInstalled === undefined) return
      const line = lineOf(element) ?? 0
      rawLinks.push({ link: { id, a, b, kind: 'terrestrial' }, preInstalled, line, at: `line ${line}, ${path}` })
      linkCosts[id] = { preInstalledCapacityCost: preCost, routingCost, setupCost, modules }
    })
    const rawDemands: RawDemand[] = []
    let sawAdmissible = false
    list(list(network.demands)[0]?.demand).forEach((element, i) => {
      const path = `network/demands/demand[${i + 1}]`
      const id = typeof element['@id'] === 'string' ? element['@id'] : undefined
      const [from, to] = [textAt(element, 'source'), textAt(element, 'target')]
      if (!id) return report('missing', `${path}/@id`, 'a demand needs an id', element)
      if (!from) return report('missing', `${path}/source`, "'source' is required", element)
      if (!to) return report('missing', `${path}/target`, "'target' is required", element)
      const value = numberAt(element, 'demandValue', path)
      if (value === undefined) return
      if (!(value >= 0)) return report('gbps', `${path}/demandValue`, `demand value must be ≥ 0 (got ${value})`, element)
      if (element.admissiblePaths !== undefined) sawAdmissible = true
      const line = lineOf(element) ?? 0
      rawDemands.push({ demand: { id, from, to, gbps: value, class: 'unprotected' }, value, line, at: `line ${line}, ${path}` })
    })
    if (sawAdmissible) issues.push(issue('warning', 'ignored', 'network/demands', 'admissible paths are not read: every path is admissible'))
    const networkName = name ?? (typeof meta.name === 'string' ? meta.name : undefined)
    return assembleSndlib('sndlib-xml', { meta, nodes, rawLinks, rawDemands, linkCosts, networkName }, issues)
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return { format: 'sndlib-xml', linkCosts: {}, issues: [issue('error', 'internal', '(root)', `the SNDlib XML reader failed unexpectedly (${what}); please report this file`)] }
  }
}

/** Either SNDlib format, told apart by content: XML starts with '<'. */
export function parseSndlib(text: string, name?: string): SndlibParseResult {
  return stripBom(text).trimStart().startsWith('<') ? parseSndlibXml(text, name) : parseSndlibNative(text, name)
}

/**
 * Whether a text is an SNDlib instance rather than a silkway demands file (CSV or JSON): XML, or the native
 * format's NODES section. A demands CSV has neither; `silkway design --demands FILE` takes both kinds.
 */
export function looksLikeSndlib(text: string): boolean {
  const start = stripBom(text).trimStart()
  return start.startsWith('<') || start.startsWith('?SNDlib') || /^\s*NODES\s*\(/m.test(start)
}

/** A parsed instance whole (network, demands, link costs), its warnings located as `file: path: message`. */
export interface SndlibInstance {
  network: Network
  demands: DemandsDocument
  linkCosts: Record<string, SndlibLinkCosts>
  warnings: string[]
}

/**
 * An SNDlib instance read for design (CLI and server alike): refused with the first error located by file and
 * path, the reader's code (SW_INVALID_DOCUMENT, or SW_TOO_LARGE), and every issue attached.
 */
export function readSndlibInstance(text: string, file: string, name?: string): SndlibInstance {
  const parsed = parseSndlib(text, name)
  if (!parsed.network || !parsed.demands || hasErrors(parsed.issues)) {
    const first = parsed.issues.find((found) => found.severity === 'error')
    throw new SilkwayError(refusalCode(parsed.issues), `${file}: ${first ? `${first.path}: ${first.message}` : 'not an SNDlib instance'}`, { file }, parsed.issues)
  }
  const warnings = parsed.issues.filter((found) => found.severity === 'warning').map((found) => `${file}: ${found.path}: ${found.message}`)
  return { network: parsed.network, demands: parsed.demands, linkCosts: parsed.linkCosts, warnings }
}
