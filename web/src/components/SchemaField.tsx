import type { FieldInfo } from '../../../src/query/fields'

/**
 * An input for a one-value parameter, read from its schema: the label is the field's description, the choices,
 * bounds and default come from the schema, so changing them in src/routing/params.ts changes the form.
 */
export function SimpleField({ field: f, value, onChange }: { field: FieldInfo; value: unknown; onChange: (value: unknown) => void }) {
  if (f.kind === 'boolean')
    return (
      <label className="check">
        <input type="checkbox" name={f.name} checked={value === true} onChange={() => onChange(value !== true)} /> {f.description}
      </label>
    )
  if (f.kind === 'enum')
    return (
      <label className="field">
        <span>{f.description}</span>
        <select name={f.name} value={String(value ?? f.default ?? '')} onChange={(e) => onChange(e.target.value)}>
          {!f.required && f.default === undefined && <option value="">any</option>}
          {(f.options ?? []).map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
    )
  const numeric = f.kind === 'integer' || f.kind === 'number'
  const clamp = (x: number) => Math.min(f.maximum ?? Infinity, Math.max(f.minimum ?? -Infinity, f.kind === 'integer' ? Math.round(x) : x))
  return (
    <label className="field">
      <span>{f.description}</span>
      <input
        name={f.name}
        type={numeric ? 'number' : 'text'}
        min={f.minimum}
        max={f.maximum}
        // A field with a default always holds a number; one without (the year) may be left empty: "any".
        placeholder={f.default === undefined ? 'any' : undefined}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const text = e.target.value
          if (!numeric) onChange(text || undefined)
          else if (text === '') onChange(f.default === undefined ? undefined : value)
          else if (Number.isFinite(Number(text))) onChange(Number(text))
        }}
        // Brought into the schema's bounds on leaving the box, not per keystroke: typing 2025 passes through 2.
        onBlur={() => numeric && typeof value === 'number' && value !== clamp(value) && onChange(clamp(value))}
      />
    </label>
  )
}
