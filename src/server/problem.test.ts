import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, test } from 'node:test'
import { Store } from '../store'
import { type App, buildServer } from './app'

let store: Store
let app: App
let port: number

before(async () => {
  store = await Store.open({ file: ':memory:' })
  app = await buildServer({ store, open: true, listenHost: '127.0.0.1', rateLimit: false, runJobs: false, bodyLimitBytes: 1000 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as { port: number }).port
})
after(async () => {
  await app.close()
  await store.close()
})

/** Sends raw bytes and reads the answer until the server closes the connection or 5 s pass. */
function raw(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    const finish = () => {
      const [head, ...rest] = data.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') })
    }
    socket.setTimeout(5000, () => socket.destroy())
    socket.on('data', (chunk) => (data += chunk))
    socket.on('close', finish)
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)))
    socket.write(request)
  })
}

function assertProblem(r: { status: number; headers: string; body: string }, status: number, code: string) {
  assert.equal(r.status, status, r.headers)
  assert.match(r.headers, /content-type: application\/problem\+json/)
  const document = JSON.parse(r.body)
  assert.deepEqual([document.status, document.code], [status, code])
}

test('headers over the limit: 431 with a problem document (node answers it before fastify sees a request)', async () => {
  assertProblem(await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'SW_HEADERS_TOO_LARGE')
})

test('bytes that are not HTTP: 400 with a problem document', async () => {
  assertProblem(await raw('HELLO\r\n\r\n'), 400, 'SW_INVALID_ARGUMENT')
})

test('a body over the limit: 413 with a problem document', async () => {
  const body = JSON.stringify({ from: 'x'.repeat(2000), to: 'y' })
  assertProblem(await raw(`POST /api/v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`), 413, 'SW_PAYLOAD_TOO_LARGE')
})

test('open mode: a request without Host is refused with a problem document', async () => {
  assertProblem(await raw('GET /api/v1/whoami HTTP/1.0\r\n\r\n'), 403, 'SW_CROSS_SITE')
})

test('a request reaching a closing server: 503 with a problem document', async () => {
  const closingStore = await Store.open({ file: ':memory:' })
  const closing = await buildServer({ store: closingStore, rateLimit: false, runJobs: false })
  let release = () => {}
  const started = new Promise<void>((resolve) => {
    closing.get('/slow', { config: { access: 'public' } }, async () => {
      resolve()
      await new Promise<void>((done) => (release = done))
      return { ok: true }
    })
  })
  let seen = () => {}
  const preClosed = new Promise<void>((resolve) => closing.addHook('preClose', async () => resolve()))
  const answered = new Promise<void>((resolve) => (seen = resolve))
  closing.addHook('onSend', async (request) => void (request.url === '/health' && seen()))
  await closing.listen({ port: 0, host: '127.0.0.1' })
  const closingPort = (closing.server.address() as { port: number }).port
  // A request in flight keeps its connection open while the server closes; the next one on it arrives late.
  const socket = connect(closingPort, '127.0.0.1')
  const answer = new Promise<string>((resolve) => {
    let data = ''
    socket.on('data', (chunk) => (data += chunk))
    socket.on('close', () => resolve(data))
    socket.on('error', () => {})
    socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  })
  await started
  const closed = closing.close()
  await preClosed
  socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  await answered
  release()
  const text = await answer
  await closed
  await closingStore.close()
  const second = text.slice(text.indexOf('HTTP/1.1', 10))
  assertProblem({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(second)?.[1]), headers: second.split('\r\n\r\n')[0].toLowerCase(), body: second.split('\r\n\r\n')[1] }, 503, 'SW_SERVICE_UNAVAILABLE')
})
