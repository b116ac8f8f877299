// The core metrics as the admin endpoint reports them: per-day DAU/WAU/MAU, sign-ups and saves per
// active user, and weekly retention by sign-up cohort. Pure: the rows come from core-metrics-repo.
import type { CohortActivityRow, CohortRow, CoreDayRow } from './core-metrics-repo.ts';
import { addDays, dataStatusOf, dayStart } from './dates.ts';
import type { CoreMetricsResponse } from './schemas.ts';

/** Monday (UTC) of the week a day falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(dayStart(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function coreDaysResponse(rows: CoreDayRow[], today: string): CoreMetricsResponse['days'] {
  return rows.map((row) => ({
    date: row.day,
    data_status: dataStatusOf(row.day, today),
    dau: row.dau,
    wau: row.wau,
    mau: row.mau,
    new_users: row.new_users,
    saves: row.save,
    saves_per_user: row.dau === 0 ? 0 : row.save / row.dau,
    impressions: row.impression,
    pin_clicks: row.pin_click,
    outbound_clicks: row.outbound_click,
    pins_created: row.pin_created,
    searches: row.search,
    events: row.events,
  }));
}

/**
 * One entry per cohort week from `since` to this week, oldest first: its size, and how many of it
 * were active in week 0 (the sign-up week), 1, 2, … up to the current week.
 */
export function retentionTable(
  cohorts: CohortRow[],
  activity: CohortActivityRow[],
  since: string,
  today: string,
): CoreMetricsResponse['retention'] {
  const sizes = new Map(cohorts.map((c) => [c.cohort_week, c.users]));
  const active = new Map(activity.map((a) => [`${a.cohort_week}|${a.week_offset}`, a.active]));
  const thisWeek = mondayOf(today);
  const table: CoreMetricsResponse['retention'] = [];
  for (let week = mondayOf(since); week <= thisWeek; week = addDays(week, 7)) {
    const users = sizes.get(week) ?? 0;
    const weeks = Math.round((dayStart(thisWeek) - dayStart(week)) / (7 * 86_400_000)) + 1;
    const activeByWeek = Array.from({ length: weeks }, (_, offset) => active.get(`${week}|${offset}`) ?? 0);
    table.push({
      cohort_week: week,
      users,
      active_by_week: activeByWeek,
      retention_by_week: activeByWeek.map((n) => (users === 0 ? 0 : n / users)),
    });
  }
  return table;
}
