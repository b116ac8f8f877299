import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.ts';

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  username: string;
  email: string;
  password_hash: string;
  display_name: string;
}

export interface ProfilePatch {
  display_name?: string;
  about?: string;
  website_url?: string;
  profile_image?: string;
}

export function insertUser(db: Kysely<DB>, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** Login accepts either the username or the email address. */
export function findUserByLogin(db: Kysely<DB>, login: string): Promise<UserRow | undefined> {
  const key = login.toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', key), eb(sql`lower(email)`, '=', key)]))
    .executeTakeFirst();
}

export function updateProfile(db: Kysely<DB>, id: string, patch: ProfilePatch): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<DB>, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Locks the user's row until the transaction ends: rows that would refer to the user (a follow, a
 * comment) wait for their foreign-key check, so nothing new is counted while the account goes.
 */
export async function lockUser(db: Kysely<DB>, id: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Removes the user; foreign keys cascade to everything the account owns. */
export async function deleteUser(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type UserCounter = 'board_count' | 'pin_count' | 'follower_count' | 'following_count';

/** Adds to a user's denormalized counters; callers pass their transaction so counts move with rows. */
export async function adjustCounters(
  db: Kysely<DB>,
  userId: string,
  deltas: Partial<Record<UserCounter, number>>,
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, delta]) => delta !== 0) as [UserCounter, number][];
  if (entries.length === 0) return;
  const set = Object.fromEntries(
    entries.map(([column, delta]) => [column, sql<number>`greatest(${sql.ref(column)} + ${delta}, 0)`]),
  );
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
}
