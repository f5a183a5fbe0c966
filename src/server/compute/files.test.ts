import assert from 'node:assert/strict'
import { test } from 'node:test'
import { writeNetwork } from '../../io'
import { DOCUMENT_LIMITS } from '../../model'
import { diffDocuments } from '../../store/diff'
import { generateNetwork } from '../../synthetic'
import { INLINE_FILE_CHARS, fileTaskChars, runFileTask } from './files'

test("an import's parse task diffs against the stored revision it is given, as the store would at commit", () => {
  const before = generateNetwork({ nodes: 40, seed: 2 })
  const after = { ...before, nodes: before.nodes.map((n, i) => (i === 3 ? { ...n, lat: (n.lat ?? 0) + 1 } : n)) }
  const stored = JSON.stringify(before)
  const text = writeNetwork(after, 'json')
  const answer = runFileTask({ kind: 'parse', text, limits: DOCUMENT_LIMITS, diffAgainst: stored }) as { network: unknown; diff: unknown }
  assert.deepEqual(answer.diff, diffDocuments(before, answer.network))
  assert.equal((answer.diff as { changed: number }).changed, 1)
  // Without a stored revision there is nothing to diff.
  assert.equal('diff' in (runFileTask({ kind: 'parse', text, limits: DOCUMENT_LIMITS }) as object), false)
})

test('a small upload replacing a large stored revision goes to a worker: both texts count', () => {
  const task = { kind: 'parse' as const, text: '{}', limits: DOCUMENT_LIMITS }
  assert.ok(fileTaskChars(task) < INLINE_FILE_CHARS)
  assert.ok(fileTaskChars({ ...task, diffAgainst: 'x'.repeat(INLINE_FILE_CHARS) }) >= INLINE_FILE_CHARS)
})
