import { useState } from 'react'
import { ErrorNote } from '../components/ErrorNote'
import { ApiError, type Diff, branch as branchRevision, canEdit, diff, resourcePath, restore as restoreRevision, revisions as listRevisions, useApi, useApiQuery } from '../api'
import { AS_IS, useWorkbench } from '../context'

const show = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? '' : text.length > 120 ? `${text.slice(0, 117)}…` : text
}

/** Revisions of the network or a scenario, newest first, each with its diff; restore makes an old one the head. */
export default function HistoryPanel() {
  const wb = useWorkbench()
  const { loaded } = wb
  const [resource, setResource] = useState(wb.scenario === AS_IS ? '' : wb.scenario)
  const [open, setOpen] = useState<number>()
  const [status, setStatus] = useState<{ ok: boolean; text: string; link?: string }>()
  const [span, setSpan] = useState<{ from?: number; to?: number }>({})
  const [branching, setBranching] = useState<number>()
  const [branchName, setBranchName] = useState('')
  const base = resourcePath(loaded.networkName, resource || undefined)
  const between = useApi((signal, from: number, to: number) => diff(base, { from, to }, { signal }))

  const list = useApiQuery(async (signal) => {
    const { revisions } = await listRevisions(base, { limit: 100 }, { signal })
    setOpen(revisions[0]?.revision)
    setSpan({ from: revisions[1]?.revision ?? revisions[0]?.revision, to: revisions[0]?.revision })
    between.reset()
    return revisions
  }, [base, loaded])
  const revisions = list.data

  const restore = async (revision: number) => {
    const head = revisions?.[0]?.revision
    if (head === undefined) return
    try {
      const meta = await restoreRevision(base, { revision, baseRevision: head, message: `restored revision ${revision}` })
      setStatus({ ok: true, text: `Revision ${revision} restored as revision ${meta.revision}.` })
      await wb.reload()
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError && e.status === 409 ? 'Someone saved a newer revision meanwhile; the list is reloaded, try again.' : (e as Error).message })
      await wb.reload()
    }
  }

  const compare = () => {
    if (span.from !== undefined && span.to !== undefined) between.run(span.from, span.to)
  }

  const branch = async (revision: number) => {
    const name = branchName.trim()
    try {
      await branchRevision(base, { name, revision })
      setBranching(undefined)
      setBranchName('')
      if (resource) {
        await wb.reload()
        setStatus({ ok: true, text: `Scenario ${name} branched from revision ${revision} of ${resource}; choose it in the Scenario menu.` })
      } else setStatus({ ok: true, text: `Network ${name} branched from revision ${revision}.`, link: `/?network=${encodeURIComponent(name)}` })
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError && e.status === 409 ? `A ${resource ? 'scenario' : 'network'} named ${name} exists already; choose another name.` : (e as Error).message })
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
      {list.error && <ErrorNote error={list.error} />}
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>
          {status.text}
          {status.link && <> <a href={status.link}>Open it</a></>}
        </p>
      )}
      {revisions && revisions.length > 1 && (
        <fieldset>
          <legend>Compare two revisions</legend>
          <div className="row">
            <label className="field">
              <span>From</span>
              <select aria-label="Compare from revision" value={span.from ?? ''} onChange={(e) => setSpan({ ...span, from: Number(e.target.value) })}>
                {revisions.map((r) => <option key={r.revision} value={r.revision}>r{r.revision} {r.message.slice(0, 40)}</option>)}
              </select>
            </label>
            <label className="field">
              <span>To</span>
              <select aria-label="Compare to revision" value={span.to ?? ''} onChange={(e) => setSpan({ ...span, to: Number(e.target.value) })}>
                {revisions.map((r) => <option key={r.revision} value={r.revision}>r{r.revision} {r.message.slice(0, 40)}</option>)}
              </select>
            </label>
            <button type="button" className="secondary" onClick={compare} disabled={span.from === undefined || span.to === undefined || span.from === span.to}>Compare</button>
          </div>
          {between.error && <ErrorNote error={between.error} />}
          {between.data && (
            <section aria-label={`Difference from r${between.data.from} to r${between.data.to}`} className="diff">
              <p className="small"><b>r{between.data.from} → r{between.data.to}</b>: +{between.data.diff.added} −{between.data.diff.removed} ~{between.data.diff.changed}</p>
              <DiffList diff={between.data.diff} />
            </section>
          )}
        </fieldset>
      )}
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
                <DiffList diff={r.diff} />
                <div className="row">
                  {i > 0 && canEdit(wb.me.role) && (
                    <button type="button" className="secondary" onClick={() => restore(r.revision)}>
                      Restore revision {r.revision}
                    </button>
                  )}
                  {canEdit(wb.me.role) && branching !== r.revision && (
                    <button type="button" className="secondary" onClick={() => { setBranching(r.revision); setBranchName(`${resource || loaded.networkName}-r${r.revision}`) }}>
                      Branch…
                    </button>
                  )}
                </div>
                {branching === r.revision && (
                  <form className="row" aria-label={`Branch revision ${r.revision}`} onSubmit={(e) => { e.preventDefault(); branch(r.revision) }}>
                    <label className="field">
                      <span>New {resource ? 'scenario' : 'network'} name</span>
                      <input value={branchName} onChange={(e) => setBranchName(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,199}" required />
                    </label>
                    <button type="submit" disabled={!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(branchName.trim())}>Branch revision {r.revision}</button>
                    <button type="button" className="secondary" onClick={() => setBranching(undefined)}>Cancel</button>
                  </form>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}

function DiffList({ diff }: { diff: Diff }) {
  return (
    <>
      <ul className="small">
        {diff.entries.slice(0, 60).map((d, j) => (
          <li key={j} className={`d-${d.op}`}>
            <code>{d.path}</code> {d.op === 'change' ? <>{show(d.before)} → {show(d.after)}</> : d.op === 'add' ? <>added {show(d.after)}</> : <>removed {show(d.before)}</>}
          </li>
        ))}
      </ul>
      {(diff.truncated || diff.entries.length > 60) && <p className="muted small">The diff is longer than shown.</p>}
    </>
  )
}
