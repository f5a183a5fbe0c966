import { type ReactNode, useId, useState } from 'react'

interface Props<T> {
  label: string
  /** The text shown when the user is not typing (the chosen value's name). */
  shown: string
  placeholder?: string
  /** The suggestions for what is typed, best first. */
  suggest(text: string): readonly T[]
  keyOf(option: T): string
  render(option: T): ReactNode
  onChoose(option: T): void
}

/** A combobox (WAI-ARIA 1.2 pattern): type, arrow keys to move, Enter to choose, Escape to close. */
export function Combobox<T>({ label, shown, placeholder, suggest, keyOf, render, onChoose }: Props<T>) {
  const id = useId()
  const [text, setText] = useState<string | undefined>(undefined)
  const [active, setActive] = useState(0)
  const options = text === undefined ? [] : suggest(text)
  const open = options.length > 0
  const choose = (option: T) => {
    onChoose(option)
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
        value={text ?? shown}
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
            choose(options[Math.min(active, options.length - 1)])
          } else if (e.key === 'Escape') setText(undefined)
        }}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" className="combo-list" aria-label={`${label}: suggestions`}>
          {options.map((option, i) => (
            <li
              key={keyOf(option)}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(option)
              }}
            >
              {render(option)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
