import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import type { Graph } from '../graph'
import { type FailureSet, IMPACT_FIELDS, type SweepModel, failureScratch, sweepRange } from '../resilience'
import type { SweepTask } from './sweep-worker'

/*
 * The edge adapter that runs a failure sweep on worker threads (piscina): the model's typed arrays are moved
 * onto SharedArrayBuffers once, every worker reads them in place, and each task is a slice of scenarios
 * computed by the same pure `sweepRange` the inline path uses.
 */

export interface SweepRunOptions {
  /** Worker threads; 1 runs inline. Default: the machine's parallelism. */
  threads?: number
  /** Scenarios per task. */
  chunk?: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

function share<T extends Int32Array | Float64Array | Uint8Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength))
  copy.set(array as never)
  return copy
}

function shareGraph(graph: Graph): Graph {
  return {
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
    offsets: share(graph.offsets),
    arcHead: share(graph.arcHead),
    arcEdge: share(graph.arcEdge),
    edgeTail: share(graph.edgeTail),
    edgeHead: share(graph.edgeHead),
  }
}

export function shareModel(model: SweepModel): SweepModel {
  return {
    graph: shareGraph(model.graph),
    edgeWeight: share(model.edgeWeight),
    endpoints: share(model.endpoints),
    endpointRank: share(model.endpointRank),
    dist: share(model.dist),
    predEdge: share(model.predEdge),
    pre: share(model.pre),
    order: share(model.order),
    size: share(model.size),
    ...(model.nodeCost ? { nodeCost: share(model.nodeCost) } : {}),
    ...(model.edgeBlocked ? { edgeBlocked: share(model.edgeBlocked) } : {}),
    ...(model.pairWeight ? { pairWeight: share(model.pairWeight) } : {}),
  }
}

/** The worker script: beside the bundle (dist/sweep-worker.js), or the TypeScript source under tsx. */
function workerUrl(): URL {
  const url = import.meta.url
  if (url.endsWith('.ts')) return new URL('./sweep-worker.ts', url)
  // In the bundle this module sits in a shared chunk under dist/chunks/; the worker entry is in dist/.
  return new URL(/\/chunks\/[^/]+$/.test(new URL(url).pathname) ? '../sweep-worker.js' : './sweep-worker.js', url)
}

let nextModelId = 1

/** Below this much work (scenarios × endpoints) a sweep runs faster inline than after starting threads. */
const INLINE_WORK = 200_000

/** Threads for a sweep when the caller names none: 1 (inline) for tiny sweeps, else the pool's default. */
export function defaultThreads(scenarios: number, endpoints: number): number | undefined {
  return scenarios * endpoints < INLINE_WORK ? 1 : undefined
}

export class SweepInterrupted extends Error {
  constructor() {
    super('sweep interrupted')
    this.name = 'SweepInterrupted'
  }
}

/** Runs every scenario of the set; the packed impacts come back in scenario order. */
export async function runSweep(model: SweepModel, set: FailureSet, options: SweepRunOptions = {}): Promise<Float64Array> {
  const total = set.offsets.length - 1
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 64))
  const chunk = options.chunk ?? Math.max(1, Math.min(256, Math.ceil(total / (threads * 8))))
  const out = new Float64Array(total * IMPACT_FIELDS)
  let done = 0
  const report = (count: number) => {
    done += count
    options.onProgress?.(done, total)
  }
  if (threads === 1 || total <= chunk) {
    const scratch = failureScratch(model)
    for (let from = 0; from < total; from += chunk) {
      if (options.signal?.aborted) throw new SweepInterrupted()
      const to = Math.min(total, from + chunk)
      out.set(sweepRange(model, set, from, to, scratch), from * IMPACT_FIELDS)
      report(to - from)
      // Yield so a Ctrl-C handler can run between chunks.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return out
  }
  const shared = shareModel(model)
  const sharedSet: FailureSet = { offsets: share(set.offsets), edges: share(set.edges) }
  const modelId = nextModelId++
  const pool = new Piscina({ filename: workerUrl().href, maxThreads: threads, minThreads: threads, idleTimeout: 1000 })
  const abort = () => void pool.destroy()
  options.signal?.addEventListener('abort', abort, { once: true })
  try {
    const tasks: Promise<void>[] = []
    for (let from = 0; from < total; from += chunk) {
      const to = Math.min(total, from + chunk)
      const task: SweepTask = { modelId, model: shared, set: sharedSet, from, to }
      tasks.push(
        pool.run(task).then((packed: Float64Array) => {
          out.set(packed, from * IMPACT_FIELDS)
          report(to - from)
        }),
      )
    }
    await Promise.all(tasks)
  } catch (error) {
    if (options.signal?.aborted) throw new SweepInterrupted()
    throw error
  } finally {
    options.signal?.removeEventListener('abort', abort)
    await pool.destroy()
  }
  return out
}
