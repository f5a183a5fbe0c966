import type { Claim } from '../data'
import { isSilkwayError, round } from '../model'
import type { Workbench } from '../workbench'
import type { ClaimCheck } from './schema'

/** Relative deviation within which a computed length is said to agree with a claim. */
export const CLAIM_AGREEMENT_PCT = 5


function shortest(workbench: Workbench, claim: Claim, scenario: string) {
  try {
    return workbench.route({ from: claim.from, to: claim.to, metric: 'length' }, scenario).paths[0]
  } catch (error) {
    if (isSilkwayError(error) && (error.code === 'SW_NO_PATH' || error.code === 'SW_CONSTRAINT_INFEASIBLE')) return undefined
    throw error
  }
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
  return `${target}; ${saved}`
}

/**
 * Computes each claim on the engine: the shortest route by fibre length between the claim's endpoints in its
 * baseline and target scenarios. Nothing is fitted to the claim; the deviation is reported as it comes out.
 */
export function checkClaims(workbench: Workbench, claims: readonly Claim[]): ClaimCheck[] {
  return claims.map((claim) => {
    const baseline = shortest(workbench, claim, claim.baselineScenario)
    const target = shortest(workbench, claim, claim.targetScenario)
    const baselineKm = baseline?.lengthKm ?? null
    const targetKm = target?.lengthKm ?? null
    const savedKm = baselineKm !== null && targetKm !== null ? round(baselineKm - targetKm, 1) : null
    const partial = {
      id: claim.id,
      name: claim.name,
      from: claim.from,
      to: claim.to,
      baselineScenario: claim.baselineScenario,
      targetScenario: claim.targetScenario,
      baselineKm,
      targetKm,
      savedKm,
      baselineOneWayMs: baseline?.oneWayMs ?? null,
      targetOneWayMs: target?.oneWayMs ?? null,
      claimedBaselineKm: claim.claimedBaselineKm ?? null,
      claimedTargetKm: claim.claimedTargetKm,
      claimedSavedKm: claim.claimedSavedKm,
      claimedBaselineOneWayMs: claim.claimedBaselineOneWayMs ?? null,
      claimedTargetOneWayMs: claim.claimedTargetOneWayMs ?? null,
      targetDeviationKm: targetKm === null ? null : round(targetKm - claim.claimedTargetKm, 1),
      targetDeviationPct: targetKm === null ? null : round(((targetKm - claim.claimedTargetKm) / claim.claimedTargetKm) * 100, 1),
      savedDeviationKm: savedKm === null ? null : round(savedKm - claim.claimedSavedKm, 1),
      sources: claim.sources,
      note: claim.note,
    }
    return { ...partial, verdict: verdictOf(partial) }
  })
}
