import { chmodSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { SilkwayError } from '../../model'
import { documentLimitsInUse, loadCalibrationFile } from '../files'
import { parseInteger } from '../options'

interface ServeOptions {
  port?: string
  host: string
  dataDir?: string
  open?: boolean
  rateLimit?: string
  allowedHosts?: string
  allowedOrigins?: string
  adminTokenFile?: string
  logLevel: string
  calibration?: string | false
}

const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)

/**
 * The first start's admin token, kept out of stdout (where the JSON log goes and a log collector would store
 * it): on stderr, or in a file only the owner can read.
 */
function handOver(token: string, file: string | undefined): string {
  if (file) {
    try {
      writeFileSync(file, `${token}\n`, { mode: 0o600 })
      chmodSync(file, 0o600) // the mode above applies only to a new file
      return `a new admin token was written to ${file} (mode 0600)`
    } catch (error) {
      // The token exists now and would be lost: hand it over on stderr instead.
      process.stderr.write(`cannot write ${file} (${(error as Error).message}); the token follows on stderr\n`)
    }
  }
  process.stderr.write(`admin token (shown once; keep it): ${token}\n`)
  return 'a new admin token was printed once on stderr (not in this log)'
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

/** Where the embedded database lives: --data-dir, SILKWAY_DATA_DIR, or .silkway in the working directory. */
export function dataDirFrom(option: string | undefined): string {
  return option ?? process.env.SILKWAY_DATA_DIR ?? '.silkway'
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the planning service: HTTP API with stored networks, scenarios and their history (SQLite in the data dir, or PostgreSQL from SILKWAY_DATABASE_URL)')
    .option('--port <port>', 'TCP port (env PORT)', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'folder of the embedded SQLite database (env SILKWAY_DATA_DIR; default .silkway)')
    .option('--open', 'no token needed: only on a loopback address, for a single user on this machine')
    .option('--rate-limit <n>', 'requests per minute per address, and again per token; 0 turns it off', '6000')
    .option('--allowed-hosts <names>', 'comma-separated Host names besides loopback and --host; turns on the browser checks (docs/security.md)')
    .option('--allowed-origins <origins>', 'comma-separated origins of other sites allowed to call, e.g. https://planner.example.org; turns on the browser checks')
    .option('--admin-token-file <file>', 'write a newly created admin token to this file (mode 0600) instead of stderr')
    .option('--log-level <level>', 'fatal | error | warn | info | debug', 'info')
    .option('--calibration <file>', 'route and compare answers carry the expected RTT under this calibration (silkway calibrate --out) beside the floor (default: the built-in calibration)')
    .option('--no-calibration', 'route and compare answers carry the floor RTT alone')
    .option('--debug', 'show stack traces')
    .action(async (options: ServeOptions) => {
      const port = parseInteger(options.port ?? '8080', '--port', 0, 65535)
      const rate = parseInteger(options.rateLimit ?? '6000', '--rate-limit', 0, 100_000_000)
      if (options.open && !LOOPBACK.has(options.host)) {
        throw new SilkwayError('SW_INVALID_ARGUMENT', `--open needs a loopback --host (127.0.0.1, ::1 or localhost), not '${options.host}': an open server on a network would expose the map`)
      }
      const { startServer } = await import('../../server/start')
      const databaseUrl = process.env.SILKWAY_DATABASE_URL || undefined
      const dataDir = dataDirFrom(options.dataDir)
      const started = await startServer({
        port,
        host: options.host,
        dataDir,
        databaseUrl,
        open: options.open ?? false,
        rateLimit: rate === 0 ? false : { max: rate, timeWindowMs: 60_000 },
        // --max-file-bytes and --max-depth (or their variables) bound uploads and JSON bodies too.
        fileLimitBytes: documentLimitsInUse().maxDocumentBytes,
        maxDepth: documentLimitsInUse().maxDepth,
        allowedHosts: list(options.allowedHosts),
        allowedOrigins: list(options.allowedOrigins),
        logger: { level: options.logLevel },
        // Read before listening, so a bad file fails the start (exit 2) instead of every request.
        calibration: options.calibration === false ? null : options.calibration === undefined ? undefined : loadCalibrationFile(options.calibration),
      })
      const where = databaseUrl ? 'PostgreSQL (SILKWAY_DATABASE_URL)' : `SQLite in ${dataDir}`
      const banner = [
        `silkway serving ${started.url} · database ${where}${started.seeded ? ' · seeded with the built-in corridor' : ''}`,
        `map ${started.url}/ (the web app${options.open ? '' : '; sign in with a token'})`,
        `API ${started.url}/api/v1 · OpenAPI ${started.url}/openapi.json · docs ${started.url}/docs`,
        ...(started.adminToken ? [handOver(started.adminToken, options.adminTokenFile)] : []),
        ...(options.open ? ['OPEN MODE: no token is needed on this loopback address; every request acts as admin'] : []),
      ]
      process.stdout.write(`${banner.join('\n')}\n`)
      if (options.open) started.app.log.warn({ host: options.host }, 'open mode: authentication is off (loopback only)')
      let closing = false
      const stop = (signal: string) => {
        if (closing) return
        closing = true
        started.app.log.info({ signal }, 'shutting down')
        started.close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      }
      process.on('SIGINT', () => stop('SIGINT'))
      process.on('SIGTERM', () => stop('SIGTERM'))
    })
}
