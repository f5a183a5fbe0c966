import { SilkwayError } from '../model'

/** Parses `A:B,C:D` into pairs of node references; the names are resolved later, per scenario. */
export function parsePairs(text: string): { from: string; to: string }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const pieces = part.split(':')
      if (pieces.length !== 2 || !pieces[0].trim() || !pieces[1].trim()) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `pair '${part}' is not of the form FROM:TO`, { field: 'pairs' })
      }
      return { from: pieces[0].trim(), to: pieces[1].trim() }
    })
}
