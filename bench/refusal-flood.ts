// Issue 9's flood of made-up tokens against `silkway serve` (default limits, SQLite): what it gets and what it
// costs the database. Usage: node --import tsx bench/refusal-flood.ts [--threads 4] [--seconds 20] [--rate-limit 6000]
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Store } from '../src/store'
import { sqliteFile } from '../src/server/start'
import { spawnServer } from '../test/server/process'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const threads = option('--threads', 4)
const seconds = option('--seconds', 20)
const limit = option('--rate-limit', 6000)
const folderBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0)

const dataDir = mkdtempSync(join(tmpdir(), 'silkway-flood-'))
const server = await spawnServer({ dataDir, args: ['--rate-limit', String(limit)] })
const before = folderBytes(dataDir)
const statuses = new Map<number, number>()
const until = Date.now() + seconds * 1000
await Promise.all(
  Array.from({ length: threads }, async () => {
    while (Date.now() < until) {
      const r = await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: `Bearer swt_${randomBytes(32).toString('base64url')}` } })
      await r.arrayBuffer()
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
    }
  }),
)
await server.kill()
const store = await Store.open({ file: sqliteFile(dataDir) })
const rows = await store.listAudit({ limit: 1000 })
await store.close()
const counted = rows.reduce((n, r) => n + (r.action === 'refused (repeated)' ? Number(r.detail.count) : 1), 0)
process.stdout.write(
  `${threads} threads × ${seconds} s of made-up tokens at --rate-limit ${limit}: ${[...statuses].sort().map(([s, n]) => `${n} × ${s}`).join(', ')}; ` +
    `${rows.length} audit rows counting ${counted} refusals; data folder ${(before / 1e6).toFixed(1)} → ${(folderBytes(dataDir) / 1e6).toFixed(1)} MB\n`,
)
rmSync(dataDir, { recursive: true, force: true })
