import { useEffect, useMemo, useState } from 'react'
import { LINK_KINDS, LINK_STATUSES, NODE_KINDS, type NetworkLink, type NetworkNode, type ValidationIssue, validateNetwork } from '../../../src/model'
import { ApiError, putNetwork, putScenario } from '../api'
import { AS_IS, useMapMode, useWorkbench } from '../context'
import { type EditOp, type RecordChange, applyEdit, describeEdit, foldEdit, freshId, networkDiff, withoutEdit } from '../edit'
import { applyScenario } from '../../../src/scenario'
import { peopleText } from '../api'
import { kindLabel, statusLabel } from '../format'

type Mode = 'select' | 'addNode' | 'addLink'

/** Issues of one record, by field: `nodes[3].lat` → { lat: … } for node index 3. */
function issuesFor(issues: ValidationIssue[], list: 'nodes' | 'links', index: number): Record<string, string> {
  const out: Record<string, string> = {}
  const prefix = `${list}[${index}]`
  for (const issue of issues) {
    if (issue.severity !== 'error' || !issue.path.startsWith(prefix)) continue
    const field = issue.path.slice(prefix.length).replace(/^\./, '').split(/[.[]/)[0] || '_'
    out[field] ??= issue.message
  }
  return out
}

const listText = (list: string[] | undefined) => (list ?? []).join(', ')
const parseList = (text: string) => {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean)
  return items.length ? items : undefined
}
const parseNumber = (text: string) => (text.trim() === '' ? undefined : Number(text))

/** Add, move (drag on the map) and delete nodes and links; edit their properties; save a revision. */
export default function EditPanel() {
  const wb = useWorkbench()
  const { network, edits, setEdits, loaded, selection } = wb
  const scenario = wb.scenario === AS_IS ? undefined : loaded.scenarios.find((s) => s.name === wb.scenario)
  const targetLabel = scenario ? `scenario ${scenario.name}` : `network ${loaded.networkName}`
  const headRevision = scenario ? scenario.revision : loaded.revision
  const [mode, setMode] = useState<Mode>('select')
  const [pending, setPending] = useState<string>()
  const [message, setMessage] = useState('')
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'conflict'; text: string; issues?: string[] }>()
  const [saving, setSaving] = useState(false)
  /** The diff is on screen and waits for a confirmation. */
  const [reviewing, setReviewing] = useState(false)
  const push = (op: EditOp) => {
    const list = edits
    const last = list[list.length - 1]
    // Typing in a field makes one change, not one per keystroke.
    if (last && (op.op === 'setNode' || op.op === 'setLink') && last.op === op.op && last.id === op.id) setEdits([...list.slice(0, -1), { ...last, set: { ...last.set, ...op.set } } as EditOp])
    else setEdits([...list, op])
    setStatus(undefined)
  }

  // Select: a click selects, a deliberate drag moves a node. Add node: a click anywhere places it. Add link: two
  // clicks on nodes; a click elsewhere does nothing (and nothing ever moves).
  useMapMode(
    mode === 'select'
      ? { kind: 'dragNode', onMove: (id, [lon, lat]) => push({ op: 'setNode', id, set: { lon, lat } }) }
      : mode === 'addNode'
        ? {
            kind: 'pickNode',
            anywhere: true,
            onPick: ({ lngLat }) => {
              const id = freshId('new node', new Set(network.nodes.map((n) => n.id)))
              push({ op: 'addNode', node: { id, name: `New node ${id.replace(/^new-node-?/, '') || '1'}`, kind: 'city', lat: Number(lngLat[1].toFixed(4)), lon: Number(lngLat[0].toFixed(4)) } })
              wb.select({ type: 'node', id })
              setMode('select')
              return true
            },
          }
        : {
            kind: 'pickNode',
            onPick: ({ node }) => {
              if (!node || pending === node) return true
              if (!pending) {
                setPending(node)
                return true
              }
              const id = freshId(`${pending}-${node}`, new Set(network.links.map((l) => l.id)))
              push({ op: 'addLink', link: { id, a: pending, b: node, kind: 'terrestrial', status: 'planned' } })
              setPending(undefined)
              setMode('select')
              wb.select({ type: 'link', id })
              return true
            },
          },
  )

  useEffect(() => {
    wb.setOverlays('edit', { pending })
  }, [pending])

  // What is stored, without the edits: the diff before a save is taken against it.
  const stored = useMemo(() => {
    if (!scenario) return loaded.network
    try {
      return applyScenario(loaded.network, scenario.name, loaded.scenarios.map((s) => s.document))
    } catch {
      return loaded.network
    }
  }, [loaded, scenario])
  const diff = useMemo(() => (reviewing ? networkDiff(stored, network) : []), [reviewing, stored, network])
  useEffect(() => {
    if (edits.length === 0) setReviewing(false)
  }, [edits.length])

  const issues = useMemo(() => validateNetwork(network).issues, [network])
  const errors = issues.filter((i) => i.severity === 'error')

  const save = async () => {
    setReviewing(false)
    setSaving(true)
    setStatus(undefined)
    const text = message.trim() || edits.map(describeEdit).join('; ').slice(0, 2000)
    try {
      if (scenario) {
        const document = edits.reduce(foldEdit, scenario.document)
        await putScenario(loaded.networkName, scenario.name, { scenario: document, baseRevision: scenario.revision, message: text })
      } else {
        const document = edits.reduce(applyEdit, loaded.network)
        await putNetwork(loaded.networkName, { network: document, baseRevision: loaded.revision, message: text })
      }
      const count = edits.length
      setEdits([])
      setMessage('')
      const next = await wb.reload()
      const revision = scenario ? next.scenarios.find((s) => s.name === scenario.name)?.revision : next.revision
      setStatus({ kind: 'ok', text: `Saved ${count} change${count === 1 ? '' : 's'} as revision ${revision} of ${targetLabel}.` })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setStatus({ kind: 'conflict', text: `Someone else saved ${targetLabel} after revision ${headRevision}, which your edits start from. Nothing was overwritten and your ${edits.length} changes are still here: load the latest revision, check your changes on it, and save again.` })
      } else if (e instanceof ApiError && e.problem.errors?.length) {
        setStatus({ kind: 'error', text: e.message, issues: e.problem.errors.map((i) => `${i.path}: ${i.message}`) })
      } else setStatus({ kind: 'error', text: (e as Error).message })
    } finally {
      setSaving(false)
    }
  }

  const nodeIndex = selection?.type === 'node' ? network.nodes.findIndex((n) => n.id === selection.id) : -1
  const linkIndex = selection?.type === 'link' ? network.links.findIndex((l) => l.id === selection.id) : -1

  return (
    <div>
      <h2>Edit</h2>
      <p className="small">
        Editing <b>{targetLabel}</b> at revision {headRevision}
        {scenario ? ' (changes are recorded in the scenario; the stored network is untouched)' : ''}. Drag a node to move it; a click only selects it.
      </p>
      <div className="segmented" role="radiogroup" aria-label="Map tool">
        {(
          [
            ['select', 'Select'],
            ['addNode', 'Add node'],
            ['addLink', 'Add link'],
          ] as const
        ).map(([m, label]) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'active' : ''} onClick={() => { setMode(m); setPending(undefined) }}>
            {label}
          </button>
        ))}
      </div>
      {mode === 'addNode' && <p className="hint">Click the map where the node goes.</p>}
      {mode === 'addLink' && <p className="hint">{pending ? `From ${wb.nodeById.get(pending)?.name}: click the other end.` : 'Click the first end of the link.'}</p>}

      {nodeIndex >= 0 && <NodeForm key={network.nodes[nodeIndex].id} node={network.nodes[nodeIndex]} errors={issuesFor(issues, 'nodes', nodeIndex)} onChange={(set) => push({ op: 'setNode', id: network.nodes[nodeIndex].id, set })} onDelete={() => { push({ op: 'removeNode', id: network.nodes[nodeIndex].id }); wb.select(undefined) }} />}
      {linkIndex >= 0 && <LinkForm key={network.links[linkIndex].id} link={network.links[linkIndex]} nodes={network.nodes} errors={issuesFor(issues, 'links', linkIndex)} onChange={(set) => push({ op: 'setLink', id: network.links[linkIndex].id, set })} onDelete={() => { push({ op: 'removeLink', id: network.links[linkIndex].id }); wb.select(undefined) }} />}
      {nodeIndex < 0 && linkIndex < 0 && <p className="muted small">Select a node or link on the map to edit it.</p>}

      <section aria-label="Unsaved changes" className="pending">
        <h3>Unsaved changes ({edits.length})</h3>
        {edits.length > 0 && (
          <ol className="small">
            {edits.map((e, i) => (
              <li key={i}>
                {describeEdit(e)}{' '}
                <button type="button" className="link" aria-label={`Undo: ${describeEdit(e)}`} onClick={() => setEdits(withoutEdit(edits, i))}>undo</button>
              </li>
            ))}
          </ol>
        )}
        {errors.length > 0 && (
          <div role="alert" className="error small">
            {errors.length} problem{errors.length === 1 ? '' : 's'} to fix before saving:
            <ul>{errors.slice(0, 6).map((i) => <li key={`${i.path}${i.code}`}>{i.path}: {peopleText(i.message)}</li>)}</ul>
          </div>
        )}
        <label className="field">
          <span>Revision message</span>
          <input type="text" value={message} maxLength={2000} placeholder={edits.length ? edits.map(describeEdit).join('; ').slice(0, 80) : 'why the change was made'} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <div className="row">
          <button type="button" onClick={() => setReviewing(true)} disabled={saving || reviewing || edits.length === 0 || errors.length > 0}>{saving ? 'Saving…' : 'Save revision'}</button>
          <button type="button" className="secondary" disabled={edits.length === 0} onClick={() => setEdits(edits.slice(0, -1))}>Undo</button>
          <button type="button" className="secondary" disabled={edits.length === 0} onClick={() => { setEdits([]); setStatus(undefined) }}>Discard</button>
        </div>
        {reviewing && <Review diff={diff} target={targetLabel} onConfirm={save} onCancel={() => setReviewing(false)} />}
        {status && (
          <div role={status.kind === 'ok' ? 'status' : 'alert'} className={status.kind === 'ok' ? 'ok' : 'error'}>
            <p>{status.text}</p>
            {status.issues && <ul className="small">{status.issues.map((i) => <li key={i}>{i}</li>)}</ul>}
            {status.kind === 'conflict' && (
              <button type="button" disabled={saving} onClick={async () => { setSaving(true); try { await wb.reload(); setStatus({ kind: 'ok', text: 'Loaded the latest revision; your changes are applied on top of it. Check them and save.' }) } finally { setSaving(false) } }}>
                Load the latest and keep my changes
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  )
}

const shownValue = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v))

/** The diff a save will commit, record by record, with a warning for records that carry no source. */
function Review({ diff, target, onConfirm, onCancel }: { diff: RecordChange[]; target: string; onConfirm(): void; onCancel(): void }) {
  const unsourced = diff.filter((d) => d.unsourced)
  return (
    <section aria-label="Review before saving" className="review">
      <h4>Saving changes {diff.length} record{diff.length === 1 ? '' : 's'} of {target}</h4>
      <ul className="small diff-list">
        {diff.map((d) => (
          <li key={`${d.type}:${d.id}`}>
            <b>{d.change} {d.type} {d.name}</b>
            {d.fields.length > 0 && (
              <ul>
                {d.fields.map((f) => (
                  <li key={f.field}>
                    {f.field}: {d.change === 'added' ? shownValue(f.after) : <>{shownValue(f.before)} → {shownValue(f.after)}</>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {unsourced.length > 0 && (
        <p role="note" className="badge caveat">
          ⚠ No source for {unsourced.map((d) => `${d.type} ${d.name}`).join(', ')}: every real-world number should carry its public source. Add one, or save anyway.
        </p>
      )}
      <div className="row">
        <button type="button" onClick={onConfirm}>Confirm and save</button>
        <button type="button" className="secondary" onClick={onCancel}>Back to editing</button>
      </div>
    </section>
  )
}

function Field({ label, error, children }: { label: string; error?: string; children: (id: string, describedBy?: string) => React.ReactNode }) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error ? `${id}-error` : undefined)}
      {error && <span id={`${id}-error`} className="field-error" role="alert">{peopleText(error)}</span>}
    </div>
  )
}

function NodeForm({ node, errors, onChange, onDelete }: { node: NetworkNode; errors: Record<string, string>; onChange(set: Partial<NetworkNode>): void; onDelete(): void }) {
  return (
    <form className="stack record" aria-label={`Node ${node.name}`} onSubmit={(e) => e.preventDefault()}>
      <h3>Node <code>{node.id}</code></h3>
      <Field label="Name" error={errors.name}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} value={node.name} onChange={(e) => onChange({ name: e.target.value })} />}</Field>
      <Field label="Kind" error={errors.kind}>{(id) => <select id={id} value={node.kind} onChange={(e) => onChange({ kind: e.target.value as NetworkNode['kind'] })}>{NODE_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}</select>}</Field>
      <div className="row">
        <Field label="Latitude" error={errors.lat}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} type="number" step="any" value={node.lat ?? ''} onChange={(e) => onChange({ lat: parseNumber(e.target.value) })} />}</Field>
        <Field label="Longitude" error={errors.lon}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} type="number" step="any" value={node.lon ?? ''} onChange={(e) => onChange({ lon: parseNumber(e.target.value) })} />}</Field>
      </div>
      <Field label="Country (ISO alpha-2)" error={errors.country}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} value={node.country ?? ''} maxLength={2} onChange={(e) => onChange({ country: e.target.value || undefined })} />}</Field>
      <Field label="Operators (comma separated)" error={errors.operators}>{(id) => <input id={id} defaultValue={listText(node.operators)} onBlur={(e) => onChange({ operators: parseList(e.target.value) })} />}</Field>
      <Field label="Sources (ids, comma separated)" error={errors.sources}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} defaultValue={listText(node.sources)} onBlur={(e) => onChange({ sources: parseList(e.target.value) })} />}</Field>
      <Field label="Notes" error={errors.notes}>{(id) => <textarea id={id} rows={2} value={node.notes ?? ''} onChange={(e) => onChange({ notes: e.target.value || undefined })} />}</Field>
      {errors._ && <p className="field-error">{errors._}</p>}
      <button type="button" className="danger" onClick={onDelete}>Delete node (and its links)</button>
    </form>
  )
}

function LinkForm({ link, nodes, errors, onChange, onDelete }: { link: NetworkLink; nodes: NetworkNode[]; errors: Record<string, string>; onChange(set: Partial<NetworkLink>): void; onDelete(): void }) {
  const name = (id: string) => nodes.find((n) => n.id === id)?.name ?? id
  return (
    <form className="stack record" aria-label={`Link ${link.id}`} onSubmit={(e) => e.preventDefault()}>
      <h3>Link <code>{link.id}</code></h3>
      <p className="small">{name(link.a)} — {name(link.b)}</p>
      {errors.a && <p className="field-error">a: {errors.a}</p>}
      {errors.b && <p className="field-error">b: {errors.b}</p>}
      <Field label="Name" error={errors.name}>{(id) => <input id={id} value={link.name ?? ''} onChange={(e) => onChange({ name: e.target.value || undefined })} />}</Field>
      <div className="row">
        <Field label="Kind" error={errors.kind}>{(id) => <select id={id} value={link.kind} onChange={(e) => onChange({ kind: e.target.value as NetworkLink['kind'] })}>{LINK_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}</select>}</Field>
        <Field label="Status" error={errors.status}>{(id) => <select id={id} value={link.status ?? 'operational'} onChange={(e) => onChange({ status: e.target.value as NetworkLink['status'] })}>{LINK_STATUSES.map((k) => <option key={k} value={k}>{statusLabel(k)}</option>)}</select>}</Field>
      </div>
      <div className="row">
        <Field label="Ready for service (year)" error={errors.readyForServiceYear}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} type="number" value={link.readyForServiceYear ?? ''} onChange={(e) => onChange({ readyForServiceYear: parseNumber(e.target.value) })} />}</Field>
        <Field label="Length, km (declared)" error={errors.lengthKm}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} type="number" step="any" value={link.lengthKm ?? ''} onChange={(e) => onChange({ lengthKm: parseNumber(e.target.value) })} />}</Field>
      </div>
      <Field label="Design capacity, Gbps" error={errors.designCapacityGbps}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} type="number" step="any" value={link.designCapacityGbps ?? ''} onChange={(e) => onChange({ designCapacityGbps: parseNumber(e.target.value) })} />}</Field>
      <Field label="Operators (comma separated)" error={errors.operators}>{(id) => <input id={id} defaultValue={listText(link.operators)} onBlur={(e) => onChange({ operators: parseList(e.target.value) })} />}</Field>
      <Field label="Countries crossed (comma separated ISO codes)" error={errors.countries}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} defaultValue={listText(link.countries)} onBlur={(e) => onChange({ countries: parseList(e.target.value) })} />}</Field>
      <Field label="Sources (ids, comma separated)" error={errors.sources}>{(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!d} defaultValue={listText(link.sources)} onBlur={(e) => onChange({ sources: parseList(e.target.value) })} />}</Field>
      <Field label="Notes" error={errors.notes}>{(id) => <textarea id={id} rows={2} value={link.notes ?? ''} onChange={(e) => onChange({ notes: e.target.value || undefined })} />}</Field>
      <button type="button" className="danger" onClick={onDelete}>Delete link</button>
    </form>
  )
}
