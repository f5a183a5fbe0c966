import { DemandsSchema } from './demands'
import { MeasurementsSchema } from './measurements'
import { ModulesSchema } from './modules'
import { ERROR_CODES } from './errors'
import { NetworkSchema, ProfileSchema, ScenarioSchema } from './schema'

const DRAFT = 'https://json-schema.org/draft/2020-12/schema'

/** The published JSON Schema documents, by file name under docs/schema/. */
export function schemaDocuments(): Record<string, unknown> {
  const withDraft = (schema: object) => ({ $schema: DRAFT, ...JSON.parse(JSON.stringify(schema)) })
  return {
    'network.schema.json': withDraft(NetworkSchema),
    'scenario.schema.json': withDraft(ScenarioSchema),
    'profile.schema.json': withDraft(ProfileSchema),
    'demands.schema.json': withDraft(DemandsSchema),
    'measurements.schema.json': withDraft(MeasurementsSchema),
    'modules.schema.json': withDraft(ModulesSchema),
  }
}

/** docs/errors.md, generated from the one registry of error codes. */
export function errorCodesMarkdown(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from `src/model/errors.ts` by `npm run schema`; codes are stable and append-only.',
    'The CLI exits with 2 for `input`, 3 for `infeasible` and 70 for `internal` errors; the HTTP API answers with the status shown.',
    '',
    '| code | category | HTTP | meaning |',
    '|---|---|---|---|',
  ]
  for (const [code, spec] of Object.entries(ERROR_CODES)) lines.push(`| \`${code}\` | ${spec.category} | ${spec.httpStatus} | ${spec.message} |`)
  return `${lines.join('\n')}\n`
}
