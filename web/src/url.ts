/** What the address bar holds, so a link opens the same view: tab, map view, selection, route query. */

export const TABS = ['explore', 'route', 'compare', 'whatif', 'edit', 'history'] as const
export type Tab = (typeof TABS)[number]

export interface View {
  lon: number
  lat: number
  zoom: number
}

export type Selection = { type: 'node' | 'link'; id: string } | undefined

export interface RouteForm {
  from: string
  to: string
  k: number
  metric: 'latency' | 'length' | 'hops'
  avoidCountry: string[]
  avoidOperator: string[]
  avoidKind: string[]
  year?: number
  /** Waypoints, in order (node ids). */
  via: string[]
  /** Exempt the endpoints' own countries from avoidCountry. */
  allowEndpointCountries: boolean
}

export interface UrlState {
  tab: Tab
  network: string
  scenario?: string
  view?: View
  selection: Selection
  route: RouteForm
}

export const DEFAULT_ROUTE: RouteForm = { from: '', to: '', k: 3, metric: 'latency', avoidCountry: [], avoidOperator: [], avoidKind: [], via: [], allowEndpointCountries: false }

const listOf = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [])
const round = (x: number, digits: number) => Number(x.toFixed(digits))

export function parseUrl(search: string): UrlState {
  const p = new URLSearchParams(search)
  const tab = (TABS as readonly string[]).includes(p.get('tab') ?? '') ? (p.get('tab') as Tab) : 'explore'
  let view: View | undefined
  const v = listOf(p.get('view')).map(Number)
  if (v.length === 3 && v.every(Number.isFinite) && Math.abs(v[1]) <= 90 && v[2] >= 0 && v[2] <= 22) view = { lon: v[0], lat: v[1], zoom: v[2] }
  const sel = /^(node|link):(.+)$/.exec(p.get('sel') ?? '')
  const k = Number(p.get('k'))
  const metric = p.get('metric')
  const year = Number(p.get('year'))
  return {
    tab,
    network: p.get('network') || 'corridor',
    scenario: p.get('scenario') || undefined,
    view,
    selection: sel ? { type: sel[1] as 'node' | 'link', id: sel[2] } : undefined,
    route: {
      from: p.get('from') ?? '',
      to: p.get('to') ?? '',
      k: Number.isInteger(k) && k >= 1 && k <= 10 ? k : DEFAULT_ROUTE.k,
      metric: metric === 'length' || metric === 'hops' ? metric : 'latency',
      avoidCountry: listOf(p.get('avoidCountry')),
      avoidOperator: listOf(p.get('avoidOperator')),
      avoidKind: listOf(p.get('avoidKind')),
      year: Number.isInteger(year) && year >= 1850 && year <= 2200 ? year : undefined,
      via: listOf(p.get('via')).slice(0, 8),
      allowEndpointCountries: p.get('allowEndpointCountries') === 'true',
    },
  }
}

export function formatUrl(state: UrlState): string {
  const p = new URLSearchParams()
  if (state.tab !== 'explore') p.set('tab', state.tab)
  if (state.network !== 'corridor') p.set('network', state.network)
  if (state.scenario) p.set('scenario', state.scenario)
  if (state.view) p.set('view', [round(state.view.lon, 3), round(state.view.lat, 3), round(state.view.zoom, 2)].join(','))
  if (state.selection) p.set('sel', `${state.selection.type}:${state.selection.id}`)
  const r = state.route
  if (r.from) p.set('from', r.from)
  if (r.to) p.set('to', r.to)
  if (r.via.length) p.set('via', r.via.join(','))
  if (r.from || r.to) {
    if (r.k !== DEFAULT_ROUTE.k) p.set('k', String(r.k))
    if (r.metric !== 'latency') p.set('metric', r.metric)
    if (r.avoidCountry.length) p.set('avoidCountry', r.avoidCountry.join(','))
    if (r.avoidOperator.length) p.set('avoidOperator', r.avoidOperator.join(','))
    if (r.avoidKind.length) p.set('avoidKind', r.avoidKind.join(','))
    if (r.year !== undefined) p.set('year', String(r.year))
    if (r.allowEndpointCountries) p.set('allowEndpointCountries', 'true')
  }
  // Commas are safe in a query and keep the address readable.
  const text = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')
  return text ? `?${text}` : ''
}
