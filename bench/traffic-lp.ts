// The min-max-utilisation and max-concurrent-flow LPs against native HiGHS (SciPy's linprog(method="highs")) on
// the same formulation, model building included on both sides, measured in the same run; silkway's default
// (path formulation, column generation) beside.
// Usage: node --import tsx bench/traffic-lp.ts [--quick] [--json]
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { buildGraph } from '../src/graph'
import { type LpFormulation, type LpObjective, loadHighs, solveMulticommodity } from '../src/traffic'
import { generateNetwork, mulberry32 } from '../src/synthetic'

const PYTHON = '/usr/bin/python3'
const SCRIPT = fileURLToPath(new URL('./traffic_lp.py', import.meta.url))
const SEED = 20261201

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function scipyAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import scipy.optimize, numpy'], { encoding: 'utf8' }).status === 0
}

export interface LpRow {
  case: string
  objective: LpObjective
  nodes: number
  edges: number
  demands: number
  silkwayArcMs: number
  silkwayPathMs: number
  scipyArcMs: number | null
  /** SciPy (native HiGHS) ms ÷ silkway arc ms, same formulation: below 1 means silkway is slower. */
  ratioArc: number | null
  ratioPath: number | null
  /** U* or λ*, checked equal on every side. */
  value: number
}

/**
 * A synthetic network (seeded), every link 100 Gbit/s in each direction, `demandCount` demands between random
 * distinct node pairs of 1–10 Gbit/s (seeded): the first phase only (min U, or max λ), on both sides.
 */
export async function benchTrafficLp(options: { quick: boolean; json: boolean }): Promise<LpRow[]> {
  const log = (s: string) => {
    if (!options.json) process.stdout.write(`${s}\n`)
  }
  const [nodes, demandCount, repeats] = options.quick ? [40, 200, 3] : [100, 1000, 3]
  log('')
  log(`traffic — optimal-routing LPs, ${nodes} nodes / ${demandCount.toLocaleString('en')} demands, against native HiGHS (SciPy linprog, method="highs"), model building included`)
  const network = generateNetwork({ nodes, seed: SEED })
  const ids = new Map(network.nodes.map((n, i) => [n.id, i]))
  const tails = network.links.map((l) => ids.get(l.a) as number)
  const heads = network.links.map((l) => ids.get(l.b) as number)
  const graph = buildGraph(nodes, tails, heads)
  const capacityGbps = new Float64Array(graph.edgeCount).fill(100)
  const random = mulberry32(SEED)
  const demands = Array.from({ length: demandCount }, () => {
    const source = Math.floor(random() * nodes)
    const target = (source + 1 + Math.floor(random() * (nodes - 1))) % nodes
    return { source, target, gbps: 1 + Math.floor(random() * 10) }
  })
  const highs = await loadHighs()
  const usable = new Uint8Array(graph.edgeCount).fill(1)
  const edgeWeight = new Float64Array(graph.edgeCount).fill(1)
  const solve = (objective: LpObjective, formulation: LpFormulation) =>
    solveMulticommodity(graph, demands, { objective, capacityGbps, usable, edgeWeight, formulation, secondPhase: false }, highs)
  const timed = async (objective: LpObjective, formulation: LpFormulation) => {
    await solve(objective, formulation)
    const times: number[] = []
    let value = Number.NaN
    for (let i = 0; i < repeats; i++) {
      const start = performance.now()
      const result = await solve(objective, formulation)
      times.push(performance.now() - start)
      if (result.status !== 'optimal') throw new Error(`silkway ${objective} ${formulation}: ${result.status}`)
      value = result.value as number
    }
    return { ms: median(times), value }
  }
  const scipy = scipyAvailable()
  if (!scipy) log(`  SciPy not found (${PYTHON} with python3-scipy; apt-get install python3-scipy): silkway only`)
  const r2 = (x: number) => Math.round(x * 100) / 100
  const rows: LpRow[] = []
  for (const objective of ['min-max-utilisation', 'max-concurrent-flow'] as const) {
    const arc = await timed(objective, 'arc')
    const path = await timed(objective, 'path')
    const name = objective === 'min-max-utilisation' ? 'U*' : 'λ*'
    if (Math.abs(arc.value - path.value) > 1e-6 * Math.max(1, arc.value)) throw new Error(`path ${name} ${path.value} ≠ arc ${name} ${arc.value}`)
    let scipyMs: number | null = null
    if (scipy) {
      const input = JSON.stringify({ n: nodes, tails: [...graph.edgeTail], heads: [...graph.edgeHead], cap: [...capacityGbps], demands: demands.map((d) => [d.source, d.target, d.gbps]), objective, warmup: 1, repeats })
      const run = spawnSync(PYTHON, [SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
      if (run.status !== 0) throw new Error(`traffic_lp.py: ${run.stderr}`)
      const peer = JSON.parse(run.stdout) as { ms: number[]; objective: number }
      if (Math.abs(peer.objective - arc.value) > 1e-6 * Math.max(1, arc.value)) throw new Error(`SciPy ${name} ${peer.objective} ≠ silkway ${name} ${arc.value}`)
      scipyMs = median(peer.ms)
    }
    const row: LpRow = {
      case: `synthetic ${nodes} nodes (seed ${SEED}), 100 Gbit/s links`,
      objective,
      nodes,
      edges: graph.edgeCount,
      demands: demandCount,
      silkwayArcMs: Math.round(arc.ms),
      silkwayPathMs: Math.round(path.ms),
      scipyArcMs: scipyMs === null ? null : Math.round(scipyMs),
      ratioArc: scipyMs === null ? null : r2(scipyMs / arc.ms),
      ratioPath: scipyMs === null ? null : r2(scipyMs / path.ms),
      value: arc.value,
    }
    rows.push(row)
    log(`  ${objective}: ${graph.edgeCount} links, ${name} = ${arc.value.toPrecision(6)} on every side (checked)`)
    log(`    silkway arc formulation (WebAssembly HiGHS) ${row.silkwayArcMs} ms · SciPy/native HiGHS, same formulation ${row.scipyArcMs ?? '—'} ms · ratio native/silkway ×${row.ratioArc ?? '—'}`)
    log(`    silkway default (path formulation, column generation) ${row.silkwayPathMs} ms · ratio native arc/silkway path ×${row.ratioPath ?? '—'}`)
  }
  log('  medians of the timed runs after one warm-up; ratio = SciPy ms / silkway ms (≥ 0.5 is within 2× of native)')
  if (options.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  await benchTrafficLp({ quick: args.includes('--quick'), json: args.includes('--json') })
}
