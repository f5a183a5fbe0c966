// Traffic on capacity: shortest-path and ECMP loading against the two LPs (min-max utilisation, max concurrent
// flow) on Topology Zoo networks with a gravity matrix, measured in the same run.
// Usage: node --import tsx bench/traffic.ts [--json] [FILE.graphml ...]
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtinNetwork, builtinScenarios, corridorCityWeights, defaultProfile } from '../src/data'
import { formatIssues, parseNetwork } from '../src/io'
import type { Network } from '../src/model'
import { compileIndex } from '../src/routing'
import { applyScenario } from '../src/scenario'
import { type CapacityQuery, flow, gravityDemands, loadHighs, type NodeWeight } from '../src/traffic'

const zoo = fileURLToPath(new URL('../../shared/data/topology-zoo/', import.meta.url))
const DEFAULT_FILES = ['Abilene', 'Geant2012', 'Uninett2011', 'GtsCe'].map((name) => `${zoo}${name}.graphml`)
const args = process.argv.slice(2)
const json = args.includes('--json')
const files = args.filter((a) => !a.startsWith('--'))

/**
 * Best of up to three runs (the machine is shared and HiGHS's WebAssembly tiers up over the first solves); a
 * run over 10 s is not repeated.
 */
const time = async <T,>(work: () => Promise<T>): Promise<[T, number]> => {
  let best = Infinity
  let value: T | undefined
  for (let run = 0; run < 3; run++) {
    const start = performance.now()
    value = await work()
    best = Math.min(best, performance.now() - start)
    if (best > 10_000) break
  }
  return [value as T, best]
}

const rows: Record<string, unknown>[] = []

async function measure(label: string, network: Network, weights: NodeWeight[], totalGbps: number, capacity: CapacityQuery): Promise<void> {
  const index = compileIndex(network, defaultProfile)
  const known = network.links.filter((l) => l.designCapacityGbps !== undefined || l.fiberPairs !== undefined).length
  const demands = gravityDemands(index, { weights, totalGbps, distanceExponent: 1, baseYear: 2025 })
  const [sp, spMs] = await time(() => flow(index, demands, { routing: 'shortest', metric: 'length', capacity }))
  const [ecmp, ecmpMs] = await time(() => flow(index, demands, { routing: 'ecmp', metric: 'hops', capacity }))
  const [lp, lpMs] = await time(() => flow(index, demands, { routing: 'optimal', metric: 'length', capacity }))
  const [mcf, mcfMs] = await time(() => flow(index, demands, { routing: 'optimal', objective: 'max-concurrent-flow', metric: 'length', capacity }))
  const row = {
    network: label,
    nodes: network.nodes.length,
    links: network.links.length,
    demands: demands.demands.length,
    capacityKnown: `${known}/${network.links.length}`,
    spMs: Math.round(spMs),
    spMaxU: sp.maxUtilisation,
    ecmpMs: Math.round(ecmpMs),
    ecmpMaxU: ecmp.maxUtilisation,
    lpMs: Math.round(lpMs),
    lpMaxU: lp.maxUtilisation,
    lpStatus: lp.solver?.status,
    lpColumns: lp.solver?.columns,
    lpRows: lp.solver?.rows,
    mcfMs: Math.round(mcfMs),
    lambda: Math.round(mcf.demandScale * 1e6) / 1e6,
    lambdaTimesU: lp.maxUtilisation === null ? null : Math.round(mcf.demandScale * lp.maxUtilisation * 1e6) / 1e6,
  }
  rows.push(row)
  process.stderr.write(`${JSON.stringify(row)}\n`)
}

await loadHighs()
if (files.length === 0) {
  // The built-in corridor (digital-silk-way) with its city populations, 10 Tbit/s in total in 2025: links of
  // unknown capacity carry traffic without a limit (listed), so utilisation is that of the sourced links.
  const corridor = applyScenario(builtinNetwork, 'digital-silk-way', builtinScenarios)
  const weights = corridorCityWeights.map((w) => ({ node: w.node, weight: w.weight }))
  await measure('corridor (dsw, 10 Tbit/s, unknown = uncapacitated)', corridor, weights, 10_000, { basis: 'design' })
}
for (const file of files.length > 0 ? files : DEFAULT_FILES) {
  const parsed = parseNetwork(readFileSync(file, 'utf8'), { fileName: file })
  if (!parsed.network) {
    process.stderr.write(`${file}: ${formatIssues(parsed.issues)}\n`)
    continue
  }
  const network = parsed.network
  // Every node with coordinates weighs 1 (the Zoo gives no population): a distance-only gravity matrix, scaled
  // so that the total equals the sum of the known design capacities ÷ 20 (a loaded but not absurd network);
  // links without LinkSpeedRaw get the smallest known capacity (10 Gbit/s when none is known), as an assumption.
  const weights = network.nodes.filter((n) => n.lat !== undefined).map((n) => ({ node: n.id, weight: 1 }))
  const known = network.links.map((l) => l.designCapacityGbps ?? 0).filter((c) => c > 0)
  const totalGbps = Math.max(1, known.reduce((sum, c) => sum + c, 0) / 20)
  await measure(basename(file, '.graphml'), network, weights, totalGbps, { basis: 'design', defaultGbps: Math.min(...known, 10) })
}
if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
else console.table(rows)
