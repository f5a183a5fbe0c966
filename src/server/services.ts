import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { Calibration } from '../calibration'
import type { Store } from '../store'
import type { Workbench } from '../workbench'
import type { TokenCache } from './auth'
import type { RateLimit } from './ratelimit'
import type { FileTask } from './compute/files'
import type { FileRunOptions } from './compute/pool'
import type { AnalysisTask } from './compute/tasks'
import type { LoadedNetwork, Workbenches } from './workbenches'

/**
 * What the route modules and job handlers share (types, and the one helper over them): route files import this and never the app or
 * the job runner, so the server has no import loop (app → routes → services, app → jobs → services).
 */

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>

export interface ServerOptions {
  store: Store
  /** No token needed; only for a loopback listener (the serve command refuses anything else). */
  open?: boolean
  logger?: boolean | { level: string }
  /** Requests per window, per address (before authentication) and per token (after); false turns it off. */
  rateLimit?: RateLimit | false
  /** Host names besides loopback and `listenHost`; giving any turns on the browser checks in token mode (docs/security.md). */
  allowedHosts?: string[]
  /** Other sites' origins allowed to call; giving any turns on the browser checks in token mode. */
  allowedOrigins?: string[]
  /** The address the server listens on: a valid Host when the browser checks are on. */
  listenHost?: string
  /** Limit for JSON bodies. */
  bodyLimitBytes?: number
  /** Limit for network files sent to import, validate and convert (default: the documented document size limit). */
  fileLimitBytes?: number
  /** Deepest nesting accepted in JSON bodies and uploaded files (default: the documented depth limit). */
  maxDepth?: number
  /** Imports larger than this run as jobs (202) instead of in the request. */
  syncImportBytes?: number
  /** Start the job runner and resume unfinished jobs (false in tests that drive jobs by hand). */
  runJobs?: boolean
  /** Analysis worker threads (default: one fewer than the cores, at least 1). */
  analysisThreads?: number
  /** An analysis on a worker running longer than this is stopped and answered 422 SW_BUDGET_EXCEEDED. */
  analysisTimeoutMs?: number
  /**
   * The calibration whose expected RTT route and compare answers carry beside the floor (`serve --calibration`);
   * absent: the built-in one (src/data/calibration.json); null: none, the floor alone.
   */
  calibration?: Calibration | null
}

/** Where a route puts work that outlives the request: the job runner, seen through what routes may do with it. */
export interface JobQueue {
  enqueue(id: string): void
}

/** The stored network and scenario a request names, compiled. */
export interface Target {
  workbench: Workbench
  /** The scenario asked for, else the network's default. */
  scenario: string
  settings: LoadedNetwork['settings']
  loaded: LoadedNetwork
}

/** Analyses placed by their budget: in the request when cheap, on a worker thread otherwise (src/server/compute). */
export interface AnalysisRunner {
  /** `options`: a job's own time limit and cancellation, for analyses on a worker. */
  run<T>(target: Pick<Target, 'workbench' | 'loaded'>, task: AnalysisTask, options?: FileRunOptions): Promise<T>
  /** Validating, converting or parsing an uploaded file: on a worker when the file is large. */
  runFile<T>(task: FileTask, options?: FileRunOptions): Promise<T>
}

export interface Services {
  store: Store
  workbenches: Workbenches
  jobs: JobQueue
  analyses: AnalysisRunner
  tokens: TokenCache
  options: Required<Omit<ServerOptions, 'store' | 'logger' | 'analysisThreads' | 'calibration'>> & { analysisThreads?: number }
  /**
   * The calibration route and compare answers use (ServerOptions.calibration), or null; `everyNetwork` false for
   * the built-in one, which was fitted on the built-in corridor and applies to it alone.
   */
  calibration: { value: Calibration; everyNetwork: boolean } | null
}

/** The calibration whose expected RTT answers on this target carry, if any. */
export function calibrationOf(services: Services, target: Target): Calibration | undefined {
  const c = services.calibration
  return c && (c.everyNetwork || target.settings.builtin === true) ? c.value : undefined
}
