import { type Network, type NetworkLink, type NetworkNode, type Scenario, foldName } from '../../src/model'

/**
 * Edits as a list of operations, so that a save refused as stale (409) can be replayed on the newer revision
 * instead of lost. A network is edited in place; a scenario records the same operations as its `changes`.
 */
export type EditOp =
  | { op: 'addNode'; node: NetworkNode }
  | { op: 'setNode'; id: string; set: Partial<NetworkNode> }
  | { op: 'removeNode'; id: string }
  | { op: 'addLink'; link: NetworkLink }
  | { op: 'setLink'; id: string; set: Partial<NetworkLink> }
  | { op: 'removeLink'; id: string }

/** Drops undefined fields: a form clears an optional field by setting it to undefined. */
function clean<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== '')) as T
}

/** The network after one operation. Removing a node removes its links. Unknown ids leave it unchanged. */
export function applyEdit(network: Network, edit: EditOp): Network {
  switch (edit.op) {
    case 'addNode':
      return { ...network, nodes: [...network.nodes, clean(edit.node)] }
    case 'setNode':
      return { ...network, nodes: network.nodes.map((n) => (n.id === edit.id ? clean({ ...n, ...edit.set }) : n)) }
    case 'removeNode':
      return { ...network, nodes: network.nodes.filter((n) => n.id !== edit.id), links: network.links.filter((l) => l.a !== edit.id && l.b !== edit.id) }
    case 'addLink':
      return { ...network, links: [...network.links, clean(edit.link)] }
    case 'setLink':
      return { ...network, links: network.links.map((l) => (l.id === edit.id ? clean({ ...l, ...edit.set }) : l)) }
    case 'removeLink':
      return { ...network, links: network.links.filter((l) => l.id !== edit.id) }
  }
}

type Changes = NonNullable<Scenario['changes']>

/**
 * The scenario after one operation, folded into its `changes`: an element the scenario itself added is edited
 * where it was added; anything else gets a modify or remove entry. `removeNode` also lists the links of the
 * node that the scenario added (the network's own links go with the node when the scenario is applied).
 */
export function foldEdit(scenario: Scenario, edit: EditOp): Scenario {
  const c: Changes = structuredClone(scenario.changes ?? {})
  const addedNode = (id: string) => c.addNodes?.findIndex((n) => n.id === id) ?? -1
  const addedLink = (id: string) => c.addLinks?.findIndex((l) => l.id === id) ?? -1
  switch (edit.op) {
    case 'addNode':
      c.addNodes = [...(c.addNodes ?? []), clean(edit.node)]
      break
    case 'addLink':
      c.addLinks = [...(c.addLinks ?? []), clean(edit.link)]
      break
    case 'setNode': {
      const i = addedNode(edit.id)
      if (i >= 0 && c.addNodes) c.addNodes[i] = clean({ ...c.addNodes[i], ...edit.set })
      else c.modifyNodes = merge(c.modifyNodes, edit.id, edit.set)
      break
    }
    case 'setLink': {
      const i = addedLink(edit.id)
      if (i >= 0 && c.addLinks) c.addLinks[i] = clean({ ...c.addLinks[i], ...edit.set })
      else c.modifyLinks = merge(c.modifyLinks, edit.id, edit.set)
      break
    }
    case 'removeNode': {
      const i = addedNode(edit.id)
      if (i >= 0 && c.addNodes) c.addNodes.splice(i, 1)
      else {
        c.removeNodes = [...(c.removeNodes ?? []), edit.id]
        c.modifyNodes = c.modifyNodes?.filter((m) => m.id !== edit.id)
      }
      c.addLinks = c.addLinks?.filter((l) => l.a !== edit.id && l.b !== edit.id)
      break
    }
    case 'removeLink': {
      const i = addedLink(edit.id)
      if (i >= 0 && c.addLinks) c.addLinks.splice(i, 1)
      else {
        c.removeLinks = [...(c.removeLinks ?? []), edit.id]
        c.modifyLinks = c.modifyLinks?.filter((m) => m.id !== edit.id)
      }
      break
    }
  }
  const changes = clean(Object.fromEntries(Object.entries(c).filter(([, list]) => Array.isArray(list) && list.length > 0)) as Changes)
  const { changes: _old, ...rest } = scenario
  return Object.keys(changes).length > 0 ? { ...rest, changes } : rest
}

function merge<T extends { id: string; set: object }>(list: T[] | undefined, id: string, set: object): T[] {
  const out = [...(list ?? [])]
  const i = out.findIndex((m) => m.id === id)
  // A cleared field cannot be expressed as a patch (it merges); it is dropped from an earlier patch at least.
  if (i >= 0) out[i] = { ...out[i], set: clean({ ...out[i].set, ...set }) }
  else out.push({ id, set: clean(set) } as T)
  return out
}

/** A fresh id from a name: lower-case, dashes, unique among `taken`. */
export function freshId(name: string, taken: ReadonlySet<string>): string {
  const base =
    foldName(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'new'
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}

/** One line per operation, for the pending-changes list and the default revision message. */
export function describeEdit(edit: EditOp): string {
  switch (edit.op) {
    case 'addNode':
      return `add node ${edit.node.name}`
    case 'setNode':
      return 'lat' in edit.set || 'lon' in edit.set ? `move node ${edit.id}` : `edit node ${edit.id} (${Object.keys(edit.set).join(', ')})`
    case 'removeNode':
      return `delete node ${edit.id}`
    case 'addLink':
      return `add link ${edit.link.id}`
    case 'setLink':
      return `edit link ${edit.id} (${Object.keys(edit.set).join(', ')})`
    case 'removeLink':
      return `delete link ${edit.id}`
  }
}

/** One record's change as a person reads it: added, removed, or which fields changed from what to what. */
export interface RecordChange {
  type: 'node' | 'link'
  id: string
  name: string
  change: 'added' | 'removed' | 'changed'
  fields: { field: string; before?: unknown; after?: unknown }[]
  /** An added or changed record with no source: the save warns (every real-world number carries its source). */
  unsourced: boolean
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function recordChanges<R extends { id: string; name?: string; sources?: string[] }>(type: 'node' | 'link', before: readonly R[], after: readonly R[]): RecordChange[] {
  const was = new Map(before.map((r) => [r.id, r]))
  const now = new Map(after.map((r) => [r.id, r]))
  const out: RecordChange[] = []
  for (const r of after) {
    const old = was.get(r.id)
    const unsourced = !r.sources?.length
    if (!old) {
      out.push({ type, id: r.id, name: r.name ?? r.id, change: 'added', fields: Object.entries(r).filter(([k]) => k !== 'id').map(([field, value]) => ({ field, after: value })), unsourced })
      continue
    }
    const keys = [...new Set([...Object.keys(old), ...Object.keys(r)])]
    const fields = keys.filter((k) => !sameValue((old as Record<string, unknown>)[k], (r as Record<string, unknown>)[k])).map((field) => ({ field, before: (old as Record<string, unknown>)[field], after: (r as Record<string, unknown>)[field] }))
    if (fields.length) out.push({ type, id: r.id, name: r.name ?? r.id, change: 'changed', fields, unsourced })
  }
  for (const r of before) if (!now.has(r.id)) out.push({ type, id: r.id, name: r.name ?? r.id, change: 'removed', fields: [], unsourced: false })
  return out
}

/** What a save changes, record by record (nodes, then links): the diff shown before it commits. */
export function networkDiff(before: Network, after: Network): RecordChange[] {
  return [...recordChanges('node', before.nodes, after.nodes), ...recordChanges('link', before.links, after.links)]
}

/**
 * The edits without the one at `index`, and without the later edits that rest on what it added: undoing "add
 * node" also drops the later edits of that node and the links added to it (and their edits), which would
 * otherwise point at nothing.
 */
export function withoutEdit(edits: readonly EditOp[], index: number): EditOp[] {
  const undone = edits[index]
  const gone = new Set<string>()
  if (undone?.op === 'addNode') gone.add(undone.node.id)
  if (undone?.op === 'addLink') gone.add(undone.link.id)
  return edits.filter((e, i) => {
    if (i === index) return false
    if (i < index || gone.size === 0) return true
    if (e.op === 'addNode') return true
    if (e.op === 'addLink') {
      if (!gone.has(e.link.a) && !gone.has(e.link.b)) return true
      gone.add(e.link.id)
      return false
    }
    return !gone.has(e.id)
  })
}
