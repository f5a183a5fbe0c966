import type { Claim } from '../data'
import { type Profile, fiberPropagationMs, isSilkwayError, round } from '../model'
import type { PathResult } from '../routing'
import { Workbench } from '../workbench'
import type { ClaimCheck, ClaimRange } from './schema'

/** Relative deviation within which a computed length is said to agree with a claim. */
export const CLAIM_AGREEMENT_PCT = 5

interface Best {
  path: PathResult
  from: string
  to: string
}

/** Link ids of the scenario a claim's filter names; `prefix*` matches every link id that starts with prefix. */
function expandLinks(workbench: Workbench, scenario: string, patterns: readonly string[] | undefined): string[] {
  if (!patterns?.length) return []
  const ids = workbench.scenarioNetwork(scenario).links.map((l) => l.id)
  return ids.filter((id) => patterns.some((p) => (p.endsWith('*') ? id.startsWith(p.slice(0, -1)) : id === p)))
}

/** The shortest route by fibre length over every pair of the claim's endpoint sets, ties to the first pair listed. */
function shortest(workbench: Workbench, claim: Claim, scenario: string, avoid: readonly string[] | undefined): Best | undefined {
  const present = new Set(workbench.scenarioNetwork(scenario).nodes.map((n) => n.id))
  const avoidLinks = expandLinks(workbench, scenario, avoid)
  let best: Best | undefined
  for (const from of claim.fromAny ?? [claim.from]) {
    for (const to of claim.toAny ?? [claim.to]) {
      if (!present.has(from) || !present.has(to)) continue
      try {
        const path = workbench.route({ from, to, metric: 'length', constraints: avoidLinks.length ? { avoidLinks } : {} }, scenario).paths[0]
        if (path.lengthKm !== null && (best === undefined || path.lengthKm < (best.path.lengthKm as number))) best = { path, from, to }
      } catch (error) {
        if (isSilkwayError(error) && (error.code === 'SW_NO_PATH' || error.code === 'SW_CONSTRAINT_INFEASIBLE')) continue
        throw error
      }
    }
  }
  return best
}

function verdictOf(check: Omit<ClaimCheck, 'verdict'>): string {
  if (check.targetKm === null) return `no route from ${check.from} to ${check.to} in ${check.targetScenario}`
  const pct = check.targetDeviationPct as number
  const size = Math.abs(pct)
  const direction = pct >= 0 ? 'longer' : 'shorter'
  const target =
    size <= CLAIM_AGREEMENT_PCT
      ? `agrees with the claimed ${check.claimedTargetKm} km (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %)`
      : `disagrees: ${Math.round(check.targetKm)} km is ${size.toFixed(1)} % ${direction} than the claimed ${check.claimedTargetKm} km`
  const saved =
    check.savedKm === null
      ? 'no baseline route to measure a saving'
      : `saving ${Math.round(check.savedKm)} km against ${check.claimedSavedKm} km claimed`
  const physics = check.claimedDelayBelowFloor
    ? `; the claimed ${check.claimedTargetOneWayMs} ms is below the ${check.floorOneWayMsAtClaimedKm} ms propagation floor of the claimed ${check.claimedTargetKm} km, so it cannot be one-way propagation over that length`
    : ''
  return `${target}; ${saved}${physics}`
}

/** A profile whose per-hop route factor is `value` (the rest unchanged). */
function withPerHop(profile: Profile, value: number): Profile {
  const perHop = profile.routeFactor.terrestrialPerHop
  if (!perHop) return profile
  return { ...profile, routeFactor: { ...profile.routeFactor, terrestrialPerHop: { ...perHop, value } } }
}

/** What both routes rest on (each path's `dependsOn`), merged. */
function evidence(routes: readonly (Best | undefined)[]) {
  const union = (pick: (p: PathResult) => string[]) => [...new Set(routes.flatMap((r) => (r ? pick(r.path) : [])))].sort()
  return { inferredAlignmentLinks: union((p) => p.dependsOn.inferredAlignmentLinks), weakSources: union((p) => p.dependsOn.weakSources) }
}

/** One workbench per end of the per-hop range, shared by every claim (each compiles its scenarios once). */
function rangeWorkbenches(workbench: Workbench): Array<[number, Workbench]> {
  const range = workbench.profile.routeFactor.terrestrialPerHop?.range
  if (!range) return []
  return range.map((factor) => [
    factor,
    new Workbench({ network: workbench.network, scenarios: workbench.scenarios, profile: withPerHop(workbench.profile, factor), defaultScenario: workbench.defaultScenario }),
  ])
}

function rangeRows(varieties: ReadonlyArray<[number, Workbench]>, claim: Claim): ClaimRange[] {
  return varieties.map(([factor, varied]) => {
    const baseline = shortest(varied, claim, claim.baselineScenario, claim.baselineAvoidLinks)
    const target = shortest(varied, claim, claim.targetScenario, claim.targetAvoidLinks)
    const baselineKm = baseline?.path.lengthKm ?? null
    const targetKm = target?.path.lengthKm ?? null
    return {
      perHopRouteFactor: factor,
      baselineKm,
      targetKm,
      savedKm: baselineKm !== null && targetKm !== null ? round(baselineKm - targetKm, 1) : null,
      targetOneWayMs: target?.path.oneWayMs ?? null,
    }
  })
}

/**
 * Computes each claim on the engine: the shortest route by fibre length between the claim's endpoint sets in
 * its baseline and target scenarios, under each claim's link filters, at the profile's per-hop route factor and
 * at both ends of its range. Nothing is fitted to the claim; the deviation is reported as it comes out. A
 * claimed delay is checked against the propagation floor of the claimed length at the profile's group index.
 */
export function checkClaims(workbench: Workbench, claims: readonly Claim[]): ClaimCheck[] {
  const groupIndex = workbench.profile.fiber.groupIndex.value
  const varieties = rangeWorkbenches(workbench)
  return claims.map((claim) => {
    const baseline = shortest(workbench, claim, claim.baselineScenario, claim.baselineAvoidLinks)
    const target = shortest(workbench, claim, claim.targetScenario, claim.targetAvoidLinks)
    const baselineKm = baseline?.path.lengthKm ?? null
    const targetKm = target?.path.lengthKm ?? null
    const savedKm = baselineKm !== null && targetKm !== null ? round(baselineKm - targetKm, 1) : null
    const floorMs = claim.claimedTargetOneWayMs === undefined ? null : round(fiberPropagationMs(claim.claimedTargetKm, groupIndex), 2)
    const partial = {
      id: claim.id,
      name: claim.name,
      from: claim.from,
      to: claim.to,
      fromAny: claim.fromAny ?? [claim.from],
      toAny: claim.toAny ?? [claim.to],
      baselineScenario: claim.baselineScenario,
      targetScenario: claim.targetScenario,
      baselineKm,
      targetKm,
      savedKm,
      baselineOneWayMs: baseline?.path.oneWayMs ?? null,
      targetOneWayMs: target?.path.oneWayMs ?? null,
      baselinePath: baseline?.path.nodes ?? null,
      targetPath: target?.path.nodes ?? null,
      claimedBaselineKm: claim.claimedBaselineKm ?? null,
      claimedTargetKm: claim.claimedTargetKm,
      claimedSavedKm: claim.claimedSavedKm,
      claimedBaselineOneWayMs: claim.claimedBaselineOneWayMs ?? null,
      claimedTargetOneWayMs: claim.claimedTargetOneWayMs ?? null,
      floorOneWayMsAtClaimedKm: floorMs,
      claimedDelayBelowFloor: floorMs === null ? null : (claim.claimedTargetOneWayMs as number) < floorMs,
      targetDeviationKm: targetKm === null ? null : round(targetKm - claim.claimedTargetKm, 1),
      targetDeviationPct: targetKm === null ? null : round(((targetKm - claim.claimedTargetKm) / claim.claimedTargetKm) * 100, 1),
      savedDeviationKm: savedKm === null ? null : round(savedKm - claim.claimedSavedKm, 1),
      perHopRange: rangeRows(varieties, claim),
      ...evidence([baseline, target]),
      sources: claim.sources,
      note: claim.note,
    }
    return { ...partial, verdict: verdictOf(partial) }
  })
}
