import { createContext, useContext } from 'react'
import type { Network, Scenario } from '../../src/model'
import type { WhoAmI } from './api'
import type { EditOp } from './edit'
import type { NetworkLayers, Position } from './geo'
import type { MapClick, Overlays } from './map/MapView'
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
  setOverlays(tab: Tab, overlays: Partial<Overlays> | undefined): void
  /** The active panel takes map clicks first; return true when handled. */
  setMapClick(handler: ((click: MapClick) => boolean) | undefined): void
  /** While set, pressing on the map draws a circle (drag for the radius); the handler gets it when released. */
  setCircleTool(handler: ((center: Position, radiusKm: number | undefined) => void) | undefined): void
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
