import { Suspense, lazy, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { flushSync } from 'react-dom'
import type MapViewComponent from './map/MapView'
import { applyScenario } from '../../src/scenario'
import { ApiError, type WhoAmI, canEdit, currentWorkspace, setWorkspace, getNetwork, hasToken, listScenarioDocuments, setToken, whoami } from './api'
import { Combobox } from './components/Combobox'
import { SignIn } from './components/SignIn'
import { AS_IS, type Loaded, type StoredScenario, type Workbench, WorkbenchContext } from './context'
import { type EditOp, applyEdit, foldEdit } from './edit'
import { type Position, boundsOf, networkLayers } from './geo'
import { type LegendEntry, entryText, networkLegend, overlayLegend, rampGradient } from './map/legend'
import type { Overlays } from './map/MapView'
import { IDLE, type MapClick, type MapMode } from './map/mode'
import { Explore } from './panels/Explore'
import { type SearchHit, search, searchCandidates } from './search'
import { TABS, type Tab, type UrlState, type View, formatUrl, parseUrl } from './url'

// The map chunk is requested at once, beside the corridor's data, not after it. It is not rendered through
// lazy/Suspense: React reveals a Suspense boundary's content no sooner than 300 ms after its fallback appeared
// (FALLBACK_THROTTLE_MS in react-dom 19), and a trace showed the main thread idle for those ~250 ms before the map
// was made, on every load.
const mapChunk = import('./map/MapView')
let loadedMapView: typeof MapViewComponent | undefined
mapChunk.then((m) => (loadedMapView = m.default), () => undefined)
// Every panel but the default one (Explore) is a chunk of its own, fetched when its tab first opens.
const RoutePanel = lazy(() => import('./panels/RoutePanel').then((m) => ({ default: m.RoutePanel })))
const ComparePanel = lazy(() => import('./panels/ComparePanel'))
const WhatIfPanel = lazy(() => import('./panels/WhatIfPanel'))
const EditPanel = lazy(() => import('./panels/EditPanel'))
const HistoryPanel = lazy(() => import('./panels/HistoryPanel'))
const InventoryPanel = lazy(() => import('./panels/InventoryPanel'))
const AdminPanel = lazy(() => import('./panels/AdminPanel'))
const TrafficPanel = lazy(() => import('./panels/TrafficPanel'))

const TAB_LABELS: Record<Tab, string> = { explore: 'Explore', inventory: 'Inventory', route: 'Route', compare: 'Compare', whatif: 'What-if', traffic: 'Traffic', edit: 'Edit', history: 'History', admin: 'Tokens' }
const NO_OVERLAYS: Overlays = { paths: [], cut: [], emphasis: [] }

async function load(networkName: string): Promise<Loaded> {
  // The network and its scenarios' documents side by side, two requests: the scenarios are needed to draw the map
  // (the default scenario is applied to the network), and one request per scenario after the list cost a round trip.
  const [net, list] = await Promise.all([getNetwork(networkName), listScenarioDocuments(networkName)])
  const scenarios = list.items.map(({ name, revision, scenario }): StoredScenario => ({ name, revision, document: scenario }))
  return { networkName, revision: net.revision, network: net.network, scenarios, defaultScenario: net.settings.defaultScenario ?? AS_IS }
}

// With a token at hand, the network is requested at once, beside /whoami, not after it.
const firstUrl = parseUrl(location.search)
let prefetched: Promise<Loaded> | undefined = hasToken() ? load(firstUrl.network) : undefined
prefetched?.catch(() => undefined)
// /whoami at once too (with a token or in open mode alike): asked from the first render's effect, it went out
// after the scripts had run, and the map, made once the user is known, waited for its round trip.
let prefetchedMe: Promise<WhoAmI> | undefined = whoami()
prefetchedMe.catch(() => undefined)

export function App() {
  const [me, setMe] = useState<WhoAmI | null | undefined>(undefined)
  const [fatal, setFatal] = useState<string>()
  const [url, setUrl] = useState<UrlState>(firstUrl)
  const [loaded, setLoaded] = useState<Loaded>()
  const [edits, setEdits] = useState<EditOp[]>([])
  const [overlays, setOverlayMap] = useState<Partial<Record<Tab, Partial<Overlays>>>>({})
  const [mapReady, setMapReady] = useState(false)
  const [MapView, setMapView] = useState(() => loadedMapView)
  const [mapFailed, setMapFailed] = useState(false)
  const [mapMode, setMapMode] = useState<MapMode>()
  const [focus, setFocus] = useState<{ bounds: [Position, Position]; maxZoom?: number }>()

  const signIn = useCallback(async () => {
    const early = prefetchedMe
    prefetchedMe = undefined
    try {
      setMe(await (early ?? whoami()))
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null)
      else setFatal((error as Error).message)
    }
  }, [])
  useEffect(() => {
    signIn()
  }, [signIn])

  const reload = useCallback(async () => {
    const early = prefetched
    prefetched = undefined
    const next = await (early && url.network === firstUrl.network ? early.catch(() => load(url.network)) : load(url.network))
    setLoaded(next)
    return next
  }, [url.network])
  useEffect(() => {
    if (!me) return
    reload().catch((error: Error) => setFatal(error.message))
  }, [me, reload])

  // The address bar follows the state (replaceState: panning must not flood the history).
  useEffect(() => {
    const next = `${location.pathname}${formatUrl(url)}`
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next)
  }, [url])

  const scenario = url.scenario ?? loaded?.defaultScenario ?? AS_IS
  const target = scenario === AS_IS ? undefined : scenario

  const network = useMemo(() => {
    if (!loaded) return undefined
    const base = target ? loaded.network : edits.reduce(applyEdit, loaded.network)
    if (!target) return base
    const scenarios = loaded.scenarios.map((s) => (s.name === target ? edits.reduce(foldEdit, s.document) : s.document))
    try {
      return applyScenario(base, target, scenarios)
    } catch {
      return base
    }
  }, [loaded, edits, target])

  const layers = useMemo(() => (network ? networkLayers(network) : undefined), [network])
  const nodeById = useMemo(() => new Map((network?.nodes ?? []).map((n) => [n.id, n])), [network])
  const patch = useCallback((change: Partial<UrlState>) => setUrl((u) => ({ ...u, ...change })), [])

  // Built at the first search, not in the render that mounts the map (their country names are ICU look-ups).
  const candidates = useMemo(() => {
    let built: ReturnType<typeof searchCandidates> | undefined
    return () => (built ??= network ? searchCandidates(network) : [])
  }, [network])
  const found = useCallback(
    (hit: Pick<SearchHit, 'type' | 'id'>, stay = false) => {
      if (!network || !layers) return
      if (hit.type === 'country') {
        const points = [...network.nodes.filter((n) => n.country === hit.id).flatMap((n) => (n.lat !== undefined && n.lon !== undefined ? [[n.lon, n.lat] as Position] : []))]
        const bounds = boundsOf(points)
        if (bounds) setFocus({ bounds, maxZoom: 5 })
        return
      }
      const points = hit.type === 'node' ? layers.nodes.features.filter((f) => f.properties.id === hit.id).map((f) => f.geometry.coordinates) : layers.lines.get(hit.id) ?? []
      const bounds = boundsOf(points)
      if (bounds) setFocus({ bounds, maxZoom: hit.type === 'node' ? 6 : 7 })
      // Found from the search: its details (in Explore) unless a panel is at work; from a table: the table stays.
      patch({ selection: { type: hit.type, id: hit.id }, tab: !stay && url.tab === 'inventory' ? 'explore' : url.tab })
    },
    [network, layers, patch, url.tab],
  )

  const workbench: Workbench | undefined = useMemo(() => {
    if (!me || !loaded || !network || !layers) return undefined
    return {
      me,
      loaded,
      scenario,
      network,
      layers,
      nodeById,
      selection: url.selection,
      select: (selection) => patch({ selection }),
      tab: url.tab,
      route: url.route,
      setRoute: (route) => patch({ route }),
      tabParams: url.tabParams,
      setTabParams: (tabParams) => patch({ tabParams }),
      setOverlays: (tab, o) => setOverlayMap((m) => ({ ...m, [tab]: o })),
      setMapMode,
      show: found,
      edits,
      setEdits,
      reload,
    }
  }, [me, loaded, scenario, network, layers, nodeById, url.selection, url.tab, url.route, url.tabParams, edits, reload, patch, found])

  // When the corridor first arrives the panel renders a step behind the rest: the map is mounted in the commit
  // before the panel's and made right after it (MapView's effect), so the panel's render and layout run while
  // MapLibre's worker tiles.
  // Only the first appearance is deferred; later changes reach the panel in the same render as the map.
  const panelShown = useDeferredValue(workbench !== undefined)
  const panelWorkbench = panelShown ? workbench : undefined
  const shown = useMemo<Overlays>(() => ({ ...NO_OVERLAYS, ...overlays[url.tab] }), [overlays, url.tab])
  const legend = useMemo(() => ({ network: network ? networkLegend(network) : [], shown: overlayLegend(shown) }), [network, shown])

  // Unsaved edits are not lost silently: leaving or reloading the page asks first.
  useEffect(() => {
    if (edits.length === 0) return
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [edits.length])


  useEffect(() => {
    if (!MapView) mapChunk.then((m) => setMapView(() => m.default), () => setMapFailed(true))
  }, [MapView])

  const onSelect = useCallback(
    (click: MapClick) => patch({ selection: click.node ? { type: 'node', id: click.node } : click.link ? { type: 'link', id: click.link } : undefined }),
    [patch],
  )
  const onViewChange = useCallback((view: View) => patch({ view }), [patch])
  // Called in the animation frame after the map's first complete frame: committed at once, so the page says the map
  // is drawn in that frame rather than after the next one (a SwiftShader raster later).
  const onMapReady = useCallback(() => flushSync(() => setMapReady(true)), [])

  if (fatal) return <main className="fatal" role="alert"><h1>silkway</h1><p>{fatal}</p><button type="button" onClick={() => location.reload()}>Try again</button></main>
  if (me === null) return <SignIn onSignedIn={(token, remember) => { setToken(token, remember); signIn() }} />
  const editable = canEdit(me?.role)
  const admin = me?.role === 'admin'
  const tabs = TABS.filter((t) => (t !== 'edit' || editable) && (t !== 'admin' || admin))

  return (
    <div className="app">
      <header className="top">
        <h1 className="brand">silkway</h1>
        <label className="field inline">
          <span>Scenario</span>
          <select value={scenario} onChange={(e) => patch({ scenario: e.target.value })} disabled={!loaded || edits.length > 0} title={edits.length > 0 ? 'Save or discard your edits first' : undefined}>
            {loaded?.scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.document.title ?? s.name}
              </option>
            ))}
            <option value={AS_IS}>Network as stored (all links)</option>
          </select>
        </label>
        {workbench && (
          <div className="search">
            <Combobox<SearchHit>
              label="Find anything"
              shown=""
              placeholder="Find a city, cable, operator or country…"
              suggest={(text) => search(candidates(), text)}
              keyOf={(h) => `${h.type}:${h.id}`}
              render={(h) => (
                <>
                  <span className="hit-type">{h.type === 'link' ? 'link' : h.type}</span> {h.label} <span className="muted">{h.matched ? `${h.matched} · ` : ''}{h.detail}</span>
                </>
              )}
              onChoose={(hit) => found(hit)}
            />
          </div>
        )}
        {me?.tokenWorkspace === '*' && !me.open && (
          <form
            className="field inline"
            onSubmit={(e) => {
              e.preventDefault()
              const name = String(new FormData(e.currentTarget).get('workspace') ?? '').trim()
              if (name && name !== currentWorkspace()) {
                setWorkspace(name)
                location.reload()
              }
            }}
          >
            <label htmlFor="workspace">Workspace</label>
            <input id="workspace" name="workspace" defaultValue={currentWorkspace()} size={10} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" title="letters, digits, . _ -" />
          </form>
        )}
        <div className="who">
          {me && (
            <>
              <span className="badge" data-role={me.role}>
                {me.user} · {me.role}
                {me.open ? ' (open mode)' : ''}
              </span>
              {hasToken() && (
                <button type="button" className="link" onClick={() => { setToken(undefined); setMe(null) }}>
                  Sign out
                </button>
              )}
            </>
          )}
        </div>
      </header>
      <aside className="panel">
        <div role="tablist" aria-label="Tools" className="tabs">
          {tabs.map((t) => (
            <button key={t} role="tab" type="button" id={`tab-${t}`} aria-selected={url.tab === t} aria-controls="panel-body" onClick={() => patch({ tab: t })} onKeyDown={(e) => {
              const i = tabs.indexOf(t)
              const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined
              if (next) {
                patch({ tab: next })
                document.getElementById(`tab-${next}`)?.focus()
              }
            }} tabIndex={url.tab === t ? 0 : -1}>
              {TAB_LABELS[t]}
            </button>
          ))}
        </div>
        <section id="panel-body" role="tabpanel" aria-labelledby={`tab-${url.tab}`} className="panel-body">
          {!panelWorkbench ? (
            <p className="muted">Loading the corridor…</p>
          ) : (
            <WorkbenchContext.Provider value={panelWorkbench}>
              <Suspense fallback={<p className="muted">Loading…</p>}>
                {url.tab === 'explore' && <Explore />}
                {url.tab === 'route' && <RoutePanel />}
                {url.tab === 'compare' && <ComparePanel />}
                {url.tab === 'whatif' && <WhatIfPanel />}
                {url.tab === 'traffic' && <TrafficPanel />}
                {url.tab === 'edit' && (editable ? <EditPanel /> : <p role="alert">Editing needs the planner role; your token is a {me?.role}.</p>)}
                {url.tab === 'history' && <HistoryPanel />}
                {url.tab === 'inventory' && <InventoryPanel />}
                {url.tab === 'admin' && (admin ? <AdminPanel /> : <p role="alert">Tokens are managed by an admin; your token is a {me?.role}.</p>)}
              </Suspense>
            </WorkbenchContext.Provider>
          )}
        </section>
      </aside>
      <main className="map-area" data-ready={mapReady ? 'true' : 'false'}>
        {layers && !MapView && <div className="map placeholder">{mapFailed ? 'The map could not be loaded: reload the page.' : 'Loading the map…'}</div>}
        {layers && MapView && (
          <MapView
            layers={layers}
            overlays={shown}
            selection={url.selection}
            initialView={url.view}
            mode={mapMode ?? IDLE}
            onSelect={onSelect}
            onViewChange={onViewChange}
            onReady={onMapReady}
            focus={focus}
          />
        )}
        <Legend network={legend.network} shown={legend.shown} title={network?.name ?? 'silkway'} />
      </main>
    </div>
  )
}

/** The legend: what every colour, dash and mark on the map means, the network's first, then the panel's. Collapsible. */
function Legend({ network, shown, title }: { network: LegendEntry[]; shown: LegendEntry[]; title: string }) {
  // On a phone the legend starts folded, so it does not cover the results.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 700)
  const [busy, setBusy] = useState(false)
  const savePng = async () => {
    const map = window.silkwayMap
    if (!map) return
    setBusy(true)
    try {
      const { mapPng } = await mapChunk
      const { download, fileName } = await import('./export')
      download(fileName(`${title} map`, 'png'), await mapPng(map, [...network, ...shown], title))
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="legend" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Legend</summary>
      <ul aria-label="Legend">
        {[...network, ...shown].map((e) => (
          <li key={e.id} data-entry={e.id}>
            <SwatchIcon entry={e} /> {entryText(e)}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary small" onClick={savePng} disabled={busy}>{busy ? 'Saving…' : 'Save the map as PNG'}</button>
    </details>
  )
}

function SwatchIcon({ entry: { swatch } }: { entry: LegendEntry }) {
  if (swatch.kind === 'dot') return <i className="sw dot" style={{ background: swatch.color }} />
  if (swatch.kind === 'fill') return <i className="sw fill" style={{ background: swatch.color }} />
  if (swatch.kind === 'pin') return <i className="sw pin">{swatch.text}</i>
  if (swatch.kind === 'ramp') return <i className="sw ramp" style={{ background: rampGradient(swatch.stops) }} />
  const dash = swatch.dash ? `repeating-linear-gradient(90deg, ${swatch.color} 0 ${swatch.dash[0] * 3}px, transparent ${swatch.dash[0] * 3}px ${(swatch.dash[0] + swatch.dash[1]) * 3}px)` : swatch.color
  return <i className={`sw line${swatch.halo ? ' halo' : ''}`} style={{ background: dash, height: swatch.width ?? 3 }} />
}
