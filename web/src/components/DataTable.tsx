import { type ReactNode, useMemo, useState } from 'react'
import { type Column, download, fileName, toCsv } from '../export'
import { normalizeName } from '../../../src/routing/resolve'

export interface TableColumn<R> extends Column<R> {
  /** Shown in the cell (the raw value otherwise); sorting and the CSV use `value`. */
  render?(row: R): ReactNode
  numeric?: boolean
}

interface Props<R> {
  label: string
  columns: readonly TableColumn<R>[]
  rows: readonly R[]
  rowKey(row: R): string
  /** The column sorted by at first, and its direction. */
  sort?: { by: string; descending?: boolean }
  /** A text box that keeps the rows any of whose cells contains the text. */
  filterable?: boolean
  /** Rows shown before "Show all" (all when undefined). */
  limit?: number
  selected?: string
  onRow?(row: R): void
}

const compareValues = (a: unknown, b: unknown) => {
  if (a === b) return 0
  // Missing values sort last whatever the direction.
  if (a === undefined || a === null || a === '') return 1
  if (b === undefined || b === null || b === '') return -1
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
}

/** A table a planner can sort (click a heading), filter and take away as CSV; rows are reachable by keyboard. */
export function DataTable<R>({ label, columns, rows, rowKey, sort, filterable, limit, selected, onRow }: Props<R>) {
  // Without `sort`, the rows keep the order given until a heading is clicked.
  const [by, setBy] = useState<{ by: string; descending?: boolean }>(sort ?? { by: '' })
  const [filter, setFilter] = useState('')
  const [all, setAll] = useState(false)
  const shown = useMemo(() => {
    const q = normalizeName(filter)
    const kept = q ? rows.filter((r) => columns.some((c) => normalizeName(String(c.value(r) ?? '')).includes(q))) : [...rows]
    const column = columns.find((c) => c.header === by.by)
    if (column) {
      kept.sort((a, b) => {
        const va = column.value(a)
        const vb = column.value(b)
        const missing = va === undefined || va === null || va === '' || vb === undefined || vb === null || vb === ''
        const order = compareValues(va, vb)
        return missing ? order : by.descending ? -order : order
      })
    }
    return kept
  }, [rows, columns, by, filter])
  const visible = limit !== undefined && !all ? shown.slice(0, limit) : shown
  return (
    <div className="data-table">
      <div className="exports">
        {filterable && (
          <input type="search" aria-label={`Filter ${label}`} placeholder="filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        )}
        <button type="button" className="secondary small" aria-label={`Download ${label} as CSV`} onClick={() => download(fileName(label, 'csv'), toCsv(columns, shown), 'text/csv')}>
          CSV
        </button>
        <span className="muted small" aria-live="polite">{shown.length === rows.length ? `${rows.length} rows` : `${shown.length} of ${rows.length} rows`}</span>
      </div>
      <table className={`data${onRow ? ' clickable' : ''}`} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = by.by === c.header
              return (
                <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (by.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="sort" onClick={() => setBy({ by: c.header, descending: active ? !by.descending : c.numeric === true })}>
                    {c.header}
                    {active ? (by.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => {
            const key = rowKey(r)
            return (
              <tr key={key} aria-selected={onRow ? key === selected : undefined} tabIndex={onRow ? 0 : undefined} onClick={onRow && (() => onRow(r))} onKeyDown={onRow && ((e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onRow(r)))}>
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? 'num' : undefined}>{c.render ? c.render(r) : String(c.value(r) ?? '—')}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
      {visible.length < shown.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          Show all {shown.length} rows
        </button>
      )}
    </div>
  )
}
