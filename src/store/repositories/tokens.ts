import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { SilkwayError } from '../../model'
import type { Database, Role } from '../database'
import { type Db, now } from './sql'

export interface TokenInfo {
  id: string
  user: string
  workspace: string
  role: Role
  createdBy: string
  createdAt: string
  revokedAt: string | null
}

export const ROLES: readonly Role[] = ['viewer', 'planner', 'admin']
const TOKEN_PREFIX = 'swt_'
/** Longer than any secret `create` makes (4 + 43 characters): a longer one is refused before hashing. */
const MAX_SECRET_LENGTH = 200

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex')

function info(row: Database['tokens']): TokenInfo {
  return { id: row.id, user: row.user_name, workspace: row.workspace, role: row.role, createdBy: row.created_by, createdAt: row.created_at, revokedAt: row.revoked_at }
}

/** Creates a token and returns its secret, which is shown once: only its SHA-256 is stored. */
export async function create(db: Db, options: { user: string; role: Role; workspace?: string; createdBy: string }): Promise<{ token: string; info: TokenInfo }> {
  if (!ROLES.includes(options.role)) throw new SilkwayError('SW_INVALID_ARGUMENT', `role '${options.role}' is not one of ${ROLES.join(', ')}`)
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const row = {
    id: randomUUID(),
    hash: hash(secret),
    user_name: options.user,
    workspace: options.workspace ?? '*',
    role: options.role,
    created_by: options.createdBy,
    created_at: now(),
    revoked_at: null,
  }
  await db.insertInto('tokens').values(row).execute()
  return { token: secret, info: info(row) }
}

/** The live token with this secret, or undefined. */
export async function find(db: Db, secret: string): Promise<TokenInfo | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > MAX_SECRET_LENGTH) return undefined
  const row = await db.selectFrom('tokens').selectAll().where('hash', '=', hash(secret)).where('revoked_at', 'is', null).executeTakeFirst()
  return row ? info(row) : undefined
}

export async function list(db: Db): Promise<TokenInfo[]> {
  return (await db.selectFrom('tokens').selectAll().orderBy('created_at').execute()).map(info)
}

/** Revokes by id or by the secret itself; answers the token revoked. Revoking twice keeps the first time. */
export async function revoke(db: Db, idOrSecret: string): Promise<TokenInfo> {
  const column = idOrSecret.startsWith(TOKEN_PREFIX) ? 'hash' : 'id'
  const key = column === 'hash' ? hash(idOrSecret) : idOrSecret
  const row = await db.selectFrom('tokens').selectAll().where(column, '=', key).executeTakeFirst()
  if (!row) throw new SilkwayError('SW_NOT_FOUND', 'no such token', {})
  if (row.revoked_at === null) {
    row.revoked_at = now()
    await db.updateTable('tokens').set({ revoked_at: row.revoked_at }).where('id', '=', row.id).execute()
  }
  return info(row)
}
