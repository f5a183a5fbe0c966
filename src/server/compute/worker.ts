import { defaultProfile } from '../../data'
import type { Network, Scenario } from '../../model'
import { isSilkwayError } from '../../model'
import { Workbench } from '../../workbench'
import { type FileTask, runFileTask } from './files'
import { type AnalysisTask, runAnalysis } from './tasks'

/** What the main thread sends: the network by key, and its documents (as JSON text) when the worker lacks them. */
export type WorkerRequest =
  | {
      key: string
      documents?: { network: string; scenarios: string; defaultScenario: string }
      task: AnalysisTask
    }
  | { file: FileTask }

export type WorkerReply =
  | { ok: true; result: unknown }
  | { ok: false; missing: true }
  | { ok: false; error: { code: string; message: string; details: Record<string, unknown>; issues: unknown[] } | { internal: string } }

/** Compiled workbenches this worker holds, by network key (workspace, name and revision stamp), most recent last. */
const cache = new Map<string, Workbench>()
const CACHE_SIZE = 4

function workbenchFor(request: Extract<WorkerRequest, { key: string }>): Workbench | undefined {
  const hit = cache.get(request.key)
  if (hit) {
    cache.delete(request.key)
    cache.set(request.key, hit)
    return hit
  }
  if (!request.documents) return undefined
  const workbench = new Workbench({
    network: JSON.parse(request.documents.network) as Network,
    scenarios: JSON.parse(request.documents.scenarios) as Scenario[],
    profile: defaultProfile,
    defaultScenario: request.documents.defaultScenario,
  })
  cache.set(request.key, workbench)
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return workbench
}

/** piscina's entry point: one analysis on a worker thread; errors come back as data, never as a thrown clone. */
export default async function analyse(request: WorkerRequest): Promise<WorkerReply> {
  try {
    if ('file' in request) return { ok: true, result: await runFileTask(request.file) }
    const workbench = workbenchFor(request)
    if (!workbench) return { ok: false, missing: true }
    return { ok: true, result: await runAnalysis(workbench, request.task) }
  } catch (error) {
    if (isSilkwayError(error)) return { ok: false, error: { code: error.code, message: error.message, details: error.details, issues: error.issues } }
    return { ok: false, error: { internal: (error as Error)?.stack ?? String(error) } }
  }
}
