import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import type { Feature, FeatureCollection, PointGeometry, Position } from '../geo'

/** Natural Earth countries (world-atlas, 1:50m) → land polygons, borders and one label point per country. */
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
  const borders = mesh(topology, object, (a, b) => a !== b) as GeoJSON.MultiLineString
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
