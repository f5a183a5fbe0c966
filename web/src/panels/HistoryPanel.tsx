import { useEffect, useState } from 'react'
import { ApiError, api, canEdit } from '../api'
import { AS_IS, useWorkbench } from '../context'

interface DiffEntry {
  op: 'add' | 'remove' | 'change'
  path: string
  before?: unknown
  after?: unknown
}
interface Revision {
  revision: number
  op: string
  author: string
  message: string
  createdAt: string
  diff: { added: number; removed: number; changed: number; entries: DiffEntry[]; truncated: boolean }
}

const show = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? '' : text.length > 120 ? `${text.slice(0, 117)}…` : text
}

/** Revisions of the network or a scenario, newest first, each with its diff; restore makes an old one the head. */
export default function HistoryPanel() {
  const wb = useWorkbench()
  const { loaded } = wb
  const [resource, setResource] = useState(wb.scenario === AS_IS ? '' : wb.scenario)
  const [revisions, setRevisions] = useState<Revision[]>()
  const [open, setOpen] = useState<number>()
  const [status, setStatus] = useState<{ ok: boolean; text: string }>()
  const base = `/networks/${encodeURIComponent(loaded.networkName)}${resource ? `/scenarios/${encodeURIComponent(resource)}` : ''}`

  useEffect(() => {
    let live = true
    api<{ revisions: Revision[] }>(`${base}/revisions`, { query: { limit: 100 } })
      .then((r) => {
        if (!live) return
        setRevisions(r.revisions)
        setOpen(r.revisions[0]?.revision)
      })
      .catch((e: ApiError) => live && setStatus({ ok: false, text: e.message }))
    return () => {
      live = false
    }
  }, [base, loaded])

  const restore = async (revision: number) => {
    const head = revisions?.[0]?.revision
    if (head === undefined) return
    try {
      const meta = await api<{ revision: number }>(`${base}/restore`, { method: 'POST', body: { revision, baseRevision: head, message: `restored revision ${revision}` } })
      setStatus({ ok: true, text: `Revision ${revision} restored as revision ${meta.revision}.` })
      await wb.reload()
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError && e.status === 409 ? 'Someone saved a newer revision meanwhile; the list is reloaded, try again.' : (e as Error).message })
      await wb.reload()
    }
  }

  return (
    <div>
      <h2>History</h2>
      <label className="field">
        <span>Of</span>
        <select value={resource} onChange={(e) => setResource(e.target.value)}>
          <option value="">network {loaded.networkName}</option>
          {loaded.scenarios.map((s) => <option key={s.name} value={s.name}>scenario {s.name}</option>)}
        </select>
      </label>
      {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
      {wb.edits.length > 0 && <p className="hint">You have unsaved edits (Edit tab); restoring does not touch them.</p>}
      <ol className="history" aria-label="Revisions">
        {revisions?.map((r, i) => (
          <li key={r.revision} className={open === r.revision ? 'open' : ''}>
            <button type="button" className="rev" aria-expanded={open === r.revision} onClick={() => setOpen(open === r.revision ? undefined : r.revision)}>
              <b>r{r.revision}</b> {r.message || <i>({r.op})</i>}
              <span className="muted small"> · {r.author} · {new Date(r.createdAt).toLocaleString('en-GB')} · +{r.diff.added} −{r.diff.removed} ~{r.diff.changed}</span>
            </button>
            {open === r.revision && (
              <div className="diff">
                {r.diff.entries.length === 0 && <p className="muted small">No difference to the previous revision.</p>}
                <ul className="small">
                  {r.diff.entries.slice(0, 60).map((d, j) => (
                    <li key={j} className={`d-${d.op}`}>
                      <code>{d.path}</code> {d.op === 'change' ? <>{show(d.before)} → {show(d.after)}</> : d.op === 'add' ? <>added {show(d.after)}</> : <>removed {show(d.before)}</>}
                    </li>
                  ))}
                </ul>
                {(r.diff.truncated || r.diff.entries.length > 60) && <p className="muted small">The diff is longer than shown.</p>}
                {i > 0 && canEdit(wb.me.role) && (
                  <button type="button" className="secondary" onClick={() => restore(r.revision)}>
                    Restore revision {r.revision}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
