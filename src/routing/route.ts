import { ADMISSIBLE_GREAT_CIRCLE_SCALE, greatCircleKm } from '../geo'
import { type Path, type SearchOptions, kShortestPaths, shortestPath } from '../graph'
import { SPEED_OF_LIGHT_KM_PER_MS, SilkwayError, round, stretch, vacuumRttMs } from '../model'
import type { RoutingIndex } from './compile'
import { buildMasks } from './constraints'
import { resolveNode } from './resolve'
import type { Metric, NodeRef, PathResult, RouteConstraints, RouteQuery, RouteResponse } from './schema'

interface MetricCosts {
  edgeWeight: Float64Array
  nodeCost?: Float64Array
  /** Lower bound of the cost from a node to the target, per km of great circle; 0 disables A*. */
  costPerGreatCircleKm: number
}

const costCache = new WeakMap<RoutingIndex, Map<Metric, MetricCosts>>()

/** The per-edge costs of a metric, computed once per index. Unknown lengths make an edge unusable for km and ms. */
export function metricCosts(index: RoutingIndex, metric: Metric): MetricCosts {
  let byMetric = costCache.get(index)
  if (!byMetric) {
    byMetric = new Map()
    costCache.set(index, byMetric)
  }
  const cached = byMetric.get(metric)
  if (cached) return cached
  const finite = (values: Float64Array) => values.map((x) => (Number.isFinite(x) ? x : Number.POSITIVE_INFINITY))
  const admissible = index.greatCircleIsLowerBound ? ADMISSIBLE_GREAT_CIRCLE_SCALE : 0
  let costs: MetricCosts
  if (metric === 'latency') {
    const perKm = index.profile.fiber.groupIndex.value / SPEED_OF_LIGHT_KM_PER_MS
    costs = { edgeWeight: finite(index.linkPropagationMs), nodeCost: index.nodeDelayMs, costPerGreatCircleKm: admissible * perKm }
  } else if (metric === 'length') {
    costs = { edgeWeight: finite(index.linkLengthKm), costPerGreatCircleKm: admissible }
  } else {
    costs = { edgeWeight: new Float64Array(index.graph.edgeCount).fill(1), costPerGreatCircleKm: 0 }
  }
  byMetric.set(metric, costs)
  return costs
}

function nodeRef(index: RoutingIndex, v: number): NodeRef {
  const node = index.network.nodes[v]
  return node.country ? { id: node.id, name: node.name, country: node.country } : { id: node.id, name: node.name }
}

function greatCircleBetweenNodes(index: RoutingIndex, u: number, v: number): number | null {
  const a = index.network.nodes[u]
  const b = index.network.nodes[v]
  if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return null
  return greatCircleKm(a.lat, a.lon, b.lat, b.lon)
}

function heuristicTo(index: RoutingIndex, target: number, costPerKm: number): ((v: number) => number) | undefined {
  if (costPerKm <= 0) return undefined
  const t = index.network.nodes[target]
  if (t.lat === undefined || t.lon === undefined) return undefined
  const { nodes } = index.network
  const tLat = t.lat
  const tLon = t.lon
  return (v) => costPerKm * greatCircleKm(nodes[v].lat as number, nodes[v].lon as number, tLat, tLon)
}

/** Measures a path in every unit the answer reports, independent of the metric it was chosen by. */
export function describePath(index: RoutingIndex, path: Path): PathResult {
  const { network } = index
  let lengthKm = 0
  let propagationMs = 0
  const breakdown = { declared: 0, geodesic: 0, estimated: 0, unknownLinks: 0 }
  const countries: string[] = []
  const addCountry = (c: string | undefined) => {
    if (c && !countries.includes(c)) countries.push(c)
  }
  path.nodes.forEach((v, i) => {
    addCountry(network.nodes[v].country)
    if (i >= path.edges.length) return
    const e = path.edges[i]
    const linkCountries = network.links[e].a === network.nodes[v].id ? index.linkCountries[e] : [...index.linkCountries[e]].reverse()
    linkCountries.forEach(addCountry)
    const km = index.linkLengthKm[e]
    lengthKm += km
    propagationMs += index.linkPropagationMs[e]
    const method = index.linkLengthMethod[e]
    if (method === 'declared' || method === 'declared-chain') breakdown.declared += km
    else if (method === 'geodesic') breakdown.geodesic += km
    else if (method === 'great-circle-estimate' || method === 'link-route-factor') breakdown.estimated += km
    else breakdown.unknownLinks++
  })
  let delayMs = 0
  for (const v of path.nodes) delayMs += index.nodeDelayMs[v]
  const known = Number.isFinite(lengthKm)
  const oneWayMs = known ? propagationMs + delayMs : null
  const rttMs = oneWayMs === null ? null : 2 * oneWayMs
  const gc = greatCircleBetweenNodes(index, path.nodes[0], path.nodes[path.nodes.length - 1])
  return {
    nodes: path.nodes.map((v) => network.nodes[v].id),
    nodeNames: path.nodes.map((v) => network.nodes[v].name),
    links: path.edges.map((e) => network.links[e].id),
    hops: path.edges.length,
    lengthKm: known ? round(lengthKm, 1) : null,
    oneWayMs: oneWayMs === null ? null : round(oneWayMs, 3),
    rttMs: rttMs === null ? null : round(rttMs, 3),
    stretch: rttMs === null || gc === null || gc === 0 ? null : round(stretch(rttMs, gc), 3),
    countries,
    lengthBreakdownKm: {
      declared: round(breakdown.declared, 1),
      geodesic: round(breakdown.geodesic, 1),
      estimated: round(breakdown.estimated, 1),
      unknownLinks: breakdown.unknownLinks,
    },
    dependsOn: pathEvidence(index, path),
  }
}

/** The inferred alignments and weak sources a path rests on, each listed once, sorted. */
function pathEvidence(index: RoutingIndex, path: Path): PathResult['dependsOn'] {
  const { network } = index
  const weak = new Set((network.sources ?? []).filter((s) => s.weak).map((s) => s.id))
  const inferred = new Set<string>()
  const weakUsed = new Set<string>()
  const note = (ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) if (weak.has(id)) weakUsed.add(id)
  }
  for (const e of path.edges) {
    const link = network.links[e]
    if (link.alignmentInferred) inferred.add(link.id)
    note(link.sources)
    note(link.routeFactor?.sources)
  }
  for (const v of path.nodes) note(network.nodes[v].sources)
  if (network.declaredChains?.length && index.linkLengthMethod.includes('declared-chain')) {
    const used = new Set(path.edges.map((e) => network.links[e].id))
    for (const chain of network.declaredChains) if (chain.links.some((id) => used.has(id))) note(chain.sources)
  }
  return { inferredAlignmentLinks: [...inferred].sort(), weakSources: [...weakUsed].sort() }
}

function compareCandidates(x: Path, y: Path): number {
  if (x.cost !== y.cost) return x.cost - y.cost
  const n = Math.min(x.nodes.length, y.nodes.length)
  for (let i = 0; i < n; i++) if (x.nodes[i] !== y.nodes[i]) return x.nodes[i] - y.nodes[i]
  return x.nodes.length - y.nodes.length
}

/** Joins per-segment candidates into loopless through-paths, cheapest first. */
function joinSegments(segments: Path[][], k: number, limit = 100_000): Path[] {
  let partial: Path[] = [{ nodes: [], edges: [], cost: 0 }]
  for (const candidates of segments) {
    const next: Path[] = []
    for (const head of partial) {
      for (const tail of candidates) {
        const nodes = head.nodes.length === 0 ? tail.nodes : [...head.nodes, ...tail.nodes.slice(1)]
        if (new Set(nodes).size !== nodes.length) continue
        next.push({ nodes, edges: [...head.edges, ...tail.edges], cost: head.cost + tail.cost })
        if (next.length >= limit) break
      }
    }
    partial = next
  }
  return partial.sort(compareCandidates).slice(0, k)
}

function searchPaths(index: RoutingIndex, stops: number[], k: number, options: SearchOptions, costs: MetricCosts): Path[] {
  if (stops.length === 2) {
    const [s, t] = stops
    if (k === 1) {
      const path = shortestPath(index.graph, s, t, { ...options, heuristic: heuristicTo(index, t, costs.costPerGreatCircleKm) })
      return path ? [path] : []
    }
    return kShortestPaths(index.graph, s, t, k, options)
  }
  // Through waypoints: a few candidates per leg, so that a leg's best path that would revisit a node of
  // another leg can be replaced by its next best.
  const perLeg = Math.max(k, 4)
  const legs: Path[][] = []
  for (let i = 0; i + 1 < stops.length; i++) {
    const leg = kShortestPaths(index.graph, stops[i], stops[i + 1], perLeg, options)
    if (leg.length === 0) return []
    legs.push(leg)
  }
  return joinSegments(legs, k)
}

/** Answers a route query on a compiled index: k loopless paths, best first, under the constraints. */
export function route(index: RoutingIndex, query: RouteQuery, scenario?: string): RouteResponse {
  const metric: Metric = query.metric ?? 'latency'
  const k = query.k ?? 1
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new SilkwayError('SW_INVALID_ARGUMENT', `k must be an integer from 1 to 100 (got ${k})`, { field: 'k' })
  const from = resolveNode(index, query.from)
  const to = resolveNode(index, query.to)
  const via = (query.via ?? []).map((name) => resolveNode(index, name))
  const stops = [from, ...via, to]
  for (let i = 0; i + 1 < stops.length; i++) {
    if (stops[i] === stops[i + 1]) throw new SilkwayError('SW_INVALID_ARGUMENT', `consecutive stops are the same node '${index.network.nodes[stops[i]].id}'`, { field: 'via' })
  }
  const constraints: RouteConstraints = query.constraints ?? {}
  const masks = buildMasks(index, constraints, stops)
  const costs = metricCosts(index, metric)
  const options: SearchOptions = { edgeWeight: costs.edgeWeight, nodeCost: costs.nodeCost, edgeBlocked: masks.edgeBlocked, nodeBlocked: masks.nodeBlocked }
  const paths = searchPaths(index, stops, k, options, costs)
  if (paths.length === 0) {
    const unconstrained = searchPaths(index, stops, 1, { edgeWeight: costs.edgeWeight, nodeCost: costs.nodeCost }, costs)
    const names = `${index.network.nodes[from].name} and ${index.network.nodes[to].name}`
    if (unconstrained.length > 0) {
      throw new SilkwayError('SW_CONSTRAINT_INFEASIBLE', `the constraints exclude every path between ${names}`, { from: query.from, to: query.to })
    }
    const hint = metric === 'hops' ? '' : ' (links of unknown length cannot carry a km or ms metric; try --metric hops)'
    throw new SilkwayError('SW_NO_PATH', `no path connects ${names}${hint}`, { from: query.from, to: query.to })
  }
  const gc = greatCircleBetweenNodes(index, from, to)
  return {
    ...(scenario ? { scenario } : {}),
    metric,
    from: nodeRef(index, from),
    to: nodeRef(index, to),
    via: via.map((v) => nodeRef(index, v)),
    greatCircleKm: gc === null ? null : round(gc, 1),
    vacuumRttMs: gc === null ? null : round(vacuumRttMs(gc), 3),
    constraints: { ...constraints, ...(masks.avoidedCountries.length > 0 ? { avoidCountries: masks.avoidedCountries } : {}) },
    paths: paths.map((path) => describePath(index, path)),
    warnings: masks.warnings,
  }
}
