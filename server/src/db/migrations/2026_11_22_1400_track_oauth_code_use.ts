import { type Kysely, sql } from 'kysely';

// Authorization codes are kept after use, with the grant they started, so that a replayed code can
// revoke the tokens it already produced (RFC 6749 §4.1.2).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table oauth_codes
      add column consumed_at timestamptz,
      add column family_id bigint;
  `.execute(db);
}
