import { IndexedMinHeap } from '../graph'

/** The links chosen so far, as adjacency lists, with a search bounded by distance. */
export class GrowingNetwork {
  private readonly neighbours: number[][]
  private readonly lengths: number[][]
  private readonly dist: Float64Array
  private readonly stamp: Uint32Array
  private epoch = 0
  private readonly heap: IndexedMinHeap

  constructor(n: number) {
    this.neighbours = Array.from({ length: n }, () => [])
    this.lengths = Array.from({ length: n }, () => [])
    this.dist = new Float64Array(n)
    this.stamp = new Uint32Array(n)
    this.heap = new IndexedMinHeap(n)
  }

  add(u: number, v: number, km: number): void {
    this.neighbours[u].push(v)
    this.lengths[u].push(km)
    this.neighbours[v].push(u)
    this.lengths[v].push(km)
  }

  degree(u: number): number {
    return this.neighbours[u].length
  }

  /** Whether a route of at most `limitKm` joins u and v: Dijkstra from u, pruned beyond the limit. */
  within(u: number, v: number, limitKm: number): boolean {
    const { dist, stamp, heap } = this
    const epoch = ++this.epoch
    dist[u] = 0
    stamp[u] = epoch
    heap.push(u, 0)
    let found = false
    while (heap.size > 0) {
      const x = heap.pop()
      if (x === v) {
        found = true
        break
      }
      const dx = dist[x]
      const next = this.neighbours[x]
      const lengths = this.lengths[x]
      for (let i = 0; i < next.length; i++) {
        const y = next[i]
        const d = dx + lengths[i]
        if (d > limitKm || (stamp[y] === epoch && d >= dist[y])) continue
        dist[y] = d
        stamp[y] = epoch
        heap.push(y, d)
      }
    }
    heap.clear()
    return found
  }
}
