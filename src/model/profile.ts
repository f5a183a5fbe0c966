import type { Profile } from './schema'
import { assertValid, validateProfile } from './validate'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isRecord(base) || !isRecord(override)) return override === undefined ? base : override
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value)
  return merged
}

/**
 * A profile with a user's overrides: a partial profile document, merged field by field, so
 * `{"fiber": {"groupIndex": {"value": 1.462}}}` keeps the rest of the parameter's record. The result is
 * validated; a bad override fails with every issue located.
 */
export function overrideProfile(profile: Profile, overrides: unknown): Profile {
  return assertValid(validateProfile(deepMerge(profile, overrides)), 'profile override')
}
