import { SilkwayError } from '../model'
import { type RoutingIndex, resolveNode } from '../routing'

/** Named country groups (`group:europe`): lists of ISO 3166-1 alpha-2 codes. */
export type CountryGroups = Readonly<Record<string, readonly string[]>>

export interface NodeSet {
  /** The set as written. */
  text: string
  /** Dense node ids, ascending, without repeats. */
  nodes: number[]
}

/**
 * A node set from its text: comma-separated items, each a node id or name (resolved as `route` resolves
 * them), `country:XX` (every node in that country) or `group:NAME` (every node in a country of the group).
 * An item that names nothing is an error naming the item and `field`, so a typo never silently shrinks a set.
 */
export function parseNodeSet(index: RoutingIndex, text: string, groups: CountryGroups, field: string): NodeSet {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
  if (items.length === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', `${field}: the set is empty; give node ids or names, country:XX or group:NAME`, { field })
  const chosen = new Set<number>()
  const { nodes } = index.network
  for (const item of items) {
    const prefix = /^(country|group):(.*)$/i.exec(item)
    if (!prefix) {
      chosen.add(resolveNode(index, item))
      continue
    }
    const kind = prefix[1].toLowerCase()
    const value = prefix[2].trim()
    let countries: ReadonlySet<string>
    if (kind === 'country') {
      if (!/^[A-Za-z]{2}$/.test(value)) throw new SilkwayError('SW_INVALID_ARGUMENT', `${field}: '${item}' is not country:XX with an ISO 3166-1 alpha-2 code`, { field, item })
      countries = new Set([value.toUpperCase()])
    } else {
      // Own keys only: 'group:__proto__' or 'group:constructor' must not reach Object.prototype.
      const group = Object.hasOwn(groups, value.toLowerCase()) ? groups[value.toLowerCase()] : undefined
      if (!group) throw new SilkwayError('SW_INVALID_ARGUMENT', `${field}: no group '${value}'; groups: ${Object.keys(groups).sort().join(', ')}`, { field, item })
      countries = new Set(group)
    }
    let found = 0
    nodes.forEach((node, v) => {
      if (node.country !== undefined && countries.has(node.country)) {
        chosen.add(v)
        found++
      }
    })
    if (found === 0) throw new SilkwayError('SW_INVALID_ARGUMENT', `${field}: '${item}' matches no node of this network`, { field, item })
  }
  return { text, nodes: [...chosen].sort((a, b) => a - b) }
}
