import Type from 'typebox'
import type { App, Services } from '../services'
import { JobSchema, Problems, WorkspaceQuery } from '../schemas'

const JobParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) })
const WorkspaceOnly = Type.Object(WorkspaceQuery, { additionalProperties: false })

export function registerJobs(app: App, { store }: Services): void {
  app.get(
    '/jobs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Jobs of the workspace, newest first',
        tags: ['jobs'],
        querystring: Type.Object({ ...WorkspaceQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ jobs: Type.Array(JobSchema) }), ...Problems },
      },
    },
    async (request) => ({ jobs: await store.listJobs(request.workspace, request.query.limit) }),
  )

  app.get(
    '/jobs/:id',
    {
      config: { access: 'viewer' },
      schema: { summary: 'Status, progress and (when done) the result of a job', tags: ['jobs'], params: JobParams, querystring: WorkspaceOnly, response: { 200: JobSchema, ...Problems } },
    },
    async (request) => store.getJob(request.params.id, request.workspace),
  )

  app.post(
    '/jobs/:id/cancel',
    {
      config: { access: 'planner', action: 'cancel job' },
      schema: { summary: 'Ask a job to stop (a queued job stops at once)', tags: ['jobs'], params: JobParams, querystring: WorkspaceOnly, response: { 200: JobSchema, ...Problems } },
    },
    async (request) => store.cancelJob(request.params.id, request.workspace),
  )
}
