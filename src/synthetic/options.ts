/** A latitude/longitude box in degrees. */
export interface LatLonBox {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

export interface SyntheticOptions {
  /** Number of nodes. */
  nodes: number
  /** Any integer; the same seed and options give the same network. */
  seed: number
  /** Where the nodes are scattered; by default roughly Europe to East Asia. */
  box?: LatLonBox
  /** Mean node degree; links ≈ averageDegree / 2 × nodes (default 3, like sparse long-haul fibre). */
  averageDegree?: number
  /** Nearest neighbours each node may link to (default 6). */
  neighbours?: number
  /** Links beyond the spanning tree never raise a node above this degree (default 6). */
  maxDegree?: number
  /** Share of links marked submarine (default 0.03). */
  submarineShare?: number
  name?: string
}

export const DEFAULT_SYNTHETIC_BOX: Readonly<LatLonBox> = { minLat: 25, maxLat: 60, minLon: -10, maxLon: 130 }
