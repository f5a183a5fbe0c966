import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_ROUTE, formatUrl, parseUrl } from './url'

test('the address round-trips tab, view, selection and the route query', () => {
  const state = {
    tab: 'route' as const,
    network: 'corridor',
    scenario: 'baseline-2022',
    view: { lon: 55.1234, lat: 41.5, zoom: 3.25 },
    selection: { type: 'link' as const, id: 'tcfo-sumgait-aktau' },
    route: { ...DEFAULT_ROUTE, from: 'Frankfurt', to: 'Shanghai', avoidCountry: ['RU', 'IR'], year: 2025 },
  }
  const url = formatUrl(state)
  assert.equal(url, '?tab=route&scenario=baseline-2022&view=55.123,41.5,3.25&sel=link:tcfo-sumgait-aktau&from=Frankfurt&to=Shanghai&avoidCountry=RU,IR&year=2025')
  assert.deepEqual(parseUrl(url), { ...state, view: { lon: 55.123, lat: 41.5, zoom: 3.25 } })
})

test('a bad or empty address gives the defaults, never a broken state', () => {
  const state = parseUrl('?tab=nope&view=1,2&k=500&metric=x&year=99&sel=bogus')
  assert.deepEqual(state, { tab: 'explore', network: 'corridor', scenario: undefined, view: undefined, selection: undefined, route: { ...DEFAULT_ROUTE, year: undefined } })
  assert.equal(formatUrl(parseUrl('')), '')
})

test('waypoints keep their order and the endpoint-country exemption round-trips', () => {
  const state = parseUrl('?tab=route&from=frankfurt&to=shanghai&via=baku,almaty&avoidCountry=RU,CN&allowEndpointCountries=true')
  assert.deepEqual(state.route.via, ['baku', 'almaty'])
  assert.equal(state.route.allowEndpointCountries, true)
  assert.equal(formatUrl(state), '?tab=route&from=frankfurt&to=shanghai&via=baku,almaty&avoidCountry=RU,CN&allowEndpointCountries=true')
  assert.equal(parseUrl('?from=a&to=b&allowEndpointCountries=1').route.allowEndpointCountries, false)
})
