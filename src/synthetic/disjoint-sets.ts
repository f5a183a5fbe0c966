/** Union–find with path halving and union by size (Tarjan, J. ACM 22(2), 1975). */
export class DisjointSets {
  private readonly parent: Int32Array
  private readonly size: Int32Array

  constructor(n: number) {
    this.parent = new Int32Array(n)
    this.size = new Int32Array(n).fill(1)
    for (let i = 0; i < n; i++) this.parent[i] = i
  }

  find(x: number): number {
    const parent = this.parent
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  /** Joins the sets of a and b; false if they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a)
    let rb = this.find(b)
    if (ra === rb) return false
    if (this.size[ra] < this.size[rb] || (this.size[ra] === this.size[rb] && rb < ra)) [ra, rb] = [rb, ra]
    this.parent[rb] = ra
    this.size[ra] += this.size[rb]
    return true
  }
}
