import { useEffect, useMemo, useState } from 'react'
import { ErrorNote } from '../components/ErrorNote'
import { fiberPropagationMs } from '../../../src/model/units'
import type { PairComparison } from '../../../src/report/schema'
import { compare, report, useApiQuery } from '../api'
import { DataTable } from '../components/DataTable'
import { NodePicker } from '../components/NodePicker'
import { PlotFigure } from '../components/Plot'
import { AS_IS, useWorkbench } from '../context'
import { num } from '../format'
import { type Position, boundsOf, networkLayers, pathLine } from '../geo'
import { EMPHASIS_COLOR } from '../map/legend'
import { byChange, compareHeadline } from '../story'

/** The two scenarios' colours, the same on the map and in the plot. */
const BASE_COLOR = '#555555'
const TARGET_COLOR = '#0072b2'
/** A measurement below its floor (Okabe–Ito vermillion, apart from both scenario colours). */
const BELOW_FLOOR_COLOR = '#d55e00'

interface Pair {
  from: string
  to: string
}

/** Round-trip time over `km` of fibre with this group index (1: light in vacuum). */
const rttMs = (km: number, groupIndex: number) => 2 * fiberPropagationMs(km, groupIndex)

/** Two scenarios side by side: the main pairs' best routes, on the map and in a table; the public claims checked. */
export default function ComparePanel() {
  const wb = useWorkbench()
  const names = wb.loaded.scenarios.map((s) => s.name)
  const [base, setBase] = useState(names.includes('baseline-2022') ? 'baseline-2022' : names[0] ?? AS_IS)
  const [target, setTarget] = useState(names.includes('digital-silk-way') ? 'digital-silk-way' : wb.loaded.defaultScenario)
  /** The pair shown on the map (`from:to`); the biggest change until one is chosen. */
  const [chosenKey, setChosenKey] = useState<string>()
  /** The server's default pairs (the claims' and the main pairs), learnt from an answer asked without pairs. */
  const [defaults, setDefaults] = useState<Pair[]>()
  const [custom, setCustom] = useState<Pair[]>([])
  const [includeDefaults, setIncludeDefaults] = useState(true)
  const [draft, setDraft] = useState<Pair>({ from: '', to: '' })
  const [pickerKey, setPickerKey] = useState(0)
  const pairs = custom.length === 0 ? undefined : [...(includeDefaults ? defaults ?? [] : []), ...custom].map((p) => `${p.from}:${p.to}`).join(',')

  const { data: comparison, error } = useApiQuery(async (signal) => {
    const c = await compare({ base, target, network: wb.loaded.networkName, pairs }, { signal })
    if (!pairs) setDefaults(c.pairs.map((p) => ({ from: p.from, to: p.to })))
    return c
  }, [base, target, wb.loaded.networkName, pairs])

  const addPair = () => {
    if (!draft.from || !draft.to || draft.from === draft.to) return
    if (!custom.some((p) => p.from === draft.from && p.to === draft.to)) {
      const next = [...custom, draft]
      setCustom(next)
      setChosenKey(`${draft.from}:${draft.to}`)
    }
    setDraft({ from: '', to: '' })
    setPickerKey((k) => k + 1)
  }
  const pickNodes = useMemo(() => [...new Map([...wb.loaded.network.nodes, ...wb.network.nodes].map((n) => [n.id, n])).values()], [wb.loaded.network, wb.network])
  const nodeName = (id: string) => wb.nodeById.get(id)?.name ?? baseNetwork.nodes.find((n) => n.id === id)?.name ?? id

  // The report gives the claims and the physical profile the server computes with (its group index draws the fibre line).
  const { data: corridor } = useApiQuery((signal) => report({ network: wb.loaded.networkName }, { signal }), [wb.loaded.networkName])
  const claims = corridor?.claims
  const groupIndex = corridor?.profile.groupIndex
  // Measured pairs against their floor and expected RTT (the report's calibration section; the built-in corridor).
  const measured = corridor?.measuredVsModelled
  const measuredPoints = useMemo(
    () =>
      (measured?.pairs ?? []).flatMap((p) => [
        ...(p.floorRttMs === null ? [] : [{ measured: p.measuredRttMs, modelled: p.floorRttMs, kind: p.status === 'impossible' ? 'below floor' : 'floor', pair: p.id, status: p.status }]),
        ...(p.expectedRttMs === null ? [] : [{ measured: p.measuredRttMs, modelled: p.expectedRttMs, kind: 'expected', pair: p.id, status: p.status }]),
      ]),
    [measured],
  )

  // The chosen pair on the map: the base route dashed grey, the target route blue; the links the target adds glow.
  const baseNetwork = wb.loaded.network
  // Every stored link, so that routes of a scenario other than the one shown are drawn whole.
  const allLines = useMemo(() => networkLayers(baseNetwork).lines, [baseNetwork])
  const title = (name: string) => wb.loaded.scenarios.find((s) => s.name === name)?.document.title ?? name
  const sorted = useMemo(() => (comparison ? byChange(comparison.pairs) : []), [comparison])
  const keyOf = (p: PairComparison) => `${p.from}:${p.to}`
  const pair = sorted.find((p) => keyOf(p) === chosenKey) ?? sorted[0]
  const links = (nodes: string[]) => nodes.slice(1).map((n, i) => baseNetwork.links.find((l) => (l.a === nodes[i] && l.b === n) || (l.b === nodes[i] && l.a === n))?.id ?? '')
  /** The links the target's route of a pair uses that the base's does not. */
  const addedLinks = (p: PairComparison | undefined) => {
    if (!p?.target) return []
    const baseLinks = new Set(p.base ? links(p.base.nodes) : [])
    return links(p.target.nodes).filter((id) => id && !baseLinks.has(id))
  }
  const top = sorted[0]
  const headline = comparison && compareHeadline(top, addedLinks(top).flatMap((id) => baseNetwork.links.find((l) => l.id === id)?.name ?? []), title(comparison.target))
  useEffect(() => {
    if (!pair || !comparison) return wb.setOverlays('compare', undefined)
    const line = (nodes: string[] | undefined): Position[] => (nodes ? pathLine(nodes, links(nodes), baseNetwork, allLines) : [])
    const paths = [
      ...(pair.base ? [{ line: line(pair.base.nodes), color: BASE_COLOR, dashed: true, width: 4, label: `${title(comparison.base)}: ${pair.fromName} – ${pair.toName}` }] : []),
      ...(pair.target ? [{ line: line(pair.target.nodes), color: TARGET_COLOR, width: 5, label: `${title(comparison.target)}: ${pair.fromName} – ${pair.toName}` }] : []),
    ]
    const added = addedLinks(pair)
    wb.setOverlays('compare', { paths, emphasis: added, fit: boundsOf(paths.flatMap((p) => p.line)), legend: added.length ? [{ id: 'added', label: `links ${title(comparison.target)} adds on this route`, swatch: { kind: 'line', color: EMPHASIS_COLOR, width: 8 } }] : [] })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparison, pair, baseNetwork, allLines])

  const points = useMemo(
    () =>
      (comparison?.pairs ?? []).flatMap((p: PairComparison) => [
        ...(p.base && p.greatCircleKm ? [{ km: p.greatCircleKm, rtt: p.base.rttMs, scenario: 'base', pair: `${p.fromName}–${p.toName}` }] : []),
        ...(p.target && p.greatCircleKm ? [{ km: p.greatCircleKm, rtt: p.target.rttMs, scenario: 'target', pair: `${p.fromName}–${p.toName}` }] : []),
      ]),
    [comparison],
  )

  return (
    <div>
      <h2>Compare scenarios</h2>
      <div className="stack">
        <label className="field">
          <span>Before</span>
          <select value={base} onChange={(e) => setBase(e.target.value)} aria-label="Compare from scenario">
            {names.map((n) => <option key={n} value={n}>{title(n)}</option>)}
          </select>
        </label>
        <button type="button" className="secondary small swap" aria-label="Swap the scenarios" onClick={() => { setBase(target); setTarget(base) }}>⇅ swap</button>
        <label className="field">
          <span>After</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Compare to scenario">
            {names.map((n) => <option key={n} value={n}>{title(n)}</option>)}
          </select>
        </label>
      </div>
      {headline && <p className="headline" role="status" aria-label="Headline">{headline}</p>}
      <fieldset>
        <legend>Your pairs</legend>
        {custom.length > 0 && (
          <ul className="pairs-list" aria-label="Your pairs">
            {custom.map((p, i) => (
              <li key={`${p.from}:${p.to}`}>
                <span>{nodeName(p.from)} – {nodeName(p.to)}</span>
                <button type="button" className="icon" aria-label={`Remove pair ${nodeName(p.from)} – ${nodeName(p.to)}`} onClick={() => { setCustom(custom.filter((_, j) => j !== i)); setChosenKey(undefined) }}>×</button>
              </li>
            ))}
          </ul>
        )}
        <div className="row" key={pickerKey}>
          <div className="field"><span>From</span><NodePicker label="Pair from" nodes={pickNodes} value={draft.from} onPick={(from) => setDraft((d) => ({ ...d, from }))} /></div>
          <div className="field"><span>To</span><NodePicker label="Pair to" nodes={pickNodes} value={draft.to} onPick={(to) => setDraft((d) => ({ ...d, to }))} /></div>
          <button type="button" className="secondary" onClick={addPair} disabled={!draft.from || !draft.to || draft.from === draft.to}>Add pair</button>
        </div>
        {custom.length > 0 && (
          <label className="check">
            <input type="checkbox" checked={includeDefaults} onChange={() => { setIncludeDefaults(!includeDefaults); setChosenKey(undefined) }} /> with the default pairs
          </label>
        )}
      </fieldset>
      {error && <ErrorNote error={error} />}
      {comparison && (
        <DataTable
          label="Pairs compared"
          columns={[
            { header: 'pair', value: (p: PairComparison) => `${p.fromName} – ${p.toName}` },
            { header: `${title(comparison.base)}, RTT ms`, value: (p) => p.base?.rttMs, render: (p) => num(p.base?.rttMs, 1), numeric: true },
            { header: `${title(comparison.target)}, RTT ms`, value: (p) => p.target?.rttMs, render: (p) => num(p.target?.rttMs, 1), numeric: true },
            {
              header: 'Δ ms',
              value: (p) => p.rttDiffMs,
              numeric: true,
              render: (p) => <span className={p.rttDiffMs !== null && p.rttDiffMs < 0 ? 'better' : p.rttDiffMs !== null && p.rttDiffMs > 0 ? 'worse' : ''}>{p.rttDiffMs === null ? '—' : `${p.rttDiffMs > 0 ? '+' : ''}${num(p.rttDiffMs, 1)}`}</span>,
            },
          ]}
          rows={sorted}
          rowKey={keyOf}
          selected={pair ? keyOf(pair) : undefined}
          onRow={(p) => setChosenKey(keyOf(p))}
        />
      )}
      <p className="muted small">Biggest change first. Select a pair: the {title(comparison?.base ?? base)} route is dashed grey, the {title(comparison?.target ?? target)} route blue, the links it adds glow yellow.</p>
      {points.length > 0 && (
        <>
          <h3>RTT against great-circle distance</h3>
          <ul className="plot-legend small" aria-label="Plot legend">
            <li><i className="sw dot" style={{ background: BASE_COLOR }} /> {title(comparison?.base ?? base)}</li>
            <li><i className="sw dot" style={{ background: TARGET_COLOR }} /> {title(comparison?.target ?? target)}</li>
          </ul>
          <PlotFigure
            label="Round-trip time of each pair's best route against the great-circle distance between its ends, with the speed-of-light lines"
            deps={[points, groupIndex]}
            make={(Plot, width) => {
              const maxKm = Math.max(...points.map((p) => p.km)) * 1.05
              return Plot.plot({
                width,
                height: 260,
                marginLeft: 44,
                x: { label: 'great-circle distance (km)', domain: [0, maxKm], grid: true },
                y: { label: 'RTT (ms)', grid: true },
                // The map's colours; the legend is drawn beside the plot in HTML, where long titles wrap, not clip.
                color: { domain: ['base', 'target'], range: [BASE_COLOR, TARGET_COLOR] },
                marks: [
                  Plot.line([[0, 0], [maxKm, rttMs(maxKm, 1)]], { stroke: '#999', strokeDasharray: '3,3' }),
                  Plot.text([[maxKm, rttMs(maxKm, 1)]], { text: ['c, vacuum'], textAnchor: 'end', dy: -6, fill: '#777' }),
                  // The fibre line once the server has said which group index it computes with.
                  ...(groupIndex === undefined
                    ? []
                    : [
                        Plot.line([[0, 0], [maxKm, rttMs(maxKm, groupIndex)]], { stroke: '#666' }),
                        Plot.text([[maxKm, rttMs(maxKm, groupIndex)]], { text: [`fibre on the great circle (group index ${groupIndex})`], textAnchor: 'end', dy: -6, fill: '#555' }),
                      ]),
                  Plot.dot(points, { x: 'km', y: 'rtt', fill: 'scenario', r: 4, tip: true, title: (d: { pair: string; rtt: number }) => `${d.pair}: ${d.rtt.toFixed(1)} ms` }),
                ],
              })
            }}
          />
        </>
      )}
      {measured && measuredPoints.length > 0 && (
        <>
          <h3>Measured against modelled RTT</h3>
          <p className="muted small">
            Each public measurement against the model: its floor (the best route's fibre RTT) and its expected RTT under calibration {measured.calibration.id} {measured.calibration.version} (held out for a fitted pair, ± {num(measured.calibration.toleranceMs, 1)} ms). A point
            on the dashed line would be exact; a floor above it (an orange cross) was measured faster than physics allows — a wrong location or figure.
          </p>
          <ul className="plot-legend small" aria-label="Measured plot legend">
            <li><i className="sw dot" style={{ background: BASE_COLOR }} /> floor</li>
            <li><i className="sw dot" style={{ background: TARGET_COLOR }} /> expected</li>
            <li><i className="sw dot" style={{ background: BELOW_FLOOR_COLOR }} /> below the floor (impossible)</li>
          </ul>
          <PlotFigure
            label="Measured round-trip time of each public measurement against its modelled floor and expected RTT, with the 1:1 line"
            deps={[measuredPoints]}
            make={(Plot, width) => {
              const maxMs = Math.max(...measuredPoints.flatMap((p) => [p.measured, p.modelled])) * 1.05
              return Plot.plot({
                width,
                height: 280,
                marginLeft: 44,
                x: { label: 'measured RTT (ms)', domain: [0, maxMs], grid: true },
                y: { label: 'modelled RTT (ms)', domain: [0, maxMs], grid: true },
                color: { domain: ['floor', 'expected', 'below floor'], range: [BASE_COLOR, TARGET_COLOR, BELOW_FLOOR_COLOR] },
                marks: [
                  Plot.line([[0, 0], [maxMs, maxMs]], { stroke: '#999', strokeDasharray: '3,3' }),
                  Plot.text([[maxMs, maxMs]], { text: ['1:1'], textAnchor: 'end', dy: -6, fill: '#777' }),
                  Plot.dot(measuredPoints, {
                    x: 'measured',
                    y: 'modelled',
                    fill: 'kind',
                    r: 4,
                    symbol: (d: { kind: string }) => (d.kind === 'below floor' ? 'cross' : 'circle'),
                    tip: true,
                    title: (d: { pair: string; kind: string; measured: number; modelled: number; status: string }) => `${d.pair} (${d.status}): measured ${d.measured.toFixed(1)} ms, ${d.kind} ${d.modelled.toFixed(1)} ms`,
                  }),
                ],
              })
            }}
          />
        </>
      )}
      {claims && claims.length > 0 && (
        <>
          <h3>Public claims against the model</h3>
          <table className="data" aria-label="Claims">
            <thead>
              <tr>
                <th scope="col">claim</th>
                <th scope="col">claimed km</th>
                <th scope="col">model km</th>
                <th scope="col">deviation</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id} title={c.verdict}>
                  <td>{c.name}<div className="muted small">{c.verdict}</div></td>
                  <td>{num(c.claimedTargetKm)}</td>
                  <td>{num(c.targetKm)}</td>
                  <td className={Math.abs(c.targetDeviationPct ?? 0) > 5 ? 'worse' : 'better'}>{c.targetDeviationPct === null || c.targetDeviationPct === undefined ? '—' : `${c.targetDeviationPct > 0 ? '+' : ''}${num(c.targetDeviationPct, 1)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
