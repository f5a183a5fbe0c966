import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { type Path, buildGraph } from '../graph'
import { allSimplePaths } from '../graph/brute-force'
import { edgeGroups, groupDisjointPaths, sharedGroups } from './group-disjoint'

/*
 * Two link-disjoint routes s-a-t and s-b-t whose middle links share a conduit (group 0); the long way
 * s-c-t is the only partner in another duct:
 *
 *   s ─1─ a ─1─ t        a-t and b-t lie in conduit 0
 *   ├─1─ b ─1─┤
 *   └─5─ c ─5─┘
 */
const g = buildGraph(5, [0, 1, 0, 3, 0, 4], [1, 2, 3, 2, 4, 2])
const weights = { edgeWeight: Float64Array.from([1, 1, 1, 1, 5, 5]) }
const conduit = edgeGroups(6, [[], [0], [], [0], [], []], 1)

test('SRLG-disjoint: the MIP avoids the shared conduit, at a price', async () => {
  const answer = await groupDisjointPaths(g, 0, 2, 2, conduit, weights)
  assert.equal(answer.method, 'mip-highs')
  assert.deepEqual(answer.sharedGroups, [])
  assert.deepEqual(answer.paths.map((p) => p.nodes), [[0, 1, 2], [0, 4, 2]])
})

test('three paths cannot avoid the conduit: the set shares exactly it', async () => {
  const answer = await groupDisjointPaths(g, 0, 2, 3, conduit, weights)
  assert.equal(answer.paths.length, 3)
  assert.deepEqual(answer.sharedGroups, [0])
})

function groupsOf(p: Path, membership: number[][]): Set<number> {
  return new Set(p.edges.flatMap((e) => membership[e]))
}

test('property: the MIP matches brute force over pairs of paths (fully group- and link-disjoint when possible)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 3, max: 6 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -1, max: 2 })), { minLength: 2, maxLength: 10 }),
        }),
      ),
      async ({ n, edges }) => {
        const graph = buildGraph(n, edges.map(([a]) => a), edges.map(([, b]) => b))
        const options = { edgeWeight: Float64Array.from(edges.map(([, , w]) => w)) }
        const membership = edges.map(([, , , grp]) => (grp >= 0 ? [grp] : []))
        const answer = await groupDisjointPaths(graph, 0, n - 1, 2, edgeGroups(edges.length, membership, 3), options)
        const all = allSimplePaths(graph, 0, n - 1, options)
        let best = Infinity
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) {
            const shareLink = all[i].edges.some((e) => all[j].edges.includes(e))
            const a = groupsOf(all[i], membership)
            const shareGroup = [...groupsOf(all[j], membership)].some((x) => a.has(x))
            if (!shareLink && !shareGroup) best = Math.min(best, all[i].cost + all[j].cost)
          }
        }
        if (best < Infinity) {
          assert.equal(answer.paths.length, 2)
          assert.deepEqual(sharedGroups(answer.paths, edgeGroups(edges.length, membership, 3)), [])
          assert.ok(Math.abs(answer.paths[0].cost + answer.paths[1].cost - best) < 1e-6, `${answer.paths.map((p) => p.cost)} vs ${best}`)
        }
      },
    ),
    { numRuns: 60, seed: 5 },
  )
})
