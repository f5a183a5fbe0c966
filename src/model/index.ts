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
  type ValidationResult,
} from './validate'
export { pointerToPath, joinPath } from './paths'
export {
  DOCUMENT_LIMITS,
  MAX_DEPTH_CEILING,
  TOO_DEEP,
  TOO_LARGE,
  documentLimits,
  refusalCode,
  depthIssues,
  sizeIssue,
  tooDeepIssue,
  tooDeepPath,
  tooLargeMessage,
  formatBytes,
  utf8Bytes,
  type DocumentLimits,
} from './limits'
export { overrideProfile } from './profile'
export { migrateDocument } from './migrate'
export { schemaDocuments, errorCodesMarkdown } from './documents'
export { mulberry32 } from './random'
export { foldName } from './names'
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
export {
  MODULES_SCHEMA_VERSION,
  CapacityModuleSchema,
  LinkOverrideSchema,
  ModulesSchema,
  validateModules,
  modulesIssues,
  type CapacityModule,
  type LinkOverride,
  type ModulesDocument,
} from './modules'
export {
  MEASUREMENTS_SCHEMA_VERSION,
  MEASUREMENT_USES,
  MEASUREMENT_METHODS,
  MeasurementSchema,
  MeasurementsSchema,
  measurementId,
  validateMeasurements,
  measurementsIssues,
  type Endpoint,
  type LocatedPlace,
  type Measurement,
  type MeasurementUse,
  type MeasurementsDocument,
} from './measurements'
