import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import codes from 'i18n-iso-countries/codes.json'
import type { Feature, FeatureCollection, PointGeometry, Position } from '../geo'

/** ISO 3166-1 numeric (world-atlas feature ids) → alpha-2 (the codes the network uses). */
const ALPHA2 = new Map((codes as string[][]).map(([alpha2, , numeric]) => [numeric, alpha2]))
/** Natural Earth shapes without an ISO numeric code. */
const BY_NAME: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' }

/**
 * A line or ring that crosses the antimeridian (Russia's mainland reaches Chukotka, Fiji) jumps from +180 to −180;
 * filled as is, it leaves a hole in the land. Continuous longitudes (beyond ±180) draw it whole. A ring around
 * the pole (Antarctica: one jump) closes only as it is.
 */
export function unwrap(line: Position[], closed: boolean): Position[] {
  let jumps = 0
  for (let i = 1; i < line.length; i++) if (Math.abs(line[i][0] - line[i - 1][0]) > 180) jumps++
  if (jumps === 0 || (closed && jumps % 2 === 1)) return line
  let shift = 0
  return line.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = line[i - 1][0]
      if (lon - previous > 180) shift -= 360
      else if (previous - lon > 180) shift += 360
    }
    return [lon + shift, lat]
  })
}

/** A country's alpha-2 code, '' when it has none. */
export function countryCode(id: string | number | undefined, name: string | undefined): string {
  return (id !== undefined ? ALPHA2.get(String(id).padStart(3, '0')) : undefined) ?? BY_NAME[name ?? ''] ?? ''
}

/** Natural Earth countries (world-atlas, 1:110m or 1:50m) → land polygons, borders and one label point per country. */
export interface Basemap {
  countries: GeoJSON.FeatureCollection
  borders: GeoJSON.MultiLineString
  labels: FeatureCollection<PointGeometry>
}

/** Area-weighted centroid of a ring (shoelace); good enough to place a label on a country's main polygon. */
function ringCentroid(ring: Position[]): { area: number; at: Position } {
  let area = 0
  let x = 0
  let y = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
    area += f
    x += (ring[j][0] + ring[i][0]) * f
    y += (ring[j][1] + ring[i][1]) * f
  }
  if (area === 0) return { area: 0, at: ring[0] }
  return { area: Math.abs(area / 2), at: [x / (3 * area), y / (3 * area)] }
}

export function buildBasemap(topology: Topology): Basemap {
  const object = topology.objects.countries as GeometryCollection<{ name: string }>
  const countries = feature(topology, object) as unknown as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { name: string }>
  for (const country of countries.features) {
    ;(country.properties as Record<string, string>).code = countryCode(country.id, country.properties?.name)
    const g = country.geometry
    if (g?.type === 'Polygon') g.coordinates = g.coordinates.map((ring) => unwrap(ring as Position[], true))
    else if (g?.type === 'MultiPolygon') g.coordinates = g.coordinates.map((polygon) => polygon.map((ring) => unwrap(ring as Position[], true)))
  }
  const borders = mesh(topology, object, (a, b) => a !== b) as GeoJSON.MultiLineString
  borders.coordinates = borders.coordinates.map((line) => unwrap(line as Position[], false))
  const labels: Feature<PointGeometry>[] = []
  for (const country of countries.features) {
    if (!country.geometry) continue
    const polygons = country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates
    let best: { area: number; at: Position } | undefined
    for (const polygon of polygons) {
      const c = ringCentroid(polygon[0] as Position[])
      if (!best || c.area > best.area) best = c
    }
    if (best && best.area > 0.5) labels.push({ type: 'Feature', geometry: { type: 'Point', coordinates: best.at }, properties: { name: country.properties?.name ?? '', area: best.area } })
  }
  return { countries, borders, labels: { type: 'FeatureCollection', features: labels } }
}
