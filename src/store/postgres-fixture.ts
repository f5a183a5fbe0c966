import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A private PostgreSQL 15 server for tests: `initdb` into a temporary folder, started with `pg_ctl` on a
 * free loopback port and removed on `stop()`. Never touches a system cluster. As root it runs the server
 * as the `postgres` user, which refuses to run as root.
 */
export interface PostgresFixture {
  /** A new, empty database on the private server. */
  database(name?: string): Promise<string>
  stop(): void
}

const BIN = process.env.SILKWAY_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** Why PostgreSQL tests cannot run here, or undefined when they can. Throws under SILKWAY_REQUIRE_SERVICES=1. */
export function postgresUnavailable(): string | undefined {
  const reason = existsSync(join(BIN, 'pg_ctl')) ? undefined : `PostgreSQL is not installed (${BIN}/pg_ctl missing; apt-get install postgresql): PostgreSQL tests skipped`
  if (reason && process.env.SILKWAY_REQUIRE_SERVICES === '1') throw new Error(`${reason} — and SILKWAY_REQUIRE_SERVICES=1 requires it`)
  return reason
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startPostgres(): Promise<PostgresFixture> {
  const root = mkdtempSync(join(tmpdir(), 'silkway-pg-'))
  const data = join(root, 'data')
  const asRoot = process.getuid?.() === 0
  let run = (file: string, args: string[]) => execFileSync(join(BIN, file), args, { stdio: 'pipe' })
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(root, uid, gid)
    run = (file, args) => execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, file), ...args], { stdio: 'pipe' })
  }
  run('initdb', ['-D', data, '-U', 'silkway', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const port = await freePort()
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start'])
  const base = `postgres://silkway@127.0.0.1:${port}`
  let counter = 0
  const pg = (await import('pg')).default
  return {
    async database(name = `t${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: `${base}/postgres` })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return `${base}/${name}`
    },
    stop() {
      spawnSync(asRoot ? 'runuser' : join(BIN, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' })
      rmSync(root, { recursive: true, force: true })
    },
  }
}
