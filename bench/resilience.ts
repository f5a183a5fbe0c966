// The single-failure sweep with all-pairs latency impact, silkway next to NetworkX doing the same the plain way
// (remove a link, all-pairs Dijkstra from scratch, compare every pair), in the same run.
// Usage: node --import tsx bench/resilience.ts [--quick] [--json]   (also run at the end of `npm run bench`)
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildGraph } from '../src/graph'
import { parseNetwork } from '../src/io'
import type { Network } from '../src/model'
import { buildSweepModel, failureSet, sweepRange, unpackImpact } from '../src/resilience'
import { runSweep } from '../src/workers'
import { compileIndex } from '../src/routing'
import { defaultProfile } from '../src/data'
import { generateNetwork, mulberry32 } from '../src/synthetic'

const PYTHON = '/usr/bin/python3'
const zoo = fileURLToPath(new URL('../../shared/data/topology-zoo/', import.meta.url))

interface Case {
  label: string
  n: number
  tails: number[]
  heads: number[]
  weights: number[]
}

/** One-way propagation ms per link from the length model (great circle × route factor where undeclared). */
function fromNetwork(network: Network, label: string): Case {
  const index = compileIndex(network, defaultProfile)
  const tails: number[] = []
  const heads: number[] = []
  const weights: number[] = []
  for (let e = 0; e < index.graph.edgeCount; e++) {
    const w = index.linkPropagationMs[e]
    if (!Number.isFinite(w) || index.graph.edgeTail[e] === index.graph.edgeHead[e]) continue
    tails.push(index.graph.edgeTail[e])
    heads.push(index.graph.edgeHead[e])
    weights.push(w)
  }
  return { label, n: index.graph.nodeCount, tails, heads, weights }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function networkxAvailable(): boolean {
  if (!existsSync(PYTHON)) return false
  return spawnSync(PYTHON, ['-c', 'import networkx'], { encoding: 'utf8' }).status === 0
}

interface Row {
  case: string
  nodes: number
  links: number
  pairs: number
  silkwayInlineMs: number
  silkwayThreadsMs: number
  threads: number
  networkxMs: number | null
  networkxSampled: number
  ratio: number | null
}

async function benchCase(c: Case, quick: boolean, nx: boolean, log: (s: string) => void): Promise<Row> {
  const graph = buildGraph(c.n, c.tails, c.heads)
  const edgeWeight = Float64Array.from(c.weights)
  const endpoints = Array.from({ length: c.n }, (_, v) => v)
  const repeats = quick ? 1 : 3
  const threads = Math.min(2, availableParallelism())
  const inline: number[] = []
  const threaded: number[] = []
  let packed: Float64Array<ArrayBufferLike> = new Float64Array(0)
  for (let r = 0; r < repeats; r++) {
    let t = performance.now()
    const model = buildSweepModel(graph, { edgeWeight }, endpoints)
    const set = failureSet(Array.from({ length: graph.edgeCount }, (_, e) => [e]))
    packed = sweepRange(model, set, 0, graph.edgeCount)
    inline.push(performance.now() - t)
    t = performance.now()
    const model2 = buildSweepModel(graph, { edgeWeight }, endpoints)
    const threadedPacked = await runSweep(model2, set, { threads })
    threaded.push(performance.now() - t)
    if (!threadedPacked.every((x, i) => x === packed[i] || (Number.isNaN(x) && Number.isNaN(packed[i])))) throw new Error('threaded sweep differs from inline')
  }
  let networkxMs: number | null = null
  const sample: number[] = []
  if (nx) {
    const random = mulberry32(7)
    const want = Math.min(graph.edgeCount, quick ? 2 : c.n > 500 ? 3 : 12)
    while (sample.length < want) {
      const e = Math.floor(random() * graph.edgeCount)
      if (!sample.includes(e)) sample.push(e)
    }
    const input = JSON.stringify({ n: c.n, edges: c.tails.map((u, e) => [u, c.heads[e], c.weights[e]]), sample })
    const run = spawnSync(PYTHON, [fileURLToPath(new URL('./resilience_nx.py', import.meta.url))], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
    if (run.status !== 0) throw new Error(`networkx peer failed: ${run.stderr}`)
    const peer = JSON.parse(run.stdout) as { base_s: number; per_failure_s: number[]; results: [number, number, number][] }
    sample.forEach((e, i) => {
      const mine = unpackImpact(packed, e)
      const [disconnected, degraded, extra] = peer.results[i]
      const same = mine.pairsDisconnected === disconnected && mine.pairsDegraded === degraded && Math.abs(mine.extraRttMs - extra) <= 1e-6 * Math.max(1, extra)
      if (!same) throw new Error(`${c.label}: link ${e}: silkway ${JSON.stringify(mine)} vs networkx ${peer.results[i]}`)
    })
    // The plain way: one all-pairs Dijkstra for the base and one per failure; timed on a sample, scaled to all.
    networkxMs = 1000 * (peer.base_s + median(peer.per_failure_s) * graph.edgeCount)
  }
  const silkwayMs = median(threaded)
  const row: Row = {
    case: c.label,
    nodes: c.n,
    links: graph.edgeCount,
    pairs: (c.n * (c.n - 1)) / 2,
    silkwayInlineMs: Math.round(median(inline)),
    silkwayThreadsMs: Math.round(silkwayMs),
    threads,
    networkxMs: networkxMs === null ? null : Math.round(networkxMs),
    networkxSampled: sample.length,
    ratio: networkxMs === null ? null : Math.round((10 * networkxMs) / Math.min(silkwayMs, median(inline))) / 10,
  }
  log(
    `  ${row.case.padEnd(34)} ${String(row.nodes).padStart(5)} nodes ${String(row.links).padStart(5)} links · silkway ${row.silkwayInlineMs} ms inline, ${row.silkwayThreadsMs} ms on ${threads} threads · ` +
      (row.networkxMs === null ? 'networkx —' : `networkx ${row.networkxMs} ms (${row.networkxSampled} failures timed, scaled to ${row.links}) · ×${row.ratio}`),
  )
  return row
}

export async function benchResilience(options: { quick: boolean; json: boolean }): Promise<Row[]> {
  const log = (s: string) => {
    if (!options.json) process.stdout.write(`${s}\n`)
  }
  log('')
  log('resilience — single-failure sweep, latency impact on every pair (medians; results cross-checked with NetworkX on the timed failures)')
  const nx = networkxAvailable()
  if (!nx) log(`  NetworkX not found (${PYTHON} with python3-networkx; apt-get install python3-networkx): silkway only`)
  const cases: (() => Case)[] = []
  for (const name of ['Kdl', 'Cogentco']) {
    const file = `${zoo}${name}.graphml`
    if (!existsSync(file)) {
      log(`  ${name}: skipped (${file} absent)`)
      continue
    }
    cases.push(() => {
      const parsed = parseNetwork(readFileSync(file, 'utf8'), { fileName: `${name}.graphml` })
      if (!parsed.network) throw new Error(`${name}: ${parsed.issues[0]?.message}`)
      return fromNetwork(parsed.network, `Topology Zoo ${name}`)
    })
  }
  cases.push(() => fromNetwork(generateNetwork({ nodes: 1000, seed: 20261124, averageDegree: 3 }), 'synthetic 1,000 nodes (seed 20261124)'))
  const rows: Row[] = []
  for (const make of cases) rows.push(await benchCase(make(), options.quick, nx, log))
  if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  await benchResilience({ quick: args.includes('--quick'), json: args.includes('--json') })
}
