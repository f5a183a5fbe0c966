import { type Db, now } from './sql'

/** Creates the workspace when it is new; concurrent creators both succeed. */
export async function ensure(db: Db, name: string): Promise<void> {
  const found = await db.selectFrom('workspaces').select('name').where('name', '=', name).executeTakeFirst()
  if (!found) await db.insertInto('workspaces').values({ name, created_at: now() }).onConflict((oc) => oc.column('name').doNothing()).execute()
}

export async function list(db: Db): Promise<string[]> {
  return (await db.selectFrom('workspaces').select('name').orderBy('name').execute()).map((w) => w.name)
}
