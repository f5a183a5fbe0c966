import Table from 'cli-table3'

/** Aligned, borderless tables for terminals and pipes alike; units go in the headers. */
export function table(head: string[], rows: (string | number | null | undefined)[][], align?: ('left' | 'right')[]): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
    },
    colAligns: align ?? head.map(() => 'left'),
  })
  for (const row of rows) t.push(row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))))
  return t.toString().split('\n').map((line) => line.trimEnd()).join('\n')
}

export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

export function signed(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${value > 0 ? '+' : ''}${num(value, digits)}`
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
