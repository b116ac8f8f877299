// `corkboard export --user U`: the user's own rows across the product, read-only. Anything that
// points at another user's content (a comment's pin, a save's parent, a followed board) is given
// only when the user may still see that content: on a public board, or one they own or collaborate
// on. Another user's secret or protected content never appears.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The board aliased `b` is one `userId` may see (besides blocks, which hide nothing of their own). */
const readable = (userId: string, b = 'b') => sql`(${sql.ref(`${b}.privacy`)} = 'PUBLIC'
  or ${sql.ref(`${b}.owner_id`)} = ${userId}
  or exists (select 1 from board_collaborators bc
    where bc.board_id = ${sql.ref(`${b}.id`)} and bc.user_id = ${userId} and bc.status = 'accepted'))`;

async function rows<T>(db: Kysely<DB>, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

export async function account(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select id::text, username, email, display_name, about, website_url, profile_image, account_type,
        board_count, pin_count, follower_count, following_count, created_at, updated_at
      from users where id = ${userId}`,
  );
}

export function boards(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select b.id::text, b.name, b.description, b.privacy, b.created_at,
        coalesce((select json_agg(json_build_object('id', s.id::text, 'name', s.name, 'created_at', s.created_at)
          order by s.id) from board_sections s where s.board_id = b.id), '[]'::json) as sections
      from boards b where b.owner_id = ${userId} order by b.id`,
  );
}

export function collaborations(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select b.id::text as board_id, b.name as board_name, u.username as owner_username, bc.status,
        bc.created_at
      from board_collaborators bc join boards b on b.id = bc.board_id join users u on u.id = b.owner_id
      where bc.user_id = ${userId} and bc.status = 'accepted' order by b.id`,
  );
}

/** The user's pins (created and saved); a save's parent only while the user may see it. */
export function pins(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select p.id::text, p.board_id::text, p.section_id::text, p.title, p.description, p.link,
        p.alt_text, p.media_type, p.created_at,
        (select parent.id::text from pins parent join boards b on b.id = parent.board_id
          where parent.id = p.parent_pin_id and ${readable(userId)}) as parent_pin_id,
        p.parent_pin_id is not null as is_save,
        coalesce((select json_agg(im.sha256 order by pi.position) from pin_images pi
          join images im on im.id = pi.image_id where pi.pin_id = p.id), '[]'::json) as image_sha256
      from pins p where p.owner_id = ${userId} order by p.id`,
  );
}

export function following(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select u.username, f.created_at from user_follows f join users u on u.id = f.followee_id
      where f.follower_id = ${userId} order by f.created_at`,
  );
}

export function followers(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select u.username, f.created_at from user_follows f join users u on u.id = f.follower_id
      where f.followee_id = ${userId} order by f.created_at`,
  );
}

export function boardFollows(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select b.id::text as board_id, b.name as board_name, f.created_at
      from board_follows f join boards b on b.id = f.board_id
      where f.user_id = ${userId} and ${readable(userId)} order by f.created_at`,
  );
}

export function comments(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select c.id::text, c.text, c.created_at,
        case when ${readable(userId)} then c.pin_id::text end as pin_id
      from comments c join pins p on p.id = c.pin_id join boards b on b.id = p.board_id
      where c.author_id = ${userId} order by c.id`,
  );
}

export function reactions(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select r.kind, r.created_at, case when ${readable(userId)} then r.pin_id::text end as pin_id
      from reactions r join pins p on p.id = r.pin_id join boards b on b.id = p.board_id
      where r.user_id = ${userId} order by r.created_at`,
  );
}

export async function engagementReceived(db: Kysely<DB>, userId: string) {
  const [row] = await rows(
    db,
    sql<{ impression: number; pin_click: number; outbound_click: number; save: number }>`
      select coalesce(sum(impression), 0)::int as impression, coalesce(sum(pin_click), 0)::int as pin_click,
        coalesce(sum(outbound_click), 0)::int as outbound_click, coalesce(sum(save), 0)::int as save
      from user_daily_metrics where user_id = ${userId}`,
  );
  return row!;
}

export async function activeDays(db: Kysely<DB>, userId: string): Promise<string[]> {
  const result = await rows(
    db,
    sql<{ day: string }>`
      select to_char(day, 'YYYY-MM-DD') as day from user_activity_days where user_id = ${userId} order by day`,
  );
  return result.map((row) => row.day);
}

export function recentEngagement(db: Kysely<DB>, userId: string) {
  return rows(
    db,
    sql<Record<string, unknown>>`
      select r.pin_id::text, r.kind, r.occurred_at
      from recent_engagement r join pins p on p.id = r.pin_id join boards b on b.id = p.board_id
      where r.user_id = ${userId} and ${readable(userId)}
      order by r.occurred_at desc`,
  );
}
