export {
  Store,
  ROLES,
  type Change,
  type ResourceRef,
  type ResourceSettings,
  type ResourceMeta,
  type Resource,
  type RevisionInfo,
  type TokenInfo,
  type JobInfo,
  type JobOutcome,
  type FinishOptions,
  type AuditEntry,
  type AuditRecord,
  type UpdateOptions,
} from './store'
export { diffDocuments, type DiffEntry, type DocumentDiff } from './diff'
export { MIGRATIONS, migrateToLatest } from './migrations'
export type { ConnectOptions, Dialect, ResourceKind, Role, JobStatus, RevisionOp } from './database'
