import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildGraph, type Graph } from '../graph'
import { isSilkwayError } from '../model'
import { type DesignDemand, type EdgeDesign, loadHighs, solveCapacityDesign, solveMulticommodity } from './index'

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
fc.configureGlobal({ seed: SEED, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true })
process.stderr.write(`# design property seed ${SEED} (replay: FC_SEED=${SEED})\n`)

const linkFailures = (graph: Graph) => Array.from({ length: graph.edgeCount }, (_, e) => ({ name: `e${e}`, edges: [e] }))

/** Whether capacities carry the demands (min-max utilisation ≤ 1) with the `down` edges failed. */
async function fits(graph: Graph, demands: DesignDemand[], capacity: number[], down: number[]): Promise<boolean> {
  const usable = Uint8Array.from(capacity, (c, e) => (c > 0 && !down.includes(e) ? 1 : 0))
  const live = demands.map((d) => ({ source: d.source, target: d.target, gbps: d.gbps }))
  if (live.length === 0) return true
  const result = await solveMulticommodity(graph, live, { objective: 'min-max-utilisation', capacityGbps: Float64Array.from(capacity), usable, edgeWeight: new Float64Array(graph.edgeCount).fill(1), secondPhase: false })
  return result.routable.every(Boolean) && result.status === 'optimal' && (result.value as number) <= 1 + 1e-7
}

/**
 * Brute force over module counts 0..3 per edge (modules of 6 Gbit/s on top of `pre`): the cheapest total cost
 * whose capacities `feasible` accepts, Infinity when none; branches already dearer than the best are cut.
 */
async function cheapestDesign(pre: readonly number[], cost: readonly number[], feasible: (capacity: number[]) => Promise<boolean>): Promise<number> {
  const m = pre.length
  let best = Infinity
  const counts = new Array(m).fill(0)
  const visit = async (e: number, spent: number): Promise<void> => {
    if (spent >= best) return
    if (e === m) {
      if (await feasible(counts.map((c, j) => pre[j] + 6 * c))) best = spent
      return
    }
    for (let c = 0; c <= 3; c++) {
      counts[e] = c
      await visit(e + 1, spent + c * cost[e])
    }
    counts[e] = 0
  }
  await visit(0, 0)
  return best
}

describe('survivable capacity design (MIP)', async () => {
  const highs = await loadHighs()

  it('a triangle: the cheapest addition routes the overflow round the other side', async () => {
    //   A ——L0—— B        L0: 10 pre-installed, +40 for 3.5; L1: +40 for 2; L2: 10 pre-installed, no modules
    //    \      /         D1 A–B 15, D2 B–C 2.5: one L1 module (cost 2) carries D2 and 5 of D1 via C
    //   L2\    /L1
    //      C
    const graph = buildGraph(3, [0, 1, 2], [1, 2, 0])
    const edges: EdgeDesign[] = [
      { preInstalledGbps: 10, modules: [{ capacityGbps: 40, cost: 3.5 }] },
      { preInstalledGbps: 0, modules: [{ capacityGbps: 40, cost: 2 }] },
      { preInstalledGbps: 10, modules: [] },
    ]
    const demands: DesignDemand[] = [
      { id: 'D1', source: 0, target: 1, gbps: 15, protected: false },
      { id: 'D2', source: 1, target: 2, gbps: 2.5, protected: false },
    ]
    const result = await solveCapacityDesign(graph, demands, edges, { survive: 'none', protection: 'restoration', failures: [], edgeName: (e) => `L${e}` }, highs)
    assert.equal(result.status, 'optimal')
    assert.ok(Math.abs((result.cost as number) - 2) < 1e-6, `cost ${result.cost}`)
    assert.deepEqual(result.added, [{ edge: 1, module: 0, count: 1 }])
    assert.ok((result.gap ?? 1) <= 1e-4)
  })

  it('a bridge cannot survive its own failure: SW_DESIGN_INFEASIBLE names the demand and the link', async () => {
    //   A ——L0—— B ——L1—— C     (L1 is a bridge)
    const graph = buildGraph(3, [0, 1], [1, 2])
    const edges: EdgeDesign[] = [0, 1].map(() => ({ preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost: 1 }] }))
    const demands: DesignDemand[] = [{ id: 'AC', source: 0, target: 2, gbps: 5, protected: true }]
    await assert.rejects(
      solveCapacityDesign(graph, demands, edges, { survive: 'link', protection: 'restoration', failures: linkFailures(graph), edgeName: (e) => `L${e}` }, highs),
      (error: unknown) => isSilkwayError(error) && error.code === 'SW_DESIGN_INFEASIBLE' && /demand AC/.test(error.message) && /link L0/.test(error.message) && error.details.demand === 'AC',
    )
  })

  it('1+1 puts the full demand on two link-disjoint paths', async () => {
    //   0 —e0— 1 —e1— 3      a square: two disjoint 0→3 paths, each carrying all 7 Gbit/s
    //   0 —e2— 2 —e3— 3      modules of 10 at cost 1 (e0, e1) and 2 (e2, e3); e4: 0–3 direct at cost 5
    const graph = buildGraph(4, [0, 1, 0, 2, 0], [1, 3, 2, 3, 3])
    const costs = [1, 1, 2, 2, 5]
    const edges: EdgeDesign[] = costs.map((cost) => ({ preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost }] }))
    const demands: DesignDemand[] = [{ id: 'D', source: 0, target: 3, gbps: 7, protected: true }]
    const result = await solveCapacityDesign(graph, demands, edges, { survive: 'link', protection: '1+1', failures: linkFailures(graph), edgeName: String }, highs)
    assert.equal(result.status, 'optimal')
    // Cheapest disjoint pair: 0-1-3 (cost 2) with 0-2-3 (4) = 6, cheaper than with the direct 0-3 (5) = 7.
    assert.ok(Math.abs((result.cost as number) - 6) < 1e-6, `cost ${result.cost}`)
    assert.deepEqual([...result.normalLoadGbps], [7, 7, 7, 7, 0])
  })

  it('restoration: the MIP cost equals brute force over module counts, every state checked by the LP', async () => {
    const instance = fc.integer({ min: 3, max: 4 }).chain((n) =>
      fc.record({
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: 1, maxLength: 2 }),
        pre: fc.array(fc.constantFrom(0, 0, 5), { minLength: n + 2, maxLength: n + 2 }),
        cost: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n + 2, maxLength: n + 2 }),
        demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 8 }), fc.boolean()), { minLength: 1, maxLength: 3 }),
        survive: fc.constantFrom('none' as const, 'link' as const),
        n: fc.constant(n),
      }),
    )
    await fc.assert(
      fc.asyncProperty(instance, async ({ n, extra, pre, cost, demands: raw, survive }) => {
        // A ring (2-edge-connected, so no bridge) plus chords.
        const tails = [...Array.from({ length: n }, (_, i) => i), ...extra.filter(([a, b]) => a !== b).map(([a]) => a)]
        const heads = [...Array.from({ length: n }, (_, i) => (i + 1) % n), ...extra.filter(([a, b]) => a !== b).map(([, b]) => b)]
        const graph = buildGraph(n, tails, heads)
        const m = graph.edgeCount
        const edges: EdgeDesign[] = Array.from({ length: m }, (_, e) => ({ preInstalledGbps: pre[e], modules: [{ capacityGbps: 6, cost: cost[e] }] }))
        const demands: DesignDemand[] = raw.filter(([s, t]) => s !== t).map(([source, target, gbps, p], i) => ({ id: `d${i}`, source, target, gbps, protected: p }))
        if (demands.length === 0) return
        const failures = linkFailures(graph)
        const result = await solveCapacityDesign(graph, demands, edges, { survive, protection: 'restoration', failures, edgeName: String }, highs)
        assert.equal(result.status, 'optimal')
        // Brute force: every count 0..3 per edge (a demand ≤ 8 × 3 over one edge needs at most 4 modules of 6;
        // 3 suffices with the ring's two sides), cheapest feasible in every state.
        const prot = demands.filter((d) => d.protected)
        const best = await cheapestDesign(pre.slice(0, m), cost.slice(0, m), async (capacity) => {
          if (!(await fits(graph, demands, capacity, []))) return false
          if (survive === 'link' && prot.length > 0) for (let f = 0; f < m; f++) if (!(await fits(graph, prot, capacity, [f]))) return false
          return true
        })
        if (best === Infinity) return
        assert.ok(Math.abs((result.cost as number) - best) <= 1e-6 * Math.max(1, best), `MIP ${result.cost}, brute force ${best}`)
      }),
      { numRuns: 8 },
    )
  })

  it('a setup cost moves the optimum: the cheap direct link loses to the two-hop route once opening it costs 100', async () => {
    //   A ——L0 (module 10 Gbit/s at 5)—— C      D: A–C 10 Gbit/s
    //    \                              /      L1, L2: modules 10 Gbit/s at 10 each, no setup cost
    //     L1 —— B —— L2
    const graph = buildGraph(3, [0, 0, 1], [2, 1, 2])
    const edges = (setup: number): EdgeDesign[] => [
      { preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost: 5 }], setupCost: setup },
      { preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost: 10 }] },
      { preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost: 10 }] },
    ]
    const demands: DesignDemand[] = [{ id: 'D', source: 0, target: 2, gbps: 10, protected: false }]
    const options = { survive: 'none' as const, protection: 'restoration' as const, failures: [], edgeName: String }
    const cheap = await solveCapacityDesign(graph, demands, edges(0), options, highs)
    assert.ok(Math.abs((cheap.cost as number) - 5) < 1e-6, `no setup: ${cheap.cost}`)
    const small = await solveCapacityDesign(graph, demands, edges(4), options, highs)
    assert.ok(Math.abs((small.cost as number) - 9) < 1e-6, `setup 4: ${small.cost}`)
    assert.deepEqual(small.opened, [0])
    const dear = await solveCapacityDesign(graph, demands, edges(100), options, highs)
    assert.ok(Math.abs((dear.cost as number) - 20) < 1e-6, `setup 100: ${dear.cost}`)
    assert.deepEqual(dear.opened, [])
    assert.deepEqual([...dear.normalLoadGbps], [0, 10, 10])
    // A closed link's pre-installed capacity is unusable: 10 Gbit/s already on L0 still needs the setup paid.
    const pre: EdgeDesign[] = [{ ...edges(100)[0], preInstalledGbps: 10 }, ...edges(100).slice(1)]
    const preResult = await solveCapacityDesign(graph, demands, pre, options, highs)
    assert.ok(Math.abs((preResult.cost as number) - 20) < 1e-6, `pre-installed but closed: ${preResult.cost}`)
    const preCheap: EdgeDesign[] = [{ ...edges(15)[0], preInstalledGbps: 10 }, ...edges(15).slice(1)]
    assert.ok(Math.abs(((await solveCapacityDesign(graph, demands, preCheap, options, highs)).cost as number) - 15) < 1e-6)
  })

  it('strict path restoration on a square with a diagonal, by hand: a kept path blocks the detour, so it costs more', async () => {
    //   0 —e0— 1        modules of 10 Gbit/s at cost 1 on every edge; protected demands A 0–2 and B 1–3, 10 each
    //   | \    |
    //   e3  e4  e1      unrestricted (5, a module per edge): when e4 fails, A and B both split in halves over
    //   |    \ |        the four sides, 10 on each; strict: B stays whole on its working path, which takes two
    //   3 —e2— 2        sides to the full, and A has no way round: one module more (6)
    const graph = buildGraph(4, [0, 1, 2, 3, 0], [1, 2, 3, 0, 2])
    const edges: EdgeDesign[] = [0, 1, 2, 3, 4].map(() => ({ preInstalledGbps: 0, modules: [{ capacityGbps: 10, cost: 1 }] }))
    const demands: DesignDemand[] = [
      { id: 'A', source: 0, target: 2, gbps: 10, protected: true },
      { id: 'B', source: 1, target: 3, gbps: 10, protected: true },
    ]
    const run = (protection: 'restoration' | 'restoration-strict') => solveCapacityDesign(graph, demands, edges, { survive: 'link', protection, failures: linkFailures(graph), edgeName: String }, highs)
    const free = await run('restoration')
    const strict = await run('restoration-strict')
    assert.equal(strict.status, 'optimal')
    assert.ok(Math.abs((free.cost as number) - 5) < 1e-6, `unrestricted ${free.cost}`)
    assert.ok(Math.abs((strict.cost as number) - 6) < 1e-6, `strict ${strict.cost}`)
    assert.equal(strict.workingPaths?.length, 2)
    for (const [i, w] of (strict.workingPaths ?? []).entries()) {
      // Each working path joins its demand's ends.
      let v = demands[i].source
      for (const e of w.edges) v = graph.edgeTail[e] === v ? graph.edgeHead[e] : graph.edgeTail[e]
      assert.equal(v, demands[i].target, `${w.demand}: ${w.edges}`)
    }
  })

  it('strict path restoration: the MIP cost equals brute force over working paths and module counts, and is ≥ unrestricted', async () => {
    const instance = fc.integer({ min: 3, max: 4 }).chain((n) =>
      fc.record({
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 1 }),
        pre: fc.array(fc.constantFrom(0, 0, 5), { minLength: n + 1, maxLength: n + 1 }),
        cost: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n + 1, maxLength: n + 1 }),
        demands: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 5 }), fc.boolean()), { minLength: 1, maxLength: 3 }),
        n: fc.constant(n),
      }),
    )
    await fc.assert(
      fc.asyncProperty(instance, async ({ n, extra, pre, cost, demands: raw }) => {
        const chords = extra.filter(([a, b]) => a !== b)
        const graph = buildGraph(n, [...Array.from({ length: n }, (_, i) => i), ...chords.map(([a]) => a)], [...Array.from({ length: n }, (_, i) => (i + 1) % n), ...chords.map(([, b]) => b)])
        const m = graph.edgeCount
        const edges: EdgeDesign[] = Array.from({ length: m }, (_, e) => ({ preInstalledGbps: pre[e], modules: [{ capacityGbps: 6, cost: cost[e] }] }))
        const demands: DesignDemand[] = raw.filter(([s, t]) => s !== t).map(([source, target, gbps, p], i) => ({ id: `d${i}`, source, target, gbps, protected: p }))
        const prot = demands.filter((d) => d.protected)
        if (prot.length === 0) return
        const failures = linkFailures(graph)
        const strict = await solveCapacityDesign(graph, demands, edges, { survive: 'link', protection: 'restoration-strict', failures, edgeName: String }, highs)
        const free = await solveCapacityDesign(graph, demands, edges, { survive: 'link', protection: 'restoration', failures, edgeName: String }, highs)
        assert.equal(strict.status, 'optimal')
        assert.ok((strict.cost as number) >= (free.cost as number) - 1e-6, `strict ${strict.cost} < unrestricted ${free.cost}`)
        // Brute force: every simple path as each protected demand's working path, every module count 0..3 per
        // edge (total demand ≤ 15 ≤ 3 × 6, so no state needs more); a state is feasible when, on the capacity
        // left by the kept working paths, the LP carries the rest (min-max utilisation ≤ 1).
        const pathsOf = (d: DesignDemand) => {
          const out: number[][] = []
          const walk = (v: number, seen: Set<number>, edgesSoFar: number[]) => {
            if (v === d.target) return void out.push([...edgesSoFar])
            for (let a = graph.offsets[v]; a < graph.offsets[v + 1]; a++) {
              const w = graph.arcHead[a]
              if (seen.has(w)) continue
              seen.add(w)
              edgesSoFar.push(graph.arcEdge[a])
              walk(w, seen, edgesSoFar)
              edgesSoFar.pop()
              seen.delete(w)
            }
          }
          walk(d.source, new Set([d.source]), [])
          return out
        }
        const choices = prot.map(pathsOf)
        const combos: number[][][] = [[]]
        for (const options of choices) combos.splice(0, combos.length, ...combos.flatMap((c) => options.map((p) => [...c, p])))
        const residualFits = async (capacity: number[], carried: DesignDemand[], kept: { path: number[]; gbps: number }[], down: number[]) => {
          const left = capacity.map((c, e) => c - kept.reduce((sum, k) => sum + (k.path.includes(e) ? k.gbps : 0), 0))
          if (left.some((c, e) => c < -1e-9 && !down.includes(e))) return false
          return fits(graph, carried, left.map((c) => Math.max(0, c)), down)
        }
        const unprotected = demands.filter((d) => !d.protected)
        const feasible = async (capacity: number[]) => {
          for (const combo of combos) {
            const kept = combo.map((path, i) => ({ path, gbps: prot[i].gbps }))
            if (!(await residualFits(capacity, unprotected, kept, []))) continue
            let ok = true
            for (let f = 0; f < m && ok; f++) {
              const hitDemands = prot.filter((_, i) => combo[i].includes(f))
              ok = await residualFits(capacity, hitDemands, kept.filter((k) => !k.path.includes(f)), [f])
            }
            if (ok) return true
          }
          return false
        }
        const best = await cheapestDesign(pre.slice(0, m), cost.slice(0, m), feasible)
        assert.ok(best < Infinity, 'brute force finds a design')
        assert.ok(Math.abs((strict.cost as number) - best) <= 1e-6 * Math.max(1, best), `MIP ${strict.cost}, brute force ${best}`)
      }),
      { numRuns: 6 },
    )
  })
})
