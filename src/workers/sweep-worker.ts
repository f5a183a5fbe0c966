// The sweep module itself, not the resilience index: each worker thread loads this entry, and the index would
// also load the schemas and routing that a worker never uses.
import { type FailureScratch, type FailureSet, type SweepModel, failureScratch, sweepRange } from '../resilience/sweep'

/** What the pool sends once per task; the typed arrays sit on SharedArrayBuffers, so nothing is copied. */
export interface SweepTask {
  /** Identifies the model, so each worker builds its scratch memory once per sweep. */
  modelId: number
  model: SweepModel
  set: FailureSet
  from: number
  to: number
}

let cached: { id: number; scratch: FailureScratch } | undefined

/** The worker entry: the pure `sweepRange` over a slice of the scenarios. */
export default function run(task: SweepTask): Float64Array {
  if (!cached || cached.id !== task.modelId) cached = { id: task.modelId, scratch: failureScratch(task.model) }
  return sweepRange(task.model, task.set, task.from, task.to, cached.scratch)
}
