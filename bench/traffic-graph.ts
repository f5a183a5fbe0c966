// Max-flow and betweenness next to python-igraph's C core and NetworkX, same graph, same run (issue 10 §8).
// Part of `npm run bench`; alone: node --import tsx bench/traffic-graph.ts [--quick] [--json]
// CPU time on both sides, silkway and the peers in alternating rounds, medians (docs/traffic.md, benchmarks).
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Graph, buildGraph } from '../src/graph'
import { generateNetwork, mulberry32 } from '../src/synthetic'
import { compileIndex } from '../src/routing'
import { defaultProfile } from '../src/data'
import { betweenness, maxFlow } from '../src/traffic'
import type { Row } from './index'

const PYTHON = '/usr/bin/python3'
const SEED = 20261201

interface Instance {
  label: string
  graph: Graph
  capacity: Float64Array
  weight: Float64Array
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * CPU milliseconds of one call (user + system of this process, as Python's time.process_time on the peer's
 * side): on a shared machine wall time measures the other jobs; the peers run single-threaded C, and the
 * count here includes V8's compiler and GC threads, which errs against silkway.
 */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage()
  f()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function available(module: string): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0
}

/** The synthetic corridor-like network of `generateNetwork`, lengths as weights, seeded capacities of 10–400 Gbit/s. */
function instance(nodes: number): Instance {
  const network = generateNetwork({ nodes, seed: SEED })
  const index = compileIndex(network, defaultProfile)
  const random = mulberry32(SEED)
  const capacity = Float64Array.from({ length: index.graph.edgeCount }, () => 10 * (1 + Math.floor(random() * 40)))
  const weight = Float64Array.from(index.linkLengthKm, (km) => (Number.isFinite(km) && km > 0 ? km : 1))
  return { label: `synthetic ${nodes.toLocaleString('en')}`, graph: buildGraph(index.graph.nodeCount, index.graph.edgeTail, index.graph.edgeHead), capacity, weight }
}

function peer(x: Instance, task: 'maxflow' | 'betweenness', name: 'igraph' | 'networkx', pairs: [number, number][], repeats: number): { times_s: number[]; values: number[] } {
  const edges = Array.from({ length: x.graph.edgeCount }, (_, e) => [x.graph.edgeTail[e], x.graph.edgeHead[e], x.capacity[e], x.weight[e]])
  const input = JSON.stringify({ n: x.graph.nodeCount, edges, task, peer: name, pairs, repeats })
  const run = spawnSync(PYTHON, [fileURLToPath(new URL('./traffic_peers.py', import.meta.url))], { input, encoding: 'utf8', maxBuffer: 1 << 28 })
  if (run.status !== 0) throw new Error(`bench: ${name} ${task} failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

/** Pairs of distinct random nodes, seeded. */
function pairsOf(n: number, count: number): [number, number][] {
  const random = mulberry32(SEED + n)
  const pairs: [number, number][] = []
  while (pairs.length < count) {
    const s = Math.floor(random() * n)
    const t = Math.floor(random() * n)
    if (s !== t) pairs.push([s, t])
  }
  return pairs
}

export function benchTrafficGraph(options: { quick: boolean }): { rows: Row[]; notes: string[] } {
  const rows: Row[] = []
  const notes: string[] = []
  const igraph = available('igraph')
  const networkx = available('networkx')
  if (!igraph) notes.push('max-flow and betweenness against igraph skipped: python-igraph is not installed (Debian python3-igraph)')
  if (!networkx) notes.push('max-flow against NetworkX skipped: NetworkX is not installed (Debian python3-networkx)')
  const sizes = options.quick ? [1_000] : [10_000, 100_000]
  for (const nodes of sizes) {
    const x = instance(nodes)
    const pairs = pairsOf(x.graph.nodeCount, options.quick ? 3 : 5)
    const repeats = options.quick ? 3 : 5
    // Untimed calls first (20, or 1 s): V8 runs the first calls of a 1k-node max-flow in its interpreter, 3–20 ms
    // of CPU each against 0.8 ms once optimised; igraph's C core needs no warm-up. They also cache the arc twins.
    const warmUntil = performance.now() + 1000
    for (let i = 0; i < 20 && performance.now() < warmUntil; i++) maxFlow(x.graph, [pairs[0][0]], [pairs[0][1]], x.capacity)
    // Rounds alternate silkway and the peers (A B A B …), so a change in the machine's load hits both sides;
    // each figure is the median over rounds of the median over pairs of the median of `repeats` calls.
    const rounds = 5
    const mineMs: number[] = []
    const values = pairs.map(() => 0)
    const peerMs: Record<'igraph' | 'networkx', number[]> = { igraph: [], networkx: [] }
    for (let round = 0; round < rounds; round++) {
      const perPair = pairs.map(([s, t], p) => {
        const samples: number[] = []
        for (let i = 0; i < repeats; i++) samples.push(cpuMs(() => (values[p] = maxFlow(x.graph, [s], [t], x.capacity).valueGbps)))
        return median(samples)
      })
      mineMs.push(median(perPair))
      for (const name of ['igraph', 'networkx'] as const) {
        if (name === 'igraph' ? !igraph : !networkx) continue
        // NetworkX's preflow-push on 100k nodes takes seconds a pair: fewer pairs, one repeat and one round there.
        const few = name === 'networkx' && nodes > 20_000
        if (few && round > 0) continue
        const theirs = peer(x, 'maxflow', name, few ? pairs.slice(0, 2) : pairs, few ? 1 : repeats)
        theirs.values.forEach((v, i) => {
          if (Math.abs(v - values[i]) > 1e-6 * Math.max(1, v)) throw new Error(`bench: max-flow ${pairs[i]} silkway ${values[i]} ≠ ${name} ${v}`)
        })
        peerMs[name].push(median(theirs.times_s.map((s) => s * 1000)))
      }
    }
    const silkwayMs = median(mineMs)
    for (const name of ['igraph', 'networkx'] as const) {
      if (peerMs[name].length === 0) continue
      const theirMs = median(peerMs[name])
      rows.push({ case: `max-flow s–t (${x.label})`, nodes: x.graph.nodeCount, edges: x.graph.edgeCount, silkwayMs, peer: name === 'igraph' ? 'python-igraph (C core)' : 'NetworkX', peerMs: theirMs, ratio: theirMs / silkwayMs })
    }
    notes.push(`max-flow ${x.label}: CPU time, median of 5 alternating rounds of the median over ${pairs.length} random pairs of the median of ${repeats} runs, values identical on both sides; graph building not timed on either side, untimed warm-up calls on silkway's (JIT); both undirected, each link its capacity in each direction`)
  }
  const betweennessNodes = options.quick ? 1_000 : 10_000
  const x = instance(betweennessNodes)
  // Alternating rounds, as for max-flow: silkway once, then igraph once (a fresh process, graph building untimed).
  const rounds = options.quick ? 5 : 3
  const samples: number[] = []
  const theirs: number[] = []
  for (let round = 0; round < rounds; round++) {
    let total = 0
    samples.push(cpuMs(() => (total = betweenness(x.graph, { edgeWeight: x.weight }).node.reduce((a, b) => a + b, 0))))
    if (!igraph) continue
    const run = peer(x, 'betweenness', 'igraph', [], 1)
    if (Math.abs(run.values[0] - total) > 1e-6 * Math.max(1, total)) throw new Error(`bench: betweenness total silkway ${total} ≠ igraph ${run.values[0]}`)
    theirs.push(run.times_s[0] * 1000)
  }
  if (igraph) {
    const silkwayMs = median(samples)
    const peerMs = median(theirs)
    rows.push({ case: `betweenness, weighted (${x.label})`, nodes: x.graph.nodeCount, edges: x.graph.edgeCount, silkwayMs, peer: 'python-igraph (C core)', peerMs, ratio: peerMs / silkwayMs })
    notes.push(`betweenness ${x.label}: CPU time, median of ${rounds} alternating rounds; Brandes with Dijkstra on link lengths from every node; igraph directed=False with the same lengths as weights, no cutoff, not normalised, each unordered pair once as silkway; the sums of node betweenness agree (silkway also computes edge betweenness in the same pass)`)
  }
  return { rows, notes }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = benchTrafficGraph({ quick: process.argv.includes('--quick') })
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else {
    console.table(result.rows.map((r) => ({ ...r, silkwayMs: Number(r.silkwayMs.toPrecision(4)), peerMs: Number(r.peerMs.toPrecision(4)), ratio: Number(r.ratio.toFixed(2)) })))
    for (const note of result.notes) console.log(`  ${note}`)
  }
}
