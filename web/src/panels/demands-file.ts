import type { DemandsDocument } from '../../../src/model'
import { parseDemandsFile } from '../../../src/io/demands'

/** A demands file read in the browser: its document, or every error in words, with the file's places. */
export type DemandsFileRead =
  | { ok: true; name: string; format: 'json' | 'csv'; doc: DemandsDocument; locate?: (path: string) => { path: string } }
  | { ok: false; name: string; error: string }

/** Errors listed in the message before "and N more". */
const SHOWN = 5

/**
 * Reads a demands file chosen in the browser with the CLI's own reader (`parseDemandsFile`, src/io/demands.ts:
 * CSV `from,to,gbps[,year,class]` or silkway JSON), so a file means the same in both: a broken row is refused
 * with its line and column ("line 4, gbps: 'ten' is not a number of Gbit/s ≥ 0"), the whole file with it.
 */
export function readDemandsFile(name: string, text: string): DemandsFileRead {
  const parsed = parseDemandsFile(text, name)
  if (parsed.demands) return { ok: true, name, format: parsed.format, doc: parsed.demands, ...(parsed.locate ? { locate: parsed.locate } : {}) }
  const errors = parsed.issues.filter((i) => i.severity === 'error')
  const listed = errors.slice(0, SHOWN).map((i) => (i.path === '(root)' ? i.message : `${i.path}: ${i.message}`))
  const more = errors.length > SHOWN ? `; and ${errors.length - SHOWN} more` : ''
  return { ok: false, name, error: `${name}: ${listed.join('; ')}${more}` }
}

/**
 * A server message about the demands (`demands[3].from: no node 'Frankfrut'`) pointed at the file's own place
 * (`line 5, from` in a CSV; a JSON path stays as it is).
 */
export function locateMessage(message: string, locate: ((path: string) => { path: string }) | undefined): string {
  if (!locate) return message
  return message.replace(/demands\[\d+\](?:\.\w+)?/g, (path) => locate(path).path)
}
