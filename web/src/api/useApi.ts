import { type DependencyList, useEffect, useState } from 'react'
import { ApiError } from './client'

/** The outcome of one request, as `LatestOnly.run` reports it. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: Error } | { ok: false; superseded: true }

/**
 * One request at a time: starting a request aborts the one still running (its AbortSignal fires, so fetch
 * stops), and an answer that arrives after a newer request started is dropped — a slow old answer can never
 * overwrite a newer one.
 */
export class LatestOnly {
  private current: AbortController | undefined

  async run<T>(request: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> {
    this.current?.abort()
    const controller = new AbortController()
    this.current = controller
    try {
      const data = await request(controller.signal)
      return controller.signal.aborted ? { ok: false, superseded: true } : { ok: true, data }
    } catch (error) {
      return controller.signal.aborted ? { ok: false, superseded: true } : { ok: false, error: error as Error }
    } finally {
      if (this.current === controller) this.current = undefined
    }
  }

  abort(): void {
    this.current?.abort()
    this.current = undefined
  }
}

export interface ApiCall<T, A extends unknown[]> {
  /** The last answer; cleared when a request fails. Kept while the next one runs. */
  data?: T
  error?: Error
  busy: boolean
  /** Starts the request (aborting one still running); resolves with the answer, or undefined when it failed or was superseded. */
  run(...args: A): Promise<T | undefined>
  /** Aborts what runs; clears the answer and the error. */
  reset(): void
}

interface CallState<T> {
  data?: T
  error?: Error
  busy: boolean
}

/**
 * Busy, error and answer of a request a panel starts (a button, a form): the one place for the pattern every
 * panel used to repeat. A newer call aborts the older; leaving the panel aborts what runs. `initial` is an
 * answer (or error) kept from before the panel was last shown, shown until the next request.
 */
export function useApi<T, A extends unknown[] = []>(request: (signal: AbortSignal, ...args: A) => Promise<T>, initial: { data?: T; error?: Error } = {}): ApiCall<T, A> {
  const [state, setState] = useState<CallState<T>>(() => ({ busy: false, ...(initial.data !== undefined ? { data: initial.data } : {}), ...(initial.error ? { error: initial.error } : {}) }))
  const [runner] = useState(() => new LatestOnly())
  useEffect(() => () => runner.abort(), [runner])
  const run = async (...args: A) => {
    setState((s) => ({ data: s.data, busy: true }))
    const outcome = await runner.run((signal) => request(signal, ...args))
    if (outcome.ok) {
      setState({ data: outcome.data, busy: false })
      return outcome.data
    }
    if ('error' in outcome) setState({ error: outcome.error, busy: false })
    return undefined
  }
  const reset = () => {
    runner.abort()
    setState({ busy: false })
  }
  return { ...state, run, reset }
}

/** A request that follows state: rerun whenever `deps` change (the older one aborted); reset while `enabled` is false. */
export function useApiQuery<T>(request: (signal: AbortSignal) => Promise<T>, deps: DependencyList, enabled = true): ApiCall<T, []> {
  const call = useApi(request)
  useEffect(() => {
    if (enabled) call.run()
    else call.reset()
    // `deps` are the caller's; the request is read from this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])
  return call
}

/**
 * A server message in words for people: command-line flags become settings ("try --metric hops" → "try the
 * metric setting “hops”") and a schema's regular expression becomes "is not in the expected form". The stable
 * code is not part of it: ErrorNote shows it in a details line.
 */
export function peopleText(message: string): string {
  return message
    .replace(/must match pattern "[^"]*"/g, 'is not in the expected form')
    .replace(/--([a-z][a-z-]*)(?: ([^\s)]+))?/g, (_, flag: string, value: string | undefined) => `the ${flag.replace(/-/g, ' ')} setting${value ? ` “${value}”` : ''}`)
}

/** An error for people: the server's message in words (peopleText); the code is `errorCode`. */
export function errorText(error: Error): string {
  return peopleText(error.message)
}

/** The stable code of an API error (SW_…), for the details line. */
export function errorCode(error: Error): string | undefined {
  return error instanceof ApiError && error.code ? error.code : undefined
}
