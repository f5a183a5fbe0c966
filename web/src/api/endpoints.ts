import type { Static, TObject, TProperties } from 'typebox'
import type { Comparison, CorridorReport } from '../../../src/report'
import type { AvailabilityAnswer, AvailabilityQuery, CutAnswer, CutQuery, SweepAnswer, SweepQuery } from '../../../src/resilience'
import type { ParamsOf } from '../../../src/query'
import type { compareQuery } from '../../../src/report/params'
import type { routeQuery } from '../../../src/routing/params'
import type { OpticalReachAnswer, OpticalSpanAnswer } from '../../../src/optical/corridor'
import type { opticalReachQuery, opticalSpanQuery } from '../../../src/optical/params'
import type { DemandsDocument } from '../../../src/model'
import type { FlowResponse, HubsResponse, MaxflowResponse } from '../../../src/traffic/schema'
import type { flowQuery, hubsQuery, maxflowQuery } from '../../../src/traffic/queries'
import type { RouteResponse } from '../../../src/routing/schema'
import type {
  DiffSchema,
  JobSchema,
  Message,
  Name,
  NetworkDocument,
  NetworkQuery,
  ResourceMetaSchema,
  Revision as RevisionNumber,
  RevisionSchema,
  ScenarioDocument,
  TokenInfoSchema,
  WhoAmISchema,
  WriteFields,
} from '../../../src/server/schemas'
import { request } from './client'

/**
 * Every call the web app makes, typed by the server's TypeBox schemas (src/server/schemas.ts, and the domains'
 * query and answer schemas the routes declare): a field renamed on the server fails `npm run typecheck` here.
 * Type-only imports: the server's modules add nothing to the browser bundle.
 */

/** The type of an object schema given as its properties (the routes compose their querystrings that way). */
type Fields<P extends TProperties> = Static<TObject<P>>

export type WhoAmI = Static<typeof WhoAmISchema>
export type Role = WhoAmI['role']
export type ResourceMeta = Static<typeof ResourceMetaSchema>
export type Revision = Static<typeof RevisionSchema>
export type Diff = Static<typeof DiffSchema>
export type Job = Static<typeof JobSchema>
export type NetworkDocument = Static<typeof NetworkDocument>
export type ScenarioDocument = Static<typeof ScenarioDocument>
export type { AvailabilityAnswer, Comparison, CorridorReport, CutAnswer, RouteResponse, SweepAnswer }
export type { DemandsDocument, FlowResponse, HubsResponse, MaxflowResponse, OpticalReachAnswer, OpticalSpanAnswer }

/** Which stored network a query runs on, and in which scenario (`network`, `scenario`, `workspace`). */
export type NetworkParams = Fields<typeof NetworkQuery>
/** The querystrings of GET /route and /compare: the network selectors and the query's parameters (src/query). */
export type RouteParams = NetworkParams & ParamsOf<typeof routeQuery>
export type CompareParams = NetworkParams & ParamsOf<typeof compareQuery>
export type AvailabilityParams = NetworkParams & AvailabilityQuery
/** The querystrings of the traffic and optical questions (src/traffic/params.ts, src/optical/params.ts). */
export type FlowParams = NetworkParams & ParamsOf<typeof flowQuery>
export type MaxflowParams = NetworkParams & ParamsOf<typeof maxflowQuery>
export type HubsParams = NetworkParams & ParamsOf<typeof hubsQuery>
export type OpticalReachParams = NetworkParams & ParamsOf<typeof opticalReachQuery>
export type OpticalSpanParams = NetworkParams & ParamsOf<typeof opticalSpanQuery>

type Write = Fields<typeof WriteFields>
type Signal = { signal?: AbortSignal }
type Item<F extends string, D> = ResourceMeta & { [K in F]: D }

const enc = encodeURIComponent
/** Where a network or one of its scenarios lives: `/networks/{network}` or `/networks/{network}/scenarios/{name}`. */
export const resourcePath = (network: string, scenario?: string) => `/networks/${enc(network)}${scenario ? `/scenarios/${enc(scenario)}` : ''}`

export const whoami = (o: Signal = {}) => request<WhoAmI>('/whoami', o)
export const canEdit = (role: Role | undefined) => role === 'planner' || role === 'admin'

export const getNetwork = (name: string, o: Signal = {}) => request<Item<'network', NetworkDocument>>(resourcePath(name), o)
/** Every scenario of a network with its document, in one request (`documents=true`). */
export const listScenarioDocuments = (network: string, o: Signal = {}) => request<{ workspace: string; items: Item<'scenario', ScenarioDocument>[] }>(`${resourcePath(network)}/scenarios`, { query: { documents: true }, ...o })
export const putNetwork = (name: string, body: { network: NetworkDocument } & Write) => request<ResourceMeta>(resourcePath(name), { method: 'PUT', body })
export const putScenario = (network: string, name: string, body: { scenario: ScenarioDocument } & Write) => request<ResourceMeta>(resourcePath(network, name), { method: 'PUT', body })

/** History of the resource at `path` (see resourcePath), newest first. */
export const revisions = (path: string, query: { limit?: number; before?: number } = {}, o: Signal = {}) => request<{ revisions: Revision[] }>(`${path}/revisions`, { query, ...o })
export const diff = (path: string, query: { from: number; to?: number }, o: Signal = {}) => request<{ from: number; to: number; diff: Diff }>(`${path}/diff`, { query, ...o })
export const restore = (path: string, body: { revision: Static<typeof RevisionNumber> } & Write) => request<ResourceMeta>(`${path}/restore`, { method: 'POST', body })
export const branch = (path: string, body: { name: Static<typeof Name>; revision?: Static<typeof RevisionNumber>; message?: Static<typeof Message> }) =>
  request<ResourceMeta>(`${path}/branch`, { method: 'POST', body })

export const route = (query: RouteParams, o: Signal = {}) => request<RouteResponse>('/route', { query, ...o })
export const compare = (query: CompareParams, o: Signal = {}) => request<Comparison>('/compare', { query, ...o })
export const report = (query: NetworkParams, o: Signal = {}) => request<CorridorReport>('/report', { query, ...o })
export const cut = (query: NetworkParams, body: CutQuery, o: Signal = {}) => request<CutAnswer>('/cut', { method: 'POST', query, body, ...o })
export const availability = (query: AvailabilityParams, o: Signal = {}) => request<AvailabilityAnswer>('/availability', { query, ...o })
export const startSweep = (query: NetworkParams, body: SweepQuery, o: Signal = {}) => request<Job>('/sweeps', { method: 'POST', query, body, ...o })
/** Demands routed onto the capacities: the gravity model's (`totalGbps`) or, given, a demands document (POST). */
export const flow = (query: FlowParams, demands?: DemandsDocument, o: Signal = {}) =>
  request<FlowResponse>('/flow', demands ? { method: 'POST', query, body: demands, ...o } : { query, ...o })
export const maxflow = (query: MaxflowParams, o: Signal = {}) => request<MaxflowResponse>('/maxflow', { query, ...o })
export const hubs = (query: HubsParams, demands?: DemandsDocument, o: Signal = {}) =>
  request<HubsResponse>('/hubs', demands ? { method: 'POST', query, body: demands, ...o } : { query, ...o })
export const opticalReach = (query: OpticalReachParams, o: Signal = {}) => request<OpticalReachAnswer>('/optical/reach', { query, ...o })
export const opticalSpan = (query: OpticalSpanParams, o: Signal = {}) => request<OpticalSpanAnswer>('/optical/span', { query, ...o })
export const job = (id: string, o: Signal = {}) => request<Job>(`/jobs/${enc(id)}`, o)

/** A finished sweep job's result: `JobSchema.result` is open (one field for every kind), a sweep's is a SweepAnswer. */
export const sweepResult = (finished: Job) => finished.result as SweepAnswer

export type TokenInfo = Static<typeof TokenInfoSchema>
/** Tokens of the workspace (all of them for a global admin), never their secrets. */
export const listTokens = (o: Signal = {}) => request<{ tokens: TokenInfo[] }>('/tokens', o)
/** A new token: its secret is in this answer only. */
export const createToken = (body: { user: string; role: Role; workspace?: string }) => request<{ token: string; info: TokenInfo }>('/tokens', { method: 'POST', body })
export const revokeToken = (id: string) => request<TokenInfo>(`/tokens/${enc(id)}`, { method: 'DELETE' })
