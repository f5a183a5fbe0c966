import { depthIssues } from './limits'
import type { Profile } from './schema'
import { assertValid, validateProfile } from './validate'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `override` laid over `base` member by member where both are objects; elsewhere the override wins.
 * Iterative (a stack of pending merges), since the override is a user's file.
 */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isRecord(base) || !isRecord(override)) return override === undefined ? base : override
  const root: Record<string, unknown> = { ...base }
  const pending: Array<[Record<string, unknown>, Record<string, unknown>]> = [[root, override]]
  for (let job = pending.pop(); job !== undefined; job = pending.pop()) {
    const [into, from] = job
    for (const [key, value] of Object.entries(from)) {
      const under = into[key]
      if (isRecord(under) && isRecord(value)) {
        const merged = { ...under }
        into[key] = merged
        pending.push([merged, value])
      } else if (value !== undefined) into[key] = value
    }
  }
  return root
}

/**
 * A profile with a user's overrides: a partial profile document, merged field by field, so
 * `{"fiber": {"groupIndex": {"value": 1.462}}}` keeps the rest of the parameter's record. The result is
 * validated; a bad override fails with every issue located.
 */
export function overrideProfile(profile: Profile, overrides: unknown): Profile {
  const deep = depthIssues(overrides)
  if (deep.length > 0) assertValid({ issues: deep }, 'profile override')
  return assertValid(validateProfile(deepMerge(profile, overrides)), 'profile override')
}
