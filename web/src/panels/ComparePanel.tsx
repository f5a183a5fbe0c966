import { useEffect, useMemo, useState } from 'react'
import { fiberPropagationMs } from '../../../src/model/units'
import type { PairComparison } from '../../../src/report/schema'
import { compare, report, useApiQuery } from '../api'
import { NodePicker } from '../components/NodePicker'
import { PlotFigure } from '../components/Plot'
import { AS_IS, useWorkbench } from '../context'
import { num } from '../format'
import { type Position, networkLayers, pathLine } from '../geo'

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
  const [chosen, setChosen] = useState<number>(0)
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
      setChosen((includeDefaults ? defaults?.length ?? 0 : 0) + next.length - 1)
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

  // The chosen pair on the map: the base route dashed grey, the target route blue; the links the target adds glow.
  const baseNetwork = wb.loaded.network
  // Every stored link, so that routes of a scenario other than the one shown are drawn whole.
  const allLines = useMemo(() => networkLayers(baseNetwork).lines, [baseNetwork])
  useEffect(() => {
    const pair = comparison?.pairs[chosen]
    if (!pair) return wb.setOverlays('compare', undefined)
    const links = (nodes: string[]) => nodes.slice(1).map((n, i) => baseNetwork.links.find((l) => (l.a === nodes[i] && l.b === n) || (l.b === nodes[i] && l.a === n))?.id ?? '')
    const line = (nodes: string[] | undefined): Position[] => (nodes ? pathLine(nodes, links(nodes), baseNetwork, allLines) : [])
    const paths = [
      ...(pair.base ? [{ line: line(pair.base.nodes), color: '#555', dashed: true, width: 4 }] : []),
      ...(pair.target ? [{ line: line(pair.target.nodes), color: '#0072b2', width: 5 }] : []),
    ]
    const baseLinks = new Set(pair.base ? links(pair.base.nodes) : [])
    const added = pair.target ? links(pair.target.nodes).filter((id) => id && !baseLinks.has(id)) : []
    wb.setOverlays('compare', { paths, emphasis: added })
  }, [comparison, chosen, baseNetwork, allLines])

  const points = useMemo(
    () =>
      (comparison?.pairs ?? []).flatMap((p: PairComparison) => [
        ...(p.base && p.greatCircleKm ? [{ km: p.greatCircleKm, rtt: p.base.rttMs, scenario: comparison?.base ?? 'base', pair: `${p.fromName}–${p.toName}` }] : []),
        ...(p.target && p.greatCircleKm ? [{ km: p.greatCircleKm, rtt: p.target.rttMs, scenario: comparison?.target ?? 'target', pair: `${p.fromName}–${p.toName}` }] : []),
      ]),
    [comparison],
  )

  return (
    <div>
      <h2>Compare scenarios</h2>
      <div className="row">
        <label className="field">
          <span>Base</span>
          <select value={base} onChange={(e) => setBase(e.target.value)}>
            {names.map((n) => <option key={n}>{n}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Target</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {names.map((n) => <option key={n}>{n}</option>)}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Your pairs</legend>
        {custom.length > 0 && (
          <ul className="pairs-list" aria-label="Your pairs">
            {custom.map((p, i) => (
              <li key={`${p.from}:${p.to}`}>
                <span>{nodeName(p.from)} – {nodeName(p.to)}</span>
                <button type="button" className="icon" aria-label={`Remove pair ${nodeName(p.from)} – ${nodeName(p.to)}`} onClick={() => { setCustom(custom.filter((_, j) => j !== i)); setChosen(0) }}>×</button>
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
            <input type="checkbox" checked={includeDefaults} onChange={() => { setIncludeDefaults(!includeDefaults); setChosen(0) }} /> with the default pairs
          </label>
        )}
      </fieldset>
      {error && <p role="alert" className="error">{error.message}</p>}
      {comparison && (
        <table className="data clickable" aria-label="Pairs compared">
          <thead>
            <tr>
              <th scope="col">pair</th>
              <th scope="col">{comparison.base} RTT ms</th>
              <th scope="col">{comparison.target} RTT ms</th>
              <th scope="col">Δ ms</th>
            </tr>
          </thead>
          <tbody>
            {comparison.pairs.map((p, i) => (
              <tr key={`${p.from}-${p.to}`} aria-selected={i === chosen} tabIndex={0} onClick={() => setChosen(i)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setChosen(i)}>
                <td>{p.fromName} – {p.toName}</td>
                <td>{num(p.base?.rttMs, 1)}</td>
                <td>{num(p.target?.rttMs, 1)}</td>
                <td className={p.rttDiffMs !== null && p.rttDiffMs < 0 ? 'better' : ''}>{p.rttDiffMs === null ? '—' : `${p.rttDiffMs > 0 ? '+' : ''}${num(p.rttDiffMs, 1)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Select a pair: the {comparison?.base ?? 'base'} route is dashed grey, the {comparison?.target ?? 'target'} route blue, links it adds glow yellow.</p>
      {points.length > 0 && (
        <>
          <h3>RTT against great-circle distance</h3>
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
                color: { legend: true },
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
