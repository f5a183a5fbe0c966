export * from './schema'
export * from './errors'
export * from './units'
export {
  validateNetwork,
  validateScenario,
  validateProfile,
  checkSchema,
  networkIssues,
  assertValid,
  hasErrors,
  pointerToPath,
  joinPath,
  type ValidationResult,
} from './validate'
export { overrideProfile } from './profile'
export { schemaDocuments, errorCodesMarkdown } from './documents'
export { mulberry32 } from './random'
export {
  DEMANDS_SCHEMA_VERSION,
  DEMAND_CLASSES,
  DemandSchema,
  DemandsSchema,
  validateDemands,
  demandsIssues,
  type Demand,
  type DemandClass,
  type DemandsDocument,
} from './demands'
