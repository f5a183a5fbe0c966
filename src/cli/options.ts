import type { Command } from 'commander'
import { SilkwayError } from '../model'

/** Repeated and comma-separated values alike: `--avoid-country RU,IR --avoid-country BY`. */
export function list(values: string[] | string | undefined): string[] {
  if (values === undefined) return []
  return (Array.isArray(values) ? values : [values]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

export function parseInteger(value: string, flag: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new SilkwayError('SW_INVALID_ARGUMENT', `${flag}: '${value}' is not an integer from ${min} to ${max}`)
  return n
}

/** The options every command takes. */
export function withCommon(command: Command): Command {
  return command
    .option('--json', 'machine output on stdout, nothing else')
    .option('--network <file>', 'a network file (silkway JSON, GeoJSON or GraphML) instead of the built-in corridor')
    .option('--scenario <name>', 'scenario to use (built-in: digital-silk-way by default; a --network file: as-is)')
    .option('--scenarios <file>', 'JSON file with scenarios for a --network file')
    .option('--profile <file>', 'JSON file overriding physical defaults (see docs/profile.md)')
    .option('--debug', 'show stack traces')
}
