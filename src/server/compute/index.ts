import type { Target } from '../services'
import { placeAnalysis } from './budget'
import { type FileTask, INLINE_FILE_CHARS, fileTaskChars, runFileTask } from './files'
import { AnalysisPool, type AnalysisPoolOptions, type FileRunOptions } from './pool'
import { type AnalysisTask, runAnalysis } from './tasks'

export { ANALYSIS_LIMITS, tooLarge } from './budget'
export type { AnalysisTask } from './tasks'
export type { FileTask } from './files'
export type { FileRunOptions } from './pool'

/** Runs each analysis where its budget says: in the request when cheap, on a worker thread otherwise. */
export class Analyses {
  private readonly pool: AnalysisPool

  constructor(options: AnalysisPoolOptions) {
    this.pool = new AnalysisPool(options)
  }

  /** `options` as for file tasks: a job's own time limit and its cancellation (worker analyses only). */
  async run<T>(target: Pick<Target, 'workbench' | 'loaded'>, task: AnalysisTask, options?: FileRunOptions): Promise<T> {
    const place = placeAnalysis(target.workbench, task)
    return (place === 'inline' ? await runAnalysis(target.workbench, task) : await this.pool.run(target.loaded, task, options)) as T
  }

  async runFile<T>(task: FileTask, options?: FileRunOptions): Promise<T> {
    return (task.kind !== 'design' && fileTaskChars(task) < INLINE_FILE_CHARS ? runFileTask(task) : await this.pool.runFile(task, options)) as T
  }

  close(): Promise<void> {
    return this.pool.close()
  }
}
