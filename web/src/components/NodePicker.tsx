import { useId, useMemo, useState } from 'react'
import { type NetworkNode, foldName } from '../../../src/model'

/** Case- and accent-insensitive, like the server's own name resolution. */
export const fold = foldName

export function matchNodes(nodes: readonly NetworkNode[], text: string, limit = 8): NetworkNode[] {
  const q = fold(text.trim())
  if (!q) return []
  const scored = nodes.flatMap((n) => {
    const name = fold(n.name)
    const id = fold(n.id)
    const score = name === q || id === q ? 0 : name.startsWith(q) ? 1 : id.startsWith(q) ? 2 : name.includes(q) ? 3 : id.includes(q) ? 4 : -1
    return score < 0 ? [] : [{ n, score }]
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
  hideLabel?: boolean
  onPick(id: string): void
}

/** A combobox (WAI-ARIA 1.2 pattern): type, arrow keys to move, Enter to choose, Escape to close. */
export function NodePicker({ label, nodes, value, placeholder, onPick }: Props) {
  const id = useId()
  const chosen = useMemo(() => nodes.find((n) => n.id === value || n.name === value), [nodes, value])
  const [text, setText] = useState<string | undefined>(undefined)
  const [active, setActive] = useState(0)
  const shownText = text ?? chosen?.name ?? value
  const options = useMemo(() => (text === undefined ? [] : matchNodes(nodes, text)), [nodes, text])
  const open = options.length > 0
  const choose = (node: NetworkNode) => {
    onPick(node.id)
    setText(undefined)
  }
  return (
    <div className="combo">
      <label htmlFor={`${id}-input`} className="sr-only">{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={shownText}
        onChange={(e) => {
          setText(e.target.value)
          setActive(0)
        }}
        onBlur={() => setTimeout(() => setText(undefined), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && open) {
            e.preventDefault()
            setActive((a) => (a + 1) % options.length)
          } else if (e.key === 'ArrowUp' && open) {
            e.preventDefault()
            setActive((a) => (a + options.length - 1) % options.length)
          } else if (e.key === 'Enter' && open) {
            e.preventDefault()
            choose(options[active])
          } else if (e.key === 'Escape') setText(undefined)
        }}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" className="combo-list" aria-label={`${label}: suggestions`}>
          {options.map((n, i) => (
            <li
              key={n.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(n)
              }}
            >
              {n.name} <span className="muted">{[n.country, n.kind].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
