import type { Kysely, Selectable } from 'kysely';
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

/** Deletes and returns the code in one statement, so a code can be exchanged at most once. */
export function consumeCode(db: Kysely<DB>, codeHash: string) {
  return db.deleteFrom('oauth_codes').where('code_hash', '=', codeHash).returningAll().executeTakeFirst();
}
