import { Command, CommanderError } from 'commander'
import { formatIssues } from '../io'
import { ERROR_CODES, isSilkwayError } from '../model'
import { registerCompare } from './commands/compare'
import { registerFiles } from './commands/files'
import { registerInventory } from './commands/inventory'
import { registerReport } from './commands/report'
import { registerResilience } from './commands/resilience'
import { registerRoute } from './commands/route'
import { registerServe } from './commands/serve'
import { registerToken } from './commands/token'

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
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })

registerRoute(program)
registerCompare(program)
registerReport(program)
registerResilience(program)
registerInventory(program)
registerFiles(program)
registerServe(program)
registerToken(program)

try {
  program.parse(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : EXIT.input)
  }
  fail(error)
}
process.on('uncaughtException', fail)
