import assert from 'node:assert/strict'
import { test } from 'node:test'
import swagger from '@fastify/swagger'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import { Command } from 'commander'
import fc from 'fast-check'
import Fastify from 'fastify'
import Type from 'typebox'
import { addQueryOptions, queryFromCommand } from '../src/cli/query'
import { LINK_KINDS, SilkwayError } from '../src/model'
import { List, defineQuery, fieldsOf, fromParams, paramsFromSearch, paramsToSearch } from '../src/query'
import { routeQuery } from '../src/routing'
import { queryFrom, querystringFor } from '../src/server/query'

// One fixed seed per run, printed, so a failure can be replayed with FC_SEED=<seed>.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
process.stderr.write(`# query surfaces seed ${SEED} (replay: FC_SEED=${SEED})\n`)

/**
 * The claim of src/query: a parameter declared once in a query's schema is picked up by the command line, the
 * HTTP API (validation and OpenAPI) and the web app's form and URL, with nothing else edited. The toy query
 * below stands for any new one: `limit` and `tags` appear nowhere but in its schema.
 */
const echoQuery = defineQuery({
  name: 'echo',
  summary: 'echo its parameters',
  positional: ['from'],
  params: Type.Object(
    {
      from: Type.String({ minLength: 1, description: 'node id or name' }),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 2, description: 'how many' })),
      tags: List(Type.Enum(['a', 'b', 'c']), 'some tags', '<tags...>'),
    },
    { additionalProperties: false },
  ),
  toQuery: (p) => ({ from: p.from, limit: p.limit ?? 2, tags: p.tags ?? [] }),
})

function parseCli(argv: string[]): unknown {
  const program = new Command().exitOverride()
  let answer: unknown
  const command = addQueryOptions(program.command('echo'), echoQuery)
  command.action((...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command
    answer = queryFromCommand(echoQuery, cmd.args, cmd.opts())
  })
  program.parse(['node', 'silkway', 'echo', ...argv])
  return answer
}

async function echoServer() {
  const app = Fastify().withTypeProvider()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '0' } } })
  app.get('/echo', { schema: { querystring: querystringFor(echoQuery) } }, async (request) => queryFrom(echoQuery, request.query as Record<string, unknown>))
  app.setErrorHandler((error: Error, _request, reply) => reply.code(400).send({ message: error.message, code: (error as SilkwayError).code ?? 'validation' }))
  await app.ready()
  return app
}

test('a parameter declared once in a query schema reaches the CLI, the API, OpenAPI and the web form', async () => {
  // CLI: an option named after the field, with its description and default; parsed into the domain query.
  const help = addQueryOptions(new Command('echo'), echoQuery).helpInformation()
  assert.match(help, /--limit <n>\s+how many \(default: "2"\)/)
  assert.match(help, /--tags <tags\.\.\.>\s+some tags/)
  assert.deepEqual(parseCli(['X', '--limit', '3', '--tags', 'a,b', '--tags', 'c']), { from: 'X', limit: 3, tags: ['a', 'b', 'c'] })
  assert.deepEqual(parseCli(['X']), { from: 'X', limit: 2, tags: [] })
  assert.throws(() => parseCli(['X', '--limit', '9']), (e: SilkwayError) => e.code === 'SW_INVALID_ARGUMENT' && e.message === "--limit: '9' is not an integer from 1 to 5")

  // API: the same query from the querystring; the field is validated and documented.
  const app = await echoServer()
  const ok = await app.inject({ url: '/echo?from=X&limit=3&tags=a,b&tags=c' })
  assert.deepEqual(ok.json(), { from: 'X', limit: 3, tags: ['a', 'b', 'c'] })
  const bad = await app.inject({ url: '/echo?from=X&tags=a,z' })
  assert.equal(bad.statusCode, 400)
  assert.equal(bad.json().message, "tags: 'z' is not one of a, b, c")
  const parameters = (app.swagger() as { paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }> }).paths['/echo'].get.parameters
  assert.ok(parameters.some((p) => p.name === 'limit' && p.description === 'how many'))
  assert.ok(parameters.some((p) => p.name === 'tags' && /separate with commas/.test(p.description ?? '')))
  await app.close()

  // Web: the form's fields and the URL state come from the same schema and read back through fromParams.
  const fields = fieldsOf(echoQuery.params)
  assert.deepEqual(
    fields.map((f) => [f.name, f.kind, f.minimum, f.maximum, f.options]),
    [
      ['from', 'string', undefined, undefined, undefined],
      ['limit', 'integer', 1, 5, undefined],
      ['tags', 'list', undefined, undefined, ['a', 'b', 'c']],
    ],
  )
  const search = paramsToSearch(echoQuery.params, { from: 'X', limit: 4, tags: ['a', 'c'] })
  assert.equal(search.toString(), 'from=X&limit=4&tags=a%2Cc')
  assert.deepEqual(fromParams(echoQuery, paramsFromSearch(echoQuery.params, search)), { from: 'X', limit: 4, tags: ['a', 'c'] })
})

/** Route parameters a user could give, as values (not text): every surface must turn them into one query. */
const routeParams = fc.record(
  {
    k: fc.integer({ min: 1, max: 100 }),
    metric: fc.constantFrom('latency', 'length', 'hops'),
    via: fc.array(fc.constantFrom('Aktau', 'Baku', 'Almaty'), { minLength: 1, maxLength: 3 }),
    avoidCountry: fc.array(fc.constantFrom('RU', 'ir', 'Cn', 'BY'), { minLength: 1, maxLength: 3 }),
    allowEndpointCountries: fc.constant(true),
    avoidKind: fc.array(fc.constantFrom(...LINK_KINDS), { minLength: 1, maxLength: 2 }),
    avoidNode: fc.array(fc.constantFrom('Moscow', 'Tbilisi'), { minLength: 1, maxLength: 2 }),
    year: fc.integer({ min: 1850, max: 2200 }),
  },
  { requiredKeys: [] },
)

test('route: the command line, the querystring and the URL give the same domain query for the same parameters', async () => {
  const app = Fastify().withTypeProvider()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.get('/route', { schema: { querystring: querystringFor(routeQuery) } }, async (request) => queryFrom(routeQuery, request.query as Record<string, unknown>))
  await app.ready()
  await fc.assert(
    fc.asyncProperty(routeParams, async (params) => {
      const argv = ['Frankfurt', 'Shanghai']
      for (const [name, value] of Object.entries(params)) {
        const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
        if (value === true) argv.push(flag)
        else argv.push(flag, ...(Array.isArray(value) ? [value.join(',')] : [String(value)]))
      }
      const program = new Command().exitOverride()
      let cli: unknown
      addQueryOptions(program.command('route'), routeQuery).action((...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command
        cli = queryFromCommand(routeQuery, cmd.args, cmd.opts())
      })
      program.parse(['node', 'silkway', 'route', ...argv])
      const search = paramsToSearch(routeQuery.params, { from: 'Frankfurt', to: 'Shanghai', ...params })
      const api = (await app.inject({ url: `/route?${search}` })).json()
      const url = fromParams(routeQuery, paramsFromSearch(routeQuery.params, search))
      assert.deepEqual(api, cli)
      assert.deepEqual(url, cli)
    }),
    { seed: SEED, numRuns: 60 },
  )
  await app.close()
})
