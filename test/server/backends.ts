import { type PostgresFixture, postgresUnavailable, startPostgres } from '../../src/store/postgres-fixture'
import { Store } from '../../src/store'
import { sqliteFile } from '../../src/server/start'
import { scratchDir } from '../helpers'

/** Where a test's server keeps its data: a fresh SQLite folder or a fresh database on a private PostgreSQL. */
export interface Backend {
  name: string
  /** Why this backend cannot run here (PostgreSQL not installed), shown as the skip reason. */
  skip?: string
  create(): Promise<{ spawn: { dataDir?: string; databaseUrl?: string }; open(): Promise<Store> }>
}

let fixture: PostgresFixture | undefined
const pgSkip = postgresUnavailable()
if (pgSkip) process.stderr.write(`# ${pgSkip}\n`)

export const backends: Backend[] = [
  {
    name: 'SQLite',
    async create() {
      const dataDir = scratchDir('srv')
      return { spawn: { dataDir }, open: () => Store.open({ file: sqliteFile(dataDir) }) }
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgSkip,
    async create() {
      fixture ??= await startPostgres()
      const databaseUrl = await fixture.database()
      return { spawn: { databaseUrl, dataDir: scratchDir('srv') }, open: () => Store.open({ databaseUrl }) }
    },
  },
]

export function stopBackends(): void {
  fixture?.stop()
  fixture = undefined
}
