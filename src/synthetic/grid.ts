import type { LatLonBox } from './options'

/**
 * Points bucketed in a uniform grid over an equirectangular projection (x = lon · cos(mid-latitude)), about
 * two points per cell, for nearest-neighbour queries in expanding rings of cells.
 */
export class Grid {
  readonly x: Float64Array
  readonly y: Float64Array
  readonly cell: number
  readonly columns: number
  readonly rows: number
  readonly start: Int32Array
  readonly items: Int32Array
  private readonly minX: number
  private readonly minY: number

  constructor(lat: Float64Array, lon: Float64Array, box: LatLonBox) {
    const n = lat.length
    const scale = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180)
    this.x = new Float64Array(n)
    this.y = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      this.x[i] = lon[i] * scale
      this.y[i] = lat[i]
    }
    this.minX = box.minLon * scale
    this.minY = box.minLat
    const width = (box.maxLon - box.minLon) * scale
    const height = box.maxLat - box.minLat
    this.cell = Math.sqrt((width * height) / Math.max(1, n / 2))
    this.columns = Math.max(1, Math.ceil(width / this.cell))
    this.rows = Math.max(1, Math.ceil(height / this.cell))
    const cells = this.columns * this.rows
    this.start = new Int32Array(cells + 1)
    const cellOf = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      cellOf[i] = this.cellAt(this.x[i], this.y[i])
      this.start[cellOf[i] + 1]++
    }
    for (let c = 0; c < cells; c++) this.start[c + 1] += this.start[c]
    const cursor = this.start.slice(0, cells)
    this.items = new Int32Array(n)
    for (let i = 0; i < n; i++) this.items[cursor[cellOf[i]]++] = i
  }

  column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)))
  }

  row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)))
  }

  cellAt(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x)
  }

  /**
   * Visits the points of ring r (the cells at Chebyshev distance r from (column, row)); false once the ring
   * lies wholly outside the grid.
   */
  ring(column: number, row: number, r: number, visit: (j: number) => void): boolean {
    let any = false
    for (let dy = -r; dy <= r; dy++) {
      const cy = row + dy
      if (cy < 0 || cy >= this.rows) continue
      const step = dy === -r || dy === r ? 1 : 2 * r
      for (let dx = -r; dx <= r; dx += step || 1) {
        const cx = column + dx
        if (cx < 0 || cx >= this.columns) continue
        any = true
        const c = cy * this.columns + cx
        for (let s = this.start[c]; s < this.start[c + 1]; s++) visit(this.items[s])
      }
    }
    return any || r === 0
  }

  /** Upper bound on the rings needed to cover the grid. */
  get maxRing(): number {
    return Math.max(this.columns, this.rows)
  }
}
