// Runs every *.test.ts under src/, test/ and bench/ with node:test (Node 20 has no --test glob).
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function collect(dir, out) {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (entry.endsWith('.test.ts')) out.push(path)
  }
  return out
}

const filter = process.argv.slice(2)
const files = ['src', 'test', 'bench', 'web'].flatMap((dir) => collect(dir, [])).filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
// A whole run takes a few minutes; past the limit something hangs, and failing beats stalling CI for its hour.
const limitMinutes = Number(process.env.SILKWAY_TEST_TIMEOUT_MINUTES ?? 25)
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  timeout: limitMinutes * 60_000,
  killSignal: 'SIGKILL',
})
if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGKILL') {
  process.stderr.write(`\ntests stopped after ${limitMinutes} minutes: a test hangs (fuzz tests print their seed: replay with FC_SEED)\nℹ fail 1\n`)
  process.exit(1)
}
process.exit(result.status ?? 1)
