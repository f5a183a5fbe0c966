import type { FastifyRequest } from 'fastify'
import Type, { type TObject, type TSchema } from 'typebox'
import { type QuerySpec, fieldsOf, fromParams } from '../query'
import type { ResourceSettings } from '../store'
import type { Workbench } from '../workbench'
import { DEFAULT_NETWORK, NetworkQuery } from './schemas'
import type { Services } from './services'

/**
 * A query's parameters as an HTTP querystring (src/query declares them once): the network selectors first,
 * then every parameter as the schema has it, lists also accepted as one comma-separated value. fastify checks
 * and documents it (OpenAPI); `queryFrom` then yields the domain query through the same `fromParams` as the CLI.
 */
export function querystringFor(spec: QuerySpec, overrides: Record<string, TSchema> = {}): TObject {
  const properties: Record<string, TSchema> = { ...NetworkQuery }
  for (const field of fieldsOf(spec.params)) {
    const schema = spec.params.properties[field.name] as TSchema & { maxItems?: number }
    properties[field.name] =
      field.kind === 'list'
        ? Type.Optional(
            Type.Array(Type.String({ minLength: 1, maxLength: 10_000 }), {
              ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
              description: `${field.description}; repeat the parameter${field.commaSeparated ? ' or separate with commas' : ''}`,
            }),
          )
        : schema
  }
  return Type.Object({ ...properties, ...overrides }, { additionalProperties: false })
}

/** The domain query from a request's querystring, without the network selectors; errors are located as fastify's (`query.k`). */
export function queryFrom<Q>(spec: QuerySpec<TObject, Q>, params: Record<string, unknown>): Q {
  const { workspace: _w, network: _n, scenario: _s, ...rest } = params
  return fromParams(spec, rest, 'api', 'query.')
}

export interface Target {
  workbench: Workbench
  /** The scenario asked for, else the network's default. */
  scenario: string
  settings: ResourceSettings
}

/** The stored network and scenario a request names (`?network=…&scenario=…`), compiled and cached. */
export async function targetOf(services: Services, request: FastifyRequest, query: { network?: string; scenario?: string }): Promise<Target> {
  const loaded = await services.workbenches.get(request.workspace, query.network ?? DEFAULT_NETWORK)
  return { workbench: loaded.workbench, scenario: query.scenario ?? loaded.workbench.defaultScenario, settings: loaded.settings }
}
