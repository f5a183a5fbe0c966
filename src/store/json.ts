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

type Frame = { kind: 'array'; items: unknown[]; next: number } | { kind: 'object'; source: Record<string, unknown>; keys: string[]; next: number; wrote: boolean }

/** The same text as JSON.stringify(value) without indentation, iteratively (an explicit stack of open containers). */
export function stringifyDeep(value: unknown): string {
  const out: string[] = []
  const stack: Frame[] = []
  const seen = new Set<object>()
  const open = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) {
      out.push(scalar(v))
      return
    }
    if (seen.has(v)) throw new TypeError('Converting circular structure to JSON')
    seen.add(v)
    if (Array.isArray(v)) {
      out.push('[')
      stack.push({ kind: 'array', items: v, next: 0 })
    } else {
      out.push('{')
      stack.push({ kind: 'object', source: v as Record<string, unknown>, keys: Object.keys(v), next: 0, wrote: false })
    }
  }
  const top = prepare('', value)
  // As JSON.stringify(undefined), typed as string there too.
  if (top === undefined) return JSON.stringify(undefined)
  open(top)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.kind === 'array') {
      if (frame.next === frame.items.length) {
        out.push(']')
        seen.delete(frame.items)
        stack.pop()
        continue
      }
      const i = frame.next++
      if (i > 0) out.push(',')
      const item = prepare(String(i), frame.items[i])
      if (item === undefined) out.push('null')
      else open(item)
      continue
    }
    if (frame.next === frame.keys.length) {
      out.push('}')
      seen.delete(frame.source)
      stack.pop()
      continue
    }
    const key = frame.keys[frame.next++]
    const item = prepare(key, frame.source[key])
    if (item === undefined) continue
    out.push(`${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`)
    frame.wrote = true
    open(item)
  }
  return out.join('')
}
