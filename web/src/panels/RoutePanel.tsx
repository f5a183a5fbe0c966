import { useEffect, useMemo, useRef, useState } from 'react'
import { type RouteParams, type RouteResponse, route, useApi } from '../api'
import { DataTable } from '../components/DataTable'
import { ErrorNote } from '../components/ErrorNote'
import { NodePicker } from '../components/NodePicker'
import { useMapMode, useWorkbench } from '../context'
import { PATH_COLORS, countryName, kindLabel, num, statusLabel, unusableCountry } from '../format'
import { type Position, boundsOf, nodePosition, pathLine } from '../geo'
import { download, fileName } from '../export'
import { groupPaths, pathCaveats } from '../story'
import { LINK_KINDS, type Network } from '../../../src/model'
import type { FieldInfo } from '../../../src/query/fields'
import { SimpleField } from '../components/SchemaField'
import { ROUTE_FIELDS, type RouteForm } from '../url'

/**
 * The form's state is the route query's parameters (web/src/url.ts), so it is sent as it stands: a parameter
 * added to the schema travels from the address to the API with no edit here. Only the switch is dropped when
 * off, as on the command line.
 */
export function routeQuery(form: RouteForm, scenario: string): RouteParams {
  return { ...form, allowEndpointCountries: form.allowEndpointCountries || undefined, scenario }
}

const toggle = <T extends string>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value])

/** Two nodes, constraints, k paths: drawn on the map and tabulated with latency and stretch. */
export function RoutePanel() {
  const wb = useWorkbench()
  const { network, route: form, setRoute } = wb
  const { data: answer, error, busy, run: ask } = useApi((signal, f: RouteForm) => route(routeQuery(f, wb.scenario), { signal }))
  /** The form the shown answer (or error) was asked for: when the form differs, the result is out of date. */
  const [askedFor, setAskedFor] = useState<string>()
  const formKey = JSON.stringify(routeQuery(form, wb.scenario))
  const [pickCountry, setPickCountry] = useState(false)
  const [note, setNote] = useState<string>()
  const [viaText, setViaText] = useState(0)

  const countries = useMemo(() => [...new Set([...network.nodes.flatMap((n) => (n.country ? [n.country] : [])), ...network.links.flatMap((l) => l.countries ?? [])])].sort(), [network])
  const operators = useMemo(() => [...new Set(network.links.flatMap((l) => l.operators ?? []))].sort((a, b) => a.localeCompare(b)), [network])

  const asked = useRef<string | undefined>(undefined)
  const run = (f: RouteForm) => {
    if (!f.from || !f.to) return
    asked.current = JSON.stringify(routeQuery(f, wb.scenario))
    setAskedFor(asked.current)
    ask(f)
  }

  // Live results: a change of the ends or a constraint reruns the query once the form has been still for a
  // moment (typing a year passes through 2, 20, 202); meanwhile the result is marked out of date. A shared
  // link with from and to opens with its answer at once.
  const first = useRef(true)
  useEffect(() => {
    if (!form.from || !form.to || formKey === askedFor) return
    if (first.current) {
      first.current = false
      run(form)
      return
    }
    // Unless "Find paths" asked for it meanwhile.
    const timer = setTimeout(() => asked.current !== formKey && run(form), 450)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formKey])
  const stale = askedFor !== undefined && askedFor !== formKey && (answer !== undefined || error !== undefined)

  // The avoid-countries picker toggles the country under a click; otherwise a click on a node sets an end.
  useMapMode(
    pickCountry
      ? {
          kind: 'pickCountry',
          onPick: (code) => {
            const why = unusableCountry(code, countries)
            setNote(why)
            if (code && !why) setRoute({ ...form, avoidCountry: toggle(form.avoidCountry, code) })
          },
        }
      : {
          kind: 'pickNode',
          onPick: ({ node }) => {
            if (!node) return false
            const f = form
            setRoute(!f.from || (f.from && f.to) ? { ...f, from: node, to: f.from && f.to ? '' : f.to, via: f.from && f.to ? [] : f.via } : { ...f, to: node })
            return true
          },
        },
  )

  useEffect(() => {
    if (!answer) {
      wb.setOverlays('route', undefined)
      return
    }
    // One line per group of identical paths, named as the table names it; the best drawn last, on top.
    const groups = groupPaths(answer.paths, network)
    const paths = groups.map((g, gi) => {
      const p = answer.paths[g.indices[0]]
      return { line: pathLine(p.nodes, p.links, network, wb.layers.lines), color: PATH_COLORS[gi % PATH_COLORS.length], width: gi === 0 ? 6 : 4, dashed: gi > 0, label: `${gi + 1} · ${g.label}` }
    })
    const at = (id: string) => {
      const node = wb.nodeById.get(id)
      return node && nodePosition(node)
    }
    const pins = [
      { id: answer.from.id, text: 'A', name: `A · ${answer.from.name}` },
      { id: answer.to.id, text: 'B', name: `B · ${answer.to.name}` },
    ].flatMap((p) => {
      const position = at(p.id)
      return position ? [{ position, text: p.text, name: p.name }] : []
    })
    const fit = boundsOf([...paths.flatMap((p) => p.line), ...pins.map((p) => p.position)])
    wb.setOverlays('route', { paths: [...paths].reverse(), pins, shade: answer.constraints.avoidCountries ?? [], fit })
  }, [answer, network])

  const move = (list: string[], from: number, to: number) => {
    const out = [...list]
    const [item] = out.splice(from, 1)
    out.splice(to, 0, item)
    return out
  }

  return (
    <div>
      <h2>Route finder</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          run(form)
        }}
      >
        <div className="field">
          <span>From</span>
          <NodePicker label="From" nodes={network.nodes} value={form.from} placeholder="type a city, or click a node" onPick={(id) => setRoute({ ...form, from: id })} />
        </div>
        <div className="field">
          <span>To</span>
          <NodePicker label="To" nodes={network.nodes} value={form.to} placeholder="type a city, or click a node" onPick={(id) => setRoute({ ...form, to: id })} />
        </div>
        <fieldset>
          <legend>Via (in order)</legend>
          {form.via.length > 0 && (
            <ol className="via" aria-label="Waypoints">
              {form.via.map((id, i) => (
                <li key={`${id}-${i}`}>
                  <span>{wb.nodeById.get(id)?.name ?? id}</span>
                  <button type="button" className="icon" aria-label={`Move ${wb.nodeById.get(id)?.name ?? id} earlier`} disabled={i === 0} onClick={() => setRoute({ ...form, via: move(form.via, i, i - 1) })}>↑</button>
                  <button type="button" className="icon" aria-label={`Move ${wb.nodeById.get(id)?.name ?? id} later`} disabled={i === form.via.length - 1} onClick={() => setRoute({ ...form, via: move(form.via, i, i + 1) })}>↓</button>
                  <button type="button" className="icon" aria-label={`Remove waypoint ${wb.nodeById.get(id)?.name ?? id}`} onClick={() => setRoute({ ...form, via: form.via.filter((_, j) => j !== i) })}>×</button>
                </li>
              ))}
            </ol>
          )}
          {form.via.length < 8 ? (
            <NodePicker key={viaText} label="Add a waypoint" nodes={network.nodes} value="" placeholder="add a waypoint…" onPick={(id) => { setRoute({ ...form, via: [...form.via, id] }); setViaText((n) => n + 1) }} />
          ) : (
            <p className="muted small">At most 8 waypoints.</p>
          )}
        </fieldset>
        <div className="row">
          {(['metric', 'k', 'year'] as const).map((name) => (
            <SimpleField key={name} field={field(name)} value={form[name]} onChange={(value) => setRoute({ ...form, [name]: value })} />
          ))}
        </div>
        <fieldset>
          <legend>Avoid countries</legend>
          <div className="row tight">
            <button type="button" className={pickCountry ? 'active small' : 'secondary small'} aria-pressed={pickCountry} onClick={() => { setPickCountry(!pickCountry); setNote(undefined) }}>
              {pickCountry ? 'Done picking' : 'Pick on the map'}
            </button>
            <label className="check" title="A path may start or end in an avoided country when its endpoint is there (allowEndpointCountries)">
              <input type="checkbox" checked={form.allowEndpointCountries} onChange={() => setRoute({ ...form, allowEndpointCountries: !form.allowEndpointCountries })} /> exempt the endpoints' own countries
            </label>
          </div>
          {pickCountry && <p className="hint small" role="status">Click countries on the map to avoid them (click again to allow).</p>}
          {note && <p className="muted small">{note}</p>}
          <div className="checks" role="group" aria-label="Avoid countries">
            {countries.map((c) => (
              <label key={c} className="check" title={countryName(c)}>
                <input type="checkbox" name="avoidCountry" value={c} checked={form.avoidCountry.includes(c)} onChange={() => setRoute({ ...form, avoidCountry: toggle(form.avoidCountry, c) })} /> {countryName(c)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Avoid link kinds</legend>
          {LINK_KINDS.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={form.avoidKind.includes(k)} onChange={() => setRoute({ ...form, avoidKind: toggle(form.avoidKind, k) })} /> {kindLabel(k)}
            </label>
          ))}
        </fieldset>
        {operators.length > 0 && (
          <details>
            <summary>Avoid operators {form.avoidOperator.length > 0 && `(${form.avoidOperator.length})`}</summary>
            <div className="checks">
              {operators.map((o) => (
                <label key={o} className="check">
                  <input type="checkbox" checked={form.avoidOperator.includes(o)} onChange={() => setRoute({ ...form, avoidOperator: toggle(form.avoidOperator, o) })} /> {o}
                </label>
              ))}
            </div>
          </details>
        )}
        <div className="row">
          <button type="submit" disabled={busy || !form.from || !form.to}>
            {busy ? 'Finding…' : 'Find paths'}
          </button>
          <button type="button" className="secondary" onClick={() => setRoute({ ...form, from: form.to, to: form.from })}>
            Swap
          </button>
        </div>
      </form>
      {stale && (
        <p className="stale-note" role="status">
          {busy ? 'The form changed: finding the paths again…' : 'The form changed: this result is out of date.'}
        </p>
      )}
      {error && !busy && <ErrorNote error={error} />}
      {answer && !(error && !busy) && <RouteResult answer={answer} network={network} lines={wb.layers.lines} stale={stale} />}
    </div>
  )
}

const field = (name: keyof RouteForm) => ROUTE_FIELDS.find((f) => f.name === name) as FieldInfo

/** The answer as a story: which paths differ and how, what they rest on; a table to sort and take away. */
export function RouteResult({ answer, network, lines, stale }: { answer: RouteResponse; network: Network; lines: ReadonlyMap<string, Position[]>; stale: boolean }) {
  const groups = useMemo(() => groupPaths(answer.paths, network), [answer, network])
  type Row = { group: number; label: string; same: number; path: RouteResponse['paths'][number] }
  const rows: Row[] = groups.map((g, gi) => ({ group: gi, label: g.label, same: g.indices.length - 1, path: answer.paths[g.indices[0]] }))
  const title = `${answer.from.name} – ${answer.to.name}`
  const geojson = () => ({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: pathLine(r.path.nodes, r.path.links, network, lines) },
      properties: { rank: r.group + 1, name: r.label, lengthKm: r.path.lengthKm, oneWayMs: r.path.oneWayMs, rttMs: r.path.rttMs, stretch: r.path.stretch, countries: r.path.countries, nodes: r.path.nodeNames, links: r.path.links },
    })),
  })
  return (
    <section aria-label="Paths found" className={`result${stale ? ' stale' : ''}`} aria-busy={stale}>
      <p className="small">
        <b>{answer.from.name}</b> → <b>{answer.to.name}</b> · great circle {num(answer.greatCircleKm)} km · vacuum RTT {num(answer.vacuumRttMs, 1)} ms
        {answer.scenario ? ` · ${answer.scenario}` : ''}
        {answer.constraints.avoidCountries?.length ? ` · avoiding ${answer.constraints.avoidCountries.map(countryName).join(', ')} (shaded)` : ''}
      </p>
      {answer.paths.length === 0 && <p role="alert">No path satisfies the constraints.</p>}
      <DataTable
        label="Paths"
        columns={[
          { header: '#', value: (r: Row) => r.group + 1, render: (r) => <><i className="sw swatch" style={{ background: PATH_COLORS[r.group % PATH_COLORS.length] }} /> {r.group + 1}</>, numeric: true },
          { header: 'route', value: (r) => r.label },
          { header: 'km', value: (r) => (r.path.lengthKm === null ? null : Math.round(r.path.lengthKm)), render: (r) => num(r.path.lengthKm), numeric: true },
          { header: 'one-way ms', value: (r) => r.path.oneWayMs, render: (r) => num(r.path.oneWayMs, 1), numeric: true },
          { header: 'RTT ms', value: (r) => r.path.rttMs, render: (r) => num(r.path.rttMs, 1), numeric: true },
          { header: 'stretch', value: (r) => r.path.stretch, render: (r) => num(r.path.stretch, 2), numeric: true },
        ]}
        rows={rows}
        rowKey={(r) => String(r.group)}
        sort={{ by: '#' }}
      />
      <div className="exports">
        <button type="button" className="secondary small" onClick={() => download(fileName(`${title} paths`, 'geojson'), JSON.stringify(geojson(), null, 1), 'application/geo+json')}>
          GeoJSON of the paths
        </button>
      </div>
      <ol className="paths small">
        {rows.map((r) => {
          const caveats = pathCaveats(r.path.links, network)
          return (
            <li key={r.group}>
              <b>{r.label}</b>
              {r.same > 0 && <span className="muted"> · {r.same === 1 ? 'one identical path' : `${r.same} identical paths`} (same places, parallel links) not drawn again</span>}
              {caveats.notInService.length > 0 && (
                <span className="badge caveat" role="note">
                  ⚠ depends on {caveats.notInService.map((l) => `${l.name} (${statusLabel(l.status)}${l.readyForServiceYear ? `, ready ${l.readyForServiceYear}` : ''})`).join('; ')}
                </span>
              )}
              {caveats.inferred.length > 0 && (
                <span className="badge caveat" role="note" title={caveats.inferred.map((l) => l.name).join('; ')}>
                  {caveats.inferred.length} of {r.path.links.length} links on an inferred alignment
                </span>
              )}
              <br />
              <span className="countries">{r.path.countries.join(' · ')}</span>
              <br />
              <span className="nodes">{r.path.nodeNames.join(' → ')}</span>
            </li>
          )
        })}
      </ol>
      {answer.warnings.map((w) => (
        <p key={w} className="muted small">⚠ {w}</p>
      ))}
    </section>
  )
}
