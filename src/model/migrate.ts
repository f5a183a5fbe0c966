import { NETWORK_SCHEMA_VERSION } from './schema'

/**
 * One step per released version, each turning a document of version n into one of n + 1. Version 2 only added
 * optional fields, so a version-1 document is a version-2 one once it says so.
 */
const STEPS: Record<number, (document: Record<string, unknown>) => Record<string, unknown>> = {
  1: (document) => ({ ...document, schemaVersion: 2 }),
}

/**
 * A network, scenario or profile document brought to the current `schemaVersion`; anything else (another
 * version, not an object) is returned as it is for the schema to report. Pure: the input is not modified.
 */
export function migrateDocument(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document
  let current = document as Record<string, unknown>
  while (typeof current.schemaVersion === 'number' && current.schemaVersion < NETWORK_SCHEMA_VERSION) {
    const step = STEPS[current.schemaVersion]
    if (step === undefined) return current
    current = step(current)
  }
  return current
}
