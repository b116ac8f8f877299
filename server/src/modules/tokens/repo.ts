import { type Kysely, type Selectable, sql } from 'kysely';
import type { ApiTokenKind, ApiTokensTable, DB } from '../../db/schema.ts';

export type TokenRow = Selectable<ApiTokensTable>;

export interface NewToken {
  token_hash: string;
  kind: ApiTokenKind;
  user_id: string | null;
  app_id: string | null;
  /** Omit to start a new family. */
  family_id?: string;
  scopes: string[];
  name?: string | null;
  expires_at: Date | null;
}

export function insertToken(db: Kysely<DB>, token: NewToken): Promise<TokenRow> {
  return db
    .insertInto('api_tokens')
    .values({ ...token, family_id: token.family_id ?? sql<string>`next_id()` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The token with this hash, whether or not it is revoked or expired (refresh reuse needs both). */
export function findTokenByHash(db: Kysely<DB>, tokenHash: string): Promise<TokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findUsableToken(db: Kysely<DB>, tokenHash: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

export async function revokeTokenById(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every token of a family; returns all of the family's hashes for cache invalidation. */
export async function revokeFamily(db: Kysely<DB>, familyId: string): Promise<string[]> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
  const rows = await db
    .selectFrom('api_tokens')
    .select('token_hash')
    .where('family_id', '=', familyId)
    .execute();
  return rows.map((r) => r.token_hash);
}

export function listPersonalTokens(db: Kysely<DB>, userId: string): Promise<TokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

export function findPersonalToken(db: Kysely<DB>, userId: string, id: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function tokenHashesOwnedBy(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .leftJoin('oauth_apps', 'oauth_apps.id', 'api_tokens.app_id')
    .select('api_tokens.token_hash')
    .where((eb) =>
      eb.or([eb('api_tokens.user_id', '=', userId), eb('oauth_apps.owner_user_id', '=', userId)]),
    )
    .execute();
  return rows.map((r) => r.token_hash);
}

export async function tokenHashesOfApp(db: Kysely<DB>, appId: string): Promise<string[]> {
  const rows = await db.selectFrom('api_tokens').select('token_hash').where('app_id', '=', appId).execute();
  return rows.map((r) => r.token_hash);
}
