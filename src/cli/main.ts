import { Command, CommanderError } from 'commander'
import { formatIssues } from '../io'
import { DOCUMENT_LIMITS, ERROR_CODES, formatBytes, isSilkwayError } from '../model'
import { LIMIT_VARIABLES, limitsFrom, setDocumentLimits } from './files'

type Register = (program: Command) => void

/**
 * Commands by name, each loaded only when used: the bundle is split per command (scripts/build.mjs), so
 * `silkway route` does not parse the HTTP server or the MIP solver before it answers.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  route: () => import('./commands/route').then((m) => m.registerRoute),
  compare: () => import('./commands/compare').then((m) => m.registerCompare),
  report: () => import('./commands/report').then((m) => m.registerReport),
  calibrate: () => import('./commands/calibrate').then((m) => m.registerCalibrate),
  nodes: () => import('./commands/inventory').then((m) => m.registerInventory),
  validate: () => import('./commands/files').then((m) => m.registerFiles),
  disjoint: () => import('./commands/resilience').then((m) => m.registerResilience),
  serve: () => import('./commands/serve').then((m) => m.registerServe),
  token: () => import('./commands/token').then((m) => m.registerToken),
  optical: () => import('./commands/optical').then((m) => m.registerOptical),
  design: () => import('./commands/design').then((m) => m.registerDesign),
  flow: () => import('./commands/traffic').then((m) => m.registerTraffic),
}
const ALIASES: Record<string, string> = { links: 'nodes', scenarios: 'nodes', convert: 'validate', generate: 'validate', cut: 'disjoint', sweep: 'disjoint', availability: 'disjoint', maxflow: 'flow', hubs: 'flow', demands: 'flow', 'traffic-sweep': 'flow' }

/** Exit codes: 0 ok, 2 bad input (file, argument, unknown node), 3 infeasible (no path), 70 internal error. */
export const EXIT = { ok: 0, input: 2, infeasible: 3, internal: 70 } as const

const debug = process.argv.includes('--debug')

function fail(error: unknown): never {
  if (isSilkwayError(error)) {
    const category = ERROR_CODES[error.code].category
    process.stderr.write(`silkway: ${error.message} [${error.code}]\n`)
    const detailed = error.issues.filter((issue) => issue.severity === 'error')
    if (detailed.length > 1) {
      const file = typeof error.details.file === 'string' ? error.details.file : undefined
      process.stderr.write(`${formatIssues(error.issues, file)}\n`)
    }
    if (debug) process.stderr.write(`${error.stack}\n`)
    process.exit(category === 'infeasible' ? EXIT.infeasible : category === 'input' ? EXIT.input : EXIT.internal)
  }
  process.stderr.write(`silkway: internal error: ${(error as Error)?.message ?? String(error)} [SW_INTERNAL]\n`)
  process.stderr.write(debug ? `${(error as Error)?.stack}\n` : 'run again with --debug for the stack trace, and please report it\n')
  process.exit(EXIT.internal)
}

const program = new Command()
program
  .name('silkway')
  .description('Planning and analysis workbench for transcontinental fibre corridors — the Digital Silk Way as a digital twin')
  .version('0.1.0')
  .showHelpAfterError('(run silkway --help for usage)')
  .option(
    '--max-file-bytes <bytes>',
    `refuse files (and, for serve, uploads) larger than this (env ${LIMIT_VARIABLES.maxDocumentBytes}; default ${DOCUMENT_LIMITS.maxDocumentBytes}, ${formatBytes(DOCUMENT_LIMITS.maxDocumentBytes)})`,
  )
  .option('--max-depth <levels>', `refuse documents nested deeper than this (env ${LIMIT_VARIABLES.maxDepth}; default ${DOCUMENT_LIMITS.maxDepth})`)
  .configureHelp({ showGlobalOptions: true })
  .hook('preAction', () => setDocumentLimits(limitsFrom(program.opts())))
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })

// A reader that stops early (`silkway demands generate | head`) closes the pipe: that is the reader's choice,
// not an error of ours, so the CLI ends quietly with success as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok)
  fail(error)
})
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)

try {
  const requested = process.argv[2]
  const name = requested === undefined ? undefined : (ALIASES[requested] ?? requested)
  const loaders = name !== undefined && name in COMMANDS ? [COMMANDS[name]] : Object.values(COMMANDS)
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program)
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : EXIT.input)
  }
  fail(error)
}
