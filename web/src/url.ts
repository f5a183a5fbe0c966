/** What the address bar holds, so a link opens the same view: tab, map view, selection, route query, a tab's own form. */

import type { TObject, TSchema } from 'typebox'
import { checkSchema } from '../../src/model'
import type { ParamsOf } from '../../src/query/define'
import { type FieldInfo, fieldsOf } from '../../src/query/fields'
import { normaliseParams } from '../../src/query/params'
import { paramsFromSearch, paramsToSearch } from '../../src/query/url'
import { routeQuery } from '../../src/routing/params'

export const TABS = ['explore', 'inventory', 'route', 'compare', 'whatif', 'traffic', 'edit', 'history', 'admin'] as const
export type Tab = (typeof TABS)[number]

export interface View {
  lon: number
  lat: number
  zoom: number
}

export type Selection = { type: 'node' | 'link'; id: string } | undefined

type RouteParams = ParamsOf<typeof routeQuery>
/** The fields the form always holds a value for (the node and country pickers edit them in place). */
type Held = 'from' | 'to' | 'k' | 'metric' | 'via' | 'avoidCountry' | 'allowEndpointCountries' | 'avoidOperator' | 'avoidKind'

/** The route form's state: the route query's parameters as the schema declares them, with the form's defaults filled in. */
export type RouteForm = Omit<RouteParams, Held> & Required<Pick<RouteParams, Held>>

/**
 * The form's own defaults, merged over the schema's (src/routing/params.ts): three paths rather than the
 * schema's one, so the map shows alternatives; empty ends and lists so the inputs are always controlled. A
 * field at these is left out of the address; `formatUrl` writes any other value, even the schema's default.
 */
export const DEFAULT_ROUTE: RouteForm = { from: '', to: '', k: 3, metric: 'latency', via: [], avoidCountry: [], allowEndpointCountries: false, avoidOperator: [], avoidKind: [] }

/** The route fields, read from the schema: a parameter added to `routeQuery` is in the address with no edit here. */
export const ROUTE_FIELDS = fieldsOf(routeQuery.params)

/**
 * Tabs whose panel reads and writes its own parameters (`?tab=traffic&traffic=maxflow&fromSet=…`): the panel
 * loads lazily with its schemas, so the address keeps its part as text (`tabParams`) for the panel to read
 * with `readForm` and write with `writeForm`. On such a tab the route fields are not read or written: the
 * traffic questions have fields of the same names (`metric`, `avoidCountry`) with their own meaning.
 */
export const OWN_PARAMS_TABS: readonly Tab[] = ['traffic']

/** The parameters that are the app's, not a panel's. */
const APP_PARAMS = ['tab', 'network', 'scenario', 'view', 'sel']

export interface UrlState {
  tab: Tab
  network: string
  scenario?: string
  view?: View
  selection: Selection
  route: RouteForm
  /** The shown tab's own parameters (OWN_PARAMS_TABS), as search text without `?`; '' for other tabs. */
  tabParams: string
}

const listOf = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [])
const round = (x: number, digits: number) => Number(x.toFixed(digits))
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const fits = (schema: TSchema | undefined, value: unknown) => schema !== undefined && checkSchema(schema, value).length === 0

/**
 * A form's fields from the address, read as the API reads its querystring (`normaliseParams`: lists split at
 * commas, text converted to numbers and booleans), then each checked against its own schema: a value that does
 * not fit gives that field's form default, so a hand-edited or stale link opens a working form, never a broken
 * state. A list keeps the items that fit and falls back only if it is still invalid (more than 8 waypoints).
 * `fields` are the ones the form holds (all of the query's, or a subset); `defaults` the form's own.
 */
export function readForm<F extends object>(params: TObject, fields: readonly FieldInfo[], defaults: F, search: URLSearchParams): F {
  const given = normaliseParams(params, paramsFromSearch(params, search))
  const form = { ...defaults } as Record<string, unknown>
  for (const field of fields) {
    const schema = params.properties[field.name] as TSchema
    let value = given[field.name]
    if (field.kind === 'list' && Array.isArray(value)) value = value.filter((v) => fits((schema as { items?: TSchema }).items, v))
    if (value !== undefined && fits(schema, value)) form[field.name] = value
  }
  return form as F
}

/**
 * A form's fields that differ from the form's defaults, into `p`. `paramsToSearch` leaves out the schema's
 * defaults; where the form's default differs (the route's k: 3 here, 1 in the schema), the schema's default is
 * written too, or the link would open with the form's.
 */
export function writeForm<F extends object>(params: TObject, fields: readonly FieldInfo[], defaults: F, form: F, p: URLSearchParams): void {
  const changed: Record<string, unknown> = {}
  for (const field of fields) {
    const value = (form as Record<string, unknown>)[field.name]
    if (!same(value, (defaults as Record<string, unknown>)[field.name])) changed[field.name] = value
  }
  paramsToSearch(params, changed, p)
  for (const field of fields) {
    const value = changed[field.name]
    if (value !== undefined && value === field.default && !p.has(field.name)) p.set(field.name, String(value))
  }
}

/** Search text as the address shows it: commas are safe in a query and keep it readable. */
export const searchText = (p: URLSearchParams) => p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')

export function parseUrl(search: string): UrlState {
  const p = new URLSearchParams(search)
  const tab = (TABS as readonly string[]).includes(p.get('tab') ?? '') ? (p.get('tab') as Tab) : 'explore'
  let view: View | undefined
  const v = listOf(p.get('view')).map(Number)
  if (v.length === 3 && v.every(Number.isFinite) && Math.abs(v[1]) <= 90 && v[2] >= 0 && v[2] <= 22) view = { lon: v[0], lat: v[1], zoom: v[2] }
  const sel = /^(node|link):(.+)$/.exec(p.get('sel') ?? '')
  const own = OWN_PARAMS_TABS.includes(tab)
  const mine = new URLSearchParams([...p].filter(([key]) => own && !APP_PARAMS.includes(key)))
  return {
    tab,
    network: p.get('network') || 'corridor',
    scenario: p.get('scenario') || undefined,
    view,
    selection: sel ? { type: sel[1] as 'node' | 'link', id: sel[2] } : undefined,
    route: own ? DEFAULT_ROUTE : readForm(routeQuery.params, ROUTE_FIELDS, DEFAULT_ROUTE, p),
    tabParams: searchText(mine),
  }
}

export function formatUrl(state: UrlState): string {
  const p = new URLSearchParams()
  if (state.tab !== 'explore') p.set('tab', state.tab)
  if (state.network !== 'corridor') p.set('network', state.network)
  if (state.scenario) p.set('scenario', state.scenario)
  if (state.view) p.set('view', [round(state.view.lon, 3), round(state.view.lat, 3), round(state.view.zoom, 2)].join(','))
  if (state.selection) p.set('sel', `${state.selection.type}:${state.selection.id}`)
  if (!OWN_PARAMS_TABS.includes(state.tab)) writeForm(routeQuery.params, ROUTE_FIELDS, DEFAULT_ROUTE, state.route, p)
  else for (const [key, value] of new URLSearchParams(state.tabParams)) if (!APP_PARAMS.includes(key)) p.append(key, value)
  const text = searchText(p)
  return text ? `?${text}` : ''
}
