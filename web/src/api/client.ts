import type { Problem as ServerProblem } from '../../../src/server/problem'

/**
 * The transport to /api/v1 (docs/api.md): a Bearer token, JSON in and out, problem documents turned into
 * ApiError. The typed calls are in ./endpoints.ts; panels use those, not `request`.
 */

/** A problem document (RFC 9457); one made here for an unreachable server or a non-JSON answer has only some fields. */
export type Problem = Partial<ServerProblem> & Pick<ServerProblem, 'status' | 'code'>

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
  }
  get code(): string {
    return this.problem.code
  }
}

const STORAGE_KEY = 'silkway.token'
let token: string | undefined = readStoredToken()
const WORKSPACE_KEY = 'silkway.workspace'
/** The workspace every call names (a global admin picks it in the top bar; kept for this tab). */
let workspace = readWorkspace()

function readWorkspace(): string {
  try {
    return sessionStorage.getItem(WORKSPACE_KEY) ?? 'default'
  } catch {
    return 'default'
  }
}

export function currentWorkspace(): string {
  return workspace
}

/** Works in another workspace from the next call on (the app reloads its data). */
export function setWorkspace(name: string): void {
  workspace = name || 'default'
  try {
    sessionStorage.setItem(WORKSPACE_KEY, workspace)
  } catch {
    // Storage refused: the choice lasts for this page.
  }
}

function readStoredToken(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY) ?? undefined
  } catch {
    return undefined
  }
}

/** Keeps the token for this tab (sessionStorage), or on this device too when `remember`. */
export function setToken(value: string | undefined, remember = false): void {
  token = value
  try {
    sessionStorage.removeItem(STORAGE_KEY)
    localStorage.removeItem(STORAGE_KEY)
    if (value) (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, value)
  } catch {
    // Storage refused (private mode): the token lives in memory for this page.
  }
}

export function hasToken(): boolean {
  return token !== undefined
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>

export function queryString(query: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

/** One call to /api/v1; resolves with the JSON answer, rejects with ApiError (or the AbortError of `signal`). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const query = workspace === 'default' ? options.query ?? {} : { ...options.query, workspace }
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/api/v1${path}${queryString(query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, { status: 0, code: 'SW_UNREACHABLE', detail: 'the silkway server does not answer; is `silkway serve` running?' })
  }
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const problem = (json && typeof json === 'object' && 'code' in json ? json : { status: response.status, code: `HTTP_${response.status}`, detail: text.slice(0, 200) }) as Problem
    throw new ApiError(response.status, problem)
  }
  return json as T
}
