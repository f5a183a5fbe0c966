import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react'
import type { DemandsDocument, FlowResponse, HubsResponse, MaxflowResponse, OpticalReachAnswer } from '../api'
import { errorText, flow, hubs, maxflow, opticalReach, peopleText, useApi } from '../api'
import { DataTable } from '../components/DataTable'
import { ErrorNote } from '../components/ErrorNote'
import { PlotFigure } from '../components/Plot'
import { SimpleField } from '../components/SchemaField'
import { AS_IS, type Workbench, useMapMode, useWorkbench } from '../context'
import { download, fileName } from '../export'
import { PATH_COLORS, countryName, num } from '../format'
import { boundsOf, nodesAlong, pathLine } from '../geo'
import { CUT_COLOR, EMPHASIS_COLOR, type LegendEntry } from '../map/legend'
import type { LinkValue, Overlays, PathOverlay } from '../map/MapView'
import {
  MARGIN_RAMP,
  NO_MARGIN_COLOR,
  OVERLOAD_COLOR,
  RATE_RAMP,
  UNKNOWN_COLOR,
  UNKNOWN_WIDTH_PX,
  UTILISATION_RAMP,
  capacityWidthPx,
  marginColor,
  rateColor,
  utilisationColor,
} from '../map/scales'
import type { FieldInfo } from '../../../src/query/fields'
import { type DemandsFileRead, locateMessage, readDemandsFile } from './demands-file'
import {
  type CapacityForm,
  type FlowForm,
  FLOW_FIELDS,
  HUBS_FIELDS,
  type HubsForm,
  type KeptAnswer,
  MAXFLOW_FIELDS,
  type MaxflowForm,
  type OpticalForm,
  TRAFFIC_VIEWS,
  TRAFFIC_VIEW_LABELS,
  type TrafficState,
  type TrafficTarget,
  type TrafficView,
  asksOnShow,
  flowParams,
  formatTraffic,
  maxflowParams,
  parseTraffic,
} from './traffic-state'
import { flowLinkText, opticalLinkText } from './traffic-text'

/**
 * Traffic on the map: demands routed onto the capacities (links coloured by utilisation, wide by capacity),
 * max-flow between two node sets with its minimum cut, transit shares before and after, and the optical
 * layer's best rate and margin per link. Every form field is read from the question's schema (src/traffic/queries.ts),
 * and the view shown with its form is in the address (./traffic-state.ts): a reload or a shared link asks again.
 * Each view's last answer is kept while the tab is open, so switching views and back asks nothing (`asksOnShow`).
 */

const fieldOf = (fields: readonly FieldInfo[], name: string) => fields.find((f) => f.name === name) as FieldInfo

const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`)
const toggle = (list: readonly string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value])

/** Each view's kept answer; the flow view keeps its demands file too (a file is not in the address). */
interface KeptAnswers {
  flow: KeptAnswer<FlowResponse> & { file?: DemandsFileChoice }
  maxflow: KeptAnswer<MaxflowResponse>
  hubs: KeptAnswer<HubsResponse[]>
  optical: KeptAnswer<OpticalReachAnswer>
}

export default function TrafficPanel() {
  const wb = useWorkbench()
  // Read from the address once, when the tab opens; from then on the address follows the forms.
  const [state, setState] = useState<TrafficState>(() => parseTraffic(wb.tabParams))
  const { view } = state
  // The view the address opened, until the user picks another: only it may ask at once.
  const [addressView, setAddressView] = useState<TrafficView | undefined>(view)
  const [kept] = useState<KeptAnswers>(() => ({ flow: {}, maxflow: {}, hubs: {}, optical: {} }))
  const written = formatTraffic(state)
  const latest = useRef(wb)
  latest.current = wb
  useEffect(() => {
    if (written !== latest.current.tabParams) latest.current.setTabParams(written)
  }, [written])
  const setForm = <K extends 'flow' | 'maxflow' | 'hubs' | 'optical'>(key: K) => (form: TrafficState[K]) => setState((s) => ({ ...s, [key]: form }))
  const show = (id: TrafficView) => {
    setAddressView(undefined)
    setState((s) => ({ ...s, view: id }))
  }
  return (
    <div>
      <h2>Traffic and capacity</h2>
      <div className="row tight" role="group" aria-label="Traffic view">
        {TRAFFIC_VIEWS.map((id) => (
          <button key={id} type="button" className={view === id ? 'active small' : 'secondary small'} aria-pressed={view === id} onClick={() => show(id)}>
            {TRAFFIC_VIEW_LABELS[id]}
          </button>
        ))}
      </div>
      {view === 'flow' && <FlowView form={state.flow} setForm={setForm('flow')} kept={kept.flow} fromAddress={addressView === 'flow'} />}
      {view === 'maxflow' && <MaxflowView form={state.maxflow} setForm={setForm('maxflow')} kept={kept.maxflow} fromAddress={addressView === 'maxflow'} />}
      {view === 'hubs' && <HubsView form={state.hubs} setForm={setForm('hubs')} kept={kept.hubs} fromAddress={addressView === 'hubs'} />}
      {view === 'optical' && <OpticalView form={state.optical} setForm={setForm('optical')} kept={kept.optical} fromAddress={addressView === 'optical'} />}
    </div>
  )
}

/**
 * A view's request with its answer kept by the panel (`kept`, written when an answer or an error arrives), so the
 * view shows it again when it comes back; `askedFor` is the question the shown answer is for (the out-of-date
 * note), `lastAsked` the last question asked (`asksOnShow`).
 */
function useKeptApi<T, A extends unknown[]>(kept: KeptAnswer<T>, request: (signal: AbortSignal, ...args: A) => Promise<T>) {
  const call = useApi(async (signal: AbortSignal, key: string, ...args: A) => {
    try {
      const data = await request(signal, ...args)
      if (!signal.aborted) Object.assign(kept, { key, data, error: undefined })
      return data
    } catch (error) {
      if (!signal.aborted) Object.assign(kept, { key, data: undefined, error })
      throw error
    }
  }, kept)
  const [askedFor, setAskedFor] = useState(kept.key)
  const lastAsked = useRef(kept.key)
  const ask = (key: string, ...args: A) => {
    lastAsked.current = key
    setAskedFor(key)
    return call.run(key, ...args)
  }
  return { data: call.data, error: call.error, busy: call.busy, askedFor, lastAsked, ask }
}

/** The panel's overlays while a view is shown; cleared when it is left. */
function useTrafficOverlays(wb: Workbench, overlays: Partial<Overlays> | undefined, deps: unknown[]) {
  useEffect(() => {
    wb.setOverlays('traffic', overlays)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => () => wb.setOverlays('traffic', undefined), [])
}

/** The network selectors every traffic question is asked with: the stored network and the scenario shown. */
const target = (wb: Workbench): TrafficTarget => ({ network: wb.loaded.networkName, scenario: wb.scenario })

const scenarioLabel = (wb: Workbench, name: string) => (name === AS_IS ? 'the network as stored' : wb.loaded.scenarios.find((s) => s.name === name)?.document.title ?? name)

/**
 * A demands file chosen from the computer, CSV (`from,to,gbps[,year,class]`) or silkway demands JSON, read here
 * with the CLI's reader (./demands-file.ts): a broken row is refused with its line; the server then resolves
 * the nodes (its messages are pointed back at the file's lines).
 */
function DemandsFile({ onLoad }: { onLoad(read: DemandsFileRead | undefined): void }) {
  return (
    <label className="field">
      <span>Demands file (CSV from,to,gbps[,year,class] or silkway demands JSON)</span>
      <input
        type="file"
        accept=".csv,text/csv,.json,application/json"
        onChange={async (e) => {
          const file = e.target.files?.[0]
          onLoad(file ? readDemandsFile(file.name, await file.text()) : undefined)
        }}
      />
    </label>
  )
}

type FlowDemand = FlowResponse['demands'][number]

/** The demands file chosen, and how many were chosen (a new file is a new question). */
type DemandsFileChoice = { read?: DemandsFileRead; seq: number }

/** What every view gets from the panel: its form, its kept answer, and whether the address opened it. */
interface ViewProps<F, K> {
  form: F
  setForm(form: F): void
  kept: K
  fromAddress: boolean
}

function FlowView({ form, setForm, kept, fromAddress }: ViewProps<FlowForm, KeptAnswers['flow']>) {
  const wb = useWorkbench()
  const { network } = wb
  const source = form.demands
  const [file, setFile] = useState<DemandsFileChoice>(kept.file ?? { seq: 0 })
  const chooseFile = (read: DemandsFileRead | undefined) => {
    const next = { read, seq: file.seq + 1 }
    kept.file = next
    setFile(next)
  }
  const setDemandId = (demand: string | undefined) => {
    const { demand: _, ...rest } = form
    setForm(demand ? { ...rest, demand } : rest)
  }
  const { data: answer, error, busy, askedFor, lastAsked, ask: request } = useKeptApi(kept, (signal, query: Parameters<typeof flow>[0], demands?: DemandsDocument) => flow(query, demands, { signal }))
  /** The demand chosen (from the address too), once the answer has it: an id it lacks chooses nothing. */
  const demandId = form.demand !== undefined && answer?.demands.some((d) => d.id === form.demand) ? form.demand : undefined
  const doc = source === 'file' && file.read?.ok ? file.read.doc : undefined
  const ready = source === 'gravity' ? form.totalGbps !== undefined && form.totalGbps > 0 : doc !== undefined
  const query = flowParams(target(wb), form)
  /** The question as asked: when the form (or the file) differs from the one the answer is for, the answer is out of date. */
  const key = `${JSON.stringify(query)}|${source === 'file' ? file.seq : ''}`
  const ask = (keepDemand = false) => {
    if (!ready) return
    if (!keepDemand && form.demand) setDemandId(undefined)
    request(key, query, doc)
  }
  // The view opened from the address (a reload, a shared link) asks at once, keeping the demand chosen; a
  // demands file is not in the address and must be chosen again. Shown again after another view, it keeps its answer.
  useEffect(() => {
    if (asksOnShow('flow', fromAddress, lastAsked.current, key)) ask(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const stale = askedFor !== undefined && askedFor !== key && answer !== undefined && !busy
  useMapMode({ kind: 'idle' })

  const names = useLinkNames(wb)
  const linkName = (id: string) => names.get(id) ?? id
  const selectedLink = wb.selection?.type === 'link' && answer?.links.some((l) => l.id === wb.selection?.id) ? wb.selection.id : undefined
  /** The demands shown on the map: the one chosen in the table, else those over the link selected on the map. */
  const shownDemands = useMemo(() => {
    if (!answer) return []
    if (demandId) return answer.demands.filter((d) => d.id === demandId)
    if (selectedLink) return answer.demands.filter((d) => d.paths.some((p) => p.links.includes(selectedLink))).sort((a, b) => b.routedGbps - a.routedGbps)
    return []
  }, [answer, demandId, selectedLink])
  const drawnPaths = useMemo(() => {
    const out: (PathOverlay & { demand: string; gbps: number; oneWayMs: number | null })[] = []
    shownDemands.slice(0, 8).forEach((d, di) =>
      d.paths.forEach((p, pi) =>
        out.push({ line: pathLine(nodesAlong(d.from, p.links, network), p.links, network, wb.layers.lines), color: PATH_COLORS[di % PATH_COLORS.length], width: 4, dashed: pi > 0, label: `${demandName(wb, d)} · ${num(p.gbps, 1)} Gbit/s · ${num(p.oneWayMs, 1)} ms`, demand: d.id, gbps: p.gbps, oneWayMs: p.oneWayMs }),
      ),
    )
    return out
    // What the paths read, not the whole workbench: it is a new object on every form edit (the forms live in the
    // address), and new paths would re-tile them and fit the map again at each keystroke.
  }, [shownDemands, network, wb.layers.lines, wb.nodeById])

  const links = useMemo<LinkValue[]>(
    () => (answer?.links ?? []).map((l) => ({ id: l.id, color: utilisationColor(l.utilisation), widthPx: capacityWidthPx(l.capacityGbps), dashed: l.capacityGbps === null, text: flowLinkText(l) })),
    [answer],
  )
  useTrafficOverlays(
    wb,
    answer ? { links, paths: drawnPaths, legend: utilisationLegend(answer), ...(demandId && drawnPaths.length ? { fit: boundsOf(drawnPaths.flatMap((p) => p.line)) } : {}) } : undefined,
    [answer, links, drawnPaths],
  )

  const geojson = () => ({
    type: 'FeatureCollection',
    features: (answer?.links ?? []).flatMap((l) => {
      const line = wb.layers.lines.get(l.id)
      return line ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { id: l.id, name: linkName(l.id), loadGbps: l.loadGbps, capacityGbps: l.capacityGbps, capacityMethod: l.capacityMethod, utilisation: l.utilisation } }] : []
    }),
    properties: answer && { routing: answer.routing, scenario: answer.scenario, maxUtilisation: answer.maxUtilisation, totals: answer.totals },
  })
  const unrouted = answer?.demands.filter((d) => !d.fits) ?? []
  const demandColumns = [
    { header: 'from', value: (d: FlowDemand) => wb.nodeById.get(d.from)?.name ?? d.from },
    { header: 'to', value: (d: FlowDemand) => wb.nodeById.get(d.to)?.name ?? d.to },
    { header: 'Gbit/s', value: (d: FlowDemand) => d.gbps, render: (d: FlowDemand) => num(d.gbps, 1), numeric: true },
    { header: 'routed', value: (d: FlowDemand) => d.routedGbps, render: (d: FlowDemand) => num(d.routedGbps, 1), numeric: true },
    { header: 'unrouted', value: (d: FlowDemand) => d.unroutedGbps, render: (d: FlowDemand) => num(d.unroutedGbps, 1), numeric: true },
    { header: 'one-way ms', value: (d: FlowDemand) => d.paths[0]?.oneWayMs ?? null, render: (d: FlowDemand) => num(d.paths[0]?.oneWayMs, 1), numeric: true },
  ]

  return (
    <section aria-label="Flow">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          ask()
        }}
      >
        <fieldset>
          <legend>Demands</legend>
          <label className="check">
            <input type="radio" name="demands" checked={source === 'gravity'} onChange={() => setForm({ ...form, demands: 'gravity' })} /> gravity model over the network's cities
          </label>
          <label className="check">
            <input type="radio" name="demands" checked={source === 'file'} onChange={() => setForm({ ...form, demands: 'file' })} /> a demands file
          </label>
          {source === 'gravity' ? (
            <SimpleField field={fieldOf(FLOW_FIELDS, 'totalGbps')} value={form.totalGbps} onChange={(v) => setForm({ ...form, totalGbps: v as number | undefined })} />
          ) : (
            <DemandsFile onLoad={chooseFile} />
          )}
          {source === 'gravity' && <p className="muted small">No public figure of the corridor's total demand is in the project's sources: give the total you plan for.</p>}
          {source === 'file' && !file.read && <p className="muted small">A file is not kept in the page's address: choose it (again) to route its demands.</p>}
          {source === 'file' && file.read && !file.read.ok && <p role="alert" className="error">{file.read.error}</p>}
          {source === 'file' && file.read?.ok && <p className="muted small">{file.read.name}: {file.read.doc.demands.length} demands ({file.read.format === 'csv' ? 'CSV' : 'JSON'}).</p>}
        </fieldset>
        <div className="row">
          {(['routing', 'capacity', 'metric'] as const).map((name) => (
            <SimpleField key={name} field={fieldOf(FLOW_FIELDS, name)} value={form[name]} onChange={(v) => setForm({ ...form, [name]: v as string })} />
          ))}
        </div>
        <CapacityFields fields={FLOW_FIELDS} value={form} onChange={(change) => setForm({ ...form, ...change })} />
        <p className="muted small">Scenario: {scenarioLabel(wb, wb.scenario)} (the selector at the top).</p>
        <button type="submit" disabled={busy || !ready}>{busy ? 'Routing the demands…' : 'Route the demands'}</button>
      </form>
      {busy && <p role="status" className="stale-note">Routing the demands onto the capacities{form.routing === 'optimal' ? ' (the LP can take a while)' : ''}…</p>}
      {stale && <p role="status" className="stale-note">Out of date: the form or the scenario changed since these demands were routed. <b>Route the demands</b> to update.</p>}
      {error && !busy && <ErrorNote error={error} text={source === 'file' && file.read?.ok ? locateMessage(errorText(error), file.read.locate) : undefined} />}
      {answer && !(error && !busy) && (
        <div className={`result${busy || stale ? ' stale' : ''}`} aria-busy={busy}>
          <p className="small" aria-label="Flow summary">
            <b>Max utilisation {pct(answer.maxUtilisation)}</b> · routed {num(answer.totals.routedGbps)} of {num(answer.totals.demandGbps)} Gbit/s
            {answer.totals.unroutedGbps > 0 ? ` · ${num(answer.totals.unroutedGbps)} Gbit/s unrouted` : ''} · {answer.overloadedLinks.length} links overloaded · {answer.routing}
            {answer.solver ? ` (HiGHS ${answer.solver.status}${answer.solver.gap !== null ? `, gap ${pct(answer.solver.gap, 2)}` : ''})` : ''}
            {answer.demandScale !== 1 ? ` · every demand × ${num(answer.demandScale, 3)}` : ''}
          </p>
          {answer.capacity.unknownLinks.length > 0 && (
            <p className="small" role="note">
              {answer.capacity.unknownLinks.length} links have no published capacity ({answer.capacity.unknown === 'uncapacitated' ? 'they carry traffic without a limit' : 'they carry nothing'}); drawn grey and dashed:{' '}
              {answer.capacity.unknownLinks.slice(0, 6).map(linkName).join(', ')}
              {answer.capacity.unknownLinks.length > 6 ? ` and ${answer.capacity.unknownLinks.length - 6} more` : ''}.
            </p>
          )}
          <div className="exports">
            <button type="button" className="secondary small" onClick={() => download(fileName(`flow ${answer.routing} ${answer.scenario ?? ''}`, 'geojson'), JSON.stringify(geojson(), null, 1), 'application/geo+json')}>
              GeoJSON of the flow
            </button>
          </div>
          {drawnPaths.length > 0 && (
            <section aria-label="Demand paths drawn">
              <h3>{demandId ? 'The demand’s paths' : `Demands over ${linkName(selectedLink ?? '')}`}</h3>
              <DataTable
                label="Demand paths"
                columns={[
                  { header: 'path', value: (p: (typeof drawnPaths)[number]) => p.label ?? '', render: (p) => <><i className="sw swatch" style={{ background: p.color }} /> {p.label}</> },
                  { header: 'Gbit/s', value: (p) => p.gbps, render: (p) => num(p.gbps, 1), numeric: true },
                  { header: 'one-way ms', value: (p) => p.oneWayMs, render: (p) => num(p.oneWayMs, 1), numeric: true },
                ]}
                rows={drawnPaths}
                rowKey={(p) => `${p.demand}-${p.label}`}
              />
              {shownDemands.length > 8 && <p className="muted small">The 8 largest of {shownDemands.length} demands over the link are drawn.</p>}
              {demandId && <button type="button" className="link" onClick={() => setDemandId(undefined)}>Clear the demand</button>}
            </section>
          )}
          {!demandId && !selectedLink && <p className="muted small">Click a link on the map, or a demand in the table, to draw its demands' paths.</p>}
          <h3>Demands that do not fit ({unrouted.length})</h3>
          {unrouted.length === 0 ? (
            <p className="small">Every demand is routed in full, over no overloaded link.</p>
          ) : (
            <DataTable label="Demands that do not fit" columns={demandColumns} rows={unrouted} rowKey={(d) => d.id} sort={{ by: 'unrouted', descending: true }} limit={20} selected={demandId} onRow={(d) => setDemandId(d.id)} />
          )}
          <h3>All demands</h3>
          <DataTable label="Demands" columns={demandColumns} rows={answer.demands} rowKey={(d) => d.id} sort={{ by: 'Gbit/s', descending: true }} filterable limit={15} selected={demandId} onRow={(d) => setDemandId(d.id)} />
          <h3>Links by utilisation</h3>
          <DataTable
            label="Link loads"
            columns={[
              { header: 'link', value: (l: FlowResponse['links'][number]) => linkName(l.id) },
              { header: 'load Gbit/s', value: (l) => l.loadGbps, render: (l) => num(l.loadGbps, 1), numeric: true },
              { header: 'capacity Gbit/s', value: (l) => l.capacityGbps, render: (l) => (l.capacityGbps === null ? 'unknown' : num(l.capacityGbps)), numeric: true },
              { header: 'utilisation', value: (l) => l.utilisation, render: (l) => pct(l.utilisation, 1), numeric: true },
              { header: 'capacity from', value: (l) => l.capacityMethod },
            ]}
            rows={answer.links}
            rowKey={(l) => l.id}
            sort={{ by: 'utilisation', descending: true }}
            filterable
            limit={15}
            selected={selectedLink}
            onRow={(l) => wb.show({ type: 'link', id: l.id }, true)}
          />
          {answer.warnings.map((w) => (
            <p key={w} className="muted small">⚠ {w}</p>
          ))}
        </div>
      )}
    </section>
  )
}

/**
 * The capacity uniform to every link (with the uniform basis), what links of unknown capacity do and the
 * capacity assumed for them: the schema's `uniformGbps`, `unknown` and `defaultGbps`.
 */
function CapacityFields<V extends CapacityForm>({ fields, value, onChange }: { fields: readonly FieldInfo[]; value: V; onChange(change: Partial<V>): void }) {
  const uniform = fieldOf(fields, 'uniformGbps')
  return (
    <div className="row">
      {value.capacity === 'uniform' && <SimpleField field={{ ...uniform, description: peopleText(uniform.description) }} value={value.uniformGbps} onChange={(v) => onChange({ uniformGbps: v as number | undefined } as Partial<V>)} />}
      <SimpleField field={fieldOf(fields, 'unknown')} value={value.unknown} onChange={(v) => onChange({ unknown: String(v) } as Partial<V>)} />
      <SimpleField field={fieldOf(fields, 'defaultGbps')} value={value.defaultGbps} onChange={(v) => onChange({ defaultGbps: v as number | undefined } as Partial<V>)} />
    </div>
  )
}

/** Links as people name them: by name, else by their ends ("Baku – Ganja"). */
function useLinkNames(wb: Workbench): ReadonlyMap<string, string> {
  return useMemo(() => new Map(wb.network.links.map((l) => [l.id, l.name ?? `${wb.nodeById.get(l.a)?.name ?? l.a} – ${wb.nodeById.get(l.b)?.name ?? l.b}`])), [wb.network, wb.nodeById])
}

const demandName = (wb: Workbench, d: FlowDemand) => `${wb.nodeById.get(d.from)?.name ?? d.from} – ${wb.nodeById.get(d.to)?.name ?? d.to}`

/** The legend of the utilisation colours and capacity widths, with only the marks the answer draws. */
export function utilisationLegend(answer: Pick<FlowResponse, 'links' | 'capacity'>): LegendEntry[] {
  const out: LegendEntry[] = [{ id: 'utilisation', label: 'utilisation', swatch: { kind: 'ramp', stops: UTILISATION_RAMP, from: '0', to: '100 %' } }]
  if (answer.links.some((l) => l.utilisation !== null && l.utilisation > 1 + 1e-9)) out.push({ id: 'overload', label: 'overloaded (load > capacity)', swatch: { kind: 'line', color: OVERLOAD_COLOR, width: 4 } })
  if (answer.capacity.unknownLinks.length > 0) out.push({ id: 'capacity-unknown', label: answer.capacity.unknown === 'uncapacitated' ? 'capacity unknown (no limit applied)' : 'capacity unknown (carries nothing)', swatch: { kind: 'line', color: UNKNOWN_COLOR, width: UNKNOWN_WIDTH_PX, dash: [1.5, 1.2] } })
  out.push({ id: 'capacity-width', label: 'wider: more capacity (×10 per step)', swatch: { kind: 'line', color: '#555', width: 6 } })
  return out
}

function MaxflowView({ form, setForm, kept, fromAddress }: ViewProps<MaxflowForm, KeptAnswers['maxflow']>) {
  const wb = useWorkbench()
  const { fromSet, toSet, avoidCountry: avoid } = form
  const countries = useMemo(() => [...new Set(wb.network.nodes.flatMap((n) => (n.country ? [n.country] : [])))].sort(), [wb.network])
  const names = useLinkNames(wb)
  const query = maxflowParams(target(wb), form)
  const key = JSON.stringify(query)
  const { data: answer, error, busy, askedFor, lastAsked, ask } = useKeptApi(kept, (signal, q: typeof query) => maxflow(q, { signal }))
  const run = () => {
    if (!fromSet.trim() || !toSet.trim()) return
    ask(key, query)
  }
  // Opened from the address (a reload, a shared link) with its question: the answer at once; otherwise, and
  // after a change, the button asks. Shown again after another view, it keeps its answer.
  useEffect(() => {
    if (asksOnShow('maxflow', fromAddress, lastAsked.current, key)) run()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const stale = askedFor !== undefined && askedFor !== key && answer !== undefined && !busy
  useMapMode({ kind: 'idle' })
  // Unbounded: the path of links of unknown capacity that joins the sets is emphasised instead of a cut.
  const unboundedLegend: LegendEntry[] = [{ id: 'unbounded-path', label: 'links of unknown capacity joining the sets', swatch: { kind: 'line', color: EMPHASIS_COLOR, width: 6 } }]
  useTrafficOverlays(
    wb,
    answer ? { cut: answer.cut.map((c) => c.id), emphasis: answer.unboundedPath ?? [], shade: avoid, ...(answer.unbounded ? { legend: unboundedLegend } : {}) } : avoid.length ? { shade: avoid } : undefined,
    [answer, avoid],
  )
  const setField = (name: string) => fieldOf(MAXFLOW_FIELDS, name)
  type Cut = MaxflowResponse['cut'][number]
  return (
    <section aria-label="Max-flow">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          run()
        }}
      >
        <label className="field">
          <span>From: {setField('fromSet').description}</span>
          <input name="fromSet" value={fromSet} onChange={(e) => setForm({ ...form, fromSet: e.target.value })} />
        </label>
        <label className="field">
          <span>To: {setField('toSet').description}</span>
          <input name="toSet" value={toSet} onChange={(e) => setForm({ ...form, toSet: e.target.value })} />
        </label>
        <SimpleField field={setField('capacity')} value={form.capacity} onChange={(v) => setForm({ ...form, capacity: String(v) })} />
        <CapacityFields fields={MAXFLOW_FIELDS} value={form} onChange={(change) => setForm({ ...form, ...change })} />
        <details>
          <summary>Avoid countries {avoid.length > 0 && `(${avoid.length})`}</summary>
          <div className="checks" role="group" aria-label="Avoid countries">
            {countries.map((c) => (
              <label key={c} className="check" title={countryName(c)}>
                <input type="checkbox" name="avoidCountry" value={c} checked={avoid.includes(c)} onChange={() => setForm({ ...form, avoidCountry: toggle(avoid, c) })} /> {countryName(c)}
              </label>
            ))}
          </div>
        </details>
        <p className="muted small">Scenario: {scenarioLabel(wb, wb.scenario)}.</p>
        <button type="submit" disabled={busy || !fromSet.trim() || !toSet.trim()}>{busy ? 'Finding the bottleneck…' : 'Find the maximum flow'}</button>
      </form>
      {stale && <p role="status" className="stale-note">Out of date: the form or the scenario changed since. <b>Find the maximum flow</b> to update.</p>}
      {error && !busy && <ErrorNote error={error} />}
      {answer && !(error && !busy) && (
        <div className={`result${busy || stale ? ' stale' : ''}`} aria-busy={busy}>
          <p aria-label="Max-flow summary">
            {answer.unbounded ? (
              <>
                <b>Unbounded: a path of links of unknown capacity joins the two sets</b> (yellow):{' '}
                {(answer.unboundedPath ?? []).map((id) => names.get(id) ?? id).join(' → ')}. Give a capacity to links without one, or leave them out, to find the bottleneck.
              </>
            ) : (
              <>
                <b>{num(answer.valueGbps)} Gbit/s</b> in each direction between {answer.from.nodes.length} and {answer.to.nodes.length} nodes; the bottleneck is {answer.cut.length} links (red)
                {answer.cutCountries.length ? `, crossing ${answer.cutCountries.map(countryName).join(', ')}` : ''}.
              </>
            )}
          </p>
          {(answer.from.excluded.length > 0 || answer.to.excluded.length > 0) && <p className="muted small">Left out by the constraints: {[...answer.from.excluded, ...answer.to.excluded].map((id) => wb.nodeById.get(id)?.name ?? id).join(', ')}.</p>}
          <DataTable
            label="Minimum cut"
            columns={[
              { header: 'link', value: (c: Cut) => names.get(c.id) ?? c.name ?? c.id, render: (c) => <><i className="sw swatch" style={{ background: CUT_COLOR }} /> {names.get(c.id) ?? c.name ?? c.id}</> },
              { header: 'capacity Gbit/s', value: (c) => c.capacityGbps, render: (c) => num(c.capacityGbps), numeric: true },
              { header: 'capacity from', value: (c) => c.capacityMethod },
              { header: 'operators', value: (c) => c.operators.join('; ') },
              { header: 'countries', value: (c) => c.countries.join(' ') },
            ]}
            rows={answer.cut}
            rowKey={(c) => c.id}
            sort={{ by: 'capacity Gbit/s', descending: true }}
            onRow={(c) => wb.show({ type: 'link', id: c.id }, true)}
          />
          {answer.warnings.map((w) => (
            <p key={w} className="muted small">⚠ {w}</p>
          ))}
        </div>
      )}
    </section>
  )
}

type ShareRow = { country: string; scenario: string; share: number; gbps: number }

function HubsView({ form, setForm, kept, fromAddress }: ViewProps<HubsForm, KeptAnswers['hubs']>) {
  const wb = useWorkbench()
  const names = wb.loaded.scenarios.map((s) => s.name)
  const known = (name: string | undefined) => name !== undefined && (name === AS_IS || names.includes(name))
  const defaults = { before: names.includes('baseline-2022') ? 'baseline-2022' : names[0] ?? AS_IS, after: names.includes('digital-silk-way') ? 'digital-silk-way' : wb.loaded.defaultScenario }
  // A scenario the address names that this network lacks gives the default.
  const before = known(form.before) ? (form.before as string) : defaults.before
  const after = known(form.after) ? (form.after as string) : defaults.after
  const { routing } = form
  /** A choice equal to the default is left out of the address. */
  const choose = (side: 'before' | 'after') => (value: string) => {
    const { [side]: _, ...rest } = form
    setForm(value === defaults[side] ? rest : { ...rest, [side]: value })
  }
  const setBefore = choose('before')
  const setAfter = choose('after')
  const setRouting = (value: string) => setForm({ ...form, routing: value })
  const { data, error, busy, lastAsked, ask } = useKeptApi(kept, (signal) =>
    Promise.all([before, after].map((scenario) => hubs({ network: wb.loaded.networkName, scenario, routing: routing as never, top: 5 }, undefined, { signal }))),
  )
  // The question is the selections: asked when shown or changed, unless it is the one whose answer is kept.
  const key = JSON.stringify([wb.loaded.networkName, before, after, routing])
  useEffect(() => {
    if (asksOnShow('hubs', fromAddress, lastAsked.current, key)) ask(key)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  useMapMode({ kind: 'idle' })
  useTrafficOverlays(wb, undefined, [])
  const rows = useMemo<ShareRow[]>(() => {
    if (!data) return []
    const labels = [scenarioLabel(wb, before), scenarioLabel(wb, after)]
    return data.flatMap((answer, i) => answer.countries.map((c) => ({ country: c.country, scenario: labels[i], share: c.europeAsiaShare ?? c.transitShare, gbps: c.europeAsiaGbps })))
  }, [data, before, after, wb.loaded])
  const top = useMemo(() => {
    const best = new Map<string, number>()
    for (const r of rows) best.set(r.country, Math.max(best.get(r.country) ?? 0, r.share))
    return [...best].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c]) => c)
  }, [rows])
  const chosen = (value: string, set: (v: string) => void, label: string) => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        {wb.loaded.scenarios.map((s) => (
          <option key={s.name} value={s.name}>{s.document.title ?? s.name}</option>
        ))}
        <option value={AS_IS}>Network as stored</option>
      </select>
    </label>
  )
  type Country = HubsResponse['countries'][number]
  type NodeRow = HubsResponse['nodes'][number] & { scenario: string }
  return (
    <section aria-label="Hubs">
      <div className="row">
        {chosen(before, setBefore, 'Before')}
        {chosen(after, setAfter, 'After')}
        <SimpleField field={fieldOf(HUBS_FIELDS, 'routing')} value={routing} onChange={(v) => setRouting(String(v))} />
      </div>
      <p className="muted small">Shares of the gravity model's Europe–Asia demand (city populations; a share does not depend on the total) whose paths cross each country without starting or ending there.</p>
      {busy && <p role="status" className="stale-note">Routing the demands in both scenarios…</p>}
      {error && !busy && <ErrorNote error={error} />}
      {data && !(error && !busy) && (
        <div className={`result${busy ? ' stale' : ''}`} aria-busy={busy}>
          <PlotFigure
            label="Transit share of the Europe–Asia demand per country, before and after"
            deps={[rows, top]}
            make={(Plot, width) => {
              const labels = [scenarioLabel(wb, before), scenarioLabel(wb, after)]
              return Plot.plot({
                width,
                height: 36 * top.length + 70,
                marginLeft: 110,
                x: { label: 'share of the Europe–Asia demand in transit (%)', grid: true, percent: true },
                fy: { label: null, domain: top.map(countryName), axis: 'left' },
                y: { axis: null, domain: labels },
                color: { domain: labels, range: ['#999999', '#0072b2'], legend: true },
                marks: [Plot.barX(rows.filter((r) => top.includes(r.country)), { x: 'share', y: 'scenario', fy: (r: ShareRow) => countryName(r.country), fill: 'scenario', tip: true }), Plot.ruleX([0])],
              })
            }}
          />
          <DataTable
            label="Transit share per country"
            columns={[
              { header: 'country', value: (c: Country & { before?: Country }) => countryName(c.country) },
              { header: `before (${before})`, value: (c) => c.before?.europeAsiaShare ?? null, render: (c) => pct(c.before?.europeAsiaShare, 1), numeric: true },
              { header: `after (${after})`, value: (c) => c.europeAsiaShare, render: (c) => pct(c.europeAsiaShare, 1), numeric: true },
              { header: 'after, share of all demand', value: (c) => c.transitShare, render: (c) => pct(c.transitShare, 1), numeric: true },
            ]}
            rows={mergeCountries(data[0], data[1])}
            rowKey={(c) => c.country}
            sort={{ by: `after (${after})`, descending: true }}
            limit={12}
          />
          <h3>Top nodes by betweenness</h3>
          <DataTable
            label="Top nodes"
            columns={[
              { header: 'scenario', value: (n: NodeRow) => n.scenario },
              { header: 'node', value: (n) => n.name },
              { header: 'country', value: (n) => n.country ?? '' },
              { header: 'betweenness', value: (n) => n.normalised, render: (n) => num(n.normalised, 3), numeric: true },
            ]}
            rows={data.flatMap((a, i) => a.nodes.map((n) => ({ ...n, scenario: [before, after][i] })))}
            rowKey={(n) => `${n.scenario}-${n.id}`}
            onRow={(n) => wb.show({ type: 'node', id: n.id }, true)}
          />
          {data.flatMap((a) => a.warnings).map((w) => (
            <p key={w} className="muted small">⚠ {w}</p>
          ))}
        </div>
      )}
    </section>
  )
}

/** The after scenario's countries with the before scenario's row beside each (and countries only before). */
function mergeCountries(before: HubsResponse, after: HubsResponse) {
  const was = new Map(before.countries.map((c) => [c.country, c]))
  const rows = after.countries.map((c) => ({ ...c, before: was.get(c.country) }))
  for (const c of before.countries) if (!after.countries.some((a) => a.country === c.country)) rows.push({ country: c.country, transitShare: 0, transitGbps: 0, europeAsiaShare: 0, europeAsiaGbps: 0, before: c })
  return rows
}

type ReachRow = OpticalReachAnswer['links'][number]

const LinkOptics = lazy(() => import('./LinkOptics'))

function OpticalView({ form, setForm, kept, fromAddress }: ViewProps<OpticalForm, KeptAnswers['optical']>) {
  const wb = useWorkbench()
  const { colour } = form
  const setColour = (value: OpticalForm['colour']) => setForm({ colour: value })
  const { data: answer, error, busy, lastAsked, ask } = useKeptApi(kept, (signal) => opticalReach(target(wb), { signal }))
  // The question is the network and scenario shown (the colouring is drawn here): asked when shown or changed, unless kept.
  const key = JSON.stringify(target(wb))
  useEffect(() => {
    if (asksOnShow('optical', fromAddress, lastAsked.current, key)) ask(key)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  useMapMode({ kind: 'idle' })
  const rates = useMemo(() => [...new Set((answer?.links ?? []).map((l) => l.rateGbps))], [answer])
  const links = useMemo<LinkValue[]>(
    () =>
      (answer?.links ?? []).map((l) => ({
        id: l.linkId,
        color: !l.designed ? marginColor(null) : colour === 'margin' ? marginColor(l.marginDb) : rateColor(l.rateGbps, rates),
        widthPx: 4,
        dashed: !l.designed,
        text: opticalLinkText(l),
      })),
    [answer, colour, rates],
  )
  const legend = useMemo<LegendEntry[]>(() => {
    const out: LegendEntry[] =
      colour === 'margin'
        ? [{ id: 'margin', label: 'optical margin of the best mode', swatch: { kind: 'ramp', stops: MARGIN_RAMP, from: '0', to: '6+ dB' } }, { id: 'no-margin', label: 'no mode closes (margin < 0 dB)', swatch: { kind: 'line', color: NO_MARGIN_COLOR, width: 4 } }]
        : [
            { id: 'rate', label: 'best rate per wavelength', swatch: { kind: 'ramp', stops: RATE_RAMP, from: `${Math.min(...rates.filter((r) => r > 0))}G`, to: `${Math.max(...rates)}G` } },
            { id: 'no-rate', label: 'no mode closes', swatch: { kind: 'line', color: NO_MARGIN_COLOR, width: 4 } },
          ]
    if (answer?.links.some((l) => !l.designed)) out.push({ id: 'not-designed', label: 'line not designed (no amplifier fits)', swatch: { kind: 'line', color: UNKNOWN_COLOR, width: 4, dash: [1.5, 1.2] } })
    return out
  }, [colour, rates, answer])
  useTrafficOverlays(wb, answer ? { links, legend } : undefined, [answer, links, legend])
  const names = useLinkNames(wb)
  const linkName = (id: string) => names.get(id) ?? id
  const selected = wb.selection?.type === 'link' ? wb.network.links.find((l) => l.id === wb.selection?.id) : undefined
  return (
    <section aria-label="Optical">
      <div className="row tight" role="group" aria-label="Colour the links by">
        <label className="check">
          <input type="radio" name="optical-colour" checked={colour === 'rate'} onChange={() => setColour('rate')} /> best feasible rate
        </label>
        <label className="check">
          <input type="radio" name="optical-colour" checked={colour === 'margin'} onChange={() => setColour('margin')} /> optical margin
        </label>
      </div>
      <p className="muted small">Each link alone, ROADM to ROADM, at full load on its designed line (the built-in equipment library). Click a link (map or table) for its span diagram.</p>
      {busy && <p role="status" className="stale-note">Designing every line and propagating each mode…</p>}
      {error && !busy && <ErrorNote error={error} />}
      {answer && !(error && !busy) && (
        <div className={`result${busy ? ' stale' : ''}`} aria-busy={busy}>
          <p className="small" aria-label="Optical summary">
            Transceiver {answer.transceiverId}: {answer.links.filter((l) => l.rateGbps > 0).length} of {answer.links.length} links close at some rate; {answer.links.filter((l) => !l.designed).length} lines not designed.
          </p>
          <DataTable
            label="Optical reach per link"
            columns={[
              { header: 'link', value: (l: ReachRow) => linkName(l.linkId) },
              { header: 'km', value: (l) => l.lengthKm, render: (l) => num(l.lengthKm), numeric: true },
              { header: 'spans', value: (l) => l.spans, numeric: true },
              { header: 'best mode', value: (l) => l.modeId ?? (l.designed ? 'none closes' : 'not designed') },
              { header: 'Gbit/s per λ', value: (l) => l.rateGbps, numeric: true },
              { header: 'margin dB', value: (l) => l.marginDb, render: (l) => num(l.marginDb, 1), numeric: true },
              { header: 'λ per pair', value: (l) => l.wavelengthsPerPair, numeric: true },
            ]}
            rows={answer.links}
            rowKey={(l) => l.linkId}
            sort={{ by: 'margin dB' }}
            filterable
            limit={15}
            onRow={(l) => wb.show({ type: 'link', id: l.linkId }, true)}
          />
          {answer.notes.slice(0, 5).map((n) => (
            <p key={n} className="muted small">{n}</p>
          ))}
        </div>
      )}
      {selected && (
        <Suspense fallback={<p className="muted small">Loading the line design…</p>}>
          <h3>{selected.name ?? selected.id}</h3>
          <LinkOptics linkId={selected.id} ends={[wb.nodeById.get(selected.a)?.name ?? selected.a, wb.nodeById.get(selected.b)?.name ?? selected.b]} />
        </Suspense>
      )}
    </section>
  )
}
