import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { fromParams, paramsFromSearch } from '../../../src/query'
import { flowQuery, maxflowQuery } from '../../../src/traffic/queries'
import { formatUrl, parseUrl } from '../url'
import { DEFAULT_TRAFFIC, FLOW_FORM_FIELDS, MAXFLOW_FORM_FIELDS, TRAFFIC_VIEWS, TRAFFIC_VIEW_LABELS, type TrafficState, type TrafficView, asksOnShow, flowParams, formatTraffic, maxflowParams, parseTraffic } from './traffic-state'

test('the views the address names are the views the tab has buttons for, in one list', () => {
  assert.deepEqual(Object.keys(TRAFFIC_VIEW_LABELS), [...TRAFFIC_VIEWS])
  const labels = Object.values(TRAFFIC_VIEW_LABELS)
  assert.ok(labels.every((l) => l.length > 0) && new Set(labels).size === labels.length, labels.join(', '))
  for (const view of TRAFFIC_VIEWS) assert.equal(parseTraffic(formatTraffic({ ...DEFAULT_TRAFFIC, view })).view, view)
})

test('the default Traffic tab has an empty address part, and an empty part gives the defaults', () => {
  assert.equal(formatTraffic(DEFAULT_TRAFFIC), '')
  assert.deepEqual(parseTraffic(''), DEFAULT_TRAFFIC)
})

test('each view and its form round-trip through the address, only the shown view written', () => {
  const state: TrafficState = {
    view: 'flow',
    flow: { routing: 'optimal', capacity: 'uniform', uniformGbps: 400, defaultGbps: 100, unknown: 'exclude', metric: 'length', totalGbps: 50_000, demands: 'gravity', demand: 'frankfurt-shanghai' },
    maxflow: { fromSet: 'group:europe,country:TR', toSet: 'country:CN', capacity: 'lit', unknown: 'uncapacitated', defaultGbps: 1000, avoidCountry: ['RU', 'IR'] },
    hubs: { routing: 'optimal', before: 'as-is', after: 'digital-silk-way' },
    optical: { colour: 'margin' },
  }
  const flow = formatTraffic(state)
  assert.equal(flow, 'routing=optimal&metric=length&capacity=uniform&uniformGbps=400&defaultGbps=100&unknown=exclude&totalGbps=50000&demand=frankfurt-shanghai')
  assert.deepEqual(parseTraffic(flow), { ...DEFAULT_TRAFFIC, flow: state.flow })
  const maxflow = formatTraffic({ ...state, view: 'maxflow' })
  assert.equal(maxflow, 'traffic=maxflow&fromSet=group:europe,country:TR&capacity=lit&defaultGbps=1000&avoidCountry=RU,IR')
  assert.deepEqual(parseTraffic(maxflow), { ...DEFAULT_TRAFFIC, view: 'maxflow', maxflow: state.maxflow })
  const hubs = formatTraffic({ ...state, view: 'hubs' })
  assert.equal(hubs, 'traffic=hubs&routing=optimal&before=as-is&after=digital-silk-way')
  assert.deepEqual(parseTraffic(hubs), { ...DEFAULT_TRAFFIC, view: 'hubs', hubs: state.hubs })
  assert.equal(formatTraffic({ ...state, view: 'optical' }), 'traffic=optical&colour=margin')
  assert.deepEqual(parseTraffic('traffic=optical&colour=margin'), { ...DEFAULT_TRAFFIC, view: 'optical', optical: { colour: 'margin' } })
  // A demands file is not in the address; the link says a file was used, so the page asks for it.
  assert.equal(formatTraffic({ ...state, flow: { ...DEFAULT_TRAFFIC.flow, demands: 'file' } }), 'demands=file')
  assert.equal(parseTraffic('demands=file').flow.demands, 'file')
})

test("what the Flow and Max-flow views send means what their form in the address means to the API", () => {
  // The panel's own question builders (flowParams, maxflowParams), read as the server reads a querystring, against
  // the same search text read by the server: a field the panel drops (or renames) differs.
  const at = { network: 'digital-silk-way', scenario: 'baseline-2022' }
  const question = ({ network: _network, scenario: _scenario, ...rest }: object & { network?: unknown; scenario?: unknown }) => rest as Record<string, unknown>
  const flows = ['routing=ecmp&metric=length&capacity=lit&defaultGbps=10&unknown=exclude&totalGbps=1234.5', 'routing=optimal&metric=hops&capacity=uniform&uniformGbps=400&totalGbps=10']
  for (const search of flows) {
    const sent = flowParams(at, parseTraffic(search).flow)
    assert.deepEqual([sent.network, sent.scenario], [at.network, at.scenario])
    assert.deepEqual(fromParams(flowQuery, question(sent)), fromParams(flowQuery, paramsFromSearch(flowQuery.params, new URLSearchParams(search))), search)
  }
  const maxflows = ['traffic=maxflow&fromSet=frankfurt,country:PL&toSet=group:asia&avoidCountry=RU,IR&capacity=uniform&uniformGbps=100&unknown=exclude', 'traffic=maxflow&fromSet=baku&toSet=country:KZ&capacity=lit&defaultGbps=1000']
  for (const search of maxflows) {
    const sent = maxflowParams(at, parseTraffic(search).maxflow)
    assert.deepEqual(fromParams(maxflowQuery, question(sent)), fromParams(maxflowQuery, paramsFromSearch(maxflowQuery.params, new URLSearchParams(search))), search)
  }
  // Every field of each form is set away from its default in some case, so dropping any one of them is seen.
  for (const [fields, cases] of [
    [FLOW_FORM_FIELDS, flows],
    [MAXFLOW_FORM_FIELDS, maxflows],
  ] as const) {
    for (const f of fields) assert.ok(cases.some((search) => new URLSearchParams(search).has(f.name)), `no case sets ${f.name}`)
  }
})

test('a bad value gives that field its default; the rest of the form stands', () => {
  const s = parseTraffic('routing=teleport&capacity=lit&totalGbps=-5&defaultGbps=abc&demand=' + 'x'.repeat(300))
  assert.deepEqual(s.flow, { ...DEFAULT_TRAFFIC.flow, capacity: 'lit' })
  assert.equal(parseTraffic('traffic=warp').view, 'flow')
  assert.deepEqual(parseTraffic('traffic=maxflow&avoidCountry=RU,RUS,ir&fromSet=').maxflow, { ...DEFAULT_TRAFFIC.maxflow, avoidCountry: ['RU', 'ir'] })
  assert.equal(parseTraffic('traffic=optical&colour=plaid').optical.colour, 'rate')
  // Fields of other views are not read: the address holds the shown view's form only.
  assert.deepEqual(parseTraffic('traffic=hubs&totalGbps=5&fromSet=x').flow, DEFAULT_TRAFFIC.flow)
})

test('any traffic state survives the whole address (tab, scenario, selection) and back', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)
  const state = fc.record({
    view: fc.constantFrom(...TRAFFIC_VIEWS),
    flow: fc.record(
      {
        routing: fc.constantFrom('shortest', 'ecmp', 'optimal'),
        capacity: fc.constantFrom('design', 'lit', 'uniform', 'optical'),
        metric: fc.constantFrom('latency', 'length', 'hops'),
        unknown: fc.constantFrom('uncapacitated', 'exclude'),
        uniformGbps: fc.integer({ min: 1, max: 1e6 }),
        defaultGbps: fc.integer({ min: 0, max: 1e6 }),
        totalGbps: fc.double({ min: 0.5, max: 1e7, noNaN: true }),
        demands: fc.constantFrom('gravity' as const, 'file' as const),
        demand: name,
      },
      { requiredKeys: ['routing', 'capacity', 'metric', 'unknown', 'demands'] },
    ),
    maxflow: fc.record(
      {
        fromSet: fc.array(fc.oneof(name, name.map((n) => `country:${n.slice(0, 2).toUpperCase()}`)), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')),
        toSet: name,
        capacity: fc.constantFrom('design', 'lit'),
        unknown: fc.constantFrom('uncapacitated', 'exclude'),
        defaultGbps: fc.integer({ min: 0, max: 1e6 }),
        avoidCountry: fc.uniqueArray(fc.constantFrom('RU', 'IR', 'CN', 'KZ'), { maxLength: 3 }),
      },
      { requiredKeys: ['fromSet', 'toSet', 'capacity', 'unknown', 'avoidCountry'] },
    ),
    hubs: fc.record({ routing: fc.constantFrom('shortest', 'optimal'), before: name, after: name }, { requiredKeys: ['routing'] }),
    optical: fc.record({ colour: fc.constantFrom('rate' as const, 'margin' as const) }),
  })
  fc.assert(
    fc.property(state, (s) => {
      const url = formatUrl({ ...parseUrl('?tab=traffic&scenario=baseline-2022&sel=node:aktau'), tabParams: formatTraffic(s) })
      const back = parseUrl(url)
      assert.equal(back.tab, 'traffic')
      assert.equal(back.scenario, 'baseline-2022')
      const shown = parseTraffic(back.tabParams)
      assert.equal(shown.view, s.view)
      assert.deepEqual(shown[s.view], { ...s[s.view] })
    }),
  )
})

/**
 * The tab as TrafficPanel drives it: the view the address opened may ask at once; a click on another view makes
 * no view the address's; each view keeps the last question it asked. Returns the questions asked, in order.
 */
function drive(opened: TrafficView, steps: readonly (TrafficView | 'button')[], key: (view: TrafficView) => string = () => 'q') {
  const lastAsked = new Map<TrafficView, string>()
  const asked: TrafficView[] = []
  const ask = (view: TrafficView) => {
    lastAsked.set(view, key(view))
    asked.push(view)
  }
  let view = opened
  let addressView: TrafficView | undefined = opened
  const show = () => asksOnShow(view, addressView === view, lastAsked.get(view), key(view)) && ask(view)
  show()
  for (const step of steps) {
    if (step === 'button') ask(view)
    else {
      addressView = undefined
      view = step
      show()
    }
  }
  return asked
}

test('a view asks at once only when the address opened it; switching views and back asks nothing again', () => {
  // Opened on Flow (a reload with its form): Flow asks; Hubs asks when first shown (its question is its selections); back and forth asks nothing.
  assert.deepEqual(drive('flow', ['hubs', 'flow', 'hubs', 'flow']), ['flow', 'hubs'])
  // Max-flow switched to waits for its button, then keeps its answer.
  assert.deepEqual(drive('flow', ['maxflow', 'flow', 'maxflow', 'button', 'flow', 'maxflow']), ['flow', 'maxflow'])
  // A shared link to Max-flow answers at once; Flow switched to does not.
  assert.deepEqual(drive('maxflow', ['flow', 'maxflow', 'optical', 'flow', 'optical']), ['maxflow', 'optical'])
  // A view without a button asks again when its question changed while it was away (here: the scenario).
  let scenario = 'baseline-2022'
  const asked = drive('optical', ['flow'], () => scenario)
  scenario = 'digital-silk-way'
  assert.deepEqual(asked, ['optical'])
  assert.equal(asksOnShow('optical', false, 'baseline-2022', scenario), true)
  assert.equal(asksOnShow('optical', false, scenario, scenario), false)
  // A form view keeps its (out-of-date) answer instead: the button asks.
  assert.equal(asksOnShow('flow', false, 'old', 'new'), false)
  assert.equal(asksOnShow('flow', true, 'old', 'new'), false)
})
