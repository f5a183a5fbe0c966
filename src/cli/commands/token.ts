import type { Command } from 'commander'
import { SilkwayError } from '../../model'
import { json, table } from '../format'
import { dataDirFrom } from './serve'

interface TokenOptions {
  role?: string
  workspace?: string
  user?: string
  dataDir?: string
  json?: boolean
}

const ROLES = ['viewer', 'planner', 'admin'] as const

async function withStore<T>(options: TokenOptions, work: (store: import('../../store').Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../../server/start')
  const store = await openStore({ dataDir: dataDirFrom(options.dataDir), databaseUrl: process.env.SILKWAY_DATABASE_URL || undefined })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

export function registerToken(program: Command): void {
  const token = program.command('token').description("API tokens of the planning service (stored as hashes in the service's database)")
  const common = (command: Command) =>
    command.option('--data-dir <dir>', 'folder of the embedded database (env SILKWAY_DATA_DIR; default .silkway); PostgreSQL when SILKWAY_DATABASE_URL is set').option('--json', 'machine output').option('--debug', 'show stack traces')

  common(
    token
      .command('create')
      .description('create a token and print its secret, once')
      .requiredOption('--role <role>', ROLES.join(' | '))
      .option('--workspace <name>', "its workspace; '*' for every workspace", '*')
      .option('--user <name>', 'who uses it (the author of their changes)', 'user'),
  ).action(async (options: TokenOptions) => {
    if (!(ROLES as readonly string[]).includes(options.role ?? '')) throw new SilkwayError('SW_INVALID_ARGUMENT', `--role: '${options.role}' is not one of ${ROLES.join(', ')}`)
    const created = await withStore(options, (store) => store.createToken({ user: options.user ?? 'user', role: options.role as (typeof ROLES)[number], workspace: options.workspace, createdBy: 'cli' }))
    process.stdout.write(options.json ? json(created) : `${created.token}\n`)
    if (!options.json) process.stderr.write(`token ${created.info.id}: ${created.info.role} of ${created.info.workspace === '*' ? 'every workspace' : `workspace ${created.info.workspace}`}, user ${created.info.user}; shown once\n`)
  })

  common(token.command('revoke').description('revoke a token by its id or its secret').argument('<token>', 'token id or secret')).action(async (idOrSecret: string, options: TokenOptions) => {
    const revoked = await withStore(options, (store) => store.revokeToken(idOrSecret))
    process.stdout.write(options.json ? json(revoked) : `revoked ${revoked.id} (${revoked.role}, ${revoked.user})\n`)
  })

  common(token.command('list').description('tokens, never their secrets')).action(async (options: TokenOptions) => {
    const tokens = await withStore(options, (store) => store.listTokens())
    if (options.json) {
      process.stdout.write(json({ tokens }))
      return
    }
    process.stdout.write(`${table(['id', 'user', 'role', 'workspace', 'created', 'revoked'], tokens.map((t) => [t.id, t.user, t.role, t.workspace, t.createdAt, t.revokedAt ?? '']))}\n`)
  })
}
