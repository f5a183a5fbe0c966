import type { Command } from 'commander'
import { type NetworkFormat, formatIssues, writeNetwork } from '../../io'
import { SilkwayError, hasErrors } from '../../model'
import { generateNetwork } from '../../synthetic'
import { json } from '../format'
import { loadNetworkFile, parseNetworkFile, writeText } from '../files'
import { parseInteger } from '../options'

const FORMATS: readonly NetworkFormat[] = ['json', 'geojson', 'graphml']

function formatFrom(value: string | undefined, flag: string): NetworkFormat | undefined {
  if (value === undefined) return undefined
  if (!(FORMATS as readonly string[]).includes(value)) throw new SilkwayError('SW_INVALID_ARGUMENT', `${flag}: '${value}' is not one of ${FORMATS.join(', ')}`)
  return value as NetworkFormat
}

function formatFromFileName(file: string): NetworkFormat | undefined {
  if (/\.graphml$|\.xml$/i.test(file)) return 'graphml'
  if (/\.geojson$/i.test(file)) return 'geojson'
  if (/\.json$/i.test(file)) return 'json'
  return undefined
}

interface FileOptions {
  json?: boolean
  format?: string
  to?: string
  out?: string
  nodes?: string
  seed?: string
  debug?: boolean
}

export function registerFiles(program: Command): void {
  program
    .command('validate')
    .description('check a network file against the schema and the cross-record rules; lists every issue with its location')
    .argument('<file>', 'silkway JSON, GeoJSON or GraphML')
    .option('--format <format>', `force the format (${FORMATS.join(', ')}); by default from the extension and content`)
    .option('--json', 'machine output on stdout, nothing else')
    .option('--debug', 'show stack traces')
    .action((file: string, options: FileOptions) => {
      const result = parseNetworkFile(file, formatFrom(options.format, '--format'))
      const valid = !hasErrors(result.issues) && result.network !== undefined
      const errors = result.issues.filter((i) => i.severity === 'error').length
      const warnings = result.issues.length - errors
      if (options.json) {
        process.stdout.write(
          json({ file, format: result.format, valid, nodes: result.network?.nodes.length ?? null, links: result.network?.links.length ?? null, errors, warnings, issues: result.issues }),
        )
      } else {
        if (result.issues.length > 0) process.stdout.write(`${formatIssues(result.issues, file)}\n`)
        process.stdout.write(
          valid
            ? `${file}: valid ${result.format} network, ${result.network?.nodes.length} nodes, ${result.network?.links.length} links${warnings ? `, ${warnings} warnings` : ''}\n`
            : `${file}: invalid (${errors} errors, ${warnings} warnings)\n`,
        )
      }
      if (!valid) process.exitCode = 2
    })

  program
    .command('convert')
    .description('convert a network between silkway JSON, GeoJSON and GraphML')
    .argument('<file>', 'input network file')
    .requiredOption('--to <format>', FORMATS.join(' | '))
    .option('--out <file>', 'write here instead of stdout')
    .option('--format <format>', 'force the input format')
    .option('--debug', 'show stack traces')
    .action((file: string, options: FileOptions) => {
      const to = formatFrom(options.to, '--to') as NetworkFormat
      const network = loadNetworkFile(file, formatFrom(options.format, '--format'))
      const text = writeNetwork(network, to)
      if (options.out) writeText(options.out, text)
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
    })

  program
    .command('generate')
    .description('a seeded synthetic geometric fibre network, for scale tests and benchmarks')
    .requiredOption('--nodes <n>', 'number of nodes')
    .option('--seed <seed>', 'random seed (same seed, same network)', '1')
    .option('--out <file>', 'write here instead of stdout')
    .option('--to <format>', `output format (${FORMATS.join(', ')}); by default from --out's extension, else json`)
    .option('--debug', 'show stack traces')
    .action((options: FileOptions) => {
      const nodes = parseInteger(options.nodes ?? '', '--nodes', 2, 2_000_000)
      const seed = parseInteger(options.seed ?? '1', '--seed', 0, 2 ** 31 - 1)
      const format = formatFrom(options.to, '--to') ?? (options.out ? formatFromFileName(options.out) : undefined) ?? 'json'
      const text = writeNetwork(generateNetwork({ nodes, seed }), format)
      if (options.out) {
        writeText(options.out, text)
        process.stderr.write(`wrote ${options.out}: ${nodes} nodes (seed ${seed}, ${format})\n`)
      } else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
    })
}
