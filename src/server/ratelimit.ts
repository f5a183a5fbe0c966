import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SilkwayError } from '../model'

export interface RateLimit {
  /** Requests per window, per client address and again per token. */
  max: number
  timeWindowMs: number
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

export interface RateLimitHooks {
  /** onRequest before authentication: every request of an address counts, refused or not. */
  byAddress: Hook
  /** onRequest after authentication: the requests of one token, from whichever address. */
  byToken: Hook
}

const NONE: Hook = async () => {}

/**
 * Two limits from @fastify/rate-limit's counters. The plugin's own global hook is a route-level onRequest hook,
 * which fastify runs after the application's `authenticate`: a request with a bad token was answered 401
 * before it was ever counted, and its key (the Authorization header) changed with every made-up token. So the
 * plugin is registered without its hook and the two limits are placed around `authenticate` by the caller.
 */
export async function registerRateLimits(app: FastifyInstance, limit: RateLimit | false): Promise<RateLimitHooks> {
  if (!limit) return { byAddress: NONE, byToken: NONE }
  await app.register(rateLimit, { global: false, max: limit.max, timeWindow: limit.timeWindowMs })
  // The plugin's own key for addresses: an IPv6 client counts per /64 network, not per one of its many addresses.
  const address = app.createRateLimit({})
  const token = app.createRateLimit({ keyGenerator: (request) => `token ${request.principal?.tokenId}` })
  const check = (limiter: typeof address, what: string): Hook => async (request, reply) => {
    const result = await limiter(request)
    if (result.isAllowed) return
    reply.header('x-ratelimit-limit', result.max).header('x-ratelimit-remaining', result.remaining).header('x-ratelimit-reset', result.ttlInSeconds)
    if (!result.isExceeded) return
    reply.header('retry-after', result.ttlInSeconds)
    throw new SilkwayError('SW_RATE_LIMITED', `more than ${result.max} requests in ${Math.round(result.timeWindow / 1000)} s ${what}; retry after ${result.ttlInSeconds} s`, { retryAfterS: result.ttlInSeconds })
  }
  const byAddress = check(address, 'from this address')
  const perToken = check(token, 'with this token')
  return {
    byAddress,
    byToken: async (request, reply) => {
      if (request.principal?.tokenId) await perToken(request, reply)
    },
  }
}
