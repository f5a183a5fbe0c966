import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { type Network, type Scenario, SilkwayError, isSilkwayError, validateNetwork, validateScenario } from '../../model'
import type { ResourceKind, ResourceMeta, ResourceRef, ResourceSettings } from '../../store'
import { Workbench } from '../../workbench'
import type { App, Services } from '../services'
import { DiffSchema, Message, Name, NetworkDocument, Problems, ResourceMetaSchema, Revision, RevisionSchema, ScenarioDocument, NetworkDocumentIn, ScenarioDocumentIn, WorkspaceQuery, WriteFields } from '../schemas'

/** The revision a write starts from: `baseRevision` in the body or query, or an `If-Match: "3"` header. */
export function baseRevisionOf(request: FastifyRequest, fromBody?: number): number {
  if (fromBody !== undefined) return fromBody
  const query = (request.query as { baseRevision?: number }).baseRevision
  if (query !== undefined) return query
  const header = request.headers['if-match']
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(header) : null
  if (match) return Number(match[1])
  throw new SilkwayError('SW_PRECONDITION_REQUIRED', 'name the revision you changed: baseRevision in the body, or an If-Match header with the ETag you read')
}

function withEtag<T extends ResourceMeta>(reply: FastifyReply, meta: T): T {
  reply.header('etag', `"${meta.revision}"`)
  return meta
}

function invalid(what: string, issues: import('../../model').ValidationIssue[]): SilkwayError {
  const first = issues.find((i) => i.severity === 'error')
  return new SilkwayError('SW_INVALID_DOCUMENT', `${what}: ${first ? `${first.path}: ${first.message}` : 'invalid'}`, {}, issues)
}

const WorkspaceOnly = Type.Object(WorkspaceQuery, { additionalProperties: false })
const WriteQuery = Type.Object({ ...WorkspaceQuery, baseRevision: Type.Optional(Revision) }, { additionalProperties: false })

interface KindSpec {
  kind: ResourceKind
  /** URL of the collection, with `:network` for scenarios. */
  collection: string
  item: string
  field: 'network' | 'scenario'
  document: typeof NetworkDocument | typeof ScenarioDocument
  params: ReturnType<typeof Type.Object>
  ref(request: FastifyRequest): ResourceRef
}

const networkSpec: KindSpec = {
  kind: 'network',
  collection: '/networks',
  item: '/networks/:network',
  field: 'network',
  document: NetworkDocument,
  params: Type.Object({ network: Name }),
  ref: (request) => ({ workspace: request.workspace, kind: 'network', network: '', name: (request.params as { network: string }).network }),
}

const scenarioSpec: KindSpec = {
  kind: 'scenario',
  collection: '/networks/:network/scenarios',
  item: '/networks/:network/scenarios/:scenario',
  field: 'scenario',
  document: ScenarioDocument,
  params: Type.Object({ network: Name, scenario: Name }),
  ref: (request) => {
    const p = request.params as { network: string; scenario: string }
    return { workspace: request.workspace, kind: 'scenario', network: p.network, name: p.scenario }
  },
}

export function registerResources(app: App, services: Services): void {
  for (const spec of [networkSpec, scenarioSpec]) registerKind(app, services, spec)
}

function registerKind(app: App, services: Services, spec: KindSpec): void {
  const { store, workbenches } = services
  const tags = [`${spec.kind}s`]
  const Item = Type.Object({ ...ResourceMetaSchema.properties, [spec.field]: spec.document })
  const collectionParams = spec.kind === 'network' ? undefined : Type.Object({ network: Name })

  /**
   * Refuses documents the CLI would refuse: schema, cross-record rules, and for scenarios, applying them.
   * Returns the document migrated to the current schema version, which is what gets stored.
   */
  async function check(ref: ResourceRef, document: unknown): Promise<Network | Scenario> {
    if (spec.kind === 'network') {
      const result = validateNetwork(document)
      if (!result.value) throw invalid('network', result.issues)
      return result.value
    }
    const result = validateScenario(document)
    if (!result.value) throw invalid('scenario', result.issues)
    const scenario = result.value
    if (scenario.name !== ref.name) throw new SilkwayError('SW_INVALID_DOCUMENT', `name: the scenario's name '${scenario.name}' differs from '${ref.name}' in the address`, {}, [{ path: 'name', code: 'name-mismatch', message: `must be '${ref.name}'`, severity: 'error' }])
    const loaded = await workbenches.get(ref.workspace, ref.network)
    const others = loaded.workbench.scenarios.filter((s) => s.name !== scenario.name)
    try {
      new Workbench({ network: loaded.workbench.network, scenarios: [...others, scenario], profile: loaded.workbench.profile }).scenarioNetwork(scenario.name)
    } catch (error) {
      if (isSilkwayError(error)) throw new SilkwayError('SW_INVALID_DOCUMENT', `scenario '${scenario.name}' does not apply to network '${ref.network}': ${error.message}`, {}, error.issues)
      throw error
    }
    return scenario
  }

  app.get(
    spec.collection,
    {
      config: { access: 'viewer' },
      schema: {
        summary: `List ${spec.kind}s`,
        description: `With \`documents=true\` each item carries its \`${spec.field}\` at the head revision too, as \`GET ${spec.item.replace(/:(\w+)/g, '{$1}')}\` gives it: what a client that needs them all (the web app, opening a network with its scenarios) would otherwise fetch one request after another.`,
        tags,
        ...(collectionParams ? { params: collectionParams } : {}),
        querystring: Type.Object({ ...WorkspaceQuery, documents: Type.Optional(Type.Boolean({ description: `Include each ${spec.kind}'s document` })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ workspace: Type.String(), items: Type.Array(Type.Object({ ...ResourceMetaSchema.properties, [spec.field]: Type.Optional(spec.document) })) }), ...Problems },
      },
    },
    async (request) => {
      const network = (request.params as { network?: string }).network ?? ''
      if (spec.kind === 'scenario') await store.get({ workspace: request.workspace, kind: 'network', network: '', name: network })
      const items = await store.list(request.workspace, spec.kind, network)
      if (!(request.query as { documents?: boolean }).documents) return { workspace: request.workspace, items }
      const withDocuments = await Promise.all(
        items.map(async (meta) => {
          try {
            const { document, ...head } = await store.get({ workspace: request.workspace, kind: spec.kind, network, name: meta.name })
            return [{ ...head, [spec.field]: document }]
          } catch (error) {
            // Deleted between the list and its read: left out, as a list read a moment later would.
            if (error instanceof SilkwayError && error.code === 'SW_NOT_FOUND') return []
            throw error
          }
        }),
      )
      return { workspace: request.workspace, items: withDocuments.flat() }
    },
  )

  app.post(
    spec.collection,
    {
      config: { access: 'planner', action: `create ${spec.kind}` },
      schema: {
        summary: `Create a ${spec.kind} (revision 1)`,
        tags,
        ...(collectionParams ? { params: collectionParams } : {}),
        querystring: WorkspaceOnly,
        body: Type.Object(
          spec.kind === 'network'
            ? { name: Name, network: NetworkDocumentIn, message: Type.Optional(Message), defaultScenario: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }
            : { scenario: ScenarioDocumentIn, message: Type.Optional(Message) },
          { additionalProperties: false },
        ),
        response: { 201: ResourceMetaSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const body = request.body as { name?: string; network?: Network; scenario?: Scenario; message?: string; defaultScenario?: string }
      const network = (request.params as { network?: string }).network ?? ''
      const name = spec.kind === 'network' ? (body.name as string) : (body.scenario as Scenario).name
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name)) throw new SilkwayError('SW_INVALID_DOCUMENT', `name: '${name.slice(0, 50)}' is not a usable resource name (letters, digits, dot, dash, underscore)`, {}, [{ path: 'scenario.name', code: 'pattern', message: 'letters, digits, dot, dash, underscore', severity: 'error' }])
      const ref: ResourceRef = { workspace: request.workspace, kind: spec.kind, network, name }
      const document = await check(ref, spec.kind === 'network' ? body.network : body.scenario)
      const settings: ResourceSettings = body.defaultScenario ? { defaultScenario: body.defaultScenario } : {}
      const meta = await store.create(ref, document, { author: request.principal?.actor ?? 'anonymous', message: body.message }, settings)
      reply.code(201).header('location', `/api/v1${spec.kind === 'network' ? `/networks/${name}` : `/networks/${network}/scenarios/${name}`}`)
      return withEtag(reply, meta)
    },
  )

  app.get(
    spec.item,
    {
      config: { access: 'viewer' },
      schema: {
        summary: `A ${spec.kind} at its head revision, or at ?revision=`,
        description: 'The ETag header is the revision: send it back as If-Match to change the resource.',
        tags,
        params: spec.params,
        querystring: Type.Object({ ...WorkspaceQuery, revision: Type.Optional(Revision) }, { additionalProperties: false }),
        response: { 200: Item, ...Problems },
      },
    },
    async (request, reply) => {
      const resource = await store.get(spec.ref(request), (request.query as { revision?: number }).revision)
      const { document, ...meta } = resource
      return withEtag(reply, { ...meta, [spec.field]: document })
    },
  )

  app.put(
    spec.item,
    {
      config: { access: 'planner', action: `update ${spec.kind}` },
      schema: {
        summary: `Replace a ${spec.kind}: a new revision, refused with 409 if baseRevision is not the head`,
        tags,
        params: spec.params,
        querystring: WorkspaceOnly,
        body: Type.Object(
          spec.kind === 'network'
            ? { network: NetworkDocumentIn, ...WriteFields, defaultScenario: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }
            : { scenario: ScenarioDocumentIn, ...WriteFields },
          { additionalProperties: false },
        ),
        response: { 200: ResourceMetaSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const body = request.body as { network?: Network; scenario?: Scenario; message?: string; baseRevision?: number; defaultScenario?: string }
      const ref = spec.ref(request)
      const base = baseRevisionOf(request, body.baseRevision)
      const document = await check(ref, spec.kind === 'network' ? body.network : body.scenario)
      const meta = await store.update(ref, document, base, { author: request.principal?.actor ?? 'anonymous', message: body.message }, body.defaultScenario ? { settings: { defaultScenario: body.defaultScenario } } : {})
      return withEtag(reply, meta)
    },
  )

  app.delete(
    spec.item,
    {
      config: { access: 'planner', action: `delete ${spec.kind}` },
      schema: {
        summary: `Delete a ${spec.kind} (its history stays; deleting a network deletes its scenarios)`,
        tags,
        params: spec.params,
        querystring: WriteQuery,
        response: { 200: Type.Object({ deleted: Type.Boolean(), revision: Type.Integer() }), ...Problems },
      },
    },
    async (request) => {
      const ref = spec.ref(request)
      const base = baseRevisionOf(request)
      await store.delete(ref, base, { author: request.principal?.actor ?? 'anonymous', message: 'deleted' })
      return { deleted: true, revision: base + 1 }
    },
  )

  app.get(
    `${spec.item}/revisions`,
    {
      config: { access: 'viewer' },
      schema: {
        summary: `History of a ${spec.kind}, newest first: author, time, message and diff of each revision`,
        tags,
        params: spec.params,
        querystring: Type.Object({ ...WorkspaceQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), before: Type.Optional(Revision) }, { additionalProperties: false }),
        response: { 200: Type.Object({ revisions: Type.Array(RevisionSchema) }), ...Problems },
      },
    },
    async (request) => {
      const q = request.query as { limit?: number; before?: number }
      return { revisions: await store.history(spec.ref(request), { limit: q.limit, before: q.before }) }
    },
  )

  app.get(
    `${spec.item}/diff`,
    {
      config: { access: 'viewer' },
      schema: {
        summary: `Difference between two revisions of a ${spec.kind} (to: the head by default)`,
        tags,
        params: spec.params,
        querystring: Type.Object({ ...WorkspaceQuery, from: Revision, to: Type.Optional(Revision) }, { additionalProperties: false }),
        response: { 200: Type.Object({ from: Type.Integer(), to: Type.Integer(), diff: DiffSchema }), ...Problems },
      },
    },
    async (request) => {
      const q = request.query as { from: number; to?: number }
      return store.diff(spec.ref(request), q.from, q.to)
    },
  )

  app.post(
    `${spec.item}/restore`,
    {
      config: { access: 'planner', action: `restore ${spec.kind}` },
      schema: {
        summary: `Make an old revision the head again, as a new revision`,
        tags,
        params: spec.params,
        querystring: WorkspaceOnly,
        body: Type.Object({ revision: Revision, ...WriteFields }, { additionalProperties: false }),
        response: { 200: ResourceMetaSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const body = request.body as { revision: number; baseRevision?: number; message?: string }
      const ref = spec.ref(request)
      const base = baseRevisionOf(request, body.baseRevision)
      const old = await store.get(ref, body.revision)
      await check(ref, old.document)
      return withEtag(reply, await store.restore(ref, body.revision, base, { author: request.principal?.actor ?? 'anonymous', message: body.message }))
    },
  )

  app.post(
    `${spec.item}/branch`,
    {
      config: { access: 'planner', action: `branch ${spec.kind}` },
      schema: {
        summary: `A new ${spec.kind} starting from this one at a revision (the head by default)`,
        description: spec.kind === 'scenario' ? "The branch's document gets the new name." : 'The scenarios are not copied.',
        tags,
        params: spec.params,
        querystring: WorkspaceOnly,
        body: Type.Object({ name: Name, revision: Type.Optional(Revision), message: Type.Optional(Message) }, { additionalProperties: false }),
        response: { 201: ResourceMetaSchema, ...Problems },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; revision?: number; message?: string }
      const ref = spec.ref(request)
      const change = { author: request.principal?.actor ?? 'anonymous', message: body.message }
      let meta: ResourceMeta
      if (spec.kind === 'scenario') {
        const source = await store.get<Scenario>(ref, body.revision)
        const document = { ...source.document, name: body.name }
        const target = { ...ref, name: body.name }
        await check(target, document)
        meta = await store.create(target, document, { author: change.author, message: change.message || `branched from ${ref.name} revision ${source.revision}` }, source.settings, 'branch')
      } else meta = await store.branch(ref, body.name, change, body.revision)
      reply.code(201)
      return withEtag(reply, meta)
    },
  )
}
