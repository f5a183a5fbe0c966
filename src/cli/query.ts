import { type Command, Option } from 'commander'
import type { TObject } from 'typebox'
import { type QuerySpec, fieldsOf, fromParams, kebab } from '../query'
import { type CommonOptions, type Context, loadContext } from './context'
import { withCommon } from './options'

/**
 * A query's command-line form, read from its schema (src/query): positional fields become arguments, the rest
 * options named like the field (`avoidCountry` → `--avoid-country`), lists variadic, booleans switches, with
 * the schema's description and default. Parsing goes through the same `fromParams` as the API.
 */
export function addQueryOptions(command: Command, spec: QuerySpec): Command {
  const positional = new Set<string>(spec.positional ?? [])
  for (const name of spec.positional ?? []) {
    const field = fieldsOf(spec.params).find((f) => f.name === name)
    command.argument(`<${name}>`, field?.description ?? '')
  }
  for (const field of fieldsOf(spec.params)) {
    if (positional.has(field.name)) continue
    const flag = `--${kebab(field.name)}`
    const value = field.placeholder ?? (field.kind === 'integer' || field.kind === 'number' ? '<n>' : `<${field.kind === 'list' ? 'values...' : field.name}>`)
    const option = new Option(field.kind === 'boolean' ? flag : `${flag} ${value}`, field.description)
    if (field.required) option.makeOptionMandatory()
    if (field.default !== undefined && field.kind !== 'boolean') option.default(String(field.default))
    command.addOption(option)
  }
  return command
}

/** The domain query from a command's positional arguments and options. */
export function queryFromCommand<Q>(spec: QuerySpec<TObject, Q>, args: readonly string[], options: Record<string, unknown>): Q {
  const raw: Record<string, unknown> = {}
  ;(spec.positional ?? []).forEach((name, i) => {
    raw[name] = args[i]
  })
  for (const field of fieldsOf(spec.params)) if (options[field.name] !== undefined && raw[field.name] === undefined) raw[field.name] = options[field.name]
  return fromParams(spec, raw, 'cli')
}

/**
 * `silkway <name>`: the query's options plus the common ones (--json, --network, …); `run` gets the domain
 * query, the loaded network and all options (for command-only flags such as --threads).
 */
export function queryCommand<Q, O extends CommonOptions>(
  program: Command,
  spec: QuerySpec,
  run: (query: Q, context: Context, options: O) => void | Promise<void>,
  extra: (command: Command) => Command = (c) => c,
): Command {
  const command = addQueryOptions(extra(program.command(spec.name).description(spec.summary)), spec)
  return withCommon(command).action(async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command
    const options = cmd.optsWithGlobals() as O & Record<string, unknown>
    const query = queryFromCommand(spec as QuerySpec<TObject, Q>, cmd.args, options)
    await run(query, loadContext(options), options)
  })
}
