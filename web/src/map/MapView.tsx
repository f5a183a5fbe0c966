import fontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url'
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Topology } from 'topojson-specification'
import atlasUrl from 'world-atlas/countries-50m.json?url'
import atlasCoarseUrl from 'world-atlas/countries-110m.json?url'
import { KIND_COLORS, NODE_COLORS, kindLabel, statusLabel } from '../format'
import { type NetworkLayers, type Position, circleRing, greatCircleKm } from '../geo'
import type { Selection, View } from '../url'
import { type Basemap, buildBasemap } from './basemap'
import { FIRST_PAINT_WAIT_MS } from './first-paint'
import { type KeyTarget, announce, keyAction, stepTarget, targetsInView } from './keyboard'
import { CUT_COLOR, EMPHASIS_COLOR, type LegendEntry, SHADE_COLOR, STATUS_DASH, entryText } from './legend'
import { type MapClick, type MapMode, isDrag } from './mode'

declare global {
  interface Window {
    /** The map, for the end-to-end tests (test/e2e) and the browser console. */
    silkwayMap?: maplibregl.Map
  }
}

// maplibre-gl 6 has no default export, and under Vite its worker must be named explicitly (ecosystem.md §9).
maplibregl.setWorkerUrl(workerUrl)
// The worker starts (fetches and compiles its 520 kB) while the rest of the page sets up, not when the map is made.
maplibregl.prewarm()

// The base map is fetched as soon as this chunk loads, beside the corridor's data and the map's set-up:
// Natural Earth 1:110m (108 kB) for the first paint, then 1:50m (756 kB) once the map is idle.
const fetchTopology = (url: string) => fetch(url).then((r) => r.json() as Promise<Topology>)
let coarseAtlas: Promise<Basemap> | undefined
/** Set once the coarse base map is built: a map created after that has it in its style from the start. */
let coarseBasemap: Basemap | undefined
const loadCoarseAtlas = (again = false) =>
  (coarseAtlas = (!again && coarseAtlas) || fetchTopology(atlasCoarseUrl).then((topology) => {
    coarseBasemap = buildBasemap(topology)
    return coarseBasemap
  }))
loadCoarseAtlas().catch(() => undefined)

export interface PathOverlay {
  line: Position[]
  color: string
  dashed?: boolean
  width?: number
  /** What the legend calls it ("1 via Baku – Aktau"). */
  label?: string
}

/** One link of the link-value overlay. */
export interface LinkValue {
  id: string
  color: string
  widthPx: number
  dashed?: boolean
  /** What hovering the link, or reaching it with L, says of its value ("load 120 of 400 Gbit/s · utilisation 30 %"). */
  text?: string
}

/** A labelled point on the map: a route's start and end. */
export interface Pin {
  position: Position
  /** One letter in the pin ("A", "B"). */
  text: string
  name: string
}

export interface Overlays {
  paths: PathOverlay[]
  /** Links cut in the what-if panel. */
  cut: string[]
  /** Links drawn emphasised (compare: what the target scenario adds). */
  emphasis: string[]
  /**
   * Links coloured by a value (utilisation, optical margin): the one way to colour links by a number, drawn under
   * the paths; the scales are in ./scales.ts, the panel's `legend` names them. Dashed: the value is unknown.
   */
  links?: LinkValue[]
  circle?: { center: Position; radiusKm: number }
  /** A node waiting for its second end (add link). */
  pending?: string
  pins?: Pin[]
  /** Countries shaded (ISO alpha-2): those a route avoids. */
  shade?: string[]
  /** The map fits these bounds whenever a new value is given (a route found). */
  fit?: [Position, Position]
  /** The panel's own legend entries (what its colours mean), shown below the network's. */
  legend?: LegendEntry[]
}

export type { MapClick, MapMode } from './mode'

export interface MapViewProps {
  /** Undefined while the network loads: the map and its base map are set up meanwhile. */
  layers?: NetworkLayers
  overlays: Overlays
  selection: Selection
  initialView?: View
  /** What the pointer does (./mode.ts). */
  mode: MapMode
  /** A click the mode leaves to the app: select what is under it. */
  onSelect(click: MapClick): void
  onViewChange(view: View): void
  /** Called once the map has drawn the corridor (the e2e tests and the load-time measurement wait for it). */
  onReady?(): void
  /** The map frames these bounds whenever a new value is given (a search hit). */
  focus?: { bounds: [Position, Position]; maxZoom?: number }
}

const FIT = { padding: 40, maxZoom: 6 }
/**
 * The margin each tile of the land and the borders keeps beyond its edge, in a 512-unit tile's units: enough for
 * the borders' 0.8 px line and its join, where MapLibre's default of 128 makes every tile clip and tessellate 2.25
 * times its own area (the worker's share of the first draw). The links keep the default: a dashed line's pattern
 * restarts where a tile's buffer cuts it, and with a narrow one the cuts fall in view (a stub of a dash at every
 * tile edge along the Trans-Caspian cable, seen at zoom 6).
 */
const TILE_BUFFER = 16
export const ATTRIBUTION = 'Natural Earth (world-atlas) · data: silkway corridor sources'
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }
const EMPTY_LAYERS: NetworkLayers = { nodes: { type: 'FeatureCollection', features: [] }, links: { type: 'FeatureCollection', features: [] }, lines: new Map() }

/**
 * Sources that only a panel, a selection or a gesture fills. They join the style the first time they have
 * something to draw (`setData`): at the first draw each empty GeoJSON source still costs a tile job per tile in
 * view on MapLibre's one worker, and every tile that comes back asks for another SwiftShader frame.
 */
const OVERLAY_SOURCES = new Set(['paths', 'pins', 'cut', 'emphasis', 'link-values', 'circle', 'circle-label'])

const LAND_COLOR = '#f5f2ea'
/**
 * The sea: the map's container, seen through the canvas wherever nothing is drawn, not a MapLibre background
 * layer. That layer is one more GL program (its first use a link and a SwiftShader pipeline in the first full
 * frame) and a pass over every pixel of every frame; the PNG export paints it under the map.
 */
export const WATER_COLOR = '#d6e6f0'

/**
 * `value` as a per-feature (data-driven) expression, for a paint property that is the same for every feature.
 *
 * Why: MapLibre compiles one GL program per layer type and per pattern of which paint properties are uniforms
 * (constant, or driven by zoom alone: `u_` in `ProgramConfiguration.cacheKey`), per feature (`a_`) or per feature
 * and zoom (`z_`), the first time a layer of that
 * pattern draws, and a new WebGL context shares none. Under software WebGL (SwiftShader) each program's first use
 * costs a link-status wait on the main thread and a pipeline build in the GPU process, both in the first full
 * frame. So the layers drawn in that frame share patterns: every solid line (`linePaint`) and every circle
 * of the first view is one program, not four and two (docs/web.md, issue 13's seventh session).
 * The property `·` is never set, so the value is always `value`.
 */
const perFeature = (value: number | string): maplibregl.ExpressionSpecification => ['coalesce', ['get', '·'], value] as maplibregl.ExpressionSpecification
/**
 * A width or radius interpolated from zoom 2 to zoom 7 and per feature (`z_`): the value at zoom 2 is made
 * per-feature (`perFeature`), so a constant size gets the same program as the links' and nodes' data-driven ones.
 */
const zoomSize = (atZoom2: number, atZoom7: number): maplibregl.ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 2, perFeature(atZoom2), 7, atZoom7]
/**
 * The one program pattern of the solid lines drawn in the first view (borders, halo, links, selection): colour per
 * feature, width per feature and zoom, opacity constant. The opacity stays constant because dimming the links under
 * a route sets it (`setPaintProperty`), and a change to a per-feature property re-tiles the source; the selection
 * is therefore drawn by its colour. The e2e test "one GL program per layer kind" reads the map's program cache.
 */
function linePaint(color: string | maplibregl.ExpressionSpecification, opacity: number, width: maplibregl.ExpressionSpecification) {
  return { 'line-color': typeof color === 'string' ? perFeature(color) : color, 'line-opacity': opacity, 'line-width': width }
}

/** Every layer of the map, bottom to top: the style holds those of the base map and the network from the start. */
function mapLayers(): maplibregl.LayerSpecification[] {
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
      ...linePaint(status === 'retired' ? '#8a8a8a' : linkColor, 0.9, linkWidth),
      ...(dash ? { 'line-dasharray': dash } : {}),
    },
  }))
  return [
    // The land's edge is not antialiased: the fill's outline pass (GL lines along every ring of every tile) was most
    // of a frame under software WebGL (SwiftShader), the land alone rastered in ~200 ms with it, ~40 ms without
    // (bench/web-load.mjs's machine); between these two pale colours the steps are hardly seen.
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': LAND_COLOR, 'fill-antialias': false } },
    { id: 'shade', type: 'fill', source: 'countries', filter: ['in', ['get', 'code'], ['literal', []]], paint: { 'fill-color': SHADE_COLOR, 'fill-opacity': 0.16 } },
    { id: 'borders', type: 'line', source: 'borders', paint: linePaint('#b9b1a3', 1, zoomSize(0.8, 0.8)) },
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
      paint: { 'text-color': '#9a9080', 'text-halo-color': LAND_COLOR, 'text-halo-width': 1.2 },
    },
    { id: 'circle-fill', type: 'fill', source: 'circle', paint: { 'fill-color': '#d62728', 'fill-opacity': 0.12 } },
    { id: 'circle-line', type: 'line', source: 'circle', paint: { 'line-color': '#d62728', 'line-width': 1.5, 'line-dasharray': [2, 1] } },
    { id: 'emphasis', type: 'line', source: 'emphasis', layout: { 'line-cap': 'round' }, paint: { 'line-color': EMPHASIS_COLOR, 'line-width': 9, 'line-opacity': 0.55 } },
    // The links not yet in service (the corridor's new cables) carry a soft halo in their kind's colour.
    {
      id: 'links-new-halo',
      type: 'line',
      source: 'links',
      filter: ['in', ['get', 'status'], ['literal', ['under-construction', 'planned']]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { ...linePaint(linkColor, 0.22, zoomSize(7, 14)), 'line-blur': 1 },
    },
    ...statusLayers,
    { id: 'link-values', type: 'line', source: 'link-values', filter: ['!', ['get', 'dashed']], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.95 } },
    { id: 'link-values-dashed', type: 'line', source: 'link-values', filter: ['get', 'dashed'], layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.95, 'line-dasharray': [1.5, 1.2] } },
    { id: 'paths', type: 'line', source: 'paths', filter: ['!', ['get', 'dashed']], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.85 } },
    { id: 'paths-dashed', type: 'line', source: 'paths', filter: ['get', 'dashed'], layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['get', 'width'], 'line-opacity': 0.85, 'line-dasharray': [2, 1.2] } },
    { id: 'cut', type: 'line', source: 'cut', paint: { 'line-color': CUT_COLOR, 'line-width': 6, 'line-dasharray': [1, 0.8] } },
    // The selection is a feature state of 'links' and 'nodes': a click then costs one frame. A filter would re-tile
    // the source (city labels and their collisions included), a source of its own a worker round trip and a re-tile.
    { id: 'link-selected', type: 'line', source: 'links', layout: { 'line-cap': 'round' }, paint: linePaint(['case', ['boolean', ['feature-state', 'selected'], false], '#111', 'rgba(0,0,0,0)'], 0.35, zoomSize(7, 7)) },
    // Never drawn (opacity 0): the wide target a pointer hits a link by. Its layout is link-selected's, so MapLibre
    // builds one bucket for both (layers alike in source, filter and layout share one: `groupByLayout`) and the
    // worker tessellates every link once for the two, not twice.
    { id: 'links-hit', type: 'line', source: 'links', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#000', 'line-width': 14, 'line-opacity': 0 } },
    {
      id: 'nodes',
      type: 'circle',
      source: 'nodes',
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, ['case', ['boolean', ['feature-state', 'hover'], false], 5, 2.8], 7, ['case', ['boolean', ['feature-state', 'hover'], false], 9, 6]],
        'circle-color': ['match', ['get', 'kind'], ...Object.entries(NODE_COLORS).flat(), '#222'] as unknown as maplibregl.ExpressionSpecification,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.2,
        'circle-stroke-opacity': perFeature(1),
      },
    },
    { id: 'node-selected', type: 'circle', source: 'nodes', paint: { 'circle-radius': zoomSize(9, 9), 'circle-color': perFeature('rgba(0,0,0,0)'), 'circle-stroke-color': '#111', 'circle-stroke-width': 2.5, 'circle-stroke-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0] } },
    // Cities are named from the first view, best connected first where labels would collide (MapLibre drops the
    // later of two colliding labels, in symbol-sort-key order); every node is named from zoom 3.6.
    {
      id: 'city-labels',
      type: 'symbol',
      source: 'nodes',
      maxzoom: 3.6,
      filter: ['==', ['get', 'kind'], 'city'],
      layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 11, 'text-offset': [0, 0.7], 'text-anchor': 'top', 'text-max-width': 9, 'symbol-sort-key': ['-', 0, ['get', 'degree']], 'text-padding': 3 },
      paint: { 'text-color': '#222', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    },
    {
      id: 'node-labels',
      type: 'symbol',
      source: 'nodes',
      minzoom: 3.6,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 11.5, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-max-width': 9, 'text-optional': true, 'symbol-sort-key': ['-', 0, ['get', 'degree']] },
      paint: { 'text-color': '#222', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    },
    { id: 'pins', type: 'circle', source: 'pins', paint: { 'circle-radius': 10, 'circle-color': '#111', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
    {
      id: 'pin-text',
      type: 'symbol',
      source: 'pins',
      layout: { 'text-field': ['get', 'text'], 'text-font': ['Noto Sans Regular'], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#fff' },
    },
    {
      id: 'circle-label',
      type: 'symbol',
      source: 'circle-label',
      layout: { 'text-field': ['get', 'text'], 'text-font': ['Noto Sans Regular'], 'text-size': 14, 'text-offset': [0, -1.2], 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#a31515', 'text-halo-color': '#fff', 'text-halo-width': 2 },
    },
  ]
}

const LAYERS = mapLayers()

/**
 * The style the map starts from: the base map and the network already in it, so every source loads in one wave
 * (a setData after `load` re-tiles and costs more frames, each a SwiftShader raster and read-back); the overlays
 * are added when first drawn (`addOverlay`).
 */
function style(base: Basemap | undefined, layers: NetworkLayers | undefined): maplibregl.StyleSpecification {
  return {
    version: 8,
    'font-faces': { 'Noto Sans Regular': [{ url: new URL(fontUrl, location.href).href }] },
    sources: {
      countries: { type: 'geojson', data: base?.countries ?? EMPTY, buffer: TILE_BUFFER },
      borders: { type: 'geojson', data: base?.borders ?? EMPTY, buffer: TILE_BUFFER },
      labels: { type: 'geojson', data: (base?.labels as GeoJSON.FeatureCollection | undefined) ?? EMPTY },
      links: { type: 'geojson', data: (layers?.links as GeoJSON.FeatureCollection | undefined) ?? EMPTY },
      nodes: { type: 'geojson', data: (layers?.nodes as GeoJSON.FeatureCollection | undefined) ?? EMPTY },
    },
    layers: LAYERS.filter((l) => !('source' in l) || !OVERLAY_SOURCES.has(l.source as string)),
  }
}

/** An overlay source and its layers, each placed below the first layer above it in `LAYERS` that the map has. */
function addOverlay(map: maplibregl.Map, source: string, data: GeoJSON.GeoJSON) {
  map.addSource(source, { type: 'geojson', data })
  LAYERS.forEach((layer, i) => {
    if (!('source' in layer) || layer.source !== source) return
    const above = LAYERS.slice(i + 1).find((l) => map.getLayer(l.id) !== undefined)
    map.addLayer(layer, above?.id)
  })
}

/** Nothing to draw: an overlay source not in the style yet stays out of it. */
function isEmpty(data: GeoJSON.GeoJSON): boolean {
  return data.type === 'FeatureCollection' && data.features.length === 0
}

function lines(lines: { line: Position[]; properties?: Record<string, unknown> }[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: lines.map(({ line, properties }) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: properties ?? {} })) }
}

function setData(map: maplibregl.Map, source: string, data: GeoJSON.GeoJSON) {
  const existing = map.getSource(source) as maplibregl.GeoJSONSource | undefined
  if (existing) existing.setData(data)
  else if (OVERLAY_SOURCES.has(source) && !isEmpty(data)) addOverlay(map, source, data)
}

/** The map: MapLibre GL on Natural Earth countries from world-atlas — no tiles, no glyph server, nothing remote. */
export default function MapView({ layers, overlays, selection, initialView, mode, onSelect, onViewChange, onReady, focus }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  /** Set once the map has loaded its style: the effects below bind to it. */
  const [map, setMap] = useState<maplibregl.Map>()
  const fitted = useRef(initialView !== undefined || layers?.bounds !== undefined)
  /** A press being turned into a drag or a circle: hover and popups pause meanwhile. */
  const gesture = useRef({ active: false })
  /** What a click means in the mode shown: Enter on a feature reached by keyboard does the same (./keyboard.ts). */
  const clickRef = useRef<(click: MapClick) => unknown>(onSelect)
  const selectRef = useRef(onSelect)
  selectRef.current = onSelect
  const idleRef = useRef(mode.kind === 'idle')
  idleRef.current = mode.kind === 'idle'
  /** The live region's words: which feature the keys reached. */
  const [said, setSaid] = useState('')
  /** Each valued link's words (`LinkValue.text`), read by hover and the keys without rebinding them. */
  const valueText = useRef<ReadonlyMap<string, string>>(new Map())
  valueText.current = linkTexts(overlays.links)

  useEffect(() => {
    let removed = false
    let created: maplibregl.Map | undefined
    const create = () => {
      if (removed || !container.current) return
      const basemapInStyle = coarseBasemap !== undefined
      const map = new maplibregl.Map({
        container: container.current,
        style: style(coarseBasemap, layers),
        center: initialView ? [initialView.lon, initialView.lat] : [50, 42],
        zoom: initialView?.zoom ?? 2.6,
        // Framed on the network from the start when it is already here: no second round of tiles after a fit.
        ...(!initialView && layers?.bounds ? { bounds: layers.bounds, fitBoundsOptions: FIT } : {}),
        minZoom: 1,
        maxZoom: 12,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
        // Labels appear at once: a fade keeps re-drawing for 300 ms, and under software WebGL every frame is dear.
        fadeDuration: 0,
        attributionControl: { compact: true, customAttribution: ATTRIBUTION },
      })
      created = map
      drawWhenTilesLoaded(map)
      skipUnchangedFrames(map)
      noSkyWhenFlat(map)
      window.silkwayMap = map
      if (layers) drawn.set(map, drawnAtStart(layers))
      performance.mark('silkway:map-created')
      map.touchZoomRotate.disableRotation()
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
      map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right')
      map.on('load', async () => {
        // A map removed before it loaded (React's strict mode mounts twice) stays unused.
        if (removed) return
        performance.mark('silkway:map-load')
        // The load frame is "the first visually complete rendering" (MapLibre): with the network and the base map
        // in the style from the start it has them all, so the map is drawn once that frame is produced. Asked for
        // inside the load frame, before MapLibre asks for its next one, this callback runs first in the next frame,
        // after the compositor took the load frame's canvas. Waiting for `idle` instead costs a frame: the tiles
        // that arrived in the load frame mark the labels' placement stale (MapLibre's `_updatePlacement`), and the
        // same picture is placed and rastered again.
        if (basemapInStyle) requestAnimationFrame(() => !removed && signalReady.current(map))
        setMap(map)
        if (basemapInStyle) return
        // The map was made without the coarse base map, because its fetch failed (create() waits for it, and the
        // rejection is kept): try once more; drawn after `load`, the map is ready at the idle after its tiles.
        // Without it the map as loaded is all there is, ready now (the 1:50m base map is tried after ready).
        try {
          showBasemapOn(map, await loadCoarseAtlas(true))
          performance.mark('silkway:basemap-set')
          map.once('idle', () => !removed && signalReady.current(map))
        } catch {
          if (!removed) signalReady.current(map)
        }
      })
    }
    // The map waits for the coarse base map (measured: it was often not decoded yet when the map chunk ran):
    // created without it, the countries, borders and labels are tiled twice, empty and then again after `load`,
    // a second wave of tiles and SwiftShader frames (about 1.5 s of the first draw under load). On a failed
    // fetch the map is made without it.
    loadCoarseAtlas().then(create, create)
    return () => {
      removed = true
      created?.remove()
      setMap(undefined)
    }
    // The map is created once; later props flow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Draws the props; the first time there is a network (and no view was asked for), fits the map to it.
  useEffect(() => {
    if (!map) return
    const fit = !fitted.current && layers !== undefined
    if (fit) fitted.current = true
    draw(map, layers ?? EMPTY_LAYERS, overlays, selection, fit)
  }, [map, layers, overlays, selection])

  // Ready once the corridor and the countries are drawn; then the finer coastlines replace the coarse ones.
  const readySignalled = useRef(false)
  const signalReady = useRef((_: maplibregl.Map) => {})
  signalReady.current = (map: maplibregl.Map) => {
    if (readySignalled.current) return
    readySignalled.current = true
    performance.mark('silkway:map-ready')
    onReady?.()
    const later = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200))
    later(() => {
      if (!map._removed)
        fetchTopology(atlasUrl).then((fine) => {
          if (map._removed) return
          showBasemapOn(map, buildBasemap(fine))
          performance.mark('silkway:basemap-fine')
        }, () => undefined)
    })
  }

  useEffect(() => {
    if (!map) return
    const moved = () => {
      const c = map.getCenter()
      onViewChange({ lon: c.lng, lat: c.lat, zoom: map.getZoom() })
    }
    map.on('moveend', moved)
    return () => void map.off('moveend', moved)
  }, [map, onViewChange])

  useEffect(() => (map ? bindHover(map, mode, gesture.current, valueText) : undefined), [map, mode])

  // One handler per mode: what a press, a drag and a click mean; bound before paint, so a click right after a
  // mode change goes to the new mode (an e2e test once clicked in the gap).
  useLayoutEffect(() => {
    if (!map) return
    const handle = (click: MapClick): unknown => {
      switch (mode.kind) {
        case 'idle':
          return mode.onClick?.(click) || onSelect(click)
        case 'pickNode':
          return mode.onPick(click) || onSelect(click)
        case 'pickCountry':
          return mode.onPick(click.country)
        case 'drawCircle':
          return mode.onCircle(click.lngLat, undefined)
        case 'dragNode':
          return onSelect(click)
      }
    }
    clickRef.current = handle
    switch (mode.kind) {
      case 'idle':
      case 'pickNode':
      case 'pickCountry':
        return bindClick(map, handle)
      case 'drawCircle':
        return bindDrawCircle(map, mode, gesture.current)
      case 'dragNode': {
        const unbindClick = bindClick(map, handle)
        const unbindDrag = bindDragNode(map, mode, layers ?? EMPTY_LAYERS, gesture.current)
        return () => {
          unbindClick()
          unbindDrag()
        }
      }
    }
  }, [map, mode, onSelect, layers])

  // Keyboard access to the features: N/L step through the nodes/links in view, Enter clicks, Escape lets go.
  useEffect(() => {
    if (!map || !layers) return
    const el = map.getContainer()
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'hover-popup kbd-popup', offset: 12 })
    let current: KeyTarget | undefined
    const mark = (next: KeyTarget | undefined) => {
      if (current) map.setFeatureState({ source: current.type === 'node' ? 'nodes' : 'links', id: current.feature }, { hover: false })
      current = next
      if (!next) return void popup.remove()
      map.setFeatureState({ source: next.type === 'node' ? 'nodes' : 'links', id: next.feature }, { hover: true })
      popup.setLngLat(next.position).setText(withValue(next.label, valueText.current.get(next.id))).addTo(map)
    }
    const keydown = (e: KeyboardEvent) => {
      const action = keyAction(e)
      if (!action || (e.target as HTMLElement | null)?.tagName === 'INPUT') return
      if ('step' in action) {
        const targets = targetsInView(layers, action.step, map.getBounds())
        const next = stepTarget(targets, current, action.by)
        mark(next)
        setSaid(next ? announce(next, targets, valueText.current.get(next.id)) : `No ${action.step} in view: zoom out (−) or pan (arrow keys).`)
      } else if ('act' in action) {
        if (!current) return
        const t = current
        clickRef.current({ [t.type]: t.id, country: t.country, lngLat: t.position })
        setSaid(`${t.label}: ${idleRef.current ? 'selected, its details are in the panel' : 'chosen'}.`)
      } else {
        if (!current) return
        mark(undefined)
        if (idleRef.current) selectRef.current({ lngLat: [map.getCenter().lng, map.getCenter().lat] })
        setSaid('Let go; nothing selected.')
      }
      e.preventDefault()
      e.stopPropagation()
    }
    el.addEventListener('keydown', keydown)
    return () => {
      el.removeEventListener('keydown', keydown)
      mark(undefined)
    }
  }, [map, layers])

  useEffect(() => {
    if (map && focus) map.fitBounds(focus.bounds, { padding: 80, maxZoom: focus.maxZoom ?? 6, duration: 300 })
  }, [map, focus])

  useEffect(() => {
    if (!map || !selection) return
    // Bring a selection made elsewhere (search, a table) into view.
    const { type, id } = selection
    if (type === 'node' && layers) {
      const f = layers.nodes.features.find((x) => x.properties.id === id)
      if (f && !map.getBounds().contains(f.geometry.coordinates)) map.easeTo({ center: f.geometry.coordinates, duration: 300 })
    }
    // Only a new selection moves the map, not a redraw of the layers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, selection])

  return (
    <>
      <div ref={container} className="map" style={{ background: WATER_COLOR }} role="application" aria-label="Map of the corridor: drag or arrow keys to pan, scroll or +/− to zoom, click a node or link for its details; N and Shift+N step through the nodes in view, L and Shift+L the links, Enter opens the one reached, Escape lets go" />
      <p className="sr-only" role="status" aria-live="polite" data-testid="map-announcer">{said}</p>
    </>
  )
}

/** The node or link within 5 px of a point (nodes first: they sit on top of the links). */
function pick(map: maplibregl.Map, point: maplibregl.Point) {
  const box: [maplibregl.PointLike, maplibregl.PointLike] = [
    [point.x - 5, point.y - 5],
    [point.x + 5, point.y + 5],
  ]
  const node = map.queryRenderedFeatures(box, { layers: ['nodes'] })[0]
  if (node) return { node }
  return { link: map.queryRenderedFeatures(box, { layers: ['links-hit'] })[0] }
}

type Unbind = () => void
type MouseHandlers = Partial<Record<'mousedown' | 'mousemove' | 'mouseup' | 'mouseout' | 'click', (e: maplibregl.MapMouseEvent) => void>>

/** Binds the map's mouse events; the function returned unbinds them. */
function bindMouse(map: maplibregl.Map, handlers: MouseHandlers): Unbind {
  const entries = Object.entries(handlers) as [keyof MouseHandlers, (e: maplibregl.MapMouseEvent) => void][]
  for (const [type, handler] of entries) map.on(type, handler)
  return () => {
    for (const [type, handler] of entries) map.off(type, handler)
  }
}

/** The words of the valued links (`LinkValue.text`), by id; memoised on the overlay's array. */
const textsOf = new WeakMap<readonly LinkValue[], ReadonlyMap<string, string>>()
const NO_TEXTS: ReadonlyMap<string, string> = new Map()
function linkTexts(links: readonly LinkValue[] | undefined): ReadonlyMap<string, string> {
  if (!links?.length) return NO_TEXTS
  let texts = textsOf.get(links)
  if (!texts) textsOf.set(links, (texts = new Map(links.flatMap((l) => (l.text ? [[l.id, l.text] as const] : [])))))
  return texts
}
const withValue = (label: string, value: string | undefined) => (value ? `${label} · ${value}` : label)

/**
 * Hover: the feature under the pointer widens and names itself (a valued link adds its value's words); the
 * cursor says what a click would do.
 */
function bindHover(map: maplibregl.Map, mode: MapMode, gesture: { active: boolean }, valueText: { current: ReadonlyMap<string, string> }): Unbind {
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'hover-popup', offset: 10 })
  let hovered: { source: string; id: number } | undefined
  const setHover = (next: { source: string; id: number } | undefined) => {
    if (hovered && (hovered.source !== next?.source || hovered.id !== next?.id)) map.setFeatureState(hovered, { hover: false })
    if (next) map.setFeatureState(next, { hover: true })
    hovered = next
  }
  const placing = mode.kind === 'pickCountry' || mode.kind === 'drawCircle' || (mode.kind === 'pickNode' && mode.anywhere === true)
  const move = (e: maplibregl.MapMouseEvent) => {
    if (gesture.active) {
      popup.remove()
      return
    }
    const { node, link } = pick(map, e.point)
    const target = node ?? link
    map.getCanvas().style.cursor = target && !placing ? (node && mode.kind === 'dragNode' ? 'move' : 'pointer') : placing ? 'crosshair' : ''
    setHover(target && target.id !== undefined ? { source: node ? 'nodes' : 'links', id: Number(target.id) } : undefined)
    if (!target) return void popup.remove()
    const p = target.properties as Record<string, string>
    const what = node ? `${p.name}${p.country ? ` · ${p.country}` : ''} · ${kindLabel(p.kind)}` : withValue(`${p.name} · ${kindLabel(p.kind)} · ${statusLabel(p.status)}`, valueText.current.get(p.id))
    popup.setLngLat(e.lngLat).setText(what).addTo(map)
  }
  const out = () => {
    setHover(undefined)
    popup.remove()
  }
  const unbind = bindMouse(map, { mousemove: move, mouseout: out })
  return () => {
    unbind()
    out()
    map.getCanvas().style.cursor = ''
  }
}

/** A click, with the node, link and country under it. */
function bindClick(map: maplibregl.Map, handle: (click: MapClick) => unknown): Unbind {
  const click = (e: maplibregl.MapMouseEvent) => {
    const { node, link } = pick(map, e.point)
    const land = map.queryRenderedFeatures(e.point, { layers: ['land'] })[0]
    const country = (land?.properties as { code?: string } | undefined)?.code || undefined
    handle({ node: node ? String(node.properties.id) : undefined, link: link ? String(link.properties.id) : undefined, country, lngLat: [e.lngLat.lng, e.lngLat.lat] })
  }
  return bindMouse(map, { click })
}

/** Press at the centre, drag out the radius (drawn live, in km), release to hand the circle over. */
function bindDrawCircle(map: maplibregl.Map, mode: Extract<MapMode, { kind: 'drawCircle' }>, gesture: { active: boolean }): Unbind {
  let circle: { center: Position; at: maplibregl.Point; radiusKm: number; moved: boolean } | undefined
  const drawDraft = (center: Position, radiusKm: number, edge?: Position) => {
    setData(map, 'circle', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(center, Math.max(radiusKm, 0.5))] }, properties: {} })
    setData(map, 'circle-label', edge ? { type: 'Feature', geometry: { type: 'Point', coordinates: edge }, properties: { text: `${Math.round(radiusKm).toLocaleString('en-GB')} km` } } : EMPTY)
  }
  const down = (e: maplibregl.MapMouseEvent) => {
    if (e.originalEvent.button !== 0) return
    e.preventDefault()
    map.dragPan.disable()
    gesture.active = true
    circle = { center: [e.lngLat.lng, e.lngLat.lat], at: e.point, radiusKm: 0, moved: false }
  }
  const move = (e: maplibregl.MapMouseEvent) => {
    if (!circle) return
    const edge: Position = [e.lngLat.lng, e.lngLat.lat]
    circle.radiusKm = greatCircleKm(circle.center, edge)
    circle.moved ||= isDrag(circle.at, e.point, 4)
    if (circle.moved) drawDraft(circle.center, circle.radiusKm, edge)
  }
  const up = () => {
    if (!circle) return
    const { center, radiusKm, moved } = circle
    circle = undefined
    gesture.active = false
    map.dragPan.enable()
    if (!moved) drawDraft(center, 0)
    mode.onCircle([Number(center[0].toFixed(3)), Number(center[1].toFixed(3))], moved ? Math.max(1, Math.round(radiusKm)) : undefined)
  }
  const unbind = bindMouse(map, { mousedown: down, mousemove: move, mouseup: up })
  return () => {
    unbind()
    gesture.active = false
    map.dragPan.enable()
  }
}

/**
 * Press on a node and drag it: it follows the pointer once it has travelled DRAG_THRESHOLD_PX, and moves where
 * it is released. A press released before the threshold is a click (it selects) and moves nothing.
 */
function bindDragNode(map: maplibregl.Map, mode: Extract<MapMode, { kind: 'dragNode' }>, layers: NetworkLayers, gesture: { active: boolean }): Unbind {
  let press: { id: string; feature: number; at: maplibregl.Point; dragging: boolean } | undefined
  const release = () => {
    press = undefined
    gesture.active = false
    map.dragPan.enable()
  }
  const down = (e: maplibregl.MapMouseEvent) => {
    if (e.originalEvent.button !== 0) return
    const { node } = pick(map, e.point)
    if (!node) return
    // The map does not pan under a pressed node, drag or not.
    e.preventDefault()
    map.dragPan.disable()
    press = { id: String(node.properties.id), feature: Number(node.id), at: e.point, dragging: false }
  }
  const move = (e: maplibregl.MapMouseEvent) => {
    if (!press) return
    if (!press.dragging && !isDrag(press.at, e.point)) return
    press.dragging = true
    gesture.active = true
    const at = press.feature
    // The layers are the app's; the node being dragged is drawn from a copy.
    const features = layers.nodes.features.map((f) => (f.id === at ? { ...f, geometry: { type: 'Point' as const, coordinates: [e.lngLat.lng, e.lngLat.lat] as Position } } : f))
    setData(map, 'nodes', { ...layers.nodes, features } as GeoJSON.FeatureCollection)
  }
  const up = (e: maplibregl.MapMouseEvent) => {
    if (!press) return
    const { id, dragging } = press
    release()
    if (dragging) mode.onMove(id, [Number(e.lngLat.lng.toFixed(4)), Number(e.lngLat.lat.toFixed(4))])
  }
  // Released outside the map: the drag is dropped and the node goes back.
  const cancel = () => {
    if (!press) return
    const dragged = press.dragging
    release()
    if (dragged) setData(map, 'nodes', layers.nodes as GeoJSON.FeatureCollection)
  }
  const unbind = bindMouse(map, { mousedown: down, mousemove: move, mouseup: up })
  window.addEventListener('mouseup', cancel)
  return () => {
    unbind()
    window.removeEventListener('mouseup', cancel)
    cancel()
  }
}

/** Maps whose next frame is drawn whatever changed (the PNG export reads the canvas during a render). */
const forcedFrames = new WeakSet<maplibregl.Map>()

/**
 * Once the map has loaded, a frame that would draw the same picture again is not drawn. MapLibre asks for a whole
 * frame on every press and release on the map (its handler manager processes the gesture in one, even when nothing
 * moved), and under software WebGL each is a SwiftShader raster and a read-back (~100 ms on the benchmark's
 * machine): a click drew the unchanged map once or twice before its answer could show. The picture changes only
 * where MapLibre marks it so (`_render` in maplibre-gl): a camera move or a source or feature-state change sets
 * `_sourcesDirty` (`Map._update`, bound to `move` and `zoom`), a style change `_styleDirty`, labels still being
 * placed `_placementDirty`; transitions, a camera animation and `repaint` ask for every frame. With none of them, the
 * frame's render tasks (the gesture's) are run, and if they moved nothing, nothing is drawn.
 */
function skipUnchangedFrames(map: maplibregl.Map) {
  const m = map as unknown as {
    _render(t: number): unknown
    _renderTaskQueue: { run(t: number): void }
    _loaded: boolean
    _styleDirty: boolean
    _sourcesDirty: boolean
    _placementDirty: boolean
    _repaint: boolean
  }
  const render = m._render.bind(map)
  const unchanged = () => !m._styleDirty && !m._sourcesDirty && !m._placementDirty && !m._repaint && !map.isMoving() && !map.style?.hasTransitions()
  m._render = (t: number) => {
    if (!m._loaded || forcedFrames.delete(map) || !unchanged()) return render(t)
    const queue = m._renderTaskQueue
    queue.run(t)
    if (unchanged()) return map
    // Drawn after all: its tasks ran already, and those they queued belong to the next frame.
    queue.run = () => {}
    try {
      return render(t)
    } finally {
      Reflect.deleteProperty(queue, 'run')
    }
  }
}

/**
 * MapLibre draws its sky in every frame, at every pitch (`Painter.render`), but above the horizon only: with the
 * map flat (pitch 0) none of it is on screen. Skipping it then saves a GL program, whose first use in a new
 * context under software WebGL is a link and a SwiftShader pipeline build in the first full frame.
 */
function noSkyWhenFlat(map: maplibregl.Map) {
  type Draw = (mesh: unknown, frame: { transform: { pitch: number } }) => void
  const painter = (map as unknown as { painter: { drawFunctions: Record<string, Draw> } }).painter
  const sky = painter.drawFunctions.sky
  // A copy: the object MapLibre hands every painter is shared.
  painter.drawFunctions = { ...painter.drawFunctions, sky: (mesh, frame) => frame.transform.pitch > 0 && sky(mesh, frame) }
}

/** Runs `f` once the next frame has been produced (a task after its animation frame), unless the map is gone. */
function afterNextPaint(map: maplibregl.Map, f: () => void) {
  requestAnimationFrame(() => setTimeout(() => map._removed || f(), 0))
}

/**
 * Until the map's `load`, a frame runs only when no tile in view is loading, and paints only when the picture is
 * complete. Every tile that comes back asks for a frame, and under software WebGL each painted frame is a
 * SwiftShader raster and a read-back (80–560 ms), during which the worker's answers wait: the first full draw took
 * 7–8 frames, most of them of a half-tiled map. A frame still runs whenever nothing is loading, so the sources
 * whose data has just arrived get their tiles requested; but until everything is in (`map.loaded()`, which holds
 * in the frame that fires `load`) it only updates the sources and the labels' placement and paints nothing: the
 * frames of water alone before the data cost 150–300 ms of the main thread waiting for their read-back (issue 13,
 * seventh session). The container shows the water's colour meanwhile. A map that has not loaded after
 * `FIRST_PAINT_WAIT_MS` paints what it has.
 */
function drawWhenTilesLoaded(map: maplibregl.Map) {
  const repaint = map.triggerRepaint.bind(map)
  map.triggerRepaint = () => {
    if (map.areTilesLoaded()) repaint()
  }
  const painter = (map as unknown as { painter: { render(...args: unknown[]): void } }).painter
  const paint = painter.render.bind(painter)
  let waited = false
  painter.render = (...args: unknown[]) => {
    if (waited || map.loaded()) paint(...args)
  }
  // At the deadline a frame paints whatever is loading (a tile that never answers would otherwise leave only water).
  const deadline = setTimeout(() => {
    waited = true
    if (!map._removed) repaint()
  }, FIRST_PAINT_WAIT_MS)
  map.once('load', () => {
    clearTimeout(deadline)
    Reflect.deleteProperty(map, 'triggerRepaint')
    Reflect.deleteProperty(painter, 'render')
  })
}

function showBasemapOn(map: maplibregl.Map, base: Basemap) {
  setData(map, 'countries', base.countries)
  setData(map, 'borders', base.borders)
  setData(map, 'labels', base.labels as GeoJSON.FeatureCollection)
}

/** The features each map draws selected (feature state `selected`). */
const selectedFeatures = new WeakMap<maplibregl.Map, { source: string; id: number }[]>()

/** What each map was last given, so a redraw sends the worker only what changed (every setData re-tiles). */
const drawn = new WeakMap<maplibregl.Map, Record<string, unknown>>()

/** What `style(base, layers)` already holds, in draw()'s terms: the first draw then sends only what differs. */
function drawnAtStart(layers: NetworkLayers): Record<string, unknown> {
  const none = [undefined, undefined, undefined]
  return { links: [layers.links], nodes: [layers.nodes], paths: ['none'], cut: [layers.lines], emphasis: [layers.lines], 'link-values': [layers.lines, 'none'], circle: none, 'circle-label': none, pins: ['none'], shade: [], fit: [undefined], dim: [0.9], selected: [layers, '', ''] }
}

function draw(map: maplibregl.Map, layers: NetworkLayers, overlays: Overlays, selection: Selection, fit: boolean) {
  const last = drawn.get(map) ?? {}
  const next: Record<string, unknown> = {}
  const update = (key: string, inputs: unknown[], make: () => GeoJSON.GeoJSON | (() => void)) => {
    next[key] = inputs
    const before = last[key] as unknown[] | undefined
    if (before && before.length === inputs.length && before.every((x, i) => x === inputs[i])) return
    const made = make()
    if (typeof made === 'function') made()
    else setData(map, key, made)
  }
  update('links', [layers.links], () => layers.links as GeoJSON.FeatureCollection)
  update('nodes', [layers.nodes], () => layers.nodes as GeoJSON.FeatureCollection)
  // An empty list is 'none' whatever array holds it: a panel's fresh [] re-sends nothing.
  update('paths', [overlays.paths.length ? overlays.paths : 'none'], () => lines(overlays.paths.map((p) => ({ line: p.line, properties: { color: p.color, dashed: p.dashed ?? false, width: p.width ?? 5 } }))))
  update('cut', [layers.lines, ...overlays.cut], () => lines(overlays.cut.flatMap((id) => (layers.lines.has(id) ? [{ line: layers.lines.get(id) as Position[] }] : []))))
  update('emphasis', [layers.lines, ...overlays.emphasis], () => lines(overlays.emphasis.flatMap((id) => (layers.lines.has(id) ? [{ line: layers.lines.get(id) as Position[] }] : []))))
  update('link-values', [layers.lines, overlays.links?.length ? overlays.links : 'none'], () => lines((overlays.links ?? []).flatMap((l) => (layers.lines.has(l.id) ? [{ line: layers.lines.get(l.id) as Position[], properties: { id: l.id, color: l.color, width: l.widthPx, dashed: l.dashed ?? false } }] : []))))
  const c = overlays.circle
  update('circle', [c?.center[0], c?.center[1], c?.radiusKm], () => (c ? { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(c.center, c.radiusKm)] }, properties: {} } : EMPTY))
  update('circle-label', [c?.center[0], c?.center[1], c?.radiusKm], () => (c ? { type: 'Feature', geometry: { type: 'Point', coordinates: circleRing(c.center, c.radiusKm, 4)[0] }, properties: { text: `${c.radiusKm.toLocaleString('en-GB')} km` } } : EMPTY))
  update('pins', [overlays.pins?.length ? overlays.pins : 'none'], () => ({
    type: 'FeatureCollection',
    features: (overlays.pins ?? []).map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.position }, properties: { text: p.text, name: p.name } })),
  }))
  const shade = overlays.shade ?? []
  update('shade', [...shade], () => () => map.setFilter('shade', ['in', ['get', 'code'], ['literal', shade]]))
  update('fit', [overlays.fit], () => () => overlays.fit && map.fitBounds(overlays.fit, { padding: 60, maxZoom: 6, duration: 0 }))
  const dim = overlays.paths.length > 0 || overlays.links?.length ? 0.35 : 0.9
  update('dim', [dim], () => () => {
    for (const status of Object.keys(STATUS_DASH)) map.setPaintProperty(`links-${status}`, 'line-opacity', dim)
  })
  const selectedNode = selection?.type === 'node' ? selection.id : overlays.pending ?? ''
  const selectedLink = selection?.type === 'link' ? selection.id : ''
  // The ring is drawn in the frame after the one that shows the details: a frame with a map change costs a
  // SwiftShader raster and read-back (~100 ms on the benchmark's machine), a frame of the panel alone a few ms, so
  // the click's answer (the details) is not held behind the ring.
  update('selected', [layers, selectedNode, selectedLink], () => () => afterNextPaint(map, () => {
    const node = selectedNode ? layers.nodes.features.find((f) => f.properties.id === selectedNode) : undefined
    const link = selectedLink ? layers.links.features.find((f) => f.properties.id === selectedLink) : undefined
    const before = selectedFeatures.get(map) ?? []
    const after = [...(node ? [{ source: 'nodes', id: node.id as number }] : []), ...(link ? [{ source: 'links', id: link.id as number }] : [])]
    for (const f of before) map.setFeatureState(f, { selected: false })
    for (const f of after) map.setFeatureState(f, { selected: true })
    selectedFeatures.set(map, after)
  }))
  drawn.set(map, next)
  if (fit && layers.bounds) map.fitBounds(layers.bounds, { ...FIT, duration: 0 })
}

/**
 * The map as a PNG, with the legend's entries and the attribution drawn on it. The canvas is read during a
 * render (a WebGL drawing buffer is only guaranteed until the frame is shown; keeping it costs every frame).
 */
export async function mapPng(map: maplibregl.Map, entries: readonly LegendEntry[], title: string): Promise<Blob> {
  // Until its first complete frame the map paints nothing (drawWhenTilesLoaded): a PNG asked for meanwhile waits
  // for it, as long as the map itself would.
  if (!map.loaded()) await Promise.race([map.once('idle'), new Promise((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS))])
  const frame = await new Promise<HTMLCanvasElement>((resolve) => {
    map.once('render', () => {
      const copy = document.createElement('canvas')
      const source = map.getCanvas()
      copy.width = source.width
      copy.height = source.height
      const ctx = copy.getContext('2d')
      if (ctx) {
        ctx.fillStyle = WATER_COLOR
        ctx.fillRect(0, 0, copy.width, copy.height)
        ctx.drawImage(source, 0, 0)
      }
      resolve(copy)
    })
    forcedFrames.add(map)
    map.triggerRepaint()
  })
  const scale = window.devicePixelRatio || 1
  const ctx = frame.getContext('2d') as CanvasRenderingContext2D
  ctx.scale(scale, scale)
  const width = frame.width / scale
  const height = frame.height / scale
  const font = '12px "Noto Sans", sans-serif'
  ctx.font = font
  const rowPx = 18
  const boxWidth = Math.max(160, ...entries.map((e) => ctx.measureText(entryText(e)).width + 44), ctx.measureText(title).width + 20)
  const boxHeight = rowPx * entries.length + 32
  ctx.fillStyle = 'rgba(255,255,255,0.92)'
  ctx.fillRect(8, 8, boxWidth, boxHeight)
  ctx.fillStyle = '#111'
  ctx.font = `bold ${font}`
  ctx.fillText(title, 16, 26)
  ctx.font = font
  entries.forEach((e, i) => {
    const y = 26 + rowPx * (i + 1)
    drawSwatch(ctx, e, 16, y - 4)
    ctx.fillStyle = '#222'
    ctx.fillText(entryText(e), 48, y)
  })
  ctx.fillStyle = 'rgba(255,255,255,0.85)'
  const credit = `© ${ATTRIBUTION} · MapLibre`
  const creditWidth = ctx.measureText(credit).width + 12
  ctx.fillRect(width - creditWidth, height - 20, creditWidth, 20)
  ctx.fillStyle = '#333'
  ctx.fillText(credit, width - creditWidth + 6, height - 6)
  return new Promise((resolve, reject) => frame.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the map as PNG'))), 'image/png'))
}

function drawSwatch(ctx: CanvasRenderingContext2D, { swatch }: LegendEntry, x: number, y: number) {
  ctx.save()
  if (swatch.kind === 'line') {
    if (swatch.halo) {
      ctx.strokeStyle = 'rgba(120,120,120,0.3)'
      ctx.lineWidth = 8
      ctx.beginPath()
      ctx.moveTo(x, y)
      ctx.lineTo(x + 24, y)
      ctx.stroke()
    }
    ctx.strokeStyle = swatch.color
    ctx.lineWidth = swatch.width ?? 3
    ctx.setLineDash((swatch.dash ?? []).map((d) => d * (swatch.width ?? 3)))
    ctx.beginPath()
    ctx.moveTo(x, y)
    ctx.lineTo(x + 24, y)
    ctx.stroke()
  } else if (swatch.kind === 'ramp') {
    const lo = swatch.stops[0].at
    const span = swatch.stops[swatch.stops.length - 1].at - lo || 1
    const gradient = ctx.createLinearGradient(x, 0, x + 24, 0)
    for (const stop of swatch.stops) gradient.addColorStop((stop.at - lo) / span, stop.color)
    ctx.fillStyle = gradient
    ctx.fillRect(x, y - 5, 24, 10)
  } else if (swatch.kind === 'fill') {
    ctx.fillStyle = swatch.color
    ctx.globalAlpha = 0.35
    ctx.fillRect(x, y - 6, 24, 12)
  } else {
    ctx.fillStyle = swatch.color
    ctx.beginPath()
    ctx.arc(x + 12, y, swatch.kind === 'pin' ? 7 : 4, 0, 2 * Math.PI)
    ctx.fill()
    if (swatch.kind === 'pin') {
      ctx.fillStyle = '#fff'
      ctx.font = '10px sans-serif'
      ctx.fillText(swatch.text, x + 9, y + 4)
    }
  }
  ctx.restore()
}
