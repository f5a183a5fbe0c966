import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEFAULT_SCENARIO, builtinNetwork, builtinScenarios } from '../data'
import { Store } from '../store'
import { type App, type ServerOptions, buildServer } from './app'
import { DEFAULT_WORKSPACE } from './auth'
import { DEFAULT_NETWORK } from './schemas'

export interface StoreLocation {
  /** PostgreSQL URL (SILKWAY_DATABASE_URL); when absent, SQLite in `dataDir`. */
  databaseUrl?: string
  dataDir: string
}

export function sqliteFile(dataDir: string): string {
  return join(resolve(dataDir), 'silkway.db')
}

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.databaseUrl) return Store.open({ databaseUrl: location.databaseUrl })
  mkdirSync(resolve(location.dataDir), { recursive: true })
  return Store.open({ file: sqliteFile(location.dataDir) })
}

/** On an empty database: the default workspace with the built-in corridor and its scenarios, in one transaction. */
export async function seedBuiltin(store: Store): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  const change = { author: 'silkway', message: 'seeded with the built-in Digital Silk Way corridor' }
  await store.db.transaction().execute(async (tx) => {
    await store.createIn(tx, { workspace: DEFAULT_WORKSPACE, kind: 'network', network: '', name: DEFAULT_NETWORK }, builtinNetwork, change, { defaultScenario: DEFAULT_SCENARIO, builtin: true })
    for (const scenario of builtinScenarios) {
      await store.createIn(tx, { workspace: DEFAULT_WORKSPACE, kind: 'scenario', network: DEFAULT_NETWORK, name: scenario.name }, scenario, change)
    }
  })
  return true
}

/** A global admin token when there is no live one (the first start); its secret is returned to be printed once. */
export async function ensureAdminToken(store: Store): Promise<string | undefined> {
  const live = (await store.listTokens()).some((t) => t.role === 'admin' && t.workspace === '*' && t.revokedAt === null)
  if (live) return undefined
  return (await store.createToken({ user: 'admin', role: 'admin', workspace: '*', createdBy: 'first start' })).token
}

export interface StartOptions extends StoreLocation, Omit<ServerOptions, 'store'> {
  port: number
  host: string
}

export interface Started {
  app: App
  store: Store
  url: string
  seeded: boolean
  adminToken?: string
  close(): Promise<void>
}

export async function startServer(options: StartOptions): Promise<Started> {
  const store = await openStore(options)
  const seeded = await seedBuiltin(store)
  const adminToken = await ensureAdminToken(store)
  const { port, host, dataDir: _d, databaseUrl: _u, ...serverOptions } = options
  const app = await buildServer({ listenHost: host, ...serverOptions, store })
  const url = await app.listen({ port, host })
  return {
    app,
    store,
    url,
    seeded,
    adminToken,
    async close() {
      await app.close()
      await store.close()
    },
  }
}
