import { MEAN_EARTH_RADIUS_KM, destinationPoint, greatCirclePoints, greatCircleKm as sphereKm } from '../../src/geo/sphere'
import type { LineString, Network, NetworkLink, NetworkNode } from '../../src/model'

/** Network → GeoJSON for the map: links along their geometry, else along the great circle between their ends. */

export type Position = [number, number]

/** Haversine distance between two `[lon, lat]` positions, km (the map's estimates; stored lengths come from the server). */
export function greatCircleKm(a: Position, b: Position): number {
  return sphereKm(a[1], a[0], b[1], b[0])
}

/**
 * Points along the great circle from a to b, one every `stepKm` at most, with longitudes unwrapped so a line
 * across the antimeridian stays continuous (MapLibre draws lon beyond ±180).
 */
export function greatCircleArc(a: Position, b: Position, stepKm = 100): Position[] {
  const d = greatCircleKm(a, b) / MEAN_EARTH_RADIUS_KM
  const steps = Math.max(1, Math.ceil((d * MEAN_EARTH_RADIUS_KM) / stepKm))
  if (d < 1e-9) return [a, b]
  const out: Position[] = []
  let previous = a[0]
  for (const point of greatCirclePoints(a[1], a[0], b[1], b[0], steps)) {
    let lon = point.lon
    while (lon - previous > 180) lon -= 360
    while (lon - previous < -180) lon += 360
    previous = lon
    out.push([lon, point.lat])
  }
  return out
}

export function nodePosition(node: NetworkNode): Position | undefined {
  return node.lat === undefined || node.lon === undefined ? undefined : [node.lon, node.lat]
}

/** The drawn line of a link: its geometry (oriented from a), else the great-circle arc; undefined without coordinates. */
export function linkLine(link: NetworkLink, nodes: ReadonlyMap<string, NetworkNode>): Position[] | undefined {
  if (link.geometry) return link.geometry.coordinates.map(([lon, lat]) => [lon, lat])
  const a = nodes.get(link.a)
  const b = nodes.get(link.b)
  const pa = a && nodePosition(a)
  const pb = b && nodePosition(b)
  if (!pa || !pb) return undefined
  return greatCircleArc(pa, pb)
}

/** Capacity class for the line width: 0 unknown, 1 < 10 Tbps, 2 < 100 Tbps, 3 ≥ 100 Tbps (design, else lit). */
export function capacityClass(link: NetworkLink): number {
  const gbps = link.designCapacityGbps ?? link.litCapacityGbps
  if (gbps === undefined) return 0
  if (gbps < 10_000) return 1
  if (gbps < 100_000) return 2
  return 3
}

export interface Feature<G> {
  type: 'Feature'
  id?: number
  geometry: G
  properties: Record<string, string | number | boolean>
}
export interface FeatureCollection<G> {
  type: 'FeatureCollection'
  features: Feature<G>[]
}
export type LineGeometry = { type: 'LineString'; coordinates: Position[] }
export type PointGeometry = { type: 'Point'; coordinates: Position }

export interface NetworkLayers {
  nodes: FeatureCollection<PointGeometry>
  links: FeatureCollection<LineGeometry>
  /** Link id → its drawn line, for paths and cuts. */
  lines: Map<string, Position[]>
  bounds?: [Position, Position]
}

/** Features carry numeric ids (their index) so hover uses feature state, and the string id as a property. */
export function networkLayers(network: Network): NetworkLayers {
  const byId = new Map(network.nodes.map((n) => [n.id, n]))
  // Links per node: the map labels the best-connected cities first when labels collide.
  const degree = new Map<string, number>()
  for (const l of network.links) for (const end of [l.a, l.b]) degree.set(end, (degree.get(end) ?? 0) + 1)
  const lines = new Map<string, Position[]>()
  const nodes: Feature<PointGeometry>[] = []
  network.nodes.forEach((node, i) => {
    const p = nodePosition(node)
    if (!p) return
    nodes.push({ type: 'Feature', id: i, geometry: { type: 'Point', coordinates: p }, properties: { id: node.id, name: node.name, kind: node.kind, country: node.country ?? '', degree: degree.get(node.id) ?? 0 } })
  })
  const links: Feature<LineGeometry>[] = []
  network.links.forEach((link, i) => {
    const line = linkLine(link, byId)
    if (!line) return
    lines.set(link.id, line)
    links.push({
      type: 'Feature',
      id: i,
      geometry: { type: 'LineString', coordinates: line },
      properties: { id: link.id, name: link.name ?? link.id, kind: link.kind, status: link.status ?? 'operational', capacity: capacityClass(link) },
    })
  })
  return {
    nodes: { type: 'FeatureCollection', features: nodes },
    links: { type: 'FeatureCollection', features: links },
    lines,
    bounds: boundsOf(nodes.map((f) => f.geometry.coordinates)),
  }
}

/** The nodes a chain of links visits from `start`, in order: what pathLine needs when an answer lists links only. */
export function nodesAlong(start: string, linkIds: readonly string[], network: Network): string[] {
  const linkById = new Map(network.links.map((l) => [l.id, l]))
  const out = [start]
  for (const id of linkIds) {
    const link = linkById.get(id)
    const at = out[out.length - 1]
    out.push(!link ? at : link.a === at ? link.b : link.a)
  }
  return out
}

/** A path (link ids, node ids in order) as one line, each link's line oriented along the path. */
export function pathLine(nodeIds: readonly string[], linkIds: readonly string[], network: Network, lines: ReadonlyMap<string, Position[]>): Position[] {
  const linkById = new Map(network.links.map((l) => [l.id, l]))
  const out: Position[] = []
  linkIds.forEach((id, i) => {
    const line = lines.get(id)
    const link = linkById.get(id)
    if (!line || !link) return
    const forward = link.a === nodeIds[i]
    const oriented = forward ? line : [...line].reverse()
    if (out.length > 0) {
      // Keep longitudes continuous from one link to the next.
      const last = out[out.length - 1]
      const shift = Math.round((last[0] - oriented[0][0]) / 360) * 360
      out.push(...oriented.slice(1).map(([lon, lat]): Position => [lon + shift, lat]))
    } else out.push(...oriented)
  })
  return out
}

/** A circle of `radiusKm` around a centre as a polygon ring (for drawing a cut area). */
export function circleRing(center: Position, radiusKm: number, points = 72): Position[] {
  const ring: Position[] = []
  for (let i = 0; i <= points; i++) {
    const { lat, lon } = destinationPoint(center[1], center[0], (2 * Math.PI * i) / points, radiusKm)
    ring.push([lon, lat])
  }
  return ring
}

export type { LineString }

/** The south-west and north-east corners of some `[lon, lat]` positions, undefined for none. */
export function boundsOf(points: readonly Position[]): [Position, Position] | undefined {
  if (points.length === 0) return undefined
  let minLon = Infinity
  let minLat = Infinity
  let maxLon = -Infinity
  let maxLat = -Infinity
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon)
    maxLon = Math.max(maxLon, lon)
    minLat = Math.min(minLat, lat)
    maxLat = Math.max(maxLat, lat)
  }
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ]
}
