import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

const root = fileURLToPath(new URL('..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'silkway-cli-limits-'))
const tiny = fileURLToPath(new URL('./fixtures/tiny.json', import.meta.url))

function silkway(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(root, 'bin/silkway.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal }
}

test('a device is refused at once with exit 2 (validate /dev/zero read without end before)', (context) => {
  if (!existsSync('/dev/zero')) return context.skip('no /dev/zero on this system')
  const result = silkway(['validate', '/dev/zero'])
  assert.equal(result.signal, null, 'finished before the timeout')
  assert.equal(result.code, 2)
  assert.equal(result.stderr, 'silkway: /dev/zero: not a regular file (a character device): give a network or JSON file [SW_INVALID_ARGUMENT]\n')
})

test('a directory and a named pipe are refused, for --network too, without waiting for a writer', (context) => {
  const directory = silkway(['route', 'a', 'b', '--network', scratch])
  assert.equal(directory.code, 2)
  assert.match(directory.stderr, /not a regular file \(a directory\)/)
  const fifo = join(scratch, 'pipe.json')
  const made = spawnSync('mkfifo', [fifo])
  if (made.error || made.status !== 0) return context.skip('mkfifo is not available: the named pipe case is skipped')
  assert.ok(statSync(fifo).isFIFO())
  const pipe = silkway(['convert', fifo, '--to', 'graphml'])
  assert.equal(pipe.signal, null, 'did not wait for a writer')
  assert.equal(pipe.code, 2)
  assert.match(pipe.stderr, /not a regular file \(a named pipe\)/)
})

test('a file over the size limit is refused before it is read; the flag and the variable raise or lower the limit', () => {
  const size = statSync(tiny).size
  const flag = silkway(['validate', tiny, '--max-file-bytes', String(size - 1)])
  assert.equal(flag.code, 2)
  assert.match(flag.stderr, new RegExp(`tiny\\.json: the document is .*\\(${size} bytes\\), over the limit of .*\\(?${size - 1} bytes.*--max-file-bytes <bytes> or SILKWAY_MAX_FILE_BYTES \\[SW_DOCUMENT_TOO_LARGE\\]`))
  assert.equal(silkway(['validate', tiny, '--max-file-bytes', String(size)]).code, 0)
  assert.equal(silkway(['validate', tiny], { SILKWAY_MAX_FILE_BYTES: String(size - 1) }).code, 2)
  // The flag wins over the variable; either may come before or after the command.
  assert.equal(silkway(['--max-file-bytes', String(size), 'validate', tiny], { SILKWAY_MAX_FILE_BYTES: '10' }).code, 0)
  const bad = silkway(['validate', tiny], { SILKWAY_MAX_FILE_BYTES: 'lots' })
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /SILKWAY_MAX_FILE_BYTES: 'lots' is not an integer/)
})

test('the depth limit covers network, scenario and profile files, and can be set per run', () => {
  const network = JSON.parse(readFileSync(tiny, 'utf8')) as Record<string, unknown>
  const deepMetadata = `{"x": ${'['.repeat(200)}${']'.repeat(200)}}`
  const file = join(scratch, 'deep.json')
  writeFileSync(file, JSON.stringify({ ...network, metadata: {} }).replace('"metadata":{}', `"metadata":${deepMetadata}`))
  const refused = silkway(['route', 'a', 'b', '--network', file])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /deep\.json: line 1: metadata\.x\[0\]\[0\].*nests deeper than 128 levels.*\[SW_DOCUMENT_TOO_DEEP\]/)
  assert.equal(silkway(['validate', file, '--max-depth', '300']).code, 0)
  assert.equal(silkway(['validate', file], { SILKWAY_MAX_DEPTH: '300' }).code, 0)
  const ceiling = silkway(['validate', file, '--max-depth', '5000'])
  assert.equal(ceiling.code, 2)
  assert.match(ceiling.stderr, /--max-depth: '5000' is not an integer from 1 to 1000/)

  const scenarios = join(scratch, 'scenarios.json')
  writeFileSync(scenarios, `[${'['.repeat(500)}${']'.repeat(500)}]`)
  const scenarioResult = silkway(['route', 'a', 'b', '--network', tiny, '--scenarios', scenarios])
  assert.equal(scenarioResult.code, 2)
  assert.match(scenarioResult.stderr, /scenarios\.json: line 1: .*\[SW_DOCUMENT_TOO_DEEP\]/)
  const profile = join(scratch, 'profile.json')
  writeFileSync(profile, `{"fiber": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`)
  const profileResult = silkway(['route', 'Baku', 'Aktau', '--profile', profile])
  assert.equal(profileResult.code, 2)
  assert.match(profileResult.stderr, /profile\.json: line 1: fiber\.a\.a.*\[SW_DOCUMENT_TOO_DEEP\]/)
})

test('--help names the limits, their defaults and their variables', () => {
  const help = silkway(['validate', '--help'])
  assert.equal(help.code, 0)
  const text = help.stdout.replace(/\s+/g, ' ')
  assert.match(text, /--max-file-bytes <bytes> .*SILKWAY_MAX_FILE_BYTES; default 67108864, 64 MiB/)
  assert.match(text, /--max-depth <levels> .*SILKWAY_MAX_DEPTH; default 128/)
})
