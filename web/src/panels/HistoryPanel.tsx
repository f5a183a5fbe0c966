import { useMemo, useState } from 'react'
import { ErrorNote } from '../components/ErrorNote'
import { ApiError, type Diff, branch as branchRevision, canEdit, diff, resourcePath, restore as restoreRevision, revisions as listRevisions, useApi, useApiQuery } from '../api'
import { AS_IS, useWorkbench } from '../context'
import { type DiffContext, type HumanDiff, countsText, describeDiff, diffContext, isoDateTime } from '../history'

/** What a revision without a diff to a previous one is (the server diffs an update against the one before). */
const FIRST: Record<string, string> = { create: 'created', import: 'imported', branch: 'branched', restore: 'restored, no change' }

/** Lines of a diff shown before "and N more". */
const SHOWN_LINES = 60

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
  // Names and positions for the diffs: the stored network, then the scenario shown (nodes a scenario adds).
  const ctx = useMemo(() => diffContext(loaded.network, wb.network), [loaded.network, wb.network])
  const described = useMemo(() => new Map((revisions ?? []).map((r) => [r.revision, describeDiff(r.diff, ctx)])), [revisions, ctx])
  const label = (r: { revision: number; message: string; op: string; createdAt: string }) => `r${r.revision} · ${isoDateTime(r.createdAt)} · ${r.message || `(${r.op})`}`

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
        <fieldset className="compare-revisions">
          <legend>Compare two revisions</legend>
          <div>
            <label className="field">
              <span>From</span>
              <select aria-label="Compare from revision" value={span.from ?? ''} onChange={(e) => setSpan({ ...span, from: Number(e.target.value) })}>
                {revisions.map((r) => <option key={r.revision} value={r.revision}>{label(r)}</option>)}
              </select>
            </label>
            <label className="field">
              <span>To</span>
              <select aria-label="Compare to revision" value={span.to ?? ''} onChange={(e) => setSpan({ ...span, to: Number(e.target.value) })}>
                {revisions.map((r) => <option key={r.revision} value={r.revision}>{label(r)}</option>)}
              </select>
            </label>
            <button type="button" className="secondary" onClick={compare} disabled={span.from === undefined || span.to === undefined || span.from === span.to}>Compare</button>
          </div>
          {between.error && <ErrorNote error={between.error} />}
          {between.data && <Between from={between.data.from} to={between.data.to} diff={between.data.diff} ctx={ctx} />}
        </fieldset>
      )}
      {wb.edits.length > 0 && <p className="hint">You have unsaved edits (Edit tab); restoring does not touch them.</p>}
      <ol className="history" aria-label="Revisions">
        {revisions?.map((r, i) => {
          const human = described.get(r.revision) as HumanDiff
          return (
          <li key={r.revision} className={open === r.revision ? 'open' : ''}>
            <button type="button" className="rev" aria-expanded={open === r.revision} onClick={() => setOpen(open === r.revision ? undefined : r.revision)}>
              <b>r{r.revision}</b> {r.message || <i>({r.op})</i>}
              <span className="muted small"> · {r.author} · <time dateTime={r.createdAt}>{isoDateTime(r.createdAt)}</time> · <span className="counts">{human.lines.length === 0 && r.op !== 'update' ? FIRST[r.op] ?? r.op : `${countsText(human.counts)}${human.truncated ? ' (at least)' : ''}`}</span></span>
            </button>
            {open === r.revision && (
              <div className="diff">
                {human.lines.length === 0 && <p className="muted small">No difference to the previous revision.</p>}
                <ChangeList diff={human} />
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
          )
        })}
      </ol>
    </div>
  )
}

/** The difference between two chosen revisions, in words. */
function Between({ from, to, diff, ctx }: { from: number; to: number; diff: Diff; ctx: DiffContext }) {
  const human = useMemo(() => describeDiff(diff, ctx), [diff, ctx])
  return (
    <section aria-label={`Difference from r${from} to r${to}`} className="diff">
      <p className="small"><b>r{from} → r{to}</b>: <span className="counts">{countsText(human.counts)}</span></p>
      <ChangeList diff={human} />
    </section>
  )
}

const SIGN = { added: '+', removed: '−', changed: '~' } as const

/** One line a record: "+ added link Baku – Aktau (380 km, submarine, TCFO)", "~ moved Aktau 2.1 km (…)". */
function ChangeList({ diff }: { diff: HumanDiff }) {
  return (
    <>
      <ul className="small changes">
        {diff.lines.slice(0, SHOWN_LINES).map((d) => (
          <li key={d.key} className={`d-${d.change}`}>
            <span aria-hidden="true" className="sign">{SIGN[d.change]}</span> {d.text}
          </li>
        ))}
      </ul>
      {(diff.truncated || diff.lines.length > SHOWN_LINES) && (
        <p className="muted small">{diff.lines.length > SHOWN_LINES ? `and ${diff.lines.length - SHOWN_LINES} more. ` : ''}{diff.truncated ? 'There are more changes than the server lists.' : ''}</p>
      )}
    </>
  )
}
