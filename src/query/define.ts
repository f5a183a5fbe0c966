import type { Static, TObject } from 'typebox'

/**
 * One question silkway answers, declared once: its parameters as a TypeBox object with flag-style names
 * (`avoidCountry`, `k`, `year`) and a description per field, and the function that turns validated parameters
 * into the domain's query. The CLI's options, the HTTP querystring, OpenAPI, the web form and the URL state
 * all derive from `params` (src/cli/query.ts, src/server/query.ts, ./fields.ts, ./url.ts); adding a parameter
 * is one edit here and one use in `toQuery`.
 */
export interface QuerySpec<P extends TObject = TObject, Q = unknown> {
  /** Command and endpoint name: `route` is `silkway route` and `/api/v1/route`. */
  readonly name: string
  readonly summary: string
  readonly params: P
  /** Fields the CLI takes as positional arguments, in order; elsewhere they are named like the rest. */
  readonly positional?: readonly (keyof Static<P> & string)[]
  /**
   * From parameters that passed the schema (lists split at commas, defaults applied) to the domain query.
   * Throws a SilkwayError for what a schema cannot say (a pair that is not FROM:TO); `label` names a field
   * the way the caller's surface does (`--avoid-country` on the command line, `avoidCountry` in the API).
   */
  readonly toQuery: (params: Static<P>, label: (field: string) => string) => Q
}

export type ParamsOf<S> = S extends QuerySpec<infer P, unknown> ? Static<P> : never

export function defineQuery<P extends TObject, Q>(spec: QuerySpec<P, Q>): QuerySpec<P, Q> {
  for (const field of spec.positional ?? []) {
    if (!(field in spec.params.properties)) throw new Error(`query ${spec.name}: positional '${field}' is not a parameter`)
  }
  return spec
}
