import { createContext, useContext, useLayoutEffect, useRef } from 'react'
import type { Network, Scenario } from '../../src/model'
import type { WhoAmI } from './api'
import type { EditOp } from './edit'
import type { NetworkLayers } from './geo'
import type { Overlays } from './map/MapView'
import { type MapMode, forwarding } from './map/mode'
import type { RouteForm, Selection, Tab } from './url'

export interface StoredScenario {
  name: string
  revision: number
  document: Scenario
}

export interface Loaded {
  networkName: string
  revision: number
  network: Network
  scenarios: StoredScenario[]
  defaultScenario: string
}

export const AS_IS = 'as-is'

/** What every panel sees and may do: the shown network, the session, the selection, the map. */
export interface Workbench {
  me: WhoAmI
  loaded: Loaded
  /** The scenario shown (AS_IS: the stored network itself). */
  scenario: string
  /** The network on the map: the scenario applied, with unsaved edits. */
  network: Network
  layers: NetworkLayers
  nodeById: ReadonlyMap<string, Network['nodes'][number]>
  selection: Selection
  select(selection: Selection): void
  tab: Tab
  route: RouteForm
  setRoute(route: RouteForm): void
  /** The tab's own part of the address (url.ts OWN_PARAMS_TABS): read with `readForm`, written with `writeForm`. */
  tabParams: string
  setTabParams(search: string): void
  setOverlays(tab: Tab, overlays: Partial<Overlays> | undefined): void
  /** What the map's pointer does (idle when undefined); panels set it through useMapMode. */
  setMapMode(mode: MapMode | undefined): void
  /** Selects a node or link (or frames a country) and brings it into view; `stay` keeps the tab shown. */
  show(target: { type: 'node' | 'link' | 'country'; id: string }, stay?: boolean): void
  /** Unsaved edits and their target. */
  edits: EditOp[]
  setEdits(edits: EditOp[]): void
  /** Reloads the network and scenarios from the server (after a save or restore). */
  reload(): Promise<Loaded>
}

export const WorkbenchContext = createContext<Workbench | null>(null)

export function useWorkbench(): Workbench {
  const value = useContext(WorkbenchContext)
  if (!value) throw new Error('useWorkbench outside the app')
  return value
}

/**
 * The map's mode while the calling panel is shown, declared on each render: `useMapMode(picking ? {kind:
 * 'pickCountry', onPick} : {kind: 'idle'})`. The map rebinds its events only when the kind changes; the
 * handlers it calls are always those of the panel's latest render. Leaving the panel returns the map to idle.
 */
export function useMapMode(mode: MapMode | undefined): void {
  const { setMapMode } = useWorkbench()
  const latest = useRef(mode)
  latest.current = mode
  const kind = mode?.kind
  const anywhere = mode?.kind === 'pickNode' ? mode.anywhere : undefined
  // A layout effect, so the map has the new mode before the browser paints (and before a quick next click).
  useLayoutEffect(() => {
    if (!kind) return
    setMapMode(forwarding(kind, () => latest.current, anywhere))
    return () => setMapMode(undefined)
  }, [kind, anywhere, setMapMode])
}
