import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, OauthAppsTable } from '../../db/schema.ts';

export type AppRow = Selectable<OauthAppsTable>;

export function insertApp(
  db: Kysely<DB>,
  app: { owner_user_id: string | null; name: string; secret_hash: string; redirect_uris: string[] },
): Promise<AppRow> {
  return db.insertInto('oauth_apps').values(app).returningAll().executeTakeFirstOrThrow();
}

export function findApp(db: Kysely<DB>, id: string): Promise<AppRow | undefined> {
  return db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAppsOf(db: Kysely<DB>, ownerUserId: string): Promise<AppRow[]> {
  return db
    .selectFrom('oauth_apps')
    .selectAll()
    .where('owner_user_id', '=', ownerUserId)
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteApp(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('oauth_apps').where('id', '=', id).execute();
}

export async function insertCode(
  db: Kysely<DB>,
  code: {
    code_hash: string;
    app_id: string;
    user_id: string;
    redirect_uri: string;
    scopes: string[];
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('oauth_codes').values(code).execute();
}

/** The code, locked until the transaction ends, so two exchanges of one code cannot both succeed. */
export function lockCode(db: Kysely<DB>, codeHash: string) {
  return db
    .selectFrom('oauth_codes')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markCodeUsed(db: Kysely<DB>, codeHash: string, familyId: string): Promise<void> {
  await db
    .updateTable('oauth_codes')
    .set({ consumed_at: sql`now()`, family_id: familyId })
    .where('code_hash', '=', codeHash)
    .execute();
}

export async function newGrantId(db: Kysely<DB>): Promise<string> {
  const row = await sql<{ id: string }>`select next_id() as id`.execute(db);
  return row.rows[0]!.id;
}
