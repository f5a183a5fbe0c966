import { useMemo, useState } from 'react'
import type { NetworkLink, NetworkNode } from '../../../src/model'
import { DataTable, type TableColumn } from '../components/DataTable'
import { useWorkbench } from '../context'
import { countryName, kindLabel, statusLabel } from '../format'
import { greatCircleKm } from '../geo'

/** The inventory a planner otherwise keeps in a spreadsheet: every node and link, sortable, filterable, as CSV. */
export default function InventoryPanel() {
  const wb = useWorkbench()
  const { network } = wb
  const [what, setWhat] = useState<'links' | 'nodes'>('links')
  const name = (id: string) => wb.nodeById.get(id)?.name ?? id

  const nodeColumns = useMemo<TableColumn<NetworkNode>[]>(
    () => [
      { header: 'name', value: (n) => n.name },
      { header: 'kind', value: (n) => kindLabel(n.kind) },
      { header: 'country', value: (n) => (n.country ? countryName(n.country) : '') },
      { header: 'links', value: (n) => network.links.filter((l) => l.a === n.id || l.b === n.id).length, numeric: true },
      { header: 'operators', value: (n) => n.operators?.join('; ') ?? '' },
      { header: 'sources', value: (n) => n.sources?.length ?? 0, numeric: true },
      { header: 'id', value: (n) => n.id },
    ],
    [network],
  )
  const linkColumns = useMemo<TableColumn<NetworkLink>[]>(
    () => [
      { header: 'name', value: (l) => l.name ?? `${name(l.a)} – ${name(l.b)}` },
      { header: 'kind', value: (l) => kindLabel(l.kind) },
      { header: 'status', value: (l) => statusLabel(l.status) },
      { header: 'ready', value: (l) => l.readyForServiceYear, numeric: true },
      {
        header: 'km',
        numeric: true,
        // Declared where a source gives it, else as drawn (along the geometry or the great circle).
        value: (l) => {
          if (l.lengthKm) return l.lengthKm
          const line = wb.layers.lines.get(l.id)
          return line ? Math.round(line.slice(1).reduce((sum, p, i) => sum + greatCircleKm(line[i], p), 0)) : undefined
        },
      },
      { header: 'design Tbps', value: (l) => (l.designCapacityGbps === undefined ? undefined : l.designCapacityGbps / 1000), numeric: true },
      { header: 'operators', value: (l) => l.operators?.join('; ') ?? '' },
      { header: 'countries', value: (l) => (l.countries ?? []).join(' ') },
      { header: 'sources', value: (l) => l.sources?.length ?? 0, numeric: true },
      { header: 'id', value: (l) => l.id },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [network, wb.layers],
  )
  const selected = wb.selection?.id
  return (
    <div>
      <h2>Inventory</h2>
      <div className="segmented" role="radiogroup" aria-label="Show">
        {(['links', 'nodes'] as const).map((w) => (
          <button key={w} type="button" role="radio" aria-checked={what === w} className={what === w ? 'active' : ''} onClick={() => setWhat(w)}>
            {w === 'links' ? `Links (${network.links.length})` : `Nodes (${network.nodes.length})`}
          </button>
        ))}
      </div>
      <p className="muted small">Click a heading to sort, type to filter; a row (or Enter on it) shows the record on the map.</p>
      {what === 'links' ? (
        <DataTable key="links" label="Links" columns={linkColumns} rows={network.links} rowKey={(l) => l.id} filterable selected={selected} onRow={(l) => wb.show({ type: 'link', id: l.id }, true)} sort={{ by: 'name' }} />
      ) : (
        <DataTable key="nodes" label="Nodes" columns={nodeColumns} rows={network.nodes} rowKey={(n) => n.id} filterable selected={selected} onRow={(n) => wb.show({ type: 'node', id: n.id }, true)} sort={{ by: 'name' }} />
      )}
    </div>
  )
}
