// Load benchmark of the planning service: autocannon on loopback against `silkway serve` in its own process.
// Usage: npm run bench:server [-- --quick] [-- --json] [-- --connections N] [-- --duration S]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { writeNetwork } from '../src/io'
import { generateNetwork } from '../src/synthetic'
import { api, spawnServer } from '../test/server/process'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const asJson = args.includes('--json')
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const connections = option('--connections', 16)
const duration = option('--duration', quick ? 3 : 10)
const SYNTHETIC_NODES = quick ? 2000 : 10_000

interface Row {
  name: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

async function load(name: string, url: string, token: string): Promise<Row> {
  const result = await autocannon({ url, connections, duration, headers: { authorization: `Bearer ${token}` } })
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'silkway-bench-'))
const server = await spawnServer({ dataDir, args: ['--rate-limit', '100000000', '--log-level', 'error'] })
try {
  const admin = server.adminToken as string
  const viewer = (await api(server, admin, 'POST', '/api/v1/tokens', { user: 'bench', role: 'viewer', workspace: 'default' })).json.token
  const network = generateNetwork({ nodes: SYNTHETIC_NODES, seed: 7 })
  const imported = await api(server, admin, 'POST', '/api/v1/networks/synthetic/import?format=json', writeNetwork(network, 'json'), { 'content-type': 'application/json' })
  let job = imported.json
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100))
    job = (await api(server, admin, 'GET', `/api/v1/jobs/${job.id}`)).json
  }
  if (imported.status === 202 && job.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(job)}`)
  const last = network.nodes[network.nodes.length - 1].id
  const corridor = `${server.url}/api/v1/route?from=Frankfurt&to=Shanghai`
  const synthetic = `${server.url}/api/v1/route?network=synthetic&from=${network.nodes[0].id}&to=${last}`
  for (const url of [corridor, synthetic]) {
    const warm = await api(server, viewer, 'GET', url.slice(server.url.length))
    if (warm.status !== 200) throw new Error(`${url}: ${warm.status} ${warm.text}`)
  }
  const rows = [
    await load('route Frankfurt→Shanghai, built-in corridor', corridor, viewer),
    await load(`route n0→${last}, generated ${SYNTHETIC_NODES}-node network`, synthetic, viewer),
    await load('health (no auth, no database)', `${server.url}/health`, viewer),
  ]
  /** /health latency, sampled every 10 ms while one heavy request runs (or for 3 s when idle). */
  async function healthUnder(name: string, path: string | undefined, body?: unknown, type = 'application/json', token = viewer) {
    const times: number[] = []
    const started = performance.now()
    const work = path
      ? fetch(`${server.url}${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) }, body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined })
      : new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(null, { status: 200 })), 3000))
    let done = false
    let status = 0
    const finished = work.then(async (r) => {
      status = r.status
      await r.arrayBuffer()
      done = true
    })
    while (!done) {
      const t = performance.now()
      await fetch(`${server.url}/health`).then((r) => r.arrayBuffer())
      times.push(performance.now() - t)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await finished
    const sorted = times.sort((a, b) => a - b)
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10
    return { name, status, heavyMs: Math.round(performance.now() - started), samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) }
  }
  const geojson = writeNetwork(network, 'geojson')
  const heavy = [
    await healthUnder('none (idle)', undefined),
    await healthUnder('availability restoration, Monte Carlo 50,000 samples, generated network', `/api/v1/availability?network=synthetic&from=${network.nodes[0].id}&to=${last}&protection=restoration&samples=50000`),
    await healthUnder('disjoint Frankfurt→Shanghai by country, k=10 (HiGHS MIP), corridor', '/api/v1/disjoint?from=Frankfurt&to=Shanghai&by=country&k=10'),
    await healthUnder('report of the generated network (single points of failure; refused by budget or answered)', '/api/v1/report?network=synthetic'),
    await healthUnder('report of the generated network without the sweep (skipSweep=true)', '/api/v1/report?network=synthetic&skipSweep=true'),
    await healthUnder('cut a 500 km circle, all pairs, generated network (refused by budget or answered)', '/api/v1/cut?network=synthetic', { circles: [{ lat: 45, lon: 60, radiusKm: 500 }] }),
    await healthUnder(
      'import a new revision of the generated network (parse and diff against revision 1)',
      '/api/v1/networks/synthetic/import?format=json&baseRevision=1',
      writeNetwork({ ...network, links: network.links.slice(1) }, 'json'),
      'application/json',
      admin,
    ),
    await healthUnder(`validate the generated network as GeoJSON (${(geojson.length / 1e6).toFixed(1)} MB)`, '/api/v1/validate', geojson, 'application/geo+json'),
  ]
  if (asJson) process.stdout.write(`${JSON.stringify({ connections, durationS: duration, rows, healthUnderHeavy: heavy }, null, 2)}\n`)
  else {
    process.stdout.write(`silkway serve on loopback · autocannon ${connections} connections × ${duration} s · SQLite (WAL) · rate limit on (not reached)\n`)
    for (const r of rows) process.stdout.write(`${r.name.padEnd(58)} ${String(r.requestsPerSecond).padStart(7)} req/s   p50 ${String(r.p50Ms).padStart(4)} ms   p99 ${String(r.p99Ms).padStart(4)} ms${r.errors || r.non2xx ? `   errors ${r.errors}, non-2xx ${r.non2xx}` : ''}\n`)
    process.stdout.write('target (issue 4): ≥ 3,000 corridor route queries/s with p99 < 20 ms on 2 cores\n')
    process.stdout.write('\n/health answered every 10 ms while one heavy request runs (issue 9: p99 < 50 ms)\n')
    for (const h of heavy) process.stdout.write(`${h.name.padEnd(88)} ${String(h.status).padStart(3)} in ${String(h.heavyMs).padStart(6)} ms   health ×${String(h.samples).padStart(4)}   p50 ${String(h.p50Ms).padStart(5)} ms   p99 ${String(h.p99Ms).padStart(5)} ms   max ${String(h.maxMs).padStart(5)} ms\n`)
  }
} finally {
  await server.kill()
  rmSync(dataDir, { recursive: true, force: true })
}
