import { useEffect, useMemo, useState } from 'react'
import { ErrorNote } from '../components/ErrorNote'
import type { CutQuery, Protection } from '../../../src/resilience/schema'
import { type AvailabilityAnswer, ApiError, type CutAnswer, availability, canEdit, cut as cutNetwork, job as getJob, route, startSweep, sweepResult, useApi, useApiQuery } from '../api'
import { DataTable } from '../components/DataTable'
import { NodePicker } from '../components/NodePicker'
import { PlotFigure } from '../components/Plot'
import { useMapMode, useWorkbench } from '../context'
import { countryName, num, unusableCountry } from '../format'
import { type Position, pathLine } from '../geo'

/** The rows of the availability table (the schema's PROTECTIONS, spelled here: importing its value would bring the resilience schemas into this chunk). */
const PROTECTIONS: readonly Protection[] = ['none', '1+1', 'restoration']

/** What the panel cuts: every list of the cut query, kept even when empty. */
type Cut = Required<Pick<CutQuery, 'links' | 'srlgs' | 'countries' | 'circles'>>
const NO_CUT: Cut = { links: [], srlgs: [], countries: [], circles: [] }

/** Waits `ms`, or rejects as soon as `signal` aborts (the panel is left, or the sweep restarted). */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    })
  })

/** Cut links, shared-risk groups, countries or a circle; see which pairs lose their route or slow down. */
export default function WhatIfPanel() {
  const wb = useWorkbench()
  const { network } = wb
  const scenario = wb.scenario
  const [cut, setCut] = useState<Cut>(NO_CUT)
  const [drawing, setDrawing] = useState(false)
  const [radiusKm, setRadiusKm] = useState(150)
  const [pickCountry, setPickCountry] = useState(false)
  const [note, setNote] = useState<string>()
  const name = (id: string) => wb.nodeById.get(id)?.name ?? id

  const srlgs = useMemo(() => (network.srlgs ?? []).filter((g) => network.links.some((l) => l.srlgs?.includes(g.id))), [network])
  const countries = useMemo(() => [...new Set(network.links.flatMap((l) => l.countries ?? []).concat(network.nodes.flatMap((n) => (n.country ? [n.country] : []))))].sort(), [network])
  const empty = !cut.links.length && !cut.srlgs.length && !cut.countries.length && !cut.circles.length

  // Drawing a circle: press on the centre and drag out the radius (a plain click uses the typed radius).
  // Picking countries: a click toggles the country under it. Otherwise a click on a link cuts or mends it.
  useMapMode(
    drawing
      ? {
          kind: 'drawCircle',
          onCircle: (center, drawnKm) => {
            if (drawnKm !== undefined) setRadiusKm(drawnKm)
            setCut((c) => ({ ...c, circles: [...c.circles, { lat: center[1], lon: center[0], radiusKm: drawnKm ?? radiusKm }] }))
            setDrawing(false)
          },
        }
      : pickCountry
        ? {
            kind: 'pickCountry',
            onPick: (code) => {
              const why = unusableCountry(code, countries)
              setNote(why)
              if (code && !why) setCut((c) => ({ ...c, countries: c.countries.includes(code) ? c.countries.filter((x) => x !== code) : [...c.countries, code] }))
            },
          }
        : {
            kind: 'idle',
            onClick: ({ link }) => {
              if (!link) return false
              setCut((c) => ({ ...c, links: c.links.includes(link) ? c.links.filter((l) => l !== link) : [...c.links, link] }))
              return true
            },
          },
  )

  const { data: answer, error } = useApiQuery(
    (signal) => cutNetwork({ scenario, network: wb.loaded.networkName }, Object.fromEntries(Object.entries(cut).filter(([, v]) => v.length > 0)), { signal }),
    [cut, scenario],
    !empty,
  )

  // The pairs ranked by impact: cut off first, then by the round-trip time the cut adds.
  type Impact = CutAnswer['pairs'][number]
  const changed = useMemo(() => {
    const list = answer?.pairs.filter((p) => !p.connected || (p.inflation ?? 1) !== 1) ?? []
    const extra = (p: Impact) => (p.connected && p.rttMs !== null ? p.rttMs - p.baseRttMs : Infinity)
    return list.sort((a, b) => extra(b) - extra(a))
  }, [answer])
  const slower = changed.filter((p) => p.connected).length
  const [pairKey, setPairKey] = useState<string>()
  const keyOf = (p: Impact) => `${p.from}:${p.to}`
  // The pair whose reroute is drawn: the one chosen, else the most slowed-down one that still has a route.
  const shownPair = changed.find((p) => keyOf(p) === pairKey) ?? changed.find((p) => p.connected)
  const cutLinks = answer?.cut.links
  const { data: reroute } = useApiQuery(
    async (signal) => {
      const base = { from: (shownPair as Impact).from, to: (shownPair as Impact).to, scenario, network: wb.loaded.networkName }
      const [before, after] = await Promise.all([route(base, { signal }), shownPair?.connected ? route({ ...base, avoidLink: cutLinks }, { signal }) : undefined])
      return { key: keyOf(shownPair as Impact), before: before.paths[0], after: after?.paths[0] }
    },
    [shownPair ? keyOf(shownPair) : '', cutLinks, scenario],
    shownPair !== undefined && cutLinks !== undefined && cutLinks.length > 0,
  )

  useEffect(() => {
    const circle = cut.circles[cut.circles.length - 1]
    const drawn = reroute && shownPair && reroute.key === keyOf(shownPair) ? reroute : undefined
    const pairName = shownPair ? `${name(shownPair.from)} – ${name(shownPair.to)}` : ''
    wb.setOverlays('whatif', {
      cut: answer?.cut.links ?? cut.links,
      circle: circle ? { center: [circle.lon, circle.lat] as Position, radiusKm: circle.radiusKm } : undefined,
      paths: drawn
        ? [
            ...(drawn.before ? [{ line: pathLine(drawn.before.nodes, drawn.before.links, network, wb.layers.lines), color: '#555555', dashed: true, width: 4, label: `${pairName} before the cut` }] : []),
            ...(drawn.after ? [{ line: pathLine(drawn.after.nodes, drawn.after.links, network, wb.layers.lines), color: '#e69f00', width: 5, label: `${pairName} rerouted` }] : []),
          ]
        : [],
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer, cut, reroute, shownPair])

  return (
    <div>
      <h2>What-if: cut</h2>
      <p className="muted small">Click links on the map to cut them (click again to mend), or choose below. Everything chosen is cut at once.</p>
      {drawing && <p className="hint" role="status">Press on the map at the centre and drag out the radius; release to cut. A plain click uses the typed radius.</p>}
      {pickCountry && <p className="hint" role="status">Click countries on the map to cut every link touching them (click again to mend).</p>}
      {note && <p className="muted small">{note}</p>}
      <div className="stack">
        <label className="field">
          <span>Shared-risk group</span>
          <select value="" onChange={(e) => e.target.value && setCut({ ...cut, srlgs: [...new Set([...cut.srlgs, e.target.value])] })}>
            <option value="">add a group…</option>
            {srlgs.map((g) => <option key={g.id} value={g.id}>{g.name ?? g.id}</option>)}
          </select>
        </label>
        <div className="row">
          <label className="field">
            <span>Country</span>
            <select value="" onChange={(e) => e.target.value && setCut({ ...cut, countries: [...new Set([...cut.countries, e.target.value])] })}>
              <option value="">every link touching…</option>
              {countries.map((c) => <option key={c} value={c}>{countryName(c)}</option>)}
            </select>
          </label>
          <button type="button" className={pickCountry ? 'active' : 'secondary'} aria-pressed={pickCountry} onClick={() => { setPickCountry(!pickCountry); setDrawing(false); setNote(undefined) }}>
            {pickCountry ? 'Done picking' : 'Pick on the map'}
          </button>
        </div>
        <div className="row">
          <label className="field">
            <span>Circle radius, km</span>
            <input type="number" min={1} max={5000} value={radiusKm} onChange={(e) => setRadiusKm(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <button type="button" className={drawing ? 'active' : 'secondary'} aria-pressed={drawing} onClick={() => { setDrawing(!drawing); setPickCountry(false) }}>
            {drawing ? 'Drag on the map…' : 'Draw a circle'}
          </button>
        </div>
      </div>
      {!empty && (
        <div className="chips" aria-label="What is cut">
          {cut.links.map((id) => <Chip key={id} label={`link ${network.links.find((l) => l.id === id)?.name ?? id}`} onRemove={() => setCut({ ...cut, links: cut.links.filter((x) => x !== id) })} />)}
          {cut.srlgs.map((id) => <Chip key={id} label={`group ${srlgs.find((g) => g.id === id)?.name ?? id}`} onRemove={() => setCut({ ...cut, srlgs: cut.srlgs.filter((x) => x !== id) })} />)}
          {cut.countries.map((c) => <Chip key={c} label={`country ${countryName(c)}`} onRemove={() => setCut({ ...cut, countries: cut.countries.filter((x) => x !== c) })} />)}
          {cut.circles.map((c, i) => <Chip key={i} label={`circle ${c.radiusKm} km at ${c.lat}, ${c.lon}`} onRemove={() => setCut({ ...cut, circles: cut.circles.filter((_, j) => j !== i) })} />)}
          <button type="button" className="link" onClick={() => setCut(NO_CUT)}>Mend all</button>
        </div>
      )}
      {error && <ErrorNote error={error} text={error instanceof ApiError && error.status === 404 ? 'This server cannot compute cuts yet (update silkway).' : undefined} />}
      {answer && (
        <section aria-label="Affected pairs" className="result">
          <p className="summary">
            <b>{answer.cut.links.length}</b> links cut · <b>{answer.disconnected.length}</b> pairs cut off · <b>{slower}</b> slower · {num(answer.pairsUnchanged)} of {num(answer.pairsConsidered)} unchanged
          </p>
          <p className="muted small">Pairs of traffic nodes (cities, exchanges, data centres; not border crossings or landing stations), the most affected first. Select a pair to see its route before the cut (grey, dashed) and after it (orange).</p>
          {answer.pairsOmitted ? <p className="muted small">{num(answer.pairsOmitted)} more changed pairs were left out of the answer (the service's response limit).</p> : null}
          {changed.length > 0 && (
            <DataTable
              label="Pairs the cut changes"
              columns={[
                { header: 'pair', value: (p: Impact) => `${name(p.from)} – ${name(p.to)}` },
                { header: 'RTT before', value: (p) => p.baseRttMs, render: (p) => num(p.baseRttMs, 1), numeric: true },
                { header: 'after', value: (p) => (p.connected ? p.rttMs : null), render: (p) => (p.connected ? num(p.rttMs, 1) : <b className="worse">cut off</b>), numeric: true },
                { header: '+ms', value: (p) => (p.connected && p.rttMs !== null ? Number((p.rttMs - p.baseRttMs).toFixed(1)) : null), render: (p) => (p.connected && p.rttMs !== null ? `+${num(p.rttMs - p.baseRttMs, 1)}` : '—'), numeric: true },
                { header: '×', value: (p) => (p.connected ? p.inflation : null), render: (p) => (p.connected ? num(p.inflation, 2) : '—'), numeric: true },
              ]}
              rows={changed}
              rowKey={keyOf}
              limit={40}
              selected={shownPair ? keyOf(shownPair) : undefined}
              onRow={(p) => setPairKey(keyOf(p))}
            />
          )}
        </section>
      )}
      <Criticality />
      <Availability />
    </div>
  )
}

function Chip({ label, onRemove }: { label: string; onRemove(): void }) {
  return (
    <span className="chip">
      {label}
      <button type="button" aria-label={`Mend: ${label}`} onClick={onRemove}>×</button>
    </span>
  )
}

interface Bar {
  /** The link's name (its id when it has none). */
  element: string
  id: string
  pairsDisconnected: number
  extraRttMs: number
}

/** Links ranked by what their failure breaks: a failure sweep, run as a job (planner role). */
function Criticality() {
  const wb = useWorkbench()
  const scenario = wb.scenario
  const [progress, setProgress] = useState(0)
  // The job runs on the server; leaving the panel stops following it.
  const { data: result, error, busy, run: sweep } = useApi(async (signal) => {
    setProgress(0)
    let job = await startSweep({ scenario, network: wb.loaded.networkName }, { failures: '1', top: 15 }, { signal })
    while (job.status === 'queued' || job.status === 'running') {
      await sleep(400, signal)
      job = await getJob(job.id, { signal })
      setProgress(job.progress)
    }
    // A failed job's error is its problem document (JobSchema leaves it open).
    if (job.status !== 'succeeded') throw new Error((job.error as { detail?: string } | null)?.detail ?? `the sweep ${job.status}`)
    return sweepResult(job)
  })
  const what = result ? `every single link failed in ${result.scenario ?? scenario}: pairs cut off, then extra RTT summed over pairs` : ''
  // Named as on the map, and ranked by one measure: pairs cut off, ties broken by the extra RTT.
  const bars = useMemo<Bar[] | undefined>(() => {
    if (!result) return undefined
    const nodeName = (id: string) => wb.nodeById.get(id)?.name ?? id
    const label = (id: string) => {
      const link = wb.network.links.find((l) => l.id === id)
      return link ? link.name ?? `${nodeName(link.a)} – ${nodeName(link.b)}` : id
    }
    return result.ranking
      .map((r) => ({ element: label(r.element), id: r.element, pairsDisconnected: r.pairsDisconnected, extraRttMs: r.extraRttMs }))
      .sort((a, b) => b.pairsDisconnected - a.pairsDisconnected || b.extraRttMs - a.extraRttMs)
  }, [result, wb.network, wb.nodeById])

  return (
    <section aria-label="Criticality">
      <h3>Criticality</h3>
      {what && <p className="muted small">{what}</p>}
      {bars && bars.length > 0 && (
        <PlotFigure
          label="Links ranked by the pairs their failure cuts off (and the extra RTT summed over the pairs it slows)"
          deps={[bars]}
          make={(Plot, width) =>
            Plot.plot({
              width,
              height: 24 * bars.length + 40,
              marginLeft: Math.min(190, width / 2),
              x: { label: 'pairs cut off', grid: true },
              y: { label: null, domain: bars.map((b) => b.element) },
              marks: [
                Plot.barX(bars, { x: 'pairsDisconnected', y: 'element', fill: '#d55e00', tip: true }),
                Plot.ruleX([0]),
                // Links whose loss cuts nobody off still cost time: their extra RTT, summed over pairs.
                Plot.text(bars, { x: 'pairsDisconnected', y: 'element', text: (b: Bar) => (b.extraRttMs > 0 ? `+${Math.round(b.extraRttMs).toLocaleString('en-GB')} ms` : ''), textAnchor: 'start', dx: 4, fill: '#555' }),
              ],
            })
          }
        />
      )}
      {bars && bars.length > 0 && (
        <DataTable
          label="Links ranked by criticality"
          columns={[
            { header: 'link', value: (b: Bar) => b.element },
            { header: 'pairs cut off', value: (b) => b.pairsDisconnected, numeric: true },
            { header: 'extra RTT ms (Σ pairs)', value: (b) => Math.round(b.extraRttMs), render: (b) => num(b.extraRttMs), numeric: true },
            { header: 'id', value: (b) => b.id },
          ]}
          rows={bars}
          rowKey={(b) => b.id}
          onRow={(b) => wb.show({ type: 'link', id: b.id }, true)}
        />
      )}
      {bars && bars.length === 0 && <p className="small">No single link failure cuts any pair off.</p>}
      {!canEdit(wb.me.role) && <p className="muted small">Ranking links by a failure sweep runs as a job and needs the planner role.</p>}
      {canEdit(wb.me.role) && (
        <button type="button" className="secondary" onClick={() => sweep()} disabled={busy}>
          {busy ? `Sweeping… ${Math.round(progress * 100)} %` : 'Rank every link (failure sweep)'}
        </button>
      )}
      {error && <ErrorNote error={error} />}
    </section>
  )
}

/** Availability of a pair under independent link failures: unprotected, 1+1, restoration. */
function Availability() {
  const wb = useWorkbench()
  const scenario = wb.scenario
  const [from, setFrom] = useState(wb.nodeById.has('frankfurt') ? 'frankfurt' : '')
  const [to, setTo] = useState(wb.nodeById.has('shanghai') ? 'shanghai' : '')
  const { data: rows, error, busy, run } = useApi((signal) =>
    Promise.all(PROTECTIONS.map((protection) => availability({ from, to, protection, scenario, network: wb.loaded.networkName, samples: 20000 }, { signal }))),
  )
  return (
    <section aria-label="Availability">
      <h3>Availability of a pair</h3>
      <div className="row">
        <div className="field"><span>From</span><NodePicker label="Availability from" nodes={wb.network.nodes} value={from} onPick={setFrom} /></div>
        <div className="field"><span>To</span><NodePicker label="Availability to" nodes={wb.network.nodes} value={to} onPick={setTo} /></div>
      </div>
      <button type="button" onClick={() => run()} disabled={busy || !from || !to}>{busy ? 'Computing…' : 'Availability'}</button>
      {error && <ErrorNote error={error} text={error instanceof ApiError && error.status === 404 && error.code === 'SW_NOT_FOUND' ? 'This server cannot compute availability yet (update silkway).' : undefined} />}
      {rows && (
        <>
          <table className="data" aria-label="Availability by protection">
            <thead>
              <tr><th scope="col">protection</th><th scope="col">availability</th><th scope="col">downtime min/yr</th><th scope="col">method</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.protection}><td>{r.protection}</td><td>{num(r.availabilityPct, 3)} %</td><td>{num(r.downtimeMinutesPerYear)}</td><td className="small">{r.method}</td></tr>
              ))}
            </tbody>
          </table>
          <PlotFigure
            label="Expected downtime a year by protection"
            deps={[rows]}
            make={(Plot, width) =>
              Plot.plot({
                width,
                height: 130,
                marginLeft: 90,
                x: { label: 'downtime, minutes a year', grid: true, type: 'log' },
                y: { label: null, domain: rows.map((r) => r.protection) },
                marks: [Plot.barX(rows, { x1: 1, x2: (d: AvailabilityAnswer) => Math.max(1, d.downtimeMinutesPerYear), y: 'protection', fill: '#0072b2', tip: true })],
              })
            }
          />
        </>
      )}
    </section>
  )
}
