import { SilkwayError, foldName } from '../model'
import type { RoutingIndex } from './compile'

/** Lower case, accents and punctuation removed: "Ürümqi" and "urumqi", "Hong-Kong" and "hong kong" meet. */
export function normalizeName(text: string): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Levenshtein distance with a cut-off; O(|a|·|b|) on two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

export interface NodeSuggestion {
  id: string
  name: string
  country?: string
}

/** Nodes closest to a query by name or id: substring matches first, then by edit distance. */
export function closestNodes(index: RoutingIndex, query: string, limit = 5): NodeSuggestion[] {
  const wanted = normalizeName(query)
  const scored = index.network.nodes.map((node) => {
    const name = normalizeName(node.name)
    const id = normalizeName(node.id)
    const contains = wanted.length > 0 && (name.includes(wanted) || id.includes(wanted) || wanted.includes(name))
    const distance = Math.min(editDistance(wanted, name), editDistance(wanted, id))
    return { node, score: (contains ? 0 : 1000) + distance }
  })
  scored.sort((x, y) => x.score - y.score || x.node.id.localeCompare(y.node.id))
  return scored.slice(0, limit).map(({ node }) => ({ id: node.id, name: node.name, country: node.country }))
}

function describeNodes(list: NodeSuggestion[]): string {
  return list.map((n) => `${n.id} (${n.name}${n.country ? `, ${n.country}` : ''})`).join(', ')
}

const namesByIndex = new WeakMap<RoutingIndex, Map<string, number[]>>()

/** Normalised id and name → nodes, built once per index so a lookup does not re-normalise every name. */
function normalizedNames(index: RoutingIndex): Map<string, number[]> {
  let names = namesByIndex.get(index)
  if (names) return names
  names = new Map()
  const add = (key: string, v: number) => {
    const list = names?.get(key)
    if (!list) names?.set(key, [v])
    else if (!list.includes(v)) list.push(v)
  }
  index.network.nodes.forEach((node, v) => {
    add(normalizeName(node.id), v)
    add(normalizeName(node.name), v)
  })
  namesByIndex.set(index, names)
  return names
}

/**
 * A node by exact id, else by case-, accent- and punctuation-insensitive id or name. Unknown and ambiguous
 * names fail with the closest matches listed.
 */
export function resolveNode(index: RoutingIndex, query: string): number {
  const exact = index.nodeIndex.get(query)
  if (exact !== undefined) return exact
  const matches = normalizedNames(index).get(normalizeName(query)) ?? []
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) {
    const candidates = matches.map((v) => {
      const node = index.network.nodes[v]
      return { id: node.id, name: node.name, country: node.country }
    })
    throw new SilkwayError('SW_AMBIGUOUS_NODE', `'${query}' matches ${matches.length} nodes: ${describeNodes(candidates)}; give the id`, {
      query,
      candidates,
    })
  }
  const suggestions = closestNodes(index, query)
  throw new SilkwayError('SW_UNKNOWN_NODE', `no node '${query}'; closest: ${describeNodes(suggestions)}`, { query, suggestions })
}
