import fontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url'
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef } from 'react'
import type { Topology } from 'topojson-specification'
import atlasUrl from 'world-atlas/countries-50m.json?url'
import { KIND_COLORS, NODE_COLORS } from '../format'
import { type NetworkLayers, type Position, circleRing } from '../geo'
import type { Selection, View } from '../url'
import { buildBasemap } from './basemap'

declare global {
  interface Window {
    /** The map, for the end-to-end tests (test/e2e) and the browser console. */
    silkwayMap?: maplibregl.Map
  }
}

// maplibre-gl 6 has no default export, and under Vite its worker must be named explicitly (ecosystem.md §9).
maplibregl.setWorkerUrl(workerUrl)

export interface PathOverlay {
  line: Position[]
  color: string
  dashed?: boolean
  width?: number
}

export interface Overlays {
  paths: PathOverlay[]
  /** Links cut in the what-if panel. */
  cut: string[]
  /** Links drawn emphasised (compare: what the target scenario adds). */
  emphasis: string[]
  circle?: { center: Position; radiusKm: number }
  /** A node waiting for its second end (add link). */
  pending?: string
}

export interface MapClick {
  node?: string
  link?: string
  lngLat: Position
}

export interface MapViewProps {
  layers: NetworkLayers
  overlays: Overlays
  selection: Selection
  initialView?: View
  /** Nodes can be dragged (edit mode). */
  draggable: boolean
  /** A crosshair cursor: the next click places something. */
  placing: boolean
  onClick(click: MapClick): void
  onDragNode(id: string, to: Position): void
  onViewChange(view: View): void
  /** Called once the map has drawn the corridor (the e2e tests and the load-time measurement wait for it). */
  onReady?(): void
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }
const STATUS_DASH: Record<string, number[] | undefined> = { operational: undefined, 'under-construction': [3, 1.5], planned: [1, 1.6], retired: [0.5, 2] }

function style(): maplibregl.StyleSpecification {
  const linkColor: maplibregl.ExpressionSpecification = ['match', ['get', 'kind'], 'submarine', KIND_COLORS.submarine, KIND_COLORS.terrestrial]
  // One zoom interpolation at the top (a style-spec rule); hover widens the line at every zoom.
  const hover: maplibregl.ExpressionSpecification = ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 0]
  const linkWidth: maplibregl.ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 2, ['+', 1.2, ['*', 0.7, ['get', 'capacity']], hover], 7, ['+', 2.5, ['*', 1.5, ['get', 'capacity']], hover]]
  const statusLayers: maplibregl.LayerSpecification[] = Object.entries(STATUS_DASH).map(([status, dash]) => ({
    id: `links-${status}`,
    type: 'line',
    source: 'links',
    filter: ['==', ['get', 'status'], status],
    layout: { 'line-cap': dash ? 'butt' : 'round', 'line-join': 'round' },
    paint: {
      'line-color': status === 'retired' ? '#8a8a8a' : linkColor,
      'line-width': linkWidth,
      'line-opacity': 0.9,
      ...(dash ? { 'line-dasharray': dash } : {}),
    },
  }))
  return {
    version: 8,
    'font-faces': { 'Noto Sans Regular': [{ url: new URL(fontUrl, location.href).href }] },
    sources: {
      countries: { type: 'geojson', data: EMPTY },
      borders: { type: 'geojson', data: EMPTY },
      labels: { type: 'geojson', data: EMPTY },
      links: { type: 'geojson', data: EMPTY },
      nodes: { type: 'geojson', data: EMPTY },
      paths: { type: 'geojson', data: EMPTY },
      cut: { type: 'geojson', data: EMPTY },
      emphasis: { type: 'geojson', data: EMPTY },
      circle: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#d6e6f0' } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f5f2ea', 'fill-outline-color': '#f5f2ea' } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#b9b1a3', 'line-width': 0.8 } },
      {
        id: 'country-labels',
        type: 'symbol',
        source: 'labels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['Noto Sans Regular'],
          'text-size': ['interpolate', ['linear'], ['zoom'], 2, 10, 6, 14],
          'symbol-sort-key': ['-', 0, ['get', 'area']],
          'text-max-width': 7,
        },
        paint: { 'text-color': '#9a9080', 'text-halo-color': '#f5f2ea', 'text-halo-width': 1.2 },
      },
      { id: 'circle-fill', type: 'fill', source: 'circle', paint: { 'fill-color': '#d62728', 'fill-opacity': 0.12 } },
      { id: 'circle-line', type: 'line', source: 'circle', paint: { 'line-color': '#d62728', 'line-width': 1.5, 'line-dasharray': [2, 1] } },
      { id: 'emphasis', type: 'line', source: 'emphasis', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#f2c300', 'line-width': 9, 'line-opacity': 0.55 } },
      ...statusLayers,
      { id: 'paths', type: 'line', source: 'paths', filter: ['!', ['get', 'dashed']], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.85 } },
      { id: 'paths-dashed', type: 'line', source: 'paths', filter: ['get', 'dashed'], layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.85, 'line-dasharray': [2, 1.2] } },
      { id: 'cut', type: 'line', source: 'cut', paint: { 'line-color': '#d62728', 'line-width': 6, 'line-dasharray': [1, 0.8] } },
      { id: 'link-selected', type: 'line', source: 'links', filter: ['==', ['get', 'id'], ''], layout: { 'line-cap': 'round' }, paint: { 'line-color': '#111', 'line-width': 7, 'line-opacity': 0.35 } },
      { id: 'links-hit', type: 'line', source: 'links', paint: { 'line-color': '#000', 'line-width': 14, 'line-opacity': 0 } },
      {
        id: 'nodes',
        type: 'circle',
        source: 'nodes',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, ['case', ['boolean', ['feature-state', 'hover'], false], 5, 2.8], 7, ['case', ['boolean', ['feature-state', 'hover'], false], 9, 6]],
          'circle-color': ['match', ['get', 'kind'], ...Object.entries(NODE_COLORS).flat(), '#222'] as unknown as maplibregl.ExpressionSpecification,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1.2,
        },
      },
      { id: 'node-selected', type: 'circle', source: 'nodes', filter: ['==', ['get', 'id'], ''], paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111', 'circle-stroke-width': 2.5 } },
      {
        id: 'node-labels',
        type: 'symbol',
        source: 'nodes',
        minzoom: 3.6,
        layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 11.5, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-max-width': 9, 'text-optional': true },
        paint: { 'text-color': '#222', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
      },
    ],
  }
}

function lines(lines: { line: Position[]; properties?: Record<string, unknown> }[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: lines.map(({ line, properties }) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: properties ?? {} })) }
}

function setData(map: maplibregl.Map, source: string, data: GeoJSON.GeoJSON) {
  ;(map.getSource(source) as maplibregl.GeoJSONSource | undefined)?.setData(data)
}

/** The map: MapLibre GL on Natural Earth countries from world-atlas — no tiles, no glyph server, nothing remote. */
export default function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const loaded = useRef(false)
  // Handlers read the latest props without re-binding the map's events.
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    if (!container.current) return
    const view = props.initialView
    const map = new maplibregl.Map({
      container: container.current,
      style: style(),
      center: view ? [view.lon, view.lat] : [50, 42],
      zoom: view?.zoom ?? 2.6,
      minZoom: 1,
      maxZoom: 12,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      attributionControl: { compact: true, customAttribution: 'Natural Earth (world-atlas) · data: silkway corridor sources' },
    })
    mapRef.current = map
    window.silkwayMap = map
    map.touchZoomRotate.disableRotation()
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right')
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'hover-popup', offset: 10 })
    let hovered: { source: string; id: number } | undefined
    const setHover = (next: { source: string; id: number } | undefined) => {
      if (hovered && (hovered.source !== next?.source || hovered.id !== next?.id)) map.setFeatureState(hovered, { hover: false })
      if (next) map.setFeatureState(next, { hover: true })
      hovered = next
    }
    const pick = (point: maplibregl.PointLike) => {
      const p = point as maplibregl.Point
      const box: [maplibregl.PointLike, maplibregl.PointLike] = [
        [p.x - 5, p.y - 5],
        [p.x + 5, p.y + 5],
      ]
      const node = map.queryRenderedFeatures(box, { layers: ['nodes'] })[0]
      if (node) return { node }
      const link = map.queryRenderedFeatures(box, { layers: ['links-hit'] })[0]
      return { link }
    }
    let dragging: { id: string; feature: number } | undefined
    map.on('mousemove', (e) => {
      if (dragging) {
        const nodes = latest.current.layers.nodes
        const f = nodes.features.find((x) => x.id === dragging?.feature)
        if (f) {
          f.geometry = { type: 'Point', coordinates: [e.lngLat.lng, e.lngLat.lat] }
          setData(map, 'nodes', nodes as GeoJSON.FeatureCollection)
        }
        return
      }
      const { node, link } = pick(e.point)
      const target = node ?? link
      map.getCanvas().style.cursor = target ? (node && latest.current.draggable ? 'move' : 'pointer') : latest.current.placing ? 'crosshair' : ''
      setHover(target && target.id !== undefined ? { source: node ? 'nodes' : 'links', id: Number(target.id) } : undefined)
      if (target) {
        const p = target.properties as Record<string, string>
        const what = node ? `${p.name}${p.country ? ` · ${p.country}` : ''} · ${p.kind}` : `${p.name} · ${p.kind} · ${p.status}`
        popup.setLngLat(e.lngLat).setText(what).addTo(map)
      } else popup.remove()
    })
    map.on('mouseout', () => {
      setHover(undefined)
      popup.remove()
    })
    map.on('mousedown', (e) => {
      if (!latest.current.draggable) return
      const { node } = pick(e.point)
      if (!node) return
      e.preventDefault()
      dragging = { id: String(node.properties.id), feature: Number(node.id) }
      map.dragPan.disable()
    })
    map.on('mouseup', (e) => {
      if (!dragging) return
      const { id } = dragging
      dragging = undefined
      map.dragPan.enable()
      latest.current.onDragNode(id, [Number(e.lngLat.lng.toFixed(4)), Number(e.lngLat.lat.toFixed(4))])
    })
    map.on('click', (e) => {
      const { node, link } = pick(e.point)
      latest.current.onClick({ node: node ? String(node.properties.id) : undefined, link: link ? String(link.properties.id) : undefined, lngLat: [e.lngLat.lng, e.lngLat.lat] })
    })
    map.on('moveend', () => {
      const c = map.getCenter()
      latest.current.onViewChange({ lon: c.lng, lat: c.lat, zoom: map.getZoom() })
    })
    map.on('load', async () => {
      loaded.current = true
      draw(map, latest.current, !view)
      try {
        const topology = (await (await fetch(atlasUrl)).json()) as Topology
        const base = buildBasemap(topology)
        setData(map, 'countries', base.countries)
        setData(map, 'borders', base.borders)
        setData(map, 'labels', base.labels as GeoJSON.FeatureCollection)
      } finally {
        // Ready once the corridor and the countries are drawn.
        map.once('idle', () => latest.current.onReady?.())
      }
    })
    return () => {
      map.remove()
      mapRef.current = null
      loaded.current = false
    }
    // The map is created once; later props flow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const map = mapRef.current
    if (map && loaded.current) draw(map, props, false)
  }, [props.layers, props.overlays, props.selection])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded.current || !props.selection) return
    // Bring a selection made elsewhere (search, a table) into view.
    const { type, id } = props.selection
    if (type === 'node') {
      const f = props.layers.nodes.features.find((x) => x.properties.id === id)
      if (f && !map.getBounds().contains(f.geometry.coordinates)) map.easeTo({ center: f.geometry.coordinates, duration: 300 })
    }
  }, [props.selection])

  return <div ref={container} className="map" role="application" aria-label="Map of the corridor: drag to pan, scroll or +/− to zoom, click a node or link for its details" />
}

function draw(map: maplibregl.Map, props: MapViewProps, fit: boolean) {
  const { layers, overlays, selection } = props
  setData(map, 'links', layers.links as GeoJSON.FeatureCollection)
  setData(map, 'nodes', layers.nodes as GeoJSON.FeatureCollection)
  setData(map, 'paths', lines(overlays.paths.map((p) => ({ line: p.line, properties: { color: p.color, dashed: p.dashed ?? false, width: p.width ?? 5 } }))))
  setData(map, 'cut', lines(overlays.cut.flatMap((id) => (layers.lines.has(id) ? [{ line: layers.lines.get(id) as Position[] }] : []))))
  setData(map, 'emphasis', lines(overlays.emphasis.flatMap((id) => (layers.lines.has(id) ? [{ line: layers.lines.get(id) as Position[] }] : []))))
  setData(map, 'circle', overlays.circle ? { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(overlays.circle.center, overlays.circle.radiusKm)] }, properties: {} } : EMPTY)
  const dim = overlays.paths.length > 0 ? 0.35 : 0.9
  for (const status of Object.keys(STATUS_DASH)) map.setPaintProperty(`links-${status}`, 'line-opacity', dim)
  const selectedNode = selection?.type === 'node' ? selection.id : overlays.pending ?? ''
  map.setFilter('node-selected', ['==', ['get', 'id'], selectedNode])
  map.setFilter('link-selected', ['==', ['get', 'id'], selection?.type === 'link' ? selection.id : ''])
  if (fit && layers.bounds) map.fitBounds(layers.bounds, { padding: 40, duration: 0, maxZoom: 6 })
}
