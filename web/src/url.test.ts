import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FieldInfo } from '../../src/query/fields'
import { fromParams, paramsFromSearch } from '../../src/query'
import { routeQuery } from '../../src/routing'
import { DEFAULT_ROUTE, ROUTE_FIELDS, type RouteForm, formatUrl, parseUrl } from './url'

test('the address round-trips tab, view, selection and the route query', () => {
  const state = {
    tab: 'route' as const,
    network: 'corridor',
    scenario: 'baseline-2022',
    view: { lon: 55.1234, lat: 41.5, zoom: 3.25 },
    selection: { type: 'link' as const, id: 'tcfo-sumgait-aktau' },
    route: { ...DEFAULT_ROUTE, from: 'Frankfurt', to: 'Shanghai', avoidCountry: ['RU', 'IR'], year: 2025 },
    tabParams: '',
  }
  const url = formatUrl(state)
  assert.equal(url, '?tab=route&scenario=baseline-2022&view=55.123,41.5,3.25&sel=link:tcfo-sumgait-aktau&from=Frankfurt&to=Shanghai&avoidCountry=RU,IR&year=2025')
  assert.deepEqual(parseUrl(url), { ...state, view: { lon: 55.123, lat: 41.5, zoom: 3.25 } })
})

test('a bad or empty address gives the defaults, never a broken state', () => {
  const state = parseUrl('?tab=nope&view=1,2&k=500&metric=x&year=99&sel=bogus')
  assert.deepEqual(state, { tab: 'explore', network: 'corridor', scenario: undefined, view: undefined, selection: undefined, route: DEFAULT_ROUTE, tabParams: '' })
  assert.equal(formatUrl(parseUrl('')), '')
  // Each field is checked against its own schema; a bad value gives that field's default, the rest stand.
  const route = (search: string) => parseUrl(search).route
  for (const k of ['0', '101', 'abc', '']) assert.equal(route(`?from=a&k=${k}`).k, DEFAULT_ROUTE.k, `k=${k}`)
  assert.equal(route('?k=100').k, 100, "the schema's bound, not the form's")
  assert.equal(route('?year=1849').year, undefined)
  assert.equal(route('?year=2025&k=x').year, 2025)
  assert.deepEqual(route('?avoidKind=submarine,cable&avoidCountry=RU,RUS,ir').avoidKind, ['submarine'])
  assert.deepEqual(route('?avoidCountry=RU,RUS,ir').avoidCountry, ['RU', 'ir'])
  assert.deepEqual(route('?via=a,b,c,d,e,f,g,h,i').via, [], 'more than the schema\'s 8 waypoints')
  assert.equal(route(`?from=${'x'.repeat(201)}`).from, '')
})

test('waypoints keep their order and the endpoint-country exemption round-trips', () => {
  const state = parseUrl('?tab=route&from=frankfurt&to=shanghai&via=baku,almaty&avoidCountry=RU,CN&allowEndpointCountries=true')
  assert.deepEqual(state.route.via, ['baku', 'almaty'])
  assert.equal(state.route.allowEndpointCountries, true)
  assert.equal(formatUrl(state), '?tab=route&from=frankfurt&to=shanghai&via=baku,almaty&avoidCountry=RU,CN&allowEndpointCountries=true')
  assert.equal(parseUrl('?from=a&to=b&allowEndpointCountries=maybe').route.allowEndpointCountries, false)
  // Read as the API reads its querystring (normaliseParams), so a link means what the same query means there.
  assert.equal(parseUrl('?from=a&to=b&allowEndpointCountries=1').route.allowEndpointCountries, true)
})

test("a link keeps its meaning where the form's default differs from the schema's", () => {
  // The form asks for 3 paths, the schema's default is 1: k=1 must be written, or the link would open with 3.
  const state = parseUrl('?tab=route&from=baku&to=almaty&k=1')
  assert.equal(state.route.k, 1)
  assert.equal(formatUrl(state), '?tab=route&from=baku&to=almaty&k=1')
  assert.equal(formatUrl({ ...state, route: { ...state.route, k: DEFAULT_ROUTE.k } }), '?tab=route&from=baku&to=almaty')
  // The schema's metric default is the form's too: left out.
  assert.equal(formatUrl({ ...state, route: { ...state.route, metric: 'latency' } }), '?tab=route&from=baku&to=almaty&k=1')
})

/** A valid value for a field unlike the form's default, read from the field's schema info alone. */
function sample(field: FieldInfo): unknown {
  const one = field.options?.at(-1) ?? (field.kind === 'integer' || field.kind === 'number' ? field.maximum ?? 2 : 'Ab')
  if (field.kind === 'list') return field.options ? [...field.options].reverse() : ['Ab', 'Cd']
  if (field.kind === 'boolean') return true
  return one
}

test('every route parameter the schema declares reaches the address and back, and the form state is the query', () => {
  // Built from fieldsOf(routeQuery.params), so a parameter added to src/routing/params.ts is covered here with
  // no edit: if the web dropped it, the round trip or the key set would differ.
  const route = Object.fromEntries(ROUTE_FIELDS.map((f) => [f.name, sample(f)])) as RouteForm
  const url = formatUrl({ tab: 'route', network: 'corridor', selection: undefined, route, tabParams: '' })
  const search = new URLSearchParams(url)
  assert.deepEqual([...search.keys()].filter((k) => k !== 'tab').sort(), ROUTE_FIELDS.map((f) => f.name).sort())
  assert.ok(!/%2C/.test(url), url)
  assert.deepEqual(parseUrl(url).route, route)
  // The form's state goes to the API as it stands (RoutePanel): it means what the address means.
  assert.deepEqual(fromParams(routeQuery, parseUrl(url).route), fromParams(routeQuery, paramsFromSearch(routeQuery.params, search)))
})

test("a tab with its own parameters keeps them as text for its panel; the route's fields are not read there", () => {
  const state = parseUrl('?tab=traffic&scenario=baseline-2022&sel=link:tcfo-sumgait-aktau&traffic=maxflow&fromSet=group:europe,country:FR&metric=hops&avoidCountry=RU')
  assert.equal(state.tabParams, 'traffic=maxflow&fromSet=group:europe,country:FR&metric=hops&avoidCountry=RU')
  assert.deepEqual(state.route, DEFAULT_ROUTE, "the traffic form's metric and avoidCountry are not the route's")
  assert.equal(state.scenario, 'baseline-2022')
  assert.deepEqual(state.selection, { type: 'link', id: 'tcfo-sumgait-aktau' })
  assert.equal(formatUrl(state), '?tab=traffic&scenario=baseline-2022&sel=link:tcfo-sumgait-aktau&traffic=maxflow&fromSet=group:europe,country:FR&metric=hops&avoidCountry=RU')
  // On another tab the panel's text is kept in memory, not written, and the route is written as before.
  const route = { ...DEFAULT_ROUTE, from: 'baku', to: 'almaty' }
  assert.equal(formatUrl({ ...state, tab: 'route', route }), '?tab=route&scenario=baseline-2022&sel=link:tcfo-sumgait-aktau&from=baku&to=almaty')
  assert.equal(parseUrl('?tab=route&traffic=maxflow').tabParams, '')
  // The panel's text cannot override the app's own parameters.
  assert.equal(formatUrl({ ...state, scenario: undefined, selection: undefined, tabParams: 'tab=explore&network=x&totalGbps=5' }), '?tab=traffic&totalGbps=5')
})
