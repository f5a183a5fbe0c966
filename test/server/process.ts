import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../src/store/postgres-fixture'
import { root } from '../helpers'

const live = new Set<ChildProcess>()
// A failed test must not leave servers behind (they would also keep the test runner alive).
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

/** Kills every server this test file started. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL')
}

export interface ServerProcess {
  url: string
  port: number
  /** The admin token printed on first start (undefined on later starts). */
  adminToken?: string
  child: ChildProcess
  output(): string
  kill(signal?: NodeJS.Signals): Promise<void>
}

export interface SpawnOptions {
  dataDir?: string
  databaseUrl?: string
  port?: number
  args?: string[]
  env?: Record<string, string>
}

/** `silkway serve` from the bundle, as a user runs it; resolves once it listens. */
export async function spawnServer(options: SpawnOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort())
  const args = ['bin/silkway.js', 'serve', '--port', String(port), '--log-level', 'warn', ...(options.dataDir ? ['--data-dir', options.dataDir] : []), ...(options.args ?? [])]
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env }
  delete env.SILKWAY_DATABASE_URL
  if (options.databaseUrl) env.SILKWAY_DATABASE_URL = options.databaseUrl
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  live.add(child)
  child.once('exit', () => live.delete(child))
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000)
    const check = () => {
      if (/silkway serving/.test(out)) {
        clearTimeout(timer)
        child.stdout?.off('data', check)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminToken: /admin token[^:]*: (swt_\S+)/.exec(out)?.[1],
    child,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
  }
}

export async function api(server: { url: string }, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

export const tinyNetwork = (nodes = 2, lon = 1) => ({
  schemaVersion: 1,
  name: 'tiny',
  nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, name: `Node ${i}`, kind: 'city', lat: 0, lon: (i * lon) % 180 })),
  links: Array.from({ length: nodes - 1 }, (_, i) => ({ id: `l${i}`, a: `n${i}`, b: `n${i + 1}`, kind: 'terrestrial' })),
})
