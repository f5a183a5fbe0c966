import {
  DEMANDS_SCHEMA_VERSION,
  type Demand,
  type DemandsDocument,
  hasErrors,
  NETWORK_SCHEMA_VERSION,
  type Network,
  type NetworkLink,
  type NetworkNode,
  validateDemands,
  validateNetwork,
  type ValidationIssue,
} from '../model'
import { issue, stripBom } from './result'

/** A capacity module of an SNDlib link: installable in integer multiples, at a cost each. */
export interface SndlibModule {
  capacityGbps: number
  cost: number
}

/** Link data of the instance the network model does not hold, kept for capacity design (SNDlib's cost model). */
export interface SndlibLinkCosts {
  preInstalledCapacityCost: number
  routingCost: number
  setupCost: number
  modules: SndlibModule[]
}

export interface SndlibParseResult {
  format: 'sndlib-native' | 'sndlib-xml'
  network?: Network
  demands?: DemandsDocument
  /** By link id. */
  linkCosts: Record<string, SndlibLinkCosts>
  issues: ValidationIssue[]
}

/** SNDlib META `unit` → Gbit/s per unit. */
const UNIT_GBPS: Record<string, number> = { BITPERSEC: 1e-9, KBITPERSEC: 1e-6, MBITPERSEC: 1e-3, GBITPERSEC: 1, TBITPERSEC: 1e3 }

const SECTIONS = ['META', 'NODES', 'LINKS', 'DEMANDS', 'ADMISSIBLE_PATHS'] as const
type Section = (typeof SECTIONS)[number]
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/** Splits a record into words, parentheses as words of their own: `L1 ( A B ) 0 ( 40 1 )`. */
function words(line: string): string[] {
  return line.replace(/[()]/g, ' $& ').trim().split(/\s+/).filter((w) => w !== '')
}

/**
 * Reads an SNDlib native network file (Orlowski, Wessäly, Pióro, Tomaszewski, "SNDlib 1.0 — Survivable
 * Network Design Library", Networks 55(3), 2010; format at sndlib.zib.de): NODES with (x y) as (lon lat),
 * LINKS with pre-installed capacity and modules, DEMANDS, META. Links are undirected and every demand is
 * symmetric (silkway's model, SNDlib's UNDIRECTED link and demand model), so an instance solves as published
 * under that model. Values are converted to Gbit/s from META `unit` (Mbit/s when absent, SNDlib's usual unit,
 * with a warning). ADMISSIBLE_PATHS are read past with a warning; an unknown section is an error.
 */
export function parseSndlibNative(text: string, name?: string): SndlibParseResult {
  const issues: ValidationIssue[] = []
  const linkCosts: Record<string, SndlibLinkCosts> = {}
  try {
    const lines = stripBom(text).split(/\r\n|\n|\r/)
    const meta: Record<string, string> = {}
    const nodes: NetworkNode[] = []
    const rawLinks: RawLink[] = []
    const rawDemands: RawDemand[] = []
    let header = false
    let section: Section | undefined
    let sawAdmissible = false
    let networkName = name
    lines.forEach((raw, i) => {
      const line = i + 1
      const trimmed = raw.trim()
      if (trimmed.startsWith('#')) {
        const named = /^#\s*network\s+(\S+)/.exec(trimmed)
        if (named && networkName === undefined) networkName = named[1]
        return
      }
      if (trimmed === '') return
      if (trimmed.startsWith('?')) {
        if (!/SNDlib native format;\s*type:\s*network/i.test(trimmed)) issues.push(issue('error', 'header', `line ${line}`, `not an SNDlib native network header: '${trimmed.slice(0, 60)}'`, line))
        header = true
        return
      }
      if (section === undefined) {
        const opening = /^([A-Z_]+)\s*\($/.exec(trimmed)
        if (!opening) {
          issues.push(issue('error', 'syntax', `line ${line}`, `expected a section opening such as 'NODES (' (got '${trimmed.slice(0, 40)}')`, line))
          return
        }
        if (!(SECTIONS as readonly string[]).includes(opening[1])) {
          issues.push(issue('error', 'unknown-section', `line ${line}`, `unknown section '${opening[1]}' (known: ${SECTIONS.join(', ')})`, line))
          section = 'ADMISSIBLE_PATHS'
          return
        }
        section = opening[1] as Section
        return
      }
      if (trimmed === ')') {
        section = undefined
        return
      }
      const w = words(trimmed)
      const where = (field?: string) => `line ${line}${field ? `, ${field}` : ''}`
      if (section === 'META') {
        const pair = /^(\S+)\s*=\s*(.*)$/.exec(trimmed)
        if (pair) meta[pair[1]] = pair[2].trim()
        return
      }
      if (section === 'ADMISSIBLE_PATHS') {
        sawAdmissible = true
        return
      }
      if (section === 'NODES') {
        // id ( x y )
        if (w.length !== 5 || w[1] !== '(' || w[4] !== ')' || !NUMBER.test(w[2]) || !NUMBER.test(w[3])) {
          issues.push(issue('error', 'syntax', where(), `a node is '<id> ( <x> <y> )' (got '${trimmed.slice(0, 60)}')`, line))
          return
        }
        const [lon, lat] = [Number(w[2]), Number(w[3])]
        const node: NetworkNode = { id: w[0], name: w[0], kind: 'exchange' }
        if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) Object.assign(node, { lat, lon })
        else issues.push(issue('warning', 'coordinates', where('x'), `(${w[2]} ${w[3]}) is not a longitude and latitude: the node is read without coordinates`, line))
        nodes.push(node)
        return
      }
      if (section === 'LINKS') {
        // id ( a b ) preCap preCapCost routingCost setupCost ( {cap cost}* )
        const close = w.indexOf(')', 5)
        const ok =
          w.length >= 10 &&
          w[1] === '(' &&
          w[4] === ')' &&
          w.slice(5, 9).every((x) => NUMBER.test(x)) &&
          w[9] === '(' &&
          w[w.length - 1] === ')' &&
          close === w.length - 1
        const moduleWords = ok ? w.slice(10, -1) : []
        if (!ok || moduleWords.length % 2 !== 0 || !moduleWords.every((x) => NUMBER.test(x))) {
          issues.push(issue('error', 'syntax', where(), `a link is '<id> ( <a> <b> ) <capacity> <capacity cost> <routing cost> <setup cost> ( {<module capacity> <module cost>}* )'`, line))
          return
        }
        const [preInstalled, preCost, routingCost, setupCost] = w.slice(5, 9).map(Number)
        const modules: SndlibModule[] = []
        for (let j = 0; j < moduleWords.length; j += 2) modules.push({ capacityGbps: Number(moduleWords[j]), cost: Number(moduleWords[j + 1]) })
        const link: NetworkLink = { id: w[0], a: w[2], b: w[3], kind: 'terrestrial' }
        rawLinks.push({ link, preInstalled, line, at: `line ${line}` })
        linkCosts[w[0]] = { preInstalledCapacityCost: preCost, routingCost, setupCost, modules }
        return
      }
      // DEMANDS: id ( s t ) routingUnit value maxPathLength
      if (w.length !== 8 || w[1] !== '(' || w[4] !== ')' || !NUMBER.test(w[5]) || !NUMBER.test(w[6])) {
        issues.push(issue('error', 'syntax', where(), `a demand is '<id> ( <source> <target> ) <routing unit> <value> <max path length>'`, line))
        return
      }
      const value = Number(w[6])
      if (!(value >= 0)) {
        issues.push(issue('error', 'gbps', where('value'), `demand value must be ≥ 0 (got ${w[6]})`, line))
        return
      }
      rawDemands.push({ demand: { id: w[0], from: w[2], to: w[3], gbps: value, class: 'unprotected' }, value, line, at: `line ${line}` })
    })
    if (!header) issues.push(issue('error', 'header', 'line 1', "missing the header '?SNDlib native format; type: network; version: 1.0'", 1))
    if (section !== undefined) issues.push(issue('error', 'syntax', `line ${lines.length}`, `section ${section} is not closed with ')'`, lines.length))
    if (sawAdmissible) issues.push(issue('warning', 'ignored', 'ADMISSIBLE_PATHS', 'admissible paths are not read: every path is admissible'))
    return assembleSndlib('sndlib-native', { meta, nodes, rawLinks, rawDemands, linkCosts, networkName }, issues)
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return { format: 'sndlib-native', linkCosts: {}, issues: [issue('error', 'internal', '(root)', `the SNDlib reader failed unexpectedly (${what}); please report this file`)] }
  }
}

/** A link as read, before units apply: `at` locates it (`line 12`, or the XML element path and line). */
export interface RawLink {
  link: NetworkLink
  preInstalled: number
  line: number
  at: string
}

export interface RawDemand {
  demand: Demand
  value: number
  line: number
  at: string
}

export interface RawInstance {
  meta: Record<string, string>
  nodes: NetworkNode[]
  rawLinks: RawLink[]
  rawDemands: RawDemand[]
  linkCosts: Record<string, SndlibLinkCosts>
  networkName?: string
}

/**
 * The part both SNDlib formats share: META `unit` → Gbit/s on every capacity and demand, the network and
 * demands documents validated, issues located at the record that caused them.
 */
export function assembleSndlib(format: SndlibParseResult['format'], raw: RawInstance, issues: ValidationIssue[]): SndlibParseResult {
  const { meta, nodes, rawLinks, rawDemands, linkCosts, networkName } = raw
  const unitName = meta.unit?.toUpperCase()
  let perUnit = UNIT_GBPS.MBITPERSEC
  if (unitName === undefined) issues.push(issue('warning', 'unit', 'META.unit', 'no unit given: values read as Mbit/s (SNDlib’s usual unit)'))
  else if (UNIT_GBPS[unitName] === undefined) issues.push(issue('error', 'unit', 'META.unit', `unknown unit '${meta.unit}' (known: ${Object.keys(UNIT_GBPS).join(', ')})`))
  else perUnit = UNIT_GBPS[unitName]
  const fail = (): SndlibParseResult => ({ format, linkCosts: {}, issues })
  if (hasErrors(issues)) return fail()
  for (const entry of rawLinks) {
    if (entry.preInstalled > 0) entry.link.designCapacityGbps = entry.preInstalled * perUnit
    for (const module of linkCosts[entry.link.id].modules) module.capacityGbps *= perUnit
  }
  const network: Network = {
    schemaVersion: NETWORK_SCHEMA_VERSION,
    ...(networkName ? { name: networkName } : {}),
    metadata: { format, ...meta },
    nodes,
    links: rawLinks.map((r) => r.link),
  }
  const checked = validateNetwork(network)
  for (const found of checked.issues) {
    const match = /^links\[(\d+)\]/.exec(found.path)
    const at = match ? rawLinks[Number(match[1])] : undefined
    issues.push(issue(found.severity, found.code, at ? `${at.at} (${found.path})` : found.path, found.message, at?.line))
  }
  const demands: DemandsDocument = {
    schemaVersion: DEMANDS_SCHEMA_VERSION,
    ...(networkName ? { name: networkName, network: networkName } : {}),
    demands: rawDemands.map((r) => ({ ...r.demand, gbps: r.value * perUnit, source: `SNDlib${networkName ? ` ${networkName}` : ''}` })),
  }
  const nodeIds = new Set(nodes.map((n) => n.id))
  rawDemands.forEach((r, j) => {
    for (const end of ['from', 'to'] as const) {
      if (!nodeIds.has(r.demand[end])) issues.push(issue('error', 'unknown-node', `${r.at}, ${end === 'from' ? 'source' : 'target'}`, `demands[${j}] names unknown node '${r.demand[end]}'`, r.line))
    }
  })
  for (const found of validateDemands(demands).issues) {
    const match = /^demands\[(\d+)\]/.exec(found.path)
    const at = match ? rawDemands[Number(match[1])] : undefined
    issues.push(issue(found.severity, found.code, at ? `${at.at} (${found.path})` : found.path, found.message, at?.line))
  }
  if (hasErrors(issues) || checked.value === undefined) return fail()
  return { format, network: checked.value, demands, linkCosts, issues }
}
