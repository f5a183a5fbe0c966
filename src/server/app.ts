import helmet from '@fastify/helmet'
import swagger from '@fastify/swagger'
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyError } from 'fastify'
import { TokenCache, authenticate } from './auth'
import { Analyses } from './compute'
import { JOB_HANDLERS, JobRunner } from './jobs'
import { DOCUMENT_LIMITS } from '../model'
import { builtinCalibration } from '../calibration'
import { registerDepthLimit } from './limits'
import { RefusalAudit, auditResponses } from './audit'
import { checkWriteMediaType, guardBrowsers } from './browser'
import { clientErrorHandler, problem, refuseWhileClosing, sendProblem, toProblem } from './problem'
import { registerRateLimits } from './ratelimit'
import { registerAdmin } from './routes/admin'
import { registerCalibrate } from './routes/calibrate'
import { registerCompare } from './routes/compare'
import { registerFiles } from './routes/files'
import { registerInventory } from './routes/inventory'
import { registerJobs } from './routes/jobs'
import { registerResilience } from './routes/resilience'
import { registerResources } from './routes/resources'
import { registerOptical } from './routes/optical'
import { registerRoute } from './routes/route'
import { registerTraffic } from './routes/traffic'
import type { App, ServerOptions, Services } from './services'
import { registerWeb } from './static'
import { Workbenches } from './workbenches'

export type { App, ServerOptions, Services } from './services'

export const API_VERSION = '0.1.0'

/** Every route with the role it needs: the source of truth for the access-control tests. */
export interface RouteAccess {
  method: string
  url: string
  access: import('./auth').Access
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteAccess[]
  }
}


/**
 * The HTTP API: every route declares its schemas (TypeBox, from the core's declarations), which validate the
 * input, serialise the output and make the OpenAPI 3.1 document. Every error is an RFC 9457 problem.
 */
export async function buildServer(options: ServerOptions): Promise<App> {
  const settings: Services['options'] = {
    open: options.open ?? false,
    rateLimit: options.rateLimit ?? { max: 6000, timeWindowMs: 60_000 },
    bodyLimitBytes: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    fileLimitBytes: options.fileLimitBytes ?? DOCUMENT_LIMITS.maxDocumentBytes,
    maxDepth: options.maxDepth ?? DOCUMENT_LIMITS.maxDepth,
    syncImportBytes: options.syncImportBytes ?? 1024 * 1024,
    runJobs: options.runJobs ?? true,
    analysisTimeoutMs: options.analysisTimeoutMs ?? 60_000,
    ...(options.analysisThreads !== undefined ? { analysisThreads: options.analysisThreads } : {}),
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    listenHost: options.listenHost ?? '',
  }
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: settings.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: true }),
    // Refused by the hook below instead, as a problem document (fastify's own 503 is plain JSON).
    return503OnClosing: false,
    // Router errors (too long a parameter, bad URL encoding) skip the error handler: answer them as problems too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, toProblem(error as FastifyError, request))
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  const routeTable: RouteAccess[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? (route.url.startsWith('/docs') ? 'public' : 'admin')
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access })
    if (route.schema && access !== 'public') route.schema = { ...route.schema, description: `${route.schema.description ? `${route.schema.description}\n\n` : ''}Needs the **${access}** role (or higher) in the workspace.` }
  })

  const store = options.store
  const tokens = new TokenCache(store)
  const workbenches = new Workbenches(store)
  const jobs = new JobRunner(store, app.log, JOB_HANDLERS)
  const analyses = new Analyses({ timeoutMs: settings.analysisTimeoutMs, maxQueue: 64, ...(settings.analysisThreads !== undefined ? { threads: settings.analysisThreads } : {}) })
  const calibration = options.calibration === undefined ? { value: builtinCalibration, everyNetwork: false } : options.calibration === null ? null : { value: options.calibration, everyNetwork: true }
  const services: Services = { store, workbenches, jobs, analyses, tokens, options: settings, calibration }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const document = toProblem(error, request)
    if (document.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, document)
  })
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('SW_NOT_FOUND', `no endpoint ${request.method} ${request.url.split('?')[0].slice(0, 200)}`, request.url.split('?')[0].slice(0, 500))))

  // Served over plain HTTP on loopback (TLS, when any, ends at a proxy): no upgrade-insecure-requests, or /docs breaks.
  await app.register(helmet, { global: true, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })
  const limits = await registerRateLimits(app, settings.rateLimit)
  let closing = false
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'silkway planning service',
        version: API_VERSION,
        description: 'Routes, comparisons and reports on stored fibre networks and scenarios, with full revision history. Errors are RFC 9457 problem documents carrying a stable `code` (docs/errors.md).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (silkway token create)' } } },
      security: [{ bearer: [] }],
    },
  })
  // Loaded here, not imported: it serves files from its own folder, so the CLI bundle keeps it external.
  const swaggerUi = (await import('@fastify/swagger-ui')).default
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), access: 'public' }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })

  // In this order: refuse while closing, count the address, refuse other sites, authenticate, count the token, check the body's type.
  app.addHook('preClose', async () => void (closing = true))
  app.addHook('onRequest', async () => refuseWhileClosing(closing))
  app.addHook('onRequest', limits.byAddress)
  app.addHook('onRequest', guardBrowsers(settings))
  app.addHook('onRequest', authenticate({ tokens, open: settings.open }))
  registerDepthLimit(app, settings)
  app.addHook('onRequest', limits.byToken)
  app.addHook('onRequest', checkWriteMediaType)
  const refusals = new RefusalAudit((entry) => store.audit(entry), { onError: (error) => app.log.error({ err: error }, 'audit write failed') })
  app.addHook('onResponse', auditResponses(store, refusals, app.log))

  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok', database: store.dialect }))
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger())

  await app.register(
    async (api) => {
      registerRoute(api as App, services)
      registerOptical(api as App, services)
      registerCalibrate(api as App, services)
      registerCompare(api as App, services)
      registerResilience(api as App, services)
      registerTraffic(api as App, services)
      registerInventory(api as App, services)
      registerResources(api as App, services)
      registerJobs(api as App, services)
      registerAdmin(api as App, services)
      await api.register(async (files) => registerFiles(files as App, services))
    },
    { prefix: '/api/v1' },
  )
  // The web app (docs/web.md) at `/`: public files; the API it calls still needs a token.
  await registerWeb(app)

  app.addHook('onReady', async () => {
    if (settings.runJobs) await jobs.start(services)
  })
  app.addHook('onClose', async () => {
    await jobs.stop()
    await analyses.close()
    await refusals.stop()
  })
  return app
}
