import { after, before, describe, test } from 'node:test'
import type { Kysely } from 'kysely'
import { type ConnectOptions, type Connection, type Database, type Dialect, connect } from './database'
import { migrateToLatest } from './migrations'
import { type PostgresFixture, postgresUnavailable, startPostgres } from './postgres-fixture'

/** What a suite declared with `onBackends` works with: a fresh, migrated database of one backend. */
export interface BackendContext {
  /** The suite's database (valid inside tests and hooks). */
  db(): Kysely<Database>
  dialect: Dialect
  /** Why this backend cannot run here; `it` skips with it, and a suite's own hooks should do nothing. */
  skip: string | undefined
  /** How to open another connection to the same database (a second server, a Store); SQLite's is in memory, so a new one. */
  options(): ConnectOptions
  /** `test`, skipped with the reason where this backend is absent. */
  it(title: string, fn: () => Promise<void>): void
}

let fixture: Promise<PostgresFixture> | undefined
const pgSkip = postgresUnavailable()
if (pgSkip) process.stderr.write(`# ${pgSkip}\n`)
after(async () => (await fixture)?.stop())

const BACKENDS: { dialect: Dialect; name: string; skip?: string; options(): Promise<ConnectOptions> }[] = [
  { dialect: 'sqlite', name: 'SQLite', options: async () => ({ file: ':memory:' }) },
  {
    dialect: 'postgres',
    name: 'PostgreSQL',
    skip: pgSkip,
    async options() {
      fixture ??= startPostgres()
      return { databaseUrl: await (await fixture).database() }
    },
  },
]

/**
 * Declares the same suite on SQLite and on a private PostgreSQL (one server per test file, one database
 * per suite): what passes on one must pass on the other. PostgreSQL's absence is a visible skip, and a
 * failure under SILKWAY_REQUIRE_SERVICES=1 (see postgres-fixture.ts).
 */
export function onBackends(title: string, body: (context: BackendContext) => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} on ${backend.name}`, () => {
      let connection: Connection | undefined
      let options: ConnectOptions | undefined
      before(async () => {
        if (backend.skip) return
        options = await backend.options()
        connection = await connect(options)
        await migrateToLatest(connection.db)
      })
      after(async () => connection?.db.destroy())
      const required = <T>(value: T | undefined): T => {
        if (value === undefined) throw new Error(`the ${backend.name} database is not open (used outside a test?)`)
        return value
      }
      body({
        db: () => required(connection).db,
        dialect: backend.dialect,
        skip: backend.skip,
        options: () => required(options),
        it: (name, fn) =>
          test(name, async (t) => {
            if (backend.skip) return t.skip(backend.skip)
            await fn()
          }),
      })
    })
  }
}
