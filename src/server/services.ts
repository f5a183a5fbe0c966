import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { Store } from '../store'
import type { TokenCache } from './auth'
import type { Workbenches } from './workbenches'

/**
 * What the route modules and job handlers share, as types only: route files import this and never the app or
 * the job runner, so the server has no import loop (app → routes → services, app → jobs → services).
 */

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>

export interface ServerOptions {
  store: Store
  /** No token needed; only for a loopback listener (the serve command refuses anything else). */
  open?: boolean
  logger?: boolean | { level: string }
  /** Requests per window and key (token, or address without one); false turns it off. */
  rateLimit?: { max: number; timeWindowMs: number } | false
  /** Limit for JSON bodies. */
  bodyLimitBytes?: number
  /** Limit for network files sent to import, validate and convert. */
  fileLimitBytes?: number
  /** Imports larger than this run as jobs (202) instead of in the request. */
  syncImportBytes?: number
  /** Start the job runner and resume unfinished jobs (false in tests that drive jobs by hand). */
  runJobs?: boolean
}

/** Where a route puts work that outlives the request: the job runner, seen through what routes may do with it. */
export interface JobQueue {
  enqueue(id: string): void
}

export interface Services {
  store: Store
  workbenches: Workbenches
  jobs: JobQueue
  tokens: TokenCache
  options: Required<Omit<ServerOptions, 'store' | 'logger'>>
}
