import { Suspense, lazy } from 'react'
import type { Assumption, Network } from '../../../src/model'
import { useWorkbench } from '../context'
import { capacity, countryName, kindLabel, num, statusLabel } from '../format'
import { greatCircleKm } from '../geo'

/** The optical line design of a link (span diagram): its own chunk, fetched when a link's details open. */
const LinkOptics = lazy(() => import('./LinkOptics'))

function Sources({ ids, network }: { ids: string[] | undefined; network: Network }) {
  if (!ids?.length) return <p className="muted small">No source listed.</p>
  const byId = new Map((network.sources ?? []).map((s) => [s.id, s]))
  return (
    <ol className="sources">
      {ids.map((id) => {
        const s = byId.get(id)
        if (!s) return <li key={id}>{id}</li>
        const title = [s.title, s.publisher, s.date].filter(Boolean).join(' · ')
        return (
          <li key={id}>
            {s.url ? (
              <a href={s.url} target="_blank" rel="noreferrer noopener">
                {title}
              </a>
            ) : (
              title
            )}
            {s.note && <span className="muted small"> — {s.note}</span>}
          </li>
        )
      })}
    </ol>
  )
}

function Assumptions({ list }: { list: Assumption[] | undefined }) {
  if (!list?.length) return null
  return (
    <>
      <h3>Assumptions</h3>
      <ul className="small">
        {list.map((a, i) => (
          <li key={i}>
            <b>{a.field}</b>: {a.note}
          </li>
        ))}
      </ul>
    </>
  )
}

/** Details of the selected node or link, with its sources; the network in numbers when nothing is selected. */
export function Explore() {
  const wb = useWorkbench()
  const { network, selection } = wb
  if (selection?.type === 'node') {
    const node = wb.nodeById.get(selection.id)
    if (!node) return <p className="muted">Node {selection.id} is not in this scenario.</p>
    const links = network.links.filter((l) => l.a === node.id || l.b === node.id)
    return (
      <article aria-label={`Node ${node.name}`}>
        <h2>{node.name}</h2>
        <dl className="facts">
          <dt>Kind</dt>
          <dd>{kindLabel(node.kind)}</dd>
          <dt>Country</dt>
          <dd>{node.country ? `${countryName(node.country)} (${node.country})` : '—'}</dd>
          <dt>Position</dt>
          <dd>{node.lat !== undefined && node.lon !== undefined ? `${node.lat.toFixed(4)}°, ${node.lon.toFixed(4)}°` : 'unknown'}</dd>
          {node.operators && (
            <>
              <dt>Operators</dt>
              <dd>{node.operators.join(', ')}</dd>
            </>
          )}
          <dt>Id</dt>
          <dd><code>{node.id}</code></dd>
        </dl>
        <h3>Links ({links.length})</h3>
        <ul className="plain">
          {links.map((l) => {
            const other = wb.nodeById.get(l.a === node.id ? l.b : l.a)
            return (
              <li key={l.id}>
                <button type="button" className="link" onClick={() => wb.select({ type: 'link', id: l.id })}>
                  → {other?.name ?? (l.a === node.id ? l.b : l.a)}
                </button>{' '}
                <span className="muted small">{kindLabel(l.kind)}{l.status && l.status !== 'operational' ? ` · ${statusLabel(l.status)}` : ''}</span>
              </li>
            )
          })}
        </ul>
        {node.notes && <p className="notes">{node.notes}</p>}
        <Assumptions list={node.assumptions} />
        <h3>Sources</h3>
        <Sources ids={node.sources} network={network} />
      </article>
    )
  }
  if (selection?.type === 'link') {
    const link = network.links.find((l) => l.id === selection.id)
    if (!link) return <p className="muted">Link {selection.id} is not in this scenario.</p>
    const a = wb.nodeById.get(link.a)
    const b = wb.nodeById.get(link.b)
    const line = wb.layers.lines.get(link.id)
    const drawnKm = line ? line.slice(1).reduce((sum, p, i) => sum + greatCircleKm(line[i], p), 0) : undefined
    return (
      <article aria-label={`Link ${link.name ?? link.id}`}>
        <h2>{link.name ?? link.id}</h2>
        <p>
          <button type="button" className="link" onClick={() => wb.select({ type: 'node', id: link.a })}>{a?.name ?? link.a}</button> —{' '}
          <button type="button" className="link" onClick={() => wb.select({ type: 'node', id: link.b })}>{b?.name ?? link.b}</button>
        </p>
        <dl className="facts">
          <dt>Kind</dt>
          <dd>{kindLabel(link.kind)}{link.repeatered !== undefined ? (link.repeatered ? ', repeatered' : ', unrepeatered') : ''}</dd>
          <dt>Status</dt>
          <dd>{statusLabel(link.status)}{link.readyForServiceYear ? ` · ready for service ${link.readyForServiceYear}` : ''}</dd>
          <dt>Length</dt>
          <dd>{link.lengthKm ? `${num(link.lengthKm)} km (declared by a source)` : drawnKm ? `≈ ${num(drawnKm)} km as drawn (${link.geometry ? 'geometry' : 'great circle'}; routing adds the route factor)` : '—'}</dd>
          <dt>Capacity</dt>
          <dd>{link.designCapacityGbps !== undefined || link.litCapacityGbps !== undefined ? `design ${capacity(link.designCapacityGbps)} · lit ${capacity(link.litCapacityGbps)}` : 'not published'}{link.fiberPairs ? ` · ${link.fiberPairs} fibre pairs` : ''}</dd>
          {link.operators && (
            <>
              <dt>Operators</dt>
              <dd>{link.operators.join(', ')}</dd>
            </>
          )}
          {link.countries && (
            <>
              <dt>Countries</dt>
              <dd>{link.countries.map(countryName).join(', ')}</dd>
            </>
          )}
          {link.srlgs && (
            <>
              <dt>Shared risks</dt>
              <dd>{link.srlgs.map((id) => network.srlgs?.find((g) => g.id === id)?.name ?? id).join('; ')}</dd>
            </>
          )}
          <dt>Id</dt>
          <dd><code>{link.id}</code></dd>
        </dl>
        {link.notes && <p className="notes">{link.notes}</p>}
        <Suspense fallback={<p className="muted small">Loading the line design…</p>}>
          <LinkOptics linkId={link.id} ends={[a?.name ?? link.a, b?.name ?? link.b]} />
        </Suspense>
        <Assumptions list={link.assumptions} />
        <h3>Sources</h3>
        <Sources ids={link.sources} network={network} />
      </article>
    )
  }
  const byKind = (kind: string) => network.links.filter((l) => l.kind === kind).length
  const byStatus = (status: string) => network.links.filter((l) => (l.status ?? 'operational') === status).length
  const countries = new Set(network.nodes.flatMap((n) => (n.country ? [n.country] : [])))
  return (
    <article>
      <h2>{network.name ?? wb.loaded.networkName}</h2>
      {network.description && <p className="small">{network.description}</p>}
      <dl className="facts">
        <dt>Nodes</dt>
        <dd>{num(network.nodes.length)} in {countries.size} countries</dd>
        <dt>Links</dt>
        <dd>
          {num(network.links.length)}: {byKind('terrestrial')} terrestrial, {byKind('submarine')} submarine
        </dd>
        <dt>Status</dt>
        <dd>
          {byStatus('operational')} operational, {byStatus('under-construction')} under construction, {byStatus('planned')} planned
        </dd>
        <dt>Sources</dt>
        <dd>{network.sources?.length ?? 0}</dd>
      </dl>
      <p className="muted small">Click a node or a link on the map (or find a city, cable, operator or country above; or open the Inventory) for its details and sources. The Route tab finds paths; What-if cuts links.</p>
    </article>
  )
}
