import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import Fastify from 'fastify'
import type { App } from './app'
import { registerWeb } from './static'

const root = mkdtempSync(join(tmpdir(), 'silkway-web-'))
mkdirSync(join(root, 'assets'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>silkway</title>')
writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)')
writeFileSync(join(root, '.build-stamp'), '1')

const app = Fastify() as unknown as App
const access: Record<string, string | undefined> = {}
app.addHook('onRoute', (route) => {
  access[route.url] = route.config?.access
})
await registerWeb(app, root)
after(() => app.close())

test('the built app is public: the page at / and at any page path, assets cached for a year', async () => {
  assert.equal(access['/'], 'public')
  assert.equal(access['/*'], 'public')
  const page = await app.inject({ url: '/' })
  assert.equal(page.statusCode, 200)
  assert.match(page.headers['content-type'] as string, /text\/html/)
  assert.equal(page.headers['cache-control'], 'no-cache')
  const deep = await app.inject({ url: '/route/frankfurt?x=1', headers: { accept: 'text/html' } })
  assert.equal(deep.body, page.body)
  const asset = await app.inject({ url: '/assets/app-1234.js' })
  assert.equal(asset.statusCode, 200)
  assert.match(asset.headers['cache-control'] as string, /immutable/)
})

test('API paths, missing assets, dotfiles and escapes are not answered with the page', async () => {
  for (const url of ['/api/v1/nope', '/assets/missing.js', '/.build-stamp', '/docs/x', '/%E0%A4%A']) {
    const response = await app.inject({ url, headers: { accept: 'text/html' } })
    assert.ok([400, 404].includes(response.statusCode), `${url}: ${response.statusCode}`)
  }
  // A path that climbs out of the folder gets at most the page, never the file.
  for (const url of ['/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
    const escape = await app.inject({ url, headers: { accept: 'text/html' } })
    assert.doesNotMatch(escape.body, /root:/)
  }
})
