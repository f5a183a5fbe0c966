// silkway's graph core next to graphology, measured in the same run on the same weights and queries.
// Usage: npm run bench [-- --json] [-- --quick] [-- --network FILE]
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { MultiUndirectedGraph } from 'graphology'
import type { Attributes } from 'graphology-types'
import { dijkstra } from 'graphology-shortest-path'
import { ADMISSIBLE_GREAT_CIRCLE_SCALE, MEAN_EARTH_RADIUS_KM, greatCircleKm } from '../src/geo'
import { type Graph, buildGraph, kShortestPaths, shortestPath, shortestPathTree } from '../src/graph'
import { formatIssues, parseNetwork } from '../src/io'
import { type Network, round } from '../src/model'
import { generateNetwork, mulberry32 } from '../src/synthetic'
import { benchTrafficGraph } from './traffic-graph'

export interface Row {
  case: string
  nodes: number
  edges: number
  silkwayMs: number
  peer: string
  peerMs: number
  ratio: number
}

interface Plan {
  silkwayRepeats: number
  peerRepeats: number
  pairs: number
  yenPeerRepeats: number
  /** The Yen pair is a random node and the first node found this many hops away (breadth-first, in edge order). */
  yenHops: number
}

/** Per network size: the peer's 100k runs are kept to a few repetitions and pairs so the bench stays bounded. */
function planFor(nodes: number, quick: boolean): Plan {
  if (quick) return { silkwayRepeats: 3, peerRepeats: 2, pairs: 20, yenPeerRepeats: 1, yenHops: 12 }
  if (nodes <= 2_000) return { silkwayRepeats: 9, peerRepeats: 7, pairs: 100, yenPeerRepeats: 5, yenHops: 12 }
  if (nodes <= 20_000) return { silkwayRepeats: 9, peerRepeats: 5, pairs: 40, yenPeerRepeats: 3, yenHops: 24 }
  return { silkwayRepeats: 7, peerRepeats: 3, pairs: 10, yenPeerRepeats: 2, yenHops: 48 }
}

const YEN_K = 10
const SEED = 20261101
const KM_PER_UNIT_CHORD_ANGLE = 2 * ADMISSIBLE_GREAT_CIRCLE_SCALE * MEAN_EARTH_RADIUS_KM

interface Prepared {
  label: string
  ids: string[]
  index: Map<string, number>
  /** Unit vectors of the nodes, for a cheap great-circle lower bound in the A* heuristic. */
  unit: Float64Array
  lat: Float64Array
  lon: Float64Array
  graph: Graph
  edgeWeight: Float64Array
  peer: MultiUndirectedGraph
  skippedLinks: number
  /** Every node has coordinates and no edge is shorter than the scaled great circle: the A* bound is admissible. */
  greatCircleBound: boolean
}

/** Edge weight = great-circle km between the endpoints (declared lengthKm when a file gives one). */
function prepare(network: Network, label: string): Prepared {
  const index = new Map(network.nodes.map((node, i) => [node.id, i]))
  const lat = Float64Array.from(network.nodes, (n) => n.lat ?? Number.NaN)
  const lon = Float64Array.from(network.nodes, (n) => n.lon ?? Number.NaN)
  const tails: number[] = []
  const heads: number[] = []
  const weights: number[] = []
  const linkIds: string[] = []
  let skippedLinks = 0
  for (const link of network.links) {
    const u = index.get(link.a) as number
    const v = index.get(link.b) as number
    const km = link.lengthKm ?? greatCircleKm(lat[u], lon[u], lat[v], lon[v])
    if (!Number.isFinite(km)) {
      skippedLinks++
      continue
    }
    tails.push(u)
    heads.push(v)
    weights.push(km)
    linkIds.push(link.id)
  }
  const graph = buildGraph(network.nodes.length, tails, heads)
  const edgeWeight = Float64Array.from(weights)
  const peer = new MultiUndirectedGraph()
  const ids = network.nodes.map((n) => n.id)
  for (const id of ids) peer.addNode(id)
  for (let e = 0; e < tails.length; e++) peer.addEdgeWithKey(linkIds[e], ids[tails[e]], ids[heads[e]], { weight: weights[e] })
  const unit = new Float64Array(3 * ids.length)
  for (let v = 0; v < ids.length; v++) {
    const phi = (lat[v] * Math.PI) / 180
    const lambda = (lon[v] * Math.PI) / 180
    unit[3 * v] = Math.cos(phi) * Math.cos(lambda)
    unit[3 * v + 1] = Math.cos(phi) * Math.sin(lambda)
    unit[3 * v + 2] = Math.sin(phi)
  }
  const greatCircleBound =
    ids.every((_, v) => Number.isFinite(lat[v]) && Number.isFinite(lon[v])) &&
    tails.every((u, e) => weights[e] >= ADMISSIBLE_GREAT_CIRCLE_SCALE * greatCircleKm(lat[u], lon[u], lat[heads[e]], lon[heads[e]]))
  return { label, ids, index, unit, lat, lon, graph, edgeWeight, peer, skippedLinks, greatCircleBound }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Median wall time of `repeats` runs after unmeasured warm-up runs (at least two, and at least 250 ms so the
 * JIT has compiled the hot loops); the last result is kept for checking.
 */
function measure<T>(repeats: number, run: () => T): { ms: number; result: T } {
  const warmUntil = performance.now() + 250
  let result = run()
  for (let i = 1; i < 2 || (performance.now() < warmUntil && i < 1000); i++) result = run()
  const times: number[] = []
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    result = run()
    times.push(performance.now() - start)
  }
  return { ms: median(times), result }
}

/** Like measure, but the first run is measured too: for the slow peer on 100k nodes. */
function measureCold<T>(repeats: number, run: () => T): { ms: number; result: T } {
  const times: number[] = []
  let result: T | undefined
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    result = run()
    times.push(performance.now() - start)
  }
  return { ms: median(times), result: result as T }
}

function fail(message: string): never {
  process.stderr.write(`\nbench: RESULTS DISAGREE: ${message}\n`)
  process.exit(3)
}

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

/** Cost of a graphology node path: each hop over its cheapest parallel edge, as graphology's Dijkstra takes it. */
type PeerWeight = (edge: string, attributes: Attributes) => number
const attributeWeight: PeerWeight = (_, attributes) => attributes.weight as number

function peerPathCost(p: Prepared, path: readonly string[], weight: PeerWeight = attributeWeight): number {
  let cost = 0
  for (let i = 1; i < path.length; i++) {
    let best = Infinity
    for (const edge of p.peer.edges(path[i - 1], path[i])) best = Math.min(best, weight(edge, p.peer.getEdgeAttributes(edge)))
    cost += best
  }
  return cost
}

/** The same cost from silkway's index (cheapest parallel edge per hop), for checking graphology's answers. */
function checkedCost(p: Prepared, path: readonly string[]): number {
  const { offsets, arcHead, arcEdge } = p.graph
  let cost = 0
  let u = p.index.get(path[0]) as number
  for (let i = 1; i < path.length; i++) {
    const v = p.index.get(path[i]) as number
    let best = Infinity
    for (let a = offsets[u]; a < offsets[u + 1]; a++) if (arcHead[a] === v) best = Math.min(best, p.edgeWeight[arcEdge[a]])
    cost += best
    u = v
  }
  return cost
}

function randomPairs(n: number, count: number, seed: number): Array<[number, number]> {
  const random = mulberry32(seed)
  const pairs: Array<[number, number]> = []
  while (pairs.length < count) {
    const s = Math.floor(random() * n)
    const t = Math.floor(random() * n)
    if (s !== t) pairs.push([s, t])
  }
  return pairs
}

/** A random source and the first node `hops` hops away from it, or the farthest one reached. */
function yenPair(graph: Graph, seed: number, hops: number): [number, number] {
  const source = Math.floor(mulberry32(seed)() * graph.nodeCount)
  const depth = new Int32Array(graph.nodeCount).fill(-1)
  const queue = [source]
  depth[source] = 0
  let last = source
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]
    last = u
    if (depth[u] === hops) return [source, u]
    for (let a = graph.offsets[u]; a < graph.offsets[u + 1]; a++) {
      const v = graph.arcHead[a]
      if (depth[v] >= 0) continue
      depth[v] = depth[u] + 1
      queue.push(v)
    }
  }
  return [source, last]
}

interface PeerPath {
  path: string[]
  cost: number
}

/**
 * Yen's algorithm the plain way a graphology user would write it: every spur search is graphology's
 * dijkstra.bidirectional over the whole graph with a weight getter that hides the removed root nodes and
 * edges (Infinity), since graphology has no k-shortest-paths. Node-sequence paths: fine on simple graphs.
 */
function plainYenOverGraphology(p: Prepared, source: string, target: string, k: number): PeerPath[] {
  const { peer } = p
  const first = dijkstra.bidirectional(peer, source, target, 'weight')
  if (!first) return []
  const accepted: PeerPath[] = [{ path: first, cost: peerPathCost(p, first) }]
  const candidates: PeerPath[] = []
  const seen = new Set([first.join('\u0000')])
  while (accepted.length < k) {
    const last = accepted[accepted.length - 1].path
    for (let i = 0; i < last.length - 1; i++) {
      const spurNode = last[i]
      const root = last.slice(0, i + 1)
      const removedEdges = new Set<string>()
      for (const { path } of accepted) {
        if (path.length > i + 1 && root.every((node, j) => path[j] === node)) for (const edge of peer.edges(path[i], path[i + 1])) removedEdges.add(edge)
      }
      const removedNodes = new Set(root.slice(0, -1))
      const weight: PeerWeight = (edge, attributes) =>
        removedEdges.has(edge) || removedNodes.has(peer.source(edge)) || removedNodes.has(peer.target(edge)) ? Infinity : (attributes.weight as number)
      const spur = dijkstra.bidirectional(peer, spurNode, target, weight)
      if (!spur) continue
      const spurCost = peerPathCost(p, spur, weight)
      if (!Number.isFinite(spurCost)) continue
      const path = root.slice(0, -1).concat(spur)
      const key = path.join('\u0000')
      if (seen.has(key)) continue
      seen.add(key)
      candidates.push({ path, cost: peerPathCost(p, path) })
    }
    if (candidates.length === 0) break
    candidates.sort((a, b) => a.cost - b.cost)
    accepted.push(candidates.shift() as PeerPath)
  }
  return accepted
}

function benchNetwork(p: Prepared, plan: Plan, rows: Row[], notes: string[]): void {
  const { graph, edgeWeight, peer, ids } = p
  const nodes = graph.nodeCount
  const edges = graph.edgeCount
  const cold = nodes > 20_000
  const timePeer = <T>(repeats: number, run: () => T) => (cold ? measureCold(repeats, run) : measure(repeats, run))
  const options = { edgeWeight }
  const random = mulberry32(SEED + nodes)
  const source = Math.floor(random() * nodes)

  // Single-source shortest paths.
  const sssp = measure(plan.silkwayRepeats, () => shortestPathTree(graph, source, options))
  const peerSssp = timePeer(plan.peerRepeats, () => dijkstra.singleSource(peer, ids[source], 'weight'))
  for (let v = 0; v < nodes; v++) {
    const path = peerSssp.result[ids[v]]
    const expected = sssp.result.dist[v]
    if (!path) {
      if (expected !== Infinity) fail(`SSSP to ${ids[v]}: graphology found no path, silkway ${expected}`)
      continue
    }
    const cost = checkedCost(p, path)
    if (!close(cost, expected)) fail(`SSSP to ${ids[v]}: silkway ${expected}, graphology ${cost}`)
  }
  rows.push({ case: 'single-source shortest paths', nodes, edges, silkwayMs: sssp.ms, peer: 'graphology dijkstra.singleSource', peerMs: peerSssp.ms, ratio: peerSssp.ms / sssp.ms })

  // Point-to-point queries, per query.
  const pairs = randomPairs(nodes, plan.pairs, SEED + 7 * nodes)
  const bidirectional = measure(plan.silkwayRepeats, () => pairs.map(([s, t]) => shortestPath(graph, s, t, options)))
  const { unit } = p
  // A* bound: the great circle from the chord between unit vectors (haversine), scaled to stay a lower bound.
  const aStarBatch = () =>
    pairs.map(([s, t]) => {
      const tx = unit[3 * t]
      const ty = unit[3 * t + 1]
      const tz = unit[3 * t + 2]
      const heuristic = (v: number) => {
        const dx = unit[3 * v] - tx
        const dy = unit[3 * v + 1] - ty
        const dz = unit[3 * v + 2] - tz
        return KM_PER_UNIT_CHORD_ANGLE * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2))
      }
      return shortestPath(graph, s, t, { edgeWeight, heuristic })
    })
  const aStar = p.greatCircleBound ? measure(plan.silkwayRepeats, aStarBatch) : undefined
  const peerPairs = timePeer(plan.peerRepeats, () => pairs.map(([s, t]) => dijkstra.bidirectional(peer, ids[s], ids[t], 'weight')))
  pairs.forEach(([s, t], q) => {
    const mine = bidirectional.result[q]?.cost ?? Infinity
    const guided = aStar ? (aStar.result[q]?.cost ?? Infinity) : mine
    const path = peerPairs.result[q]
    const theirs = path ? checkedCost(p, path) : Infinity
    if (!close(mine, theirs) || !close(guided, theirs)) fail(`${ids[s]} → ${ids[t]}: silkway ${mine} (A* ${guided}), graphology ${theirs}`)
  })
  const perQuery = (ms: number) => ms / pairs.length
  const peerName = 'graphology dijkstra.bidirectional'
  rows.push({ case: 'point-to-point, bidirectional (per query)', nodes, edges, silkwayMs: perQuery(bidirectional.ms), peer: peerName, peerMs: perQuery(peerPairs.ms), ratio: peerPairs.ms / bidirectional.ms })
  if (aStar) {
    rows.push({ case: 'point-to-point, A* great circle (per query)', nodes, edges, silkwayMs: perQuery(aStar.ms), peer: peerName, peerMs: perQuery(peerPairs.ms), ratio: peerPairs.ms / aStar.ms })
  } else notes.push(`${p.label}: no A* row: some nodes lack coordinates or some links are shorter than the great circle`)

  // Yen, k = 10.
  const [ys, yt] = yenPair(graph, SEED + 13 * nodes, plan.yenHops)
  const yen = measure(plan.silkwayRepeats, () => kShortestPaths(graph, ys, yt, YEN_K, options))
  const peerYen = timePeer(plan.yenPeerRepeats, () => plainYenOverGraphology(p, ids[ys], ids[yt], YEN_K))
  const mineCosts = yen.result.map((path) => path.cost)
  const theirCosts = peerYen.result.map((path) => path.cost)
  if (mineCosts.length !== theirCosts.length || mineCosts.some((c, i) => !close(c, theirCosts[i]))) {
    fail(`Yen ${ids[ys]} → ${ids[yt]}: silkway [${mineCosts.map((c) => c.toFixed(3))}], graphology [${theirCosts.map((c) => c.toFixed(3))}]`)
  }
  rows.push({ case: `Yen k=${YEN_K}`, nodes, edges, silkwayMs: yen.ms, peer: 'plain Yen over graphology bidirectional', peerMs: peerYen.ms, ratio: peerYen.ms / yen.ms })

  notes.push(
    `${p.label}: ${nodes} nodes, ${edges} edges${p.skippedLinks ? ` (${p.skippedLinks} links without a length skipped)` : ''}; ` +
      `medians of ${plan.silkwayRepeats} silkway / ${plan.peerRepeats} graphology runs (Yen: ${plan.yenPeerRepeats}${cold ? ', graphology runs not warmed up' : ''}); ` +
      `${pairs.length} point-to-point pairs on both sides; Yen pair ${ids[ys]} → ${ids[yt]} (${yen.result[0]?.edges.length ?? 0} hops, ` +
      `costs ${mineCosts[0]?.toFixed(1)}…${mineCosts[mineCosts.length - 1]?.toFixed(1)} km, identical on both sides)`,
  )
}

/** Reads a network file in any format silkway reads (JSON, GeoJSON, GraphML). */
function loadNetwork(file: string): Network {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    process.stderr.write(`bench: ${file}: ${(error as Error).message}\n`)
    process.exit(2)
  }
  const result = parseNetwork(text, { fileName: file })
  if (!result.network) {
    process.stderr.write(`${formatIssues(result.issues, file)}\nbench: ${file} is not a valid network\n`)
    process.exit(2)
  }
  return result.network
}

/** Whole-process time of `silkway route` on the built-in corridor, next to a bare `node` start-up. */
function benchRouteProcess(quick: boolean, rows: Row[], notes: string[]): void {
  const bin = fileURLToPath(new URL('../bin/silkway.js', import.meta.url))
  const runs = quick ? 3 : 11
  const time = (args: string[]) => {
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      const result = spawnSync(process.execPath, args, { encoding: 'utf8' })
      samples.push(performance.now() - start)
      if (result.status !== 0) throw new Error(`bench: ${args.join(' ')} failed: ${result.stderr}`)
    }
    return median(samples)
  }
  const silkwayMs = time([bin, 'route', 'Frankfurt', 'Shanghai', '--k', '3', '--json'])
  const peerMs = time(['-e', '0'])
  rows.push({ case: 'silkway route, whole process (corridor, k=3)', nodes: 0, edges: 0, silkwayMs, peer: 'node -e 0 (bare start-up)', peerMs, ratio: peerMs / silkwayMs })
  notes.push(`whole process: median of ${runs} runs of \`silkway route Frankfurt Shanghai --k 3 --json\` (target < 300 ms); the peer is Node starting and exiting, the floor any CLI pays`)
}

function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0)
  if (ms >= 10) return ms.toFixed(1)
  if (ms >= 1) return ms.toFixed(2)
  return ms.toFixed(3)
}

function table(rows: Row[]): string {
  const header = ['case', 'nodes', 'edges', 'silkway ms', 'peer', 'peer ms', 'ratio']
  const cells = rows.map((r) => [r.case, r.nodes.toLocaleString('en'), r.edges.toLocaleString('en'), formatMs(r.silkwayMs), r.peer, formatMs(r.peerMs), `${r.ratio.toFixed(1)}×`])
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)))
  const numeric = new Set([1, 2, 3, 5, 6])
  const line = (row: string[]) => row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

function main(): void {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const quick = args.includes('--quick')
  const networkAt = args.indexOf('--network')
  const file = networkAt >= 0 ? args[networkAt + 1] : undefined
  if (networkAt >= 0 && !file) {
    process.stderr.write('bench: --network needs a file\n')
    process.exit(2)
  }
  const log = (text: string) => {
    if (!json) process.stdout.write(`${text}\n`)
  }
  log(`silkway bench — Node ${process.version}, ${availableParallelism()} cores, ${process.platform}/${process.arch}${quick ? ', --quick' : ''}`)
  const rows: Row[] = []
  const notes: string[] = []
  const networks: Array<() => Prepared> = file
    ? [() => prepare(loadNetwork(file), file)]
    : (quick ? [1_000] : [1_000, 10_000, 100_000]).map((n) => () => prepare(generateNetwork({ nodes: n, seed: SEED }), `synthetic ${n.toLocaleString('en')} (seed ${SEED})`))
  for (const build of networks) {
    const prepared = build()
    log(`… ${prepared.label}`)
    const n = prepared.graph.nodeCount
    benchNetwork(prepared, planFor(n, quick), rows, notes)
  }
  benchRouteProcess(quick, rows, notes)
  if (!file) {
    log('… traffic: max-flow and betweenness against igraph and NetworkX')
    const traffic = benchTrafficGraph({ quick })
    rows.push(...traffic.rows)
    notes.push(...traffic.notes)
  }
  if (json) {
    const rounded = rows.map((r) => ({ ...r, silkwayMs: round(r.silkwayMs, 4), peerMs: round(r.peerMs, 4), ratio: round(r.ratio, 2) }))
    process.stdout.write(`${JSON.stringify(rounded, null, 2)}\n`)
    return
  }
  log('')
  log(table(rows))
  log('')
  for (const note of notes) log(`  ${note}`)
  log('  ratio = peer ms / silkway ms; both sides checked to find the same costs.')
}

main()
// The resilience section (bench/resilience.ts) follows in the same run; --json and --network keep to the graph rows.
if (!process.argv.includes('--json') && !process.argv.includes('--network')) {
  await (await import('./resilience')).benchResilience({ quick: process.argv.includes('--quick'), json: false })
  // The optical section (bench/optical.ts): the corridor at 96 channels (budget 1 s) and 15 × 80 km NLI against its per-channel peer.
  console.log('\noptical layer')
  await import('./optical')
}
// The traffic LP against native HiGHS (bench/traffic-lp.ts), in the same run.
if (!process.argv.includes('--json') && !process.argv.includes('--network')) {
  await (await import('./traffic-lp')).benchTrafficLp({ quick: process.argv.includes('--quick'), json: false })
}
