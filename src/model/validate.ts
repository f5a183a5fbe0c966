import { Compile } from 'typebox/compile'
import type { TSchema } from 'typebox'
// The spherical module itself, not geo's index: it has no dependencies, and the browser bundle imports this file.
import { roughKm } from '../geo/sphere'
import { SilkwayError, type ValidationIssue } from './errors'
import { depthIssues, refusalCode } from './limits'
import { migrateDocument } from './migrate'
import { joinPath, pointerToPath } from './paths'
import { type Network, NetworkSchema, type Profile, ProfileSchema, type Scenario, ScenarioSchema } from './schema'

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`
  if (typeof value === 'object') return 'an object'
  return String(value)
}

function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root
  for (const raw of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return current
}

interface RawError {
  keyword: string
  instancePath: string
  schemaPath: string
  params: Record<string, unknown>
  message: string
}

/**
 * Turns the validator's raw errors into one readable issue per problem: `boolean` duplicates of
 * additionalProperties and the per-branch `const` errors under an `anyOf` are folded into their parent.
 */
function schemaIssues(errors: Iterable<RawError>, document: unknown): ValidationIssue[] {
  const raw = [...errors]
  const anyOfPaths = new Set(raw.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const issues: ValidationIssue[] = []
  const seen = new Set<string>()
  for (const error of raw) {
    if (error.keyword === 'boolean') continue
    if (anyOfPaths.has(error.instancePath) && error.keyword !== 'anyOf') continue
    const path = pointerToPath(error.instancePath)
    const value = valueAt(document, error.instancePath)
    let issue: ValidationIssue
    switch (error.keyword) {
      case 'required': {
        const missing = (error.params.requiredProperties as string[] | undefined) ?? []
        for (const field of missing) {
          const key = `required:${path}:${field}`
          if (seen.has(key)) continue
          seen.add(key)
          issues.push({ path: joinPath(path, field), code: 'required', message: `missing required field '${field}'`, severity: 'error' })
        }
        continue
      }
      case 'additionalProperties': {
        for (const field of (error.params.additionalProperties as string[] | undefined) ?? []) {
          issues.push({ path: joinPath(path, field), code: 'unknown-field', message: `unknown field '${field}'`, severity: 'error' })
        }
        continue
      }
      case 'enum':
        issue = {
          path,
          code: 'enum',
          message: `must be one of ${(error.params.allowedValues as unknown[]).join(', ')} (got ${describe(value)})`,
          severity: 'error',
        }
        break
      case 'const':
        issue = { path, code: 'const', message: `must be ${JSON.stringify(error.params.allowedValue)} (got ${describe(value)})`, severity: 'error' }
        break
      case 'type':
        issue = { path, code: 'type', message: `must be ${String(error.params.type ?? 'of another type')} (got ${describe(value)})`, severity: 'error' }
        break
      default:
        issue = { path, code: error.keyword, message: `${error.message} (got ${describe(value)})`, severity: 'error' }
    }
    const key = `${issue.code}:${issue.path}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
  }
  return issues
}

const compiled = new Map<TSchema, ReturnType<typeof Compile>>()
function validator(schema: TSchema) {
  let check = compiled.get(schema)
  if (!check) {
    check = Compile(schema)
    compiled.set(schema, check)
  }
  return check
}

/** Checks a value against a schema and returns every issue with its path; never throws. */
export function checkSchema(schema: TSchema, document: unknown): ValidationIssue[] {
  const check = validator(schema)
  if (check.Check(document)) return []
  return schemaIssues(check.Errors(document) as Iterable<RawError>, document)
}

export interface ValidationResult<T> {
  value?: T
  issues: ValidationIssue[]
}

/** Validates an untrusted document: the schema first, then (only on a document that fits it) the checks across records. */
export function validateDocument<T>(schema: TSchema, document: unknown, semantic: (value: T) => ValidationIssue[]): ValidationResult<T> {
  const issues = checkSchema(schema, document)
  if (hasErrors(issues)) return { issues }
  const value = document as T
  const found = semantic(value)
  return hasErrors(found) ? { issues: found } : { value, issues: found }
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error')
}

const MAX_GEOMETRY_ENDPOINT_OFFSET_KM = 50

/** Checks that cross records: ids unique, endpoints known, references resolved. */
export function networkIssues(network: Network): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const sourceIds = new Set<string>()
  network.sources?.forEach((source, i) => {
    if (sourceIds.has(source.id)) issues.push({ path: `sources[${i}].id`, code: 'duplicate-id', message: `duplicate source id '${source.id}'`, severity: 'error' })
    sourceIds.add(source.id)
  })
  const checkSources = (list: string[] | undefined, path: string) => {
    list?.forEach((id, j) => {
      if (!sourceIds.has(id)) issues.push({ path: `${path}.sources[${j}]`, code: 'unknown-source', message: `unknown source id '${id}'`, severity: 'error' })
    })
  }
  const nodeById = new Map<string, Network['nodes'][number]>()
  network.nodes.forEach((node, i) => {
    if (nodeById.has(node.id)) issues.push({ path: `nodes[${i}].id`, code: 'duplicate-id', message: `duplicate node id '${node.id}'`, severity: 'error' })
    nodeById.set(node.id, node)
    if ((node.lat === undefined) !== (node.lon === undefined)) {
      issues.push({ path: `nodes[${i}].${node.lat === undefined ? 'lat' : 'lon'}`, code: 'required', message: 'lat and lon must be given together', severity: 'error' })
    } else if (node.lat === undefined) {
      issues.push({ path: `nodes[${i}]`, code: 'no-coordinates', message: `node '${node.id}' has no coordinates: its links have unknown length unless declared`, severity: 'warning' })
    }
    checkSources(node.sources, `nodes[${i}]`)
  })
  const srlgIds = new Set<string>()
  network.srlgs?.forEach((srlg, i) => {
    if (srlgIds.has(srlg.id)) issues.push({ path: `srlgs[${i}].id`, code: 'duplicate-id', message: `duplicate SRLG id '${srlg.id}'`, severity: 'error' })
    srlgIds.add(srlg.id)
    checkSources(srlg.sources, `srlgs[${i}]`)
  })
  const linkIds = new Set<string>()
  network.links.forEach((link, i) => {
    const path = `links[${i}]`
    if (linkIds.has(link.id)) issues.push({ path: `${path}.id`, code: 'duplicate-id', message: `duplicate link id '${link.id}'`, severity: 'error' })
    linkIds.add(link.id)
    for (const end of ['a', 'b'] as const) {
      if (!nodeById.has(link[end])) issues.push({ path: `${path}.${end}`, code: 'unknown-node', message: `unknown node '${link[end]}'`, severity: 'error' })
    }
    if (link.a === link.b) issues.push({ path: `${path}.b`, code: 'self-loop', message: `link '${link.id}' starts and ends at '${link.a}'`, severity: 'error' })
    if (link.repeatered !== undefined && link.kind !== 'submarine') {
      issues.push({ path: `${path}.repeatered`, code: 'not-applicable', message: 'repeatered applies to submarine links only', severity: 'warning' })
    }
    if (link.litCapacityGbps !== undefined && link.designCapacityGbps !== undefined && link.litCapacityGbps > link.designCapacityGbps) {
      issues.push({ path: `${path}.litCapacityGbps`, code: 'capacity', message: 'lit capacity exceeds design capacity', severity: 'warning' })
    }
    link.srlgs?.forEach((id, j) => {
      if (!srlgIds.has(id)) issues.push({ path: `${path}.srlgs[${j}]`, code: 'unknown-srlg', message: `unknown SRLG id '${id}'`, severity: 'error' })
    })
    checkSources(link.sources, path)
    if (link.routeFactor) checkSources(link.routeFactor.sources, `${path}.routeFactor`)
    if (link.routeFactorBasis !== undefined && link.kind !== 'terrestrial') {
      issues.push({ path: `${path}.routeFactorBasis`, code: 'not-applicable', message: 'routeFactorBasis applies to terrestrial links only', severity: 'warning' })
    }
    if (link.geometry) {
      const coords = link.geometry.coordinates
      const a = nodeById.get(link.a)
      const b = nodeById.get(link.b)
      const offsetKm = (node: typeof a, position: [number, number]) =>
        node?.lat === undefined || node.lon === undefined ? 0 : roughKm(node.lat, node.lon, position[1], position[0])
      const forward = offsetKm(a, coords[0]) + offsetKm(b, coords[coords.length - 1])
      const backward = offsetKm(b, coords[0]) + offsetKm(a, coords[coords.length - 1])
      if (Math.min(forward, backward) > 2 * MAX_GEOMETRY_ENDPOINT_OFFSET_KM) {
        issues.push({
          path: `${path}.geometry`,
          code: 'geometry-endpoints',
          message: `geometry ends lie more than ${MAX_GEOMETRY_ENDPOINT_OFFSET_KM} km from the link's nodes`,
          severity: 'warning',
        })
      }
    }
  })
  issues.push(...chainIssues(network))
  return issues
}

/** Declared chains: known links, each sharing a node with the next, none in two chains, sources known. */
function chainIssues(network: Network): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const linkById = new Map(network.links.map((l) => [l.id, l]))
  const sourceIds = new Set((network.sources ?? []).map((s) => s.id))
  const chainOf = new Map<string, string>()
  const chainIds = new Set<string>()
  network.declaredChains?.forEach((chain, i) => {
    const at = `declaredChains[${i}]`
    if (chainIds.has(chain.id)) issues.push({ path: `${at}.id`, code: 'duplicate-id', message: `duplicate chain id '${chain.id}'`, severity: 'error' })
    chainIds.add(chain.id)
    chain.sources.forEach((id, j) => {
      if (!sourceIds.has(id)) issues.push({ path: `${at}.sources[${j}]`, code: 'unknown-source', message: `unknown source id '${id}'`, severity: 'error' })
    })
    let previous: NetworkLinkEnds | undefined
    chain.links.forEach((id, j) => {
      const path = `${at}.links[${j}]`
      const link = linkById.get(id)
      if (!link) {
        issues.push({ path, code: 'unknown-link', message: `unknown link '${id}'`, severity: 'error' })
        previous = undefined
        return
      }
      const other = chainOf.get(id)
      if (other !== undefined) issues.push({ path, code: 'duplicate-id', message: `link '${id}' is already in chain '${other}'`, severity: 'error' })
      chainOf.set(id, chain.id)
      if (link.lengthKm !== undefined) {
        issues.push({ path, code: 'chain-overlap', message: `link '${id}' declares its own length, which wins over its share of the chain`, severity: 'warning' })
      }
      if (previous && ![link.a, link.b].some((end) => end === previous?.a || end === previous?.b)) {
        issues.push({ path, code: 'chain-gap', message: `link '${id}' shares no node with the link before it in the chain`, severity: 'error' })
      }
      previous = link
    })
  })
  return issues
}

interface NetworkLinkEnds {
  a: string
  b: string
}

/**
 * Validates an untrusted network document: nesting depth first (iteratively, before anything that recurses),
 * then the schema, then cross-record checks.
 */
export function validateNetwork(input: unknown, maxDepth?: number): ValidationResult<Network> {
  const deep = depthIssues(input, maxDepth)
  if (deep.length > 0) return { issues: deep }
  const document = migrateDocument(input)
  const issues = checkSchema(NetworkSchema, document)
  if (hasErrors(issues)) return { issues }
  const network = document as Network
  const semantic = networkIssues(network)
  return hasErrors(semantic) ? { issues: semantic } : { value: network, issues: semantic }
}

export function validateScenario(input: unknown, maxDepth?: number): ValidationResult<Scenario> {
  const deep = depthIssues(input, maxDepth)
  if (deep.length > 0) return { issues: deep }
  const document = migrateDocument(input)
  const issues = checkSchema(ScenarioSchema, document)
  return hasErrors(issues) ? { issues } : { value: document as Scenario, issues }
}

export function validateProfile(input: unknown, maxDepth?: number): ValidationResult<Profile> {
  const deep = depthIssues(input, maxDepth)
  if (deep.length > 0) return { issues: deep }
  const document = migrateDocument(input)
  const issues = checkSchema(ProfileSchema, document)
  return hasErrors(issues) ? { issues } : { value: document as Profile, issues }
}

/** For trusted call sites: validates or throws SW_INVALID_DOCUMENT (or a limit's code) carrying every issue. */
export function assertValid<T>(result: ValidationResult<T>, what: string): T {
  if (result.value !== undefined) return result.value
  const first = result.issues.find((issue) => issue.severity === 'error')
  throw new SilkwayError(refusalCode(result.issues), `${what}: ${first ? `${first.path}: ${first.message}` : 'invalid'}`, {}, result.issues)
}
