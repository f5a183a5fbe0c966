import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { after, test } from 'node:test'
import { freePort } from '../../src/store/postgres-fixture'
import { root, scratchDir, silkway } from '../helpers'
import { api, killAll, spawnServer } from './process'

after(killAll)

test('npm start builds, creates and seeds the embedded database, prints an admin token and serves /health and the API', { timeout: 120_000 }, async () => {
  const port = await freePort()
  const dataDir = scratchDir('start')
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, PORT: String(port), SILKWAY_DATA_DIR: dataDir }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  try {
    let health: Response | undefined
    for (let i = 0; i < 300 && !health; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined)
    }
    assert.ok(health, `no /health within 60 s:\n${out}`)
    assert.equal(health.status, 200)
    assert.equal(((await health.json()) as { status: string }).status, 'ok')
    const token = /admin token[^:]*: (swt_\S+)/.exec(out)?.[1]
    assert.ok(token, out)
    const networks = await api({ url: `http://127.0.0.1:${port}` }, token, 'GET', '/api/v1/networks')
    assert.deepEqual(networks.json.items.map((n: { name: string }) => n.name), ['corridor'])
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
  }
})

test('GET /api/v1/route answers the same JSON as `silkway route --json`; the token command manages access', { timeout: 60_000 }, async () => {
  const dataDir = scratchDir('start')
  const server = await spawnServer({ dataDir })
  try {
    const cli = silkway('route', 'Frankfurt', 'Shanghai', '--k', '2', '--avoid-country', 'RU', '--json')
    assert.equal(cli.code, 0, cli.stderr)
    const token = silkway('token', 'create', '--role', 'viewer', '--workspace', 'default', '--user', 'cli-user', '--data-dir', dataDir)
    assert.equal(token.code, 0, token.stderr)
    const viewer = token.stdout.trim()
    const http = await api(server, viewer, 'GET', '/api/v1/route?from=Frankfurt&to=Shanghai&k=2&avoidCountry=RU')
    assert.equal(http.status, 200, http.text)
    assert.deepEqual(http.json, JSON.parse(cli.stdout))
    const revoke = silkway('token', 'revoke', viewer, '--data-dir', dataDir)
    assert.equal(revoke.code, 0, revoke.stderr)
    await new Promise((resolve) => setTimeout(resolve, 2100)) // the server caches token lookups for 2 s
    assert.equal((await api(server, viewer, 'GET', '/api/v1/whoami')).status, 401)
  } finally {
    await server.kill()
  }
})

test('--open is refused off loopback, and on loopback serves without a token, saying so', { timeout: 60_000 }, async () => {
  const dataDir = scratchDir('start')
  const refused = spawnSync(process.execPath, ['bin/silkway.js', 'serve', '--open', '--host', '0.0.0.0', '--data-dir', dataDir], { cwd: root, encoding: 'utf8', timeout: 20_000 })
  assert.equal(refused.status, 2)
  assert.match(refused.stderr, /--open needs a loopback/)
  const server = await spawnServer({ dataDir, args: ['--open'] })
  try {
    assert.match(server.output(), /OPEN MODE/)
    assert.equal((await api(server, undefined, 'GET', '/api/v1/whoami')).json.open, true)
    assert.equal((await api(server, 'swt_wrong', 'GET', '/api/v1/whoami')).status, 401, 'a wrong token is still refused')
  } finally {
    await server.kill()
  }
})
