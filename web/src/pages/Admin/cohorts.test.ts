import { describe, expect, it } from 'vitest';
import {
  averageRetention,
  type CoreDay,
  cohortRows,
  headline,
  percent,
  shareColors,
  weekColumns,
} from './cohorts.ts';

const cohorts = [
  { cohort_week: '2026-11-02', users: 10, active_by_week: [10, 5, 2], retention_by_week: [1, 0.5, 0.2] },
  { cohort_week: '2026-11-16', users: 0, active_by_week: [0], retention_by_week: [0] },
  { cohort_week: '2026-11-09', users: 30, active_by_week: [24, 6], retention_by_week: [0.8, 0.2] },
];

describe('cohortRows', () => {
  it('lists the newest cohort first with a share per week that happened', () => {
    const rows = cohortRows(cohorts);
    expect(rows.map((r) => r.cohortWeek)).toEqual(['2026-11-16', '2026-11-09', '2026-11-02']);
    expect(rows[1]!.cells).toEqual([
      { week: 0, active: 24, share: 0.8 },
      { week: 1, active: 6, share: 0.2 },
    ]);
    expect(rows[0]!.cells).toEqual([{ week: 0, active: 0, share: null }]);
    expect(weekColumns(cohorts)).toBe(3);
  });
});

describe('averageRetention', () => {
  it('weights cohorts by size and counts only cohorts old enough for each week', () => {
    // Week 0: (10 + 0 + 24) / 40; week 1: (5 + 6) / 40; week 2: only the oldest cohort, 2 / 10.
    expect(averageRetention(cohorts)).toEqual([34 / 40, 11 / 40, 0.2]);
    expect(averageRetention([])).toEqual([]);
    expect(averageRetention([cohorts[1]!])).toEqual([null]);
  });
});

describe('shareColors and percent', () => {
  it('darkens with retention and switches to white text when dark', () => {
    expect(shareColors(0)).toEqual({ background: 'hsl(351, 85%, 97%)', color: '#111111' });
    expect(shareColors(1)).toEqual({ background: 'hsl(351, 85%, 42%)', color: '#ffffff' });
    expect(shareColors(2)).toEqual(shareColors(1));
    expect(shareColors(null).color).toBe('#767676');
  });

  it('prints shares as percentages, small ones with a decimal', () => {
    expect(percent(0.5, 'en-US')).toBe('50%');
    expect(percent(0.034, 'en-US')).toBe('3.4%');
    expect(percent(null)).toBe('–');
  });
});

describe('headline', () => {
  const day = (date: string, dau: number, mau: number, saves: number, newUsers: number): CoreDay => ({
    date,
    data_status: 'READY',
    dau,
    wau: dau * 2,
    mau,
    new_users: newUsers,
    saves,
    saves_per_user: dau ? saves / dau : 0,
    impressions: 0,
    pin_clicks: 0,
    outbound_clicks: 0,
    pins_created: 0,
    searches: 0,
    events: 0,
  });

  it('takes DAU/WAU/MAU from the last day and saves per user over the whole range', () => {
    const h = headline([
      day('2026-11-20', 4, 10, 8, 3),
      day('2026-11-21', 1, 10, 0, 1),
      day('2026-11-22', 5, 20, 2, 0),
    ]);
    expect(h).toEqual({ dau: 5, wau: 10, mau: 20, newUsers: 4, savesPerUser: 1, stickiness: 0.25 });
  });

  it('is all zeros for no days', () => {
    expect(headline([])).toEqual({ dau: 0, wau: 0, mau: 0, newUsers: 0, savesPerUser: 0, stickiness: null });
  });
});
