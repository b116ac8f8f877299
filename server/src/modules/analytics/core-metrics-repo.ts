// The core metrics' SQL: active users per day and over trailing windows, sign-ups, platform totals,
// and retention by sign-up week. Days are UTC; weeks start on Monday.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface CoreDayRow {
  day: string;
  dau: number;
  wau: number;
  mau: number;
  new_users: number;
  events: number;
  impression: number;
  pin_click: number;
  outbound_click: number;
  save: number;
  pin_created: number;
  search: number;
}

/** One row per day of the range; WAU counts the 7 days ending that day, MAU the 30. */
export async function coreDays(db: Kysely<DB>, from: string, to: string): Promise<CoreDayRow[]> {
  const result = await sql<CoreDayRow>`
    with days as (
      select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') as g (d)
    ),
    signups as (
      select (created_at at time zone 'UTC')::date as day, count(*) as n from users
      where created_at >= (${from}::date::timestamp at time zone 'UTC') group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      (select count(*) from user_activity_days a where a.day = days.day)::int as dau,
      (select count(distinct a.user_id) from user_activity_days a
        where a.day between days.day - 6 and days.day)::int as wau,
      (select count(distinct a.user_id) from user_activity_days a
        where a.day between days.day - 29 and days.day)::int as mau,
      coalesce(s.n, 0)::int as new_users,
      coalesce(p.events, 0)::int as events, coalesce(p.impression, 0)::int as impression,
      coalesce(p.pin_click, 0)::int as pin_click, coalesce(p.outbound_click, 0)::int as outbound_click,
      coalesce(p.save, 0)::int as save, coalesce(p.pin_created, 0)::int as pin_created,
      coalesce(p.search, 0)::int as search
    from days
    left join signups s on s.day = days.day
    left join platform_daily_metrics p on p.day = days.day
    order by days.day`.execute(db);
  return result.rows;
}

/** Monday of a date's week, in SQL. */
const mondayOf = (date: string) => sql.raw(`(${date} - (extract(isodow from ${date})::int - 1))`);

export interface CohortRow {
  cohort_week: string;
  users: number;
}

export interface CohortActivityRow {
  cohort_week: string;
  week_offset: number;
  active: number;
}

/** Users who signed up in each week from `since` (a Monday) on, and how many were active each week after. */
export async function cohorts(
  db: Kysely<DB>,
  since: string,
): Promise<{ cohorts: CohortRow[]; activity: CohortActivityRow[] }> {
  const signedUp = sql`
    select id, ${mondayOf("(created_at at time zone 'UTC')::date")} as week from users
    where created_at >= (${since}::date::timestamp at time zone 'UTC')`;
  const sizes = await sql<CohortRow>`
    select to_char(c.week, 'YYYY-MM-DD') as cohort_week, count(*)::int as users
    from (${signedUp}) c group by c.week order by c.week`.execute(db);
  const activity = await sql<CohortActivityRow>`
    select to_char(c.week, 'YYYY-MM-DD') as cohort_week,
      ((${mondayOf('a.day')} - c.week) / 7)::int as week_offset,
      count(distinct a.user_id)::int as active
    from (${signedUp}) c join user_activity_days a on a.user_id = c.id and a.day >= c.week
    group by 1, 2 order by 1, 2`.execute(db);
  return { cohorts: sizes.rows, activity: activity.rows };
}
