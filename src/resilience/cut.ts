import { distanceToPolylineKm, distanceToSegmentKm } from '../geo'
import { SilkwayError, round } from '../model'
import { type RoutingIndex, resolveNode } from '../routing'
import { defaultEndpoints, latencySearch, rttMs } from './common'
import type { CutAnswer, CutSpec, PairImpact } from './schema'
import { buildSweepModel, evaluateFailure, failureScratch, pairIndex } from './sweep'

/**
 * The links a cut hits. A circle hits a link whose drawn geometry — or, without one, the great-circle
 * segment between its ends — passes within the radius of the centre (so a link ending inside is hit).
 */
export function resolveCut(index: RoutingIndex, spec: CutSpec): number[] {
  const hit = new Set<number>()
  const { network } = index
  for (const id of spec.links ?? []) {
    const e = index.linkIndex.get(id)
    if (e === undefined) throw new SilkwayError('SW_INVALID_ARGUMENT', `unknown link '${id}'`, { link: id })
    hit.add(e)
  }
  for (const id of spec.srlgs ?? []) {
    const known = (network.srlgs ?? []).some((g) => g.id === id) || network.links.some((l) => l.srlgs?.includes(id))
    if (!known) throw new SilkwayError('SW_INVALID_ARGUMENT', `unknown shared-risk group '${id}'`, { srlg: id })
    network.links.forEach((link, e) => {
      if (link.srlgs?.includes(id)) hit.add(e)
    })
  }
  for (const raw of spec.countries ?? []) {
    const code = raw.toUpperCase()
    if (!/^[A-Z]{2}$/.test(code)) throw new SilkwayError('SW_INVALID_ARGUMENT', `'${raw}' is not an ISO 3166-1 alpha-2 country code`)
    index.linkCountries.forEach((countries, e) => {
      if (countries.includes(code)) hit.add(e)
    })
    for (let e = 0; e < index.graph.edgeCount; e++) {
      if (network.nodes[index.graph.edgeTail[e]].country === code || network.nodes[index.graph.edgeHead[e]].country === code) hit.add(e)
    }
  }
  for (const circle of spec.circles ?? []) {
    const { lat, lon, radiusKm } = circle
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && radiusKm >= 0)) {
      throw new SilkwayError('SW_INVALID_ARGUMENT', `circle ${lat},${lon},${radiusKm}: need lat in ±90, lon in ±180 and a radius ≥ 0 km`)
    }
    network.links.forEach((link, e) => {
      const a = network.nodes[index.graph.edgeTail[e]]
      const b = network.nodes[index.graph.edgeHead[e]]
      let d = Infinity
      if (link.geometry && link.geometry.coordinates.length >= 2) d = distanceToPolylineKm(lat, lon, link.geometry.coordinates)
      else if (a.lat !== undefined && a.lon !== undefined && b.lat !== undefined && b.lon !== undefined) d = distanceToSegmentKm(lat, lon, a.lat, a.lon, b.lat, b.lon)
      if (d <= radiusKm) hit.add(e)
    })
  }
  return [...hit].sort((x, y) => x - y)
}

/** Resolves `A:B` pairs by id or name. */
export function resolvePairs(index: RoutingIndex, pairs: readonly { from: string; to: string }[]): [number, number][] {
  return pairs.map(({ from, to }) => [resolveNode(index, from), resolveNode(index, to)])
}

/**
 * What a cut does to each pair: connected?, RTT before and after, inflation. Runs on the failure-sweep engine
 * (only trees through a cut link are repaired), so all pairs of a large network stay cheap.
 */
export function cutImpact(index: RoutingIndex, spec: CutSpec, pairs?: readonly { from: string; to: string }[], scenario?: string): CutAnswer {
  const edges = resolveCut(index, spec)
  const asked = pairs ? resolvePairs(index, pairs) : undefined
  const endpoints = asked ? [...new Set(asked.flat())] : defaultEndpoints(index)
  const model = buildSweepModel(index.graph, latencySearch(index), endpoints)
  const n = index.graph.nodeCount
  const count = endpoints.length
  const after = new Map<number, number>()
  evaluateFailure(model, edges, failureScratch(model), (i, j, _before, cost) => after.set(pairIndex(i, j, count), cost))
  const rank = new Map(endpoints.map((v, i) => [v, i]))
  const describe = (s: number, t: number): PairImpact | null => {
    let i = rank.get(s) as number
    let j = rank.get(t) as number
    if (i > j) [i, j] = [j, i]
    const u = endpoints[i]
    const base = model.dist[i * n + endpoints[j]]
    if (!(base < Infinity)) return null
    const k = pairIndex(i, j, count)
    const cost = after.has(k) ? (after.get(k) as number) : base
    const before = rttMs(index, u, base)
    const connected = cost < Infinity
    const rtt = connected ? rttMs(index, u, cost) : null
    return {
      from: index.network.nodes[s].id,
      to: index.network.nodes[t].id,
      connected,
      baseRttMs: round(before, 3),
      rttMs: rtt === null ? null : round(rtt, 3),
      inflation: rtt === null ? null : round(before > 0 ? rtt / before : 1, 4),
    }
  }
  const out: PairImpact[] = []
  let considered = 0
  if (asked) {
    for (const [s, t] of asked) {
      if (s === t) continue
      const impact = describe(s, t)
      if (impact) {
        considered++
        out.push(impact)
      }
    }
  } else {
    for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) if (model.dist[i * n + endpoints[j]] < Infinity) considered++
    const changed = [...after.keys()].sort((x, y) => x - y)
    for (const k of changed) {
      // Invert the triangular index by scanning rows: fine for the sizes a cut report prints.
      let i = 0
      while (pairIndex(i, count - 1, count) < k) i++
      const j = k - pairIndex(i, i + 1, count) + i + 1
      const impact = describe(endpoints[i], endpoints[j])
      if (impact) out.push(impact)
    }
  }
  out.sort((x, y) => Number(x.connected) - Number(y.connected) || (y.inflation ?? 0) - (x.inflation ?? 0) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to))
  const changedCount = out.filter((p) => !p.connected || p.rttMs !== p.baseRttMs).length
  return {
    ...(scenario ? { scenario } : {}),
    cut: { links: edges.map((e) => index.network.links[e].id) },
    pairs: out,
    disconnected: out.filter((p) => !p.connected).map(({ from, to }) => ({ from, to })),
    pairsConsidered: considered,
    pairsUnchanged: considered - changedCount,
  }
}

