// The admin page's numbers: the retention triangle (one row per sign-up week, one cell per week
// after), its colour scale, the average curve over cohorts, and headline figures. Pure: no I/O.

export interface CoreDay {
  date: string;
  data_status: string;
  dau: number;
  wau: number;
  mau: number;
  new_users: number;
  saves: number;
  saves_per_user: number;
  impressions: number;
  pin_clicks: number;
  outbound_clicks: number;
  pins_created: number;
  searches: number;
  events: number;
}

export interface Cohort {
  cohort_week: string;
  users: number;
  active_by_week: number[];
  retention_by_week: number[];
}

export interface CoreMetrics {
  days: CoreDay[];
  retention: Cohort[];
}

export interface CohortCell {
  week: number;
  active: number;
  /** Share of the cohort active that week (0..1); null when the cohort is empty. */
  share: number | null;
}

export interface CohortRow {
  cohortWeek: string;
  users: number;
  /** Weeks 0..n that have happened for this cohort; later weeks are absent, not zero. */
  cells: CohortCell[];
}

/** Newest cohort first, as retention tables read; each cell's share computed from the counts. */
export function cohortRows(retention: readonly Cohort[]): CohortRow[] {
  return [...retention]
    .sort((a, b) => b.cohort_week.localeCompare(a.cohort_week))
    .map((cohort) => ({
      cohortWeek: cohort.cohort_week,
      users: cohort.users,
      cells: cohort.active_by_week.map((active, week) => ({
        week,
        active,
        share: cohort.users === 0 ? null : active / cohort.users,
      })),
    }));
}

/** How many week columns the table needs: the oldest cohort's. */
export function weekColumns(retention: readonly Cohort[]): number {
  return retention.reduce((most, cohort) => Math.max(most, cohort.active_by_week.length), 0);
}

/**
 * Retention by weeks since sign-up over all cohorts, weighted by cohort size: for week w, the users
 * of cohorts old enough to have a week w who were active in it, over those cohorts' users.
 */
export function averageRetention(retention: readonly Cohort[]): (number | null)[] {
  return Array.from({ length: weekColumns(retention) }, (_, week) => {
    let users = 0;
    let active = 0;
    for (const cohort of retention) {
      if (week >= cohort.active_by_week.length) continue;
      users += cohort.users;
      active += cohort.active_by_week[week] ?? 0;
    }
    return users === 0 ? null : active / users;
  });
}

/** A heatmap cell's colours: stronger red for higher retention, text that stays readable on it. */
export function shareColors(share: number | null): { background: string; color: string } {
  if (share === null) return { background: '#f7f7f7', color: '#767676' };
  const clamped = Math.max(0, Math.min(1, share));
  // Lightness from 97% (nobody came back) to 42% (everyone did), in Corkboard's red hue.
  const lightness = Math.round(97 - clamped * 55);
  return { background: `hsl(351, 85%, ${lightness}%)`, color: lightness < 62 ? '#ffffff' : '#111111' };
}

export function percent(share: number | null, locale?: string): string {
  if (share === null) return '–';
  return `${(share * 100).toLocaleString(locale, { maximumFractionDigits: share < 0.1 ? 1 : 0 })}%`;
}

export interface Headline {
  dau: number;
  wau: number;
  mau: number;
  newUsers: number;
  /** Saves over active users across the range (not an average of daily ratios). */
  savesPerUser: number;
  /** DAU / MAU on the last day: how sticky the product is. */
  stickiness: number | null;
}

export function headline(days: readonly CoreDay[]): Headline {
  const last = days[days.length - 1];
  const saves = days.reduce((sum, d) => sum + d.saves, 0);
  const activeDays = days.reduce((sum, d) => sum + d.dau, 0);
  return {
    dau: last?.dau ?? 0,
    wau: last?.wau ?? 0,
    mau: last?.mau ?? 0,
    newUsers: days.reduce((sum, d) => sum + d.new_users, 0),
    savesPerUser: activeDays === 0 ? 0 : saves / activeDays,
    stickiness: last && last.mau > 0 ? last.dau / last.mau : null,
  };
}
