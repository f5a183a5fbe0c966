/**
 * `JSON.stringify`, for documents of any nesting depth. V8's stringify recurses and throws a RangeError
 * (stack overflow) near 5,000 levels; the store must not turn a deep but valid document into a 500, so on
 * that error the same text is written by `stringifyDeep`, which keeps its own stack. The fast native path
 * serves every ordinary document.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    if (!isStackOverflow(error)) throw error
    return stringifyDeep(value)
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message)
}

/** What JSON.stringify writes for `value` as a property (undefined: the property is left out). */
function prepare(key: string, value: unknown): unknown {
  let v = value
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(key: string): unknown }).toJSON(key)
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf()
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined
  if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt')
  return v
}

function scalar(v: unknown): string {
  if (v === null) return 'null'
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return JSON.stringify(v as string)
}

type Frame = { items: unknown[]; next: number } | { source: Record<string, unknown>; keys: string[]; next: number; wrote: boolean }

/** Text in pieces, and the containers still open, innermost last: the state a recursive writer keeps on the call stack. */
class Writer {
  readonly out: string[] = []
  readonly stack: Frame[] = []
  private readonly seen = new Set<object>()

  /** Writes a scalar, or opens a container whose members the next steps write. */
  open(v: unknown): void {
    if (typeof v !== 'object' || v === null) {
      this.out.push(scalar(v))
      return
    }
    if (this.seen.has(v)) throw new TypeError('Converting circular structure to JSON')
    this.seen.add(v)
    const array = Array.isArray(v)
    this.out.push(array ? '[' : '{')
    this.stack.push(array ? { items: v, next: 0 } : { source: v as Record<string, unknown>, keys: Object.keys(v), next: 0, wrote: false })
  }

  /** Writes the next member of the innermost container, or closes it. */
  step(frame: Frame): void {
    const container = 'items' in frame ? frame.items : frame.source
    const size = 'items' in frame ? frame.items.length : frame.keys.length
    if (frame.next === size) {
      this.out.push('items' in frame ? ']' : '}')
      this.seen.delete(container)
      this.stack.pop()
      return
    }
    const i = frame.next++
    if ('items' in frame) {
      if (i > 0) this.out.push(',')
      const item = prepare(String(i), frame.items[i])
      return item === undefined ? void this.out.push('null') : this.open(item)
    }
    const key = frame.keys[i]
    const item = prepare(key, frame.source[key])
    if (item === undefined) return
    this.out.push(`${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`)
    frame.wrote = true
    this.open(item)
  }
}

/** The same text as JSON.stringify(value) without indentation, iteratively (an explicit stack of open containers). */
export function stringifyDeep(value: unknown): string {
  const top = prepare('', value)
  // As JSON.stringify(undefined), typed as string there too.
  if (top === undefined) return JSON.stringify(undefined)
  const writer = new Writer()
  writer.open(top)
  while (writer.stack.length > 0) writer.step(writer.stack[writer.stack.length - 1])
  return writer.out.join('')
}
