import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from './client'
import { LatestOnly, errorCode, errorText, peopleText } from './useApi'

const later = <T>(ms: number, value: T, signal: AbortSignal) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new DOMException('aborted', 'AbortError'))
    })
  })

test('a newer request aborts the older one, whose answer is dropped', async () => {
  const runner = new LatestOnly()
  const signals: AbortSignal[] = []
  const slow = runner.run((signal) => {
    signals.push(signal)
    return later(50, 'old', signal)
  })
  const fast = runner.run((signal) => {
    signals.push(signal)
    return later(5, 'new', signal)
  })
  assert.deepEqual(await fast, { ok: true, data: 'new' })
  assert.deepEqual(await slow, { ok: false, superseded: true })
  assert.equal(signals[0].aborted, true)
  assert.equal(signals[1].aborted, false)
})

test('an answer that ignores the abort still loses to the newer request', async () => {
  const runner = new LatestOnly()
  // A request that resolves even though aborted (no signal passed on): its answer must not count.
  const stubborn = runner.run(() => new Promise((resolve) => setTimeout(() => resolve('old'), 20)))
  const newer = runner.run(async () => 'new')
  assert.deepEqual(await newer, { ok: true, data: 'new' })
  assert.deepEqual(await stubborn, { ok: false, superseded: true })
})

test('a failure is reported as an error; abort() stops what runs', async () => {
  const runner = new LatestOnly()
  const problem = new ApiError(422, { status: 422, code: 'SW_NO_PATH', detail: 'no path from A to B' })
  assert.deepEqual(await runner.run(() => Promise.reject(problem)), { ok: false, error: problem })
  assert.equal(errorText(problem), 'no path from A to B')
  assert.equal(errorCode(problem), 'SW_NO_PATH')
  const running = runner.run((signal) => later(50, 'x', signal))
  runner.abort()
  assert.deepEqual(await running, { ok: false, superseded: true })
})

test('messages in words for people: no command-line flags, no regular expressions', () => {
  assert.equal(peopleText('no path connects A and B (links of unknown length cannot carry a km or ms metric; try --metric hops)'), 'no path connects A and B (links of unknown length cannot carry a km or ms metric; try the metric setting “hops”)')
  assert.equal(peopleText('avoidCountry[0] must match pattern "^[A-Z]{2}$"'), 'avoidCountry[0] is not in the expected form')
  assert.equal(peopleText('use --avoid-country'), 'use the avoid country setting')
})
