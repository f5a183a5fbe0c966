import type { TObject } from 'typebox'
import type { FlowParams, MaxflowParams } from '../api'
import { type FieldInfo, fieldsOf } from '../../../src/query/fields'
import { flowQuery, hubsQuery, maxflowQuery } from '../../../src/traffic/queries'
import { readForm, searchText, writeForm } from '../url'

/**
 * The Traffic tab's forms as the address holds them (`?tab=traffic&traffic=maxflow&fromSet=…`): the view shown
 * and its form, each field read and written through the question's own schema (src/traffic/queries.ts) with
 * url.ts's `readForm`/`writeForm`, as the route form is. Only the shown view's form is in the address; the
 * others keep their defaults on a reload. What no schema declares (which demands, the demand chosen, the hub
 * scenarios, the optical colouring) is a plain parameter checked here.
 */

export const TRAFFIC_VIEWS = ['flow', 'maxflow', 'hubs', 'optical'] as const
export type TrafficView = (typeof TRAFFIC_VIEWS)[number]
/** Each view's button, in the order of TRAFFIC_VIEWS. */
export const TRAFFIC_VIEW_LABELS: Readonly<Record<TrafficView, string>> = { flow: 'Flow', maxflow: 'Max-flow', hubs: 'Hubs', optical: 'Optical' }

export const FLOW_FIELDS = fieldsOf(flowQuery.params)
export const MAXFLOW_FIELDS = fieldsOf(maxflowQuery.params)
export const HUBS_FIELDS = fieldsOf(hubsQuery.params)

const pick = (fields: readonly FieldInfo[], names: readonly string[]) => fields.filter((f) => names.includes(f.name))

/** The flow question's fields the Flow view sets; the rest (LP objective, time limit, constraints) keep the schema's defaults. */
export const FLOW_FORM_FIELDS = pick(FLOW_FIELDS, ['routing', 'capacity', 'uniformGbps', 'defaultGbps', 'unknown', 'metric', 'totalGbps'])
export const MAXFLOW_FORM_FIELDS = pick(MAXFLOW_FIELDS, ['fromSet', 'toSet', 'capacity', 'uniformGbps', 'defaultGbps', 'unknown', 'avoidCountry'])
const HUBS_FORM_FIELDS = pick(HUBS_FIELDS, ['routing'])

/** The capacity fields flow and max-flow share: the basis, a uniform or default capacity, and what unknown links do. */
export interface CapacityForm {
  capacity: string
  unknown: string
  uniformGbps?: number
  defaultGbps?: number
}

export interface FlowForm extends CapacityForm {
  routing: string
  metric: string
  /** The gravity model's total; no default: the sources give no figure of the corridor's demand. */
  totalGbps?: number
  /** Where the demands come from; a file itself cannot be in the address, so a link with `file` asks for it again. */
  demands: 'gravity' | 'file'
  /** The demand whose paths are drawn (chosen in a table). */
  demand?: string
}

export interface MaxflowForm extends CapacityForm {
  fromSet: string
  toSet: string
  avoidCountry: string[]
}

export interface HubsForm {
  routing: string
  /** Scenario names; undefined: baseline-2022 and digital-silk-way where the network has them. */
  before?: string
  after?: string
}

export interface OpticalForm {
  colour: 'rate' | 'margin'
}

export interface TrafficState {
  view: TrafficView
  flow: FlowForm
  maxflow: MaxflowForm
  hubs: HubsForm
  optical: OpticalForm
}

export const DEFAULT_TRAFFIC: TrafficState = {
  view: 'flow',
  flow: { routing: 'shortest', capacity: 'design', metric: 'latency', unknown: 'uncapacitated', demands: 'gravity' },
  maxflow: { fromSet: 'group:europe', toSet: 'country:CN', capacity: 'design', unknown: 'uncapacitated', avoidCountry: [] },
  hubs: { routing: 'shortest' },
  optical: { colour: 'rate' },
}

/** A name as the address may give it: an id or scenario name (at most 200 characters, no control characters). */
const NAME = /^[^\u0000-\u001f]{1,200}$/
const name = (value: string | null) => (value !== null && NAME.test(value) ? value : undefined)

type Form = { params: TObject; fields: readonly FieldInfo[] }
const FORMS: Record<Exclude<TrafficView, 'optical'>, Form> = {
  flow: { params: flowQuery.params, fields: FLOW_FORM_FIELDS },
  maxflow: { params: maxflowQuery.params, fields: MAXFLOW_FORM_FIELDS },
  hubs: { params: hubsQuery.params, fields: HUBS_FORM_FIELDS },
}

/** The Traffic tab's state from its part of the address; a value that does not fit gives that field's default. */
export function parseTraffic(search: string): TrafficState {
  const p = new URLSearchParams(search)
  const view = (TRAFFIC_VIEWS as readonly string[]).includes(p.get('traffic') ?? '') ? (p.get('traffic') as TrafficView) : 'flow'
  const state: TrafficState = { ...DEFAULT_TRAFFIC, view }
  if (view === 'flow') {
    const form = readForm(FORMS.flow.params, FORMS.flow.fields, DEFAULT_TRAFFIC.flow, p)
    const demand = name(p.get('demand'))
    state.flow = { ...form, demands: p.get('demands') === 'file' ? 'file' : 'gravity', ...(demand ? { demand } : {}) }
  } else if (view === 'maxflow') {
    state.maxflow = readForm(FORMS.maxflow.params, FORMS.maxflow.fields, DEFAULT_TRAFFIC.maxflow, p)
  } else if (view === 'hubs') {
    const before = name(p.get('before'))
    const after = name(p.get('after'))
    state.hubs = { ...readForm(FORMS.hubs.params, FORMS.hubs.fields, DEFAULT_TRAFFIC.hubs, p), ...(before ? { before } : {}), ...(after ? { after } : {}) }
  } else {
    state.optical = { colour: p.get('colour') === 'margin' ? 'margin' : 'rate' }
  }
  return state
}

/** The shown view and its form as search text (no `?`): fields at the form's defaults are left out. */
export function formatTraffic(state: TrafficState): string {
  const p = new URLSearchParams()
  const { view } = state
  if (view !== 'flow') p.set('traffic', view)
  if (view === 'flow') {
    writeForm(FORMS.flow.params, FORMS.flow.fields, DEFAULT_TRAFFIC.flow, state.flow, p)
    if (state.flow.demands === 'file') p.set('demands', 'file')
    if (state.flow.demand) p.set('demand', state.flow.demand)
  } else if (view === 'maxflow') {
    writeForm(FORMS.maxflow.params, FORMS.maxflow.fields, DEFAULT_TRAFFIC.maxflow, state.maxflow, p)
  } else if (view === 'hubs') {
    writeForm(FORMS.hubs.params, FORMS.hubs.fields, DEFAULT_TRAFFIC.hubs, state.hubs, p)
    if (state.hubs.before) p.set('before', state.hubs.before)
    if (state.hubs.after) p.set('after', state.hubs.after)
  } else if (state.optical.colour !== 'rate') p.set('colour', state.optical.colour)
  return searchText(p)
}

/** A view's last question (its key) and its answer or error, kept by the Traffic tab while it is open. */
export interface KeptAnswer<T> {
  key?: string
  data?: T
  error?: Error
}

/**
 * Whether a view asks its question when it is shown (mounted). A view with a form and a button (flow, max-flow)
 * asks at once only when the address opened it (a reload, a shared link) and it has asked nothing yet; else it
 * waits for the button. A view whose question is its selections alone (hubs, optical: no button) asks when it is
 * shown with a question other than the one it last asked. Coming back to a view therefore never asks again for
 * the answer it keeps: Flow → Hubs → Flow shows the kept flow answer (out of date if the form changed).
 */
export function asksOnShow(view: TrafficView, fromAddress: boolean, lastAsked: string | undefined, key: string): boolean {
  if (view === 'flow' || view === 'maxflow') return fromAddress && lastAsked === undefined
  return lastAsked !== key
}

/** The network selectors every traffic question is asked with: the stored network and the scenario shown. */
export interface TrafficTarget {
  network: string
  scenario: string
}

/** The capacity fields as the API takes them: a uniform capacity only with the uniform basis. */
const capacityParams = (form: CapacityForm) => ({
  capacity: form.capacity as never,
  unknown: form.unknown as never,
  defaultGbps: form.defaultGbps,
  ...(form.capacity === 'uniform' ? { uniformGbps: form.uniformGbps } : {}),
})

/** The flow question the Flow view sends, in the scenario shown: the total only for the gravity model. */
export const flowParams = (at: TrafficTarget, form: FlowForm): FlowParams => ({
  ...at,
  routing: form.routing as never,
  metric: form.metric as never,
  ...capacityParams(form),
  ...(form.demands === 'gravity' ? { totalGbps: form.totalGbps } : {}),
})

/** The max-flow question the Max-flow view sends: the countries to avoid only when there are some. */
export const maxflowParams = (at: TrafficTarget, form: MaxflowForm): MaxflowParams => ({
  ...at,
  fromSet: form.fromSet,
  toSet: form.toSet,
  ...capacityParams(form),
  avoidCountry: form.avoidCountry.length ? form.avoidCountry : undefined,
})
