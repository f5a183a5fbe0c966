import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { NETWORK_FORMATS, type NetworkFormat, writeNetwork } from '../../io'
import { type Network, SilkwayError } from '../../model'
import type { DocumentDiff, ResourceMeta, ResourceRef, Store } from '../../store'
import type { convertText, validateText } from '../compute/files'
import { uploadLimits } from '../limits'
import type { App, Services } from '../services'
import { JobSchema, Message, Name, Problems, ResourceMetaSchema, Revision, WorkspaceQuery } from '../schemas'

const Format = Type.Enum([...NETWORK_FORMATS], { description: 'silkway JSON, GeoJSON or GraphML; detected from the content when absent' })

const MEDIA: Record<NetworkFormat, string> = {
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
}
const EXTENSION: Record<NetworkFormat, string> = { json: 'json', geojson: 'geojson', graphml: 'graphml' }

const TextBody = Type.String({ description: 'The file: silkway JSON, GeoJSON or GraphML, sent as the raw body' })

export interface ImportParams {
  workspace: string
  network: string
  format?: NetworkFormat
  text: string
  baseRevision?: number
  message?: string
  defaultScenario?: string
  author: string
}

/** An upload parsed for import, with the diff from the revision it replaces when there is one. */
export interface ParsedImport {
  network: Network
  warnings: number
  diff?: DocumentDiff
}

/**
 * Parses an upload and, when it replaces a stored revision, diffs it against that revision in the same file task:
 * on an analysis worker once the two texts pass the inline size, so neither the parse nor the diff holds the event loop.
 */
export async function parseImport(services: Services, params: ImportParams, exists: boolean): Promise<ParsedImport> {
  const ref: ResourceRef = { workspace: params.workspace, kind: 'network', network: '', name: params.network }
  // A base revision that is not the head fails at commit (409), whatever it was diffed against here.
  const before = exists && params.baseRevision !== undefined ? await services.store.documentText(ref, params.baseRevision) : undefined
  const task = { kind: 'parse' as const, text: params.text, ...(params.format ? { format: params.format } : {}), limits: uploadLimits(services.options) }
  return services.analyses.runFile<ParsedImport>(typeof before === 'string' ? { ...task, diffAgainst: before } : task)
}

/** Creates the network, or adds a revision to it (with its base revision); `tx` when a job commits it. */
export async function commitImport(store: Store, params: ImportParams, parsed: ParsedImport, exists: boolean, tx?: Parameters<Store['createIn']>[0]): Promise<ResourceMeta> {
  const { network } = parsed
  const ref: ResourceRef = { workspace: params.workspace, kind: 'network', network: '', name: params.network }
  const change = { author: params.author, message: params.message || `imported ${network.nodes.length} nodes, ${network.links.length} links` }
  const settings = params.defaultScenario ? { defaultScenario: params.defaultScenario } : {}
  if (!exists) return tx ? store.createIn(tx, ref, network, change, settings, 'import') : store.create(ref, network, change, settings, 'import')
  if (params.baseRevision === undefined) throw new SilkwayError('SW_PRECONDITION_REQUIRED', `network '${params.network}' exists: give baseRevision (or If-Match) to import a new revision of it`)
  const options = { op: 'import' as const, settings, ...(parsed.diff ? { diff: parsed.diff } : {}) }
  return tx ? store.updateIn(tx, ref, network, params.baseRevision, change, options) : store.update(ref, network, params.baseRevision, change, options)
}

export async function networkExists(store: Store, workspace: string, name: string): Promise<boolean> {
  return (await store.list(workspace, 'network')).some((m) => m.name === name)
}

function sendFile(reply: FastifyReply, text: string, format: NetworkFormat, name: string): FastifyReply {
  return reply.type(MEDIA[format]).header('content-disposition', `attachment; filename="${name}.${EXTENSION[format]}"`).send(text)
}

/** Endpoints taking or giving whole files: in their own context, where every body is read as text. */
export function registerFiles(app: App, services: Services): void {
  const { store, workbenches, jobs, options } = services
  const limits = uploadLimits(options)
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.fileLimitBytes }, (_request, body, done) => done(null, body))

  app.post(
    '/validate',
    {
      config: { access: 'viewer', action: 'validate' },
      schema: {
        summary: 'Check a network file: every issue with its location (as `silkway validate --json`)',
        tags: ['files'],
        querystring: Type.Object({ ...WorkspaceQuery, format: Type.Optional(Format) }, { additionalProperties: false }),
        body: TextBody,
        response: {
          200: Type.Object({
            format: Type.String(),
            valid: Type.Boolean(),
            nodes: Type.Union([Type.Integer(), Type.Null()]),
            links: Type.Union([Type.Integer(), Type.Null()]),
            errors: Type.Integer(),
            warnings: Type.Integer(),
            issues: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String(), severity: Type.String(), line: Type.Optional(Type.Integer()) })),
          }),
          ...Problems,
        },
      },
    },
    async (request) => {
      return services.analyses.runFile<ReturnType<typeof validateText>>({ kind: 'validate', text: request.body, ...(request.query.format ? { format: request.query.format } : {}), limits })
    },
  )

  app.post(
    '/convert',
    {
      config: { access: 'viewer', action: 'convert' },
      schema: {
        summary: 'Convert a network file between silkway JSON, GeoJSON and GraphML',
        tags: ['files'],
        querystring: Type.Object({ ...WorkspaceQuery, to: Format, format: Type.Optional(Format) }, { additionalProperties: false }),
        body: TextBody,
        response: { 200: Type.String({ description: 'The converted file' }), ...Problems },
      },
    },
    async (request, reply) => {
      const to = request.query.to
      const converted = await services.analyses.runFile<ReturnType<typeof convertText>>({ kind: 'convert', text: request.body, ...(request.query.format ? { format: request.query.format } : {}), to, limits })
      return sendFile(reply, converted.text, to, converted.name)
    },
  )

  app.get(
    '/networks/:network/export',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'A stored network as a file, as it is or as a scenario describes it',
        tags: ['files', 'networks'],
        params: Type.Object({ network: Name }),
        querystring: Type.Object(
          { ...WorkspaceQuery, format: Type.Optional(Format), scenario: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), revision: Type.Optional(Revision) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'The file' }), ...Problems },
      },
    },
    async (request, reply) => {
      const q = request.query
      const format = q.format ?? 'json'
      let network: Network
      if (q.revision !== undefined) {
        if (q.scenario) throw new SilkwayError('SW_INVALID_ARGUMENT', 'give revision or scenario, not both')
        network = (await store.get<Network>({ workspace: request.workspace, kind: 'network', network: '', name: request.params.network }, q.revision)).document
      } else {
        const loaded = await workbenches.get(request.workspace, request.params.network)
        network = loaded.workbench.scenarioNetwork(q.scenario ?? 'as-is')
      }
      return sendFile(reply, writeNetwork(network, format), format, `${request.params.network}${q.scenario ? `-${q.scenario}` : ''}`)
    },
  )

  app.post(
    '/networks/:network/import',
    {
      config: { access: 'planner', action: 'import network' },
      schema: {
        summary: 'Import a network file as a new network or a new revision of one',
        description: `Files up to the synchronous limit are imported in the request (201 or 200); larger ones (or async=true) run as a job: 202 with the job, whose result is the new revision.`,
        tags: ['files', 'networks'],
        params: Type.Object({ network: Name }),
        querystring: Type.Object(
          {
            ...WorkspaceQuery,
            format: Type.Optional(Format),
            message: Type.Optional(Message),
            baseRevision: Type.Optional(Revision),
            defaultScenario: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            async: Type.Optional(Type.Boolean({ description: 'Run as a job whatever the size' })),
          },
          { additionalProperties: false },
        ),
        body: TextBody,
        response: { 200: ResourceMetaSchema, 201: ResourceMetaSchema, 202: JobSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const q = request.query
      const ifMatch = typeof request.headers['if-match'] === 'string' ? /(\d{1,10})/.exec(request.headers['if-match'])?.[1] : undefined
      const params: ImportParams = {
        workspace: request.workspace,
        network: request.params.network,
        format: q.format,
        text: request.body,
        baseRevision: q.baseRevision ?? (ifMatch ? Number(ifMatch) : undefined),
        message: q.message,
        defaultScenario: q.defaultScenario,
        author: request.principal?.actor ?? 'anonymous',
      }
      if (q.async || Buffer.byteLength(request.body) > options.syncImportBytes) {
        const job = await store.createJob({ workspace: request.workspace, kind: 'import', params, createdBy: params.author })
        jobs.enqueue(job.id)
        return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job)
      }
      const exists = await networkExists(store, params.workspace, params.network)
      const meta = await commitImport(store, params, await parseImport(services, params, exists), exists)
      return reply.code(meta.revision === 1 ? 201 : 200).header('etag', `"${meta.revision}"`).send(meta)
    },
  )
}
