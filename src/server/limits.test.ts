import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { DOCUMENT_LIMITS } from '../model'
import { Store } from '../store'
import { type App, buildServer } from './app'
import { ensureAdminToken } from './start'

const root = fileURLToPath(new URL('../..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'silkway-limits-'))

let store: Store
let app: App
let admin: string

const auth = () => ({ authorization: `Bearer ${admin}` })
const json = { 'content-type': 'application/json' }

/** `levels` objects nested inside one another, built iteratively (JSON.stringify would recurse). */
function nestedText(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
}

/** A valid two-node network whose metadata nests `levels` deep, as pretty text with the metadata on line 3. */
function deepNetworkText(levels: number): string {
  return `{\n  "schemaVersion": 1, "name": "deep",\n  "metadata": {"x": ${nestedText(levels)}},\n  "nodes": [{"id": "a", "name": "A", "kind": "city", "lat": 0, "lon": 0}, {"id": "b", "name": "B", "kind": "city", "lat": 0, "lon": 1}],\n  "links": [{"id": "ab", "a": "a", "b": "b", "kind": "terrestrial"}]\n}\n`
}

before(async () => {
  store = await Store.open({ file: ':memory:' })
  admin = (await ensureAdminToken(store)) as string
  app = await buildServer({ store, rateLimit: false, syncImportBytes: 1024 * 1024 })
  await app.ready()
})
after(async () => {
  await app.close()
  await store.close()
  rmSync(scratch, { recursive: true, force: true })
})

test('an import nested 5,000 levels deep is refused with 422 and a located issue (it was a 500 from the store)', async () => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/networks/deep/import', headers: { ...auth(), ...json }, payload: deepNetworkText(5000) })
  assert.equal(r.statusCode, 422, r.body)
  const problem = r.json()
  assert.equal(problem.code, 'SW_DOCUMENT_TOO_DEEP')
  assert.equal(problem.errors[0].code, 'too-deep')
  assert.equal(problem.errors[0].line, 3)
  assert.match(problem.errors[0].path, /^metadata\.x\.a\.a/)
  assert.equal((await store.list('default', 'network')).length, 0, 'nothing was stored')
})

test('JSON bodies nested past the limit are refused before validation, on every route (PUT was a 500 in the diff)', async () => {
  const ok = JSON.parse(deepNetworkText(3)) as Record<string, unknown>
  const created = await app.inject({ method: 'POST', url: '/api/v1/networks', headers: { ...auth(), ...json }, payload: { name: 'shallow', network: ok } })
  assert.equal(created.statusCode, 201, created.body)
  const deepBody = (levels: number) => `{"network": ${deepNetworkText(levels)}, "baseRevision": 1}`
  const put = await app.inject({ method: 'PUT', url: '/api/v1/networks/shallow', headers: { ...auth(), ...json }, payload: deepBody(3000) })
  assert.equal(put.statusCode, 422, put.body)
  assert.equal(put.json().code, 'SW_DOCUMENT_TOO_DEEP')
  assert.match(put.json().detail, /^body: network\.metadata\.x\.a/)
  // The limit is on the body as a whole: `network` and `metadata` are two of its levels.
  const fits = await app.inject({ method: 'PUT', url: '/api/v1/networks/shallow', headers: { ...auth(), ...json }, payload: deepBody(DOCUMENT_LIMITS.maxDepth - 4) })
  assert.equal(fits.statusCode, 200, fits.body)
  const route = await app.inject({ method: 'POST', url: '/api/v1/route', headers: { ...auth(), ...json }, payload: `{"from": "a", "to": "b", "constraints": ${nestedText(100_000)}}` })
  assert.deepEqual([route.statusCode, route.json().code], [422, 'SW_DOCUMENT_TOO_DEEP'])
  assert.equal((await store.get({ workspace: 'default', kind: 'network', network: '', name: 'shallow' })).revision, 2)
})

test('an async import of a deep file fails as a job with the code and a clean message', async () => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/networks/deep-job/import?async=true', headers: { ...auth(), ...json }, payload: deepNetworkText(5000) })
  assert.equal(r.statusCode, 202, r.body)
  let job = r.json()
  for (let i = 0; i < 200 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    job = (await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: auth() })).json()
  }
  assert.equal(job.status, 'failed', JSON.stringify(job))
  assert.equal(job.error.code, 'SW_DOCUMENT_TOO_DEEP')
  assert.match(job.error.message, /^json file: line 3: metadata\.x\.a\.a.*nests deeper than 128 levels/)
  assert.doesNotMatch(JSON.stringify(job), /Maximum call stack|RangeError/)
})

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/silkway.js'), ...args], { cwd: root, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

test('CLI and API give the same answer for a file nested 100,000 levels deep (convert was a 500 and exit 70)', async () => {
  const text = deepNetworkText(100_000)
  const file = join(scratch, 'deep.json')
  writeFileSync(file, text)

  const validate = await app.inject({ method: 'POST', url: '/api/v1/validate', headers: { ...auth(), ...json }, payload: text })
  assert.equal(validate.statusCode, 200, validate.body)
  const cliValidate = cli('validate', file, '--json')
  assert.equal(cliValidate.code, 2, cliValidate.stderr)
  const fromCli = JSON.parse(cliValidate.stdout)
  assert.equal(validate.json().valid, false)
  assert.equal(fromCli.valid, false)
  assert.deepEqual(validate.json().issues, fromCli.issues)
  assert.equal(fromCli.issues[0].code, 'too-deep')

  for (const to of ['graphml', 'geojson', 'json']) {
    const convert = await app.inject({ method: 'POST', url: `/api/v1/convert?to=${to}`, headers: { ...auth(), ...json }, payload: text })
    assert.equal(convert.statusCode, 422, convert.body)
    const cliConvert = cli('convert', file, '--to', to)
    assert.equal(cliConvert.code, 2, cliConvert.stderr)
    assert.equal(convert.json().code, 'SW_DOCUMENT_TOO_DEEP')
    // The same message after the name of the file: the path on disk for the CLI, the format for the API.
    const message = convert.json().detail.replace(/^json file: /, '')
    assert.equal(cliConvert.stderr.trim(), `silkway: ${file}: ${message} [SW_DOCUMENT_TOO_DEEP]`)
  }
})

test('a limit set for the server applies to uploads and bodies alike', async () => {
  const strict = await buildServer({ store, rateLimit: false, maxDepth: 8, fileLimitBytes: 2000 })
  await strict.ready()
  try {
    const upload = await strict.inject({ method: 'POST', url: '/api/v1/convert?to=json', headers: { ...auth(), ...json }, payload: deepNetworkText(7) })
    assert.deepEqual([upload.statusCode, upload.json().code], [422, 'SW_DOCUMENT_TOO_DEEP'])
    const shallow = await strict.inject({ method: 'POST', url: '/api/v1/convert?to=json', headers: { ...auth(), ...json }, payload: deepNetworkText(5) })
    assert.equal(shallow.statusCode, 200, shallow.body)
    const body = await strict.inject({ method: 'POST', url: '/api/v1/route', headers: { ...auth(), ...json }, payload: `{"from": "a", "to": "b", "constraints": ${nestedText(8)}}` })
    assert.deepEqual([body.statusCode, body.json().code], [422, 'SW_DOCUMENT_TOO_DEEP'])
    const large = await strict.inject({ method: 'POST', url: '/api/v1/validate', headers: { ...auth(), ...json }, payload: deepNetworkText(3).replace('"deep"', `"${'d'.repeat(3000)}"`) })
    assert.deepEqual([large.statusCode, large.json().code], [413, 'SW_PAYLOAD_TOO_LARGE'])
  } finally {
    await strict.close()
  }
  await assert.rejects(buildServer({ store, maxDepth: 5000 }), { code: 'SW_INVALID_ARGUMENT' })
})
