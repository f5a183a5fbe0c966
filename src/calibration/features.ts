import { greatCircleKm } from '../geo'
import { type Endpoint, SPEED_OF_LIGHT_KM_PER_MS, SilkwayError, type ValidationIssue } from '../model'
import { type RoutingIndex, resolveNode } from '../routing'
import type { CalibrationTerm } from './schema'

/** What the model knows of a route, the inputs of every term (schema.ts CALIBRATION_TERMS). */
export interface RouteFeatures {
  /** Fibre propagation RTT over the route, ms (both directions). */
  propagationRttMs: number
  terrestrialRttMs: number
  submarineRttMs: number
  /** Nodes on the route that charge equipment delay (border crossings do not; docs/design.md, Latency). */
  equipmentNodes: number
}

/** Features of a path given by its link and node ids on the index it was routed on. */
export function pathFeatures(index: RoutingIndex, linkIds: readonly string[], nodeIds: readonly string[]): RouteFeatures {
  let terrestrialMs = 0
  let submarineMs = 0
  for (const id of linkIds) {
    const e = index.linkIndex.get(id)
    if (e === undefined) throw new RangeError(`link '${id}' is not in the index`)
    if (index.network.links[e].kind === 'submarine') submarineMs += index.linkPropagationMs[e]
    else terrestrialMs += index.linkPropagationMs[e]
  }
  let equipmentNodes = 0
  for (const id of nodeIds) {
    const v = index.nodeIndex.get(id)
    if (v !== undefined && index.nodeDelayMs[v] > 0) equipmentNodes++
  }
  return { propagationRttMs: 2 * (terrestrialMs + submarineMs), terrestrialRttMs: 2 * terrestrialMs, submarineRttMs: 2 * submarineMs, equipmentNodes }
}

/** The design-matrix row of a route for the chosen terms, in their order. */
export function featureRow(features: RouteFeatures, terms: readonly CalibrationTerm[]): number[] {
  return terms.map((term) => {
    switch (term) {
      case 'overhead':
        return 1
      case 'propagation':
        return features.propagationRttMs
      case 'terrestrial':
        return features.terrestrialRttMs
      case 'submarine':
        return features.submarineRttMs
      case 'nodes':
        return 2 * features.equipmentNodes
    }
  })
}

/** The physical floor of any fibre path between two places: the great circle at the fibre's group index, both ways. */
export function greatCircleFloorRttMs(a: { lat: number; lon: number }, b: { lat: number; lon: number }, groupIndex: number): number {
  return (2 * greatCircleKm(a.lat, a.lon, b.lat, b.lon) * groupIndex) / SPEED_OF_LIGHT_KM_PER_MS
}

export interface MatchedEndpoint {
  input: string
  /** Node index, when matched. */
  node?: number
  matchKm?: number
  nearest?: number
  nearestKm?: number
  /** Where the endpoint is: the place given, else the node's position. */
  position?: { lat: number; lon: number }
}

/**
 * Maps a located place to the nearest node that is a site (border crossings are not: they mark where a cable
 * crosses a border) within `maxMatchKm` of it. Farther than that it stays unmatched, with the nearest node and
 * its distance reported: a probe 300 km from the nearest node would be measuring a tail the model lacks.
 */
export function matchPlace(index: RoutingIndex, place: { name: string; lat: number; lon: number }, maxMatchKm: number): MatchedEndpoint {
  let nearest = -1
  let nearestKm = Number.POSITIVE_INFINITY
  index.network.nodes.forEach((node, v) => {
    if (node.kind === 'border-crossing' || node.lat === undefined || node.lon === undefined) return
    const km = greatCircleKm(place.lat, place.lon, node.lat, node.lon)
    // Ties go to the lower node index, so a match is the same on every run.
    if (km < nearestKm) {
      nearest = v
      nearestKm = km
    }
  })
  const position = { lat: place.lat, lon: place.lon }
  if (nearest < 0) return { input: place.name, position }
  if (nearestKm <= maxMatchKm) return { input: place.name, node: nearest, matchKm: nearestKm, position }
  return { input: place.name, nearest, nearestKm, position }
}

/**
 * Matches every endpoint of every measurement: names through the one node resolver (routing/resolve), located
 * places by distance. An unknown or ambiguous name is an input error; all of them are collected, each with its
 * path (`measurements[3].from`), and thrown together.
 */
export function matchEndpoints(
  index: RoutingIndex,
  measurements: readonly { from: Endpoint; to: Endpoint }[],
  maxMatchKm: number,
  pathOf: (i: number, field: 'from' | 'to') => string = (i, field) => `measurements[${i}].${field}`,
): { from: MatchedEndpoint; to: MatchedEndpoint }[] {
  const issues: ValidationIssue[] = []
  const match = (endpoint: Endpoint, path: string): MatchedEndpoint => {
    if (typeof endpoint !== 'string') return matchPlace(index, endpoint, maxMatchKm)
    try {
      const v = resolveNode(index, endpoint)
      const node = index.network.nodes[v]
      const position = node.lat === undefined || node.lon === undefined ? undefined : { lat: node.lat, lon: node.lon }
      return { input: endpoint, node: v, matchKm: 0, ...(position ? { position } : {}) }
    } catch (error) {
      if (!(error instanceof SilkwayError)) throw error
      issues.push({ path, code: error.code, message: error.message, severity: 'error' })
      return { input: endpoint }
    }
  }
  const matched = measurements.map((m, i) => ({ from: match(m.from, pathOf(i, 'from')), to: match(m.to, pathOf(i, 'to')) }))
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
    throw new SilkwayError('SW_UNKNOWN_NODE', `${issues[0].path}: ${issues[0].message}${more}`, {}, issues)
  }
  return matched
}
