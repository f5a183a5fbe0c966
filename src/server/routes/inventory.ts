import Type from 'typebox'
import { LinkFilterSchema, LinkListSchema, NodeFilterSchema, NodeListSchema, ScenarioListSchema, listLinks, listNodes, listScenarios } from '../../workbench'
import { DEFAULT_NETWORK, NetworkQuery, Problems, WorkspaceQuery, withoutDefaults } from '../schemas'
import type { App, Services } from '../services'

export function registerInventory(app: App, { workbenches }: Services): void {
  app.get(
    '/nodes',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Nodes of a network in a scenario, filtered',
        description: 'The same JSON as `silkway nodes --json`.',
        tags: ['inventory'],
        querystring: Type.Object({ ...NetworkQuery, ...NodeFilterSchema.properties }, { additionalProperties: false }),
        response: { 200: withoutDefaults(NodeListSchema), ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...filter } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      return listNodes(loaded.workbench, scenario ?? loaded.workbench.defaultScenario, filter)
    },
  )

  app.get(
    '/links',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Links of a network in a scenario, with computed lengths, filtered',
        description: 'The same JSON as `silkway links --json`: each link with `computedLengthKm` (what routing uses), `lengthMethod` (declared, geodesic, great-circle-estimate, unknown), `status` and the countries it crosses.',
        tags: ['inventory'],
        querystring: Type.Object({ ...NetworkQuery, ...LinkFilterSchema.properties }, { additionalProperties: false }),
        response: { 200: withoutDefaults(LinkListSchema), ...Problems },
      },
    },
    async (request) => {
      const { workspace: _w, network, scenario, ...filter } = request.query
      const loaded = await workbenches.get(request.workspace, network ?? DEFAULT_NETWORK)
      return listLinks(loaded.workbench, scenario ?? loaded.workbench.defaultScenario, filter)
    },
  )

  app.get(
    '/scenarios',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The scenarios a query on a network may name, with the default',
        description:
          "The same JSON as `silkway scenarios --json`: `as-is` (the network itself) and each scenario with its title, base, link count and whether it is the default. The stored scenario documents, with their history, are under `/networks/{network}/scenarios`.",
        tags: ['inventory'],
        querystring: Type.Object({ ...WorkspaceQuery, network: NetworkQuery.network }, { additionalProperties: false }),
        response: { 200: ScenarioListSchema, ...Problems },
      },
    },
    async (request) => {
      const loaded = await workbenches.get(request.workspace, request.query.network ?? DEFAULT_NETWORK)
      return listScenarios(loaded.workbench)
    },
  )
}
