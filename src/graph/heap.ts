/**
 * Indexed 4-ary min-heap over the integers 0 … capacity−1 with decrease-key; O(log n) push and pop
 * (J. W. J. Williams, "Heapsort", CACM 7(6), 1964; the d-ary form of D. B. Johnson, "Priority queues with update
 * and finding minimum spanning trees", Inf. Proc. Letters 4, 1975). Four children per slot halve the depth a
 * pop sifts through, and the four sit side by side in memory.
 * Equal keys pop smaller ids first, so every search built on it settles nodes in one fixed order.
 * The arrays are allocated once; `clear` costs O(entries still queued), so one heap serves many queries.
 */
export class IndexedMinHeap {
  readonly capacity: number
  /** Heap order: `items[0]` is the minimum. */
  private readonly items: Int32Array
  /** Key of `items[i]`, kept beside it so sifting reads contiguous memory rather than keys scattered by id. */
  private readonly itemKeys: Float64Array
  /** Index of each id in `items`, −1 while the id is not queued. */
  private readonly position: Int32Array
  private count = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`heap capacity must be a non-negative integer (got ${capacity})`)
    this.capacity = capacity
    this.items = new Int32Array(capacity)
    this.itemKeys = new Float64Array(capacity)
    this.position = new Int32Array(capacity).fill(-1)
  }

  get size(): number {
    return this.count
  }

  has(id: number): boolean {
    return this.position[id] >= 0
  }

  /** Key of a queued id; NaN for an id that is not queued. */
  keyOf(id: number): number {
    const at = this.position[id]
    return at >= 0 ? this.itemKeys[at] : Number.NaN
  }

  /** The id with the smallest key, −1 when empty. */
  peek(): number {
    return this.count > 0 ? this.items[0] : -1
  }

  /** The smallest key, Infinity when empty. */
  peekKey(): number {
    return this.count > 0 ? this.itemKeys[0] : Infinity
  }

  /** Queues `id` with `key`, or moves it to `key` if it is already queued (up or down). */
  push(id: number, key: number): void {
    const at = this.position[id]
    if (at < 0) {
      this.siftUp(this.count++, id, key)
      return
    }
    const old = this.itemKeys[at]
    if (key < old) this.siftUp(at, id, key)
    else if (key > old) this.siftDown(at, id, key)
  }

  /** Removes and returns the id with the smallest key (smaller id on equal keys); −1 when empty. */
  pop(): number {
    if (this.count === 0) return -1
    const top = this.items[0]
    this.position[top] = -1
    const last = --this.count
    if (last > 0) this.siftDown(0, this.items[last], this.itemKeys[last])
    return top
  }

  /** Empties the heap in O(entries still queued). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.position[this.items[i]] = -1
    this.count = 0
  }

  /** Places (id, key) at slot `at` or above it. */
  private siftUp(at: number, id: number, key: number): void {
    const items = this.items
    const itemKeys = this.itemKeys
    const position = this.position
    while (at > 0) {
      const parentAt = (at - 1) >> 2
      const parentKey = itemKeys[parentAt]
      const parent = items[parentAt]
      if (parentKey < key || (parentKey === key && parent < id)) break
      items[at] = parent
      itemKeys[at] = parentKey
      position[parent] = at
      at = parentAt
    }
    items[at] = id
    itemKeys[at] = key
    position[id] = at
  }

  /** Places (id, key) at slot `at` or below it. */
  private siftDown(at: number, id: number, key: number): void {
    const items = this.items
    const itemKeys = this.itemKeys
    const position = this.position
    const count = this.count
    for (;;) {
      const firstChild = 4 * at + 1
      if (firstChild >= count) break
      const lastChild = firstChild + 4 < count ? firstChild + 4 : count
      let child = firstChild
      let childKey = itemKeys[child]
      let childId = items[child]
      for (let c = firstChild + 1; c < lastChild; c++) {
        const cKey = itemKeys[c]
        if (cKey < childKey || (cKey === childKey && items[c] < childId)) {
          child = c
          childKey = cKey
          childId = items[c]
        }
      }
      if (key < childKey || (key === childKey && id < childId)) break
      items[at] = childId
      itemKeys[at] = childKey
      position[childId] = at
      at = child
    }
    items[at] = id
    itemKeys[at] = key
    position[id] = at
  }
}
