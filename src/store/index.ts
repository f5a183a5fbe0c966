export { Store, ROLES, type Change, type ResourceRef, type ResourceSettings, type ResourceMeta, type Resource, type RevisionInfo, type TokenInfo, type JobInfo, type AuditEntry } from './store'
export { diffDocuments, type DiffEntry, type DocumentDiff } from './diff'
export { MIGRATIONS, migrateToLatest } from './migrations'
export type { ConnectOptions, Dialect, ResourceKind, Role, JobStatus, RevisionOp } from './database'
