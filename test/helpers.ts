import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type App, type ServerOptions, buildServer } from '../src/server/app'
import { ensureAdminToken, seedBuiltin } from '../src/server/start'
import { Store } from '../src/store'

/** The checkout's root folder (where bin/silkway.js and package.json sit). */
export const root = fileURLToPath(new URL('..', import.meta.url))
/** The shared Topology Zoo GraphML files (read from ../shared/data, never committed). */
export const zoo = fileURLToPath(new URL('../../shared/data/topology-zoo/', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

// Sweeps and full reports print megabytes of JSON; the default 1 MiB buffer would cut them.
const MAX_BUFFER = 1 << 28

/** `silkway ARGS…` from the bundle, as a user runs it. */
export function silkway(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [join(root, 'bin/silkway.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: MAX_BUFFER })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The same without blocking, so that several runs can overlap. */
export function silkwayAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/silkway.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: MAX_BUFFER }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** What `silkway ARGS… --json` prints, parsed; fails the test on a non-zero exit. */
export function silkwayJson(...args: string[]): any {
  const result = silkway(...args, '--json')
  assert.equal(result.code, 0, result.stderr)
  return JSON.parse(result.stdout)
}

/** A fresh folder under the system's temporary directory. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `silkway-${prefix}-`))
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` })

export interface TestServer {
  store: Store
  app: App
  admin: string
  planner: string
  viewer: string
  close(): Promise<void>
}

/** An in-process server on an in-memory SQLite store seeded with the built-in corridor, with an admin, a planner and a viewer token. */
export async function testServer(options: Omit<ServerOptions, 'store'> = {}): Promise<TestServer> {
  const store = await Store.open({ file: ':memory:' })
  await seedBuiltin(store)
  const admin = (await ensureAdminToken(store)) as string
  const planner = (await store.createToken({ user: 'pia', role: 'planner', workspace: 'default', createdBy: 't' })).token
  const viewer = (await store.createToken({ user: 'vic', role: 'viewer', workspace: 'default', createdBy: 't' })).token
  const app = await buildServer({ store, ...options })
  await app.ready()
  return {
    store,
    app,
    admin,
    planner,
    viewer,
    async close() {
      await app.close()
      await store.close()
    },
  }
}
