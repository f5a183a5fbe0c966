import type { DisjointSets } from './disjoint-sets'
import type { Grid } from './grid'

/** The k nearest neighbours of every node as unique pairs a < b (projected distance, ties by index). */
export function nearestNeighbourPairs(grid: Grid, k: number): { a: Int32Array; b: Int32Array } {
  const { x, y } = grid
  const n = x.length
  if (n < 2) return { a: new Int32Array(0), b: new Int32Array(0) }
  const want = Math.min(k, n - 1)
  const bestIndex = new Int32Array(want)
  const bestDist = new Float64Array(want)
  const keys = new Float64Array(n * want)
  let keyCount = 0
  for (let i = 0; i < n; i++) {
    let found = 0
    const consider = (j: number) => {
      if (j === i) return
      const dx = x[j] - x[i]
      const dy = y[j] - y[i]
      const d = dx * dx + dy * dy
      if (found === want && (d > bestDist[want - 1] || (d === bestDist[want - 1] && j > bestIndex[want - 1]))) return
      let at = found < want ? found++ : want - 1
      while (at > 0 && (bestDist[at - 1] > d || (bestDist[at - 1] === d && bestIndex[at - 1] > j))) {
        bestDist[at] = bestDist[at - 1]
        bestIndex[at] = bestIndex[at - 1]
        at--
      }
      bestDist[at] = d
      bestIndex[at] = j
    }
    const column = grid.column(x[i])
    const row = grid.row(y[i])
    for (let r = 0; r <= grid.maxRing; r++) {
      if (!grid.ring(column, row, r, consider)) break
      // Every point not yet visited is at least r cells away from the query point.
      const reach = r * grid.cell
      if (found === want && bestDist[want - 1] <= reach * reach) break
    }
    for (let s = 0; s < found; s++) {
      const j = bestIndex[s]
      keys[keyCount++] = i < j ? i * n + j : j * n + i
    }
  }
  const sorted = keys.subarray(0, keyCount).sort()
  const a: number[] = []
  const b: number[] = []
  for (let s = 0; s < sorted.length; s++) {
    if (s > 0 && sorted[s] === sorted[s - 1]) continue
    a.push(Math.floor(sorted[s] / n))
    b.push(sorted[s] % n)
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) }
}

/**
 * Links the components a nearest-neighbour forest may leave (rare for uniform points): each component but the
 * largest, smallest first, is joined to the nearest point outside its current set. Returns the added pairs.
 */
export function joinComponents(grid: Grid, sets: DisjointSets): Array<[number, number]> {
  const n = grid.x.length
  const members = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const root = sets.find(i)
    const list = members.get(root)
    if (list) list.push(i)
    else members.set(root, [i])
  }
  const components = [...members.values()].sort((p, q) => p.length - q.length || p[0] - q[0])
  const added: Array<[number, number]> = []
  for (const component of components.slice(0, -1)) {
    const root = sets.find(component[0])
    let bestDist = Infinity
    let bestPair: [number, number] = [component[0], component[0]]
    for (const u of component) {
      const column = grid.column(grid.x[u])
      const row = grid.row(grid.y[u])
      for (let r = 0; r <= grid.maxRing; r++) {
        const inside = grid.ring(column, row, r, (v) => {
          if (sets.find(v) === root) return
          const dx = grid.x[v] - grid.x[u]
          const dy = grid.y[v] - grid.y[u]
          const d = dx * dx + dy * dy
          if (d < bestDist || (d === bestDist && (u < bestPair[0] || (u === bestPair[0] && v < bestPair[1])))) {
            bestDist = d
            bestPair = [u, v]
          }
        })
        const reach = r * grid.cell
        if (!inside || bestDist <= reach * reach) break
      }
    }
    sets.union(bestPair[0], bestPair[1])
    added.push(bestPair)
  }
  return added
}
