import { useMemo } from 'react'
import type { NetworkNode } from '../../../src/model'
import { normalizeName } from '../../../src/routing/resolve'
import { countryName, kindLabel } from '../format'
import { matchScore } from '../search'
import { Combobox } from './Combobox'

/** Nodes matching a text by name or id, best first; tolerant of typos as the search is (../search.ts). */
export function matchNodes(nodes: readonly NetworkNode[], text: string, limit = 8): NetworkNode[] {
  const q = normalizeName(text)
  if (!q) return []
  const scored = nodes.flatMap((n) => {
    const scores = [matchScore(q, normalizeName(n.name)), matchScore(q, normalizeName(n.id))].filter((x): x is number => x !== undefined)
    return scores.length ? [{ n, score: Math.min(...scores) }] : []
  })
  scored.sort((a, b) => a.score - b.score || a.n.name.localeCompare(b.n.name))
  return scored.slice(0, limit).map((s) => s.n)
}

interface Props {
  label: string
  nodes: readonly NetworkNode[]
  /** The chosen node's id or name, shown as the name. */
  value: string
  placeholder?: string
  onPick(id: string): void
}

/** A node combobox: type a name (typos forgiven), arrow keys, Enter. */
export function NodePicker({ label, nodes, value, placeholder, onPick }: Props) {
  const chosen = useMemo(() => nodes.find((n) => n.id === value || n.name === value), [nodes, value])
  return (
    <Combobox
      label={label}
      shown={chosen?.name ?? value}
      placeholder={placeholder}
      suggest={(text) => matchNodes(nodes, text)}
      keyOf={(n) => n.id}
      render={(n) => (
        <>
          {n.name} <span className="muted">{[n.country ? countryName(n.country) : undefined, kindLabel(n.kind)].filter(Boolean).join(' · ')}</span>
        </>
      )}
      onChoose={(n) => onPick(n.id)}
    />
  )
}
