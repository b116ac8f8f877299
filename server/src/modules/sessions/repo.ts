import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface SessionRecord {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: Date;
}

export async function insertSession(
  db: Kysely<DB>,
  session: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    expires_at: Date;
    user_agent: string | null;
    ip: string | null;
  },
): Promise<string> {
  const row = await db.insertInto('sessions').values(session).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findLiveSession(db: Kysely<DB>, tokenHash: string): Promise<SessionRecord | undefined> {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst() as Promise<SessionRecord | undefined>;
}

/** Deletes one session and returns its hash, for cache invalidation. */
export async function deleteSession(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db.deleteFrom('sessions').where('id', '=', id).returning('token_hash').executeTakeFirst();
  return row?.token_hash;
}

/** Deletes every session of a user except one (the caller's own), returning their hashes. */
export async function deleteOtherSessions(
  db: Kysely<DB>,
  userId: string,
  keepId: string | null,
): Promise<string[]> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  return (await query.returning('token_hash').execute()).map((r) => r.token_hash);
}

export async function sessionHashesOfUser(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('token_hash').where('user_id', '=', userId).execute();
  return rows.map((r) => r.token_hash);
}
