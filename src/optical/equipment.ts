import { checkSchema, hasErrors, type ValidationIssue, type ValidationResult } from '../model'
import { type NoiseModel, noiseModel, NoiseModelError } from './amplifier'
import { type AmplifierType, type EquipmentLibrary, EquipmentLibrarySchema } from './schema'

/** An equipment library with its amplifiers' noise models resolved once. */
export interface Equipment {
  library: EquipmentLibrary
  amplifiers: ReadonlyMap<string, AmplifierType>
  noiseModels: ReadonlyMap<string, NoiseModel>
}

function duplicateIds(items: readonly { id: string }[], path: string, issues: ValidationIssue[]): void {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.id)) issues.push({ path: `${path}[${i}].id`, code: 'duplicate-id', message: `id '${item.id}' is used twice`, severity: 'error' })
    seen.add(item.id)
  })
}

/**
 * Validates an equipment library: the schema, unique ids, and each amplifier's noise data (the two-coil model
 * must reproduce nf_min and nf_max, a dual stage must name two library amplifiers). Returns every issue located.
 */
export function validateEquipment(document: unknown): ValidationResult<Equipment> {
  const issues = checkSchema(EquipmentLibrarySchema, document)
  if (hasErrors(issues)) return { issues }
  const library = document as EquipmentLibrary
  duplicateIds(library.fibers, 'fibers', issues)
  duplicateIds(library.amplifiers, 'amplifiers', issues)
  duplicateIds(library.transceivers, 'transceivers', issues)
  duplicateIds(library.roadms, 'roadms', issues)
  const amplifiers = new Map(library.amplifiers.map((a) => [a.id, a]))
  const noiseModels = new Map<string, NoiseModel>()
  library.amplifiers.forEach((amplifier, i) => {
    try {
      noiseModels.set(amplifier.id, noiseModel(amplifier, amplifiers))
    } catch (error) {
      if (!(error instanceof NoiseModelError)) throw error
      issues.push({ path: `amplifiers[${i}]`, code: 'bad-noise-model', message: `${amplifier.id}: ${error.message}`, severity: 'error' })
    }
  })
  if (library.spectrum.fMaxThz <= library.spectrum.fMinThz) issues.push({ path: 'spectrum.fMaxThz', code: 'empty-band', message: 'fMaxThz must be above fMinThz', severity: 'error' })
  if (hasErrors(issues)) return { issues }
  return { value: { library, amplifiers, noiseModels }, issues }
}
