// The pure parts of analytics: aggregation of a batch, metric definitions, response shapes, date
// rules and the retention table. No database.
import { describe, expect, it } from 'vitest';
import type { EventType, LoggedEvent } from '../events/index.ts';
import { activeDays, dayOf, pinDayDeltas, platformDayDeltas, recentEngagementRows } from './aggregate.ts';
import { mondayOf, retentionTable } from './core-metrics.ts';
import { dataStatusOf, daysBetween, rangeProblem } from './dates.ts';
import { accountMetric, buildSeries, filtersExcludeAll, pinMetric } from './metrics.ts';

let position = 0n;
function event(
  type: EventType,
  objectId: string,
  occurredAt: string,
  options: { actor?: string | null; app?: 'web' | 'mobile' | 'tablet' } = {},
): LoggedEvent {
  position += 1n;
  return {
    id: crypto.randomUUID(),
    type,
    actor_id: options.actor === undefined ? '7' : options.actor,
    object: { type: type.startsWith('pin.') ? 'pin' : 'user', id: objectId },
    occurred_at: occurredAt,
    context: { app_type: options.app ?? 'web', locale: null, session_id: null, surface: null },
    data: {} as LoggedEvent['data'],
    position,
  };
}

describe('aggregation of a batch', () => {
  it('sums engagement per pin, UTC day and app type, closeups as pin clicks', () => {
    const deltas = pinDayDeltas([
      event('pin.impression.v1', '1', '2026-11-20T10:00:00.000Z'),
      event('pin.impression.v1', '1', '2026-11-20T23:59:59.999Z'),
      event('pin.impression.v1', '1', '2026-11-20T10:00:00.000Z', { app: 'mobile' }),
      // 01:30 at +02:00 is still the 20th in UTC.
      event('pin.closeup.v1', '1', '2026-11-21T01:30:00+02:00'),
      event('pin.outbound_click.v1', '1', '2026-11-21T00:00:00.000Z'),
      event('pin.saved.v1', '2', '2026-11-21T08:00:00.000Z'),
      event('pin.created.v1', '3', '2026-11-21T08:00:00.000Z'),
      event('user.followed.v1', '9', '2026-11-21T08:00:00.000Z'),
    ]);
    const byKey = Object.fromEntries(deltas.map((d) => [`${d.pinId}|${d.day}|${d.appType}`, d]));
    expect(Object.keys(byKey).sort()).toEqual([
      '1|2026-11-20|mobile',
      '1|2026-11-20|web',
      '1|2026-11-21|web',
      '2|2026-11-21|web',
    ]);
    expect(byKey['1|2026-11-20|web']).toMatchObject({
      impression: 2,
      pin_click: 1,
      outbound_click: 0,
      save: 0,
    });
    expect(byKey['1|2026-11-20|mobile']).toMatchObject({ impression: 1 });
    expect(byKey['1|2026-11-21|web']).toMatchObject({ impression: 0, outbound_click: 1 });
    expect(byKey['2|2026-11-21|web']).toMatchObject({ save: 1, impression: 0 });
  });

  it('cuts UTC timestamps and parses others', () => {
    expect(dayOf('2026-01-31T23:00:00.000Z')).toBe('2026-01-31');
    expect(dayOf('2026-01-31T23:00:00-02:00')).toBe('2026-02-01');
  });

  it('counts platform totals per day and every event', () => {
    const [day] = platformDayDeltas([
      event('pin.saved.v1', '2', '2026-11-21T08:00:00Z'),
      event('pin.created.v1', '3', '2026-11-21T09:00:00Z'),
      event('search.performed.v1', 'tea', '2026-11-21T09:00:00Z'),
      event('pin.deleted.v1', '3', '2026-11-21T10:00:00Z'),
    ]);
    expect(day).toMatchObject({ day: '2026-11-21', events: 4, save: 1, pin_created: 1, search: 1 });
  });

  it('marks each actor active once per day and ignores events without an actor', () => {
    const days = activeDays([
      event('pin.impression.v1', '1', '2026-11-20T01:00:00Z', { actor: '5' }),
      event('pin.closeup.v1', '1', '2026-11-20T02:00:00Z', { actor: '5' }),
      event('pin.closeup.v1', '1', '2026-11-21T02:00:00Z', { actor: '5' }),
      event('pin.closeup.v1', '1', '2026-11-21T02:00:00Z', { actor: null }),
    ]);
    expect(days).toEqual([
      { day: '2026-11-20', userId: '5' },
      { day: '2026-11-21', userId: '5' },
    ]);
  });

  it('keeps each user’s newest engagement up to the cap, without impressions or duplicates', () => {
    const rows = recentEngagementRows(
      [
        event('pin.impression.v1', '1', '2026-11-20T01:00:00Z'),
        event('pin.closeup.v1', '1', '2026-11-20T01:00:00Z'),
        event('pin.closeup.v1', '1', '2026-11-20T01:00:00Z'),
        event('pin.saved.v1', '2', '2026-11-20T03:00:00Z'),
        event('pin.outbound_click.v1', '3', '2026-11-20T02:00:00Z'),
        event('pin.closeup.v1', '4', '2026-11-20T05:00:00Z', { actor: '8' }),
      ],
      2,
    );
    expect(rows.filter((r) => r.userId === '7').map((r) => [r.pinId, r.kind])).toEqual([
      ['2', 'save'],
      ['3', 'outbound_click'],
    ]);
    expect(rows.filter((r) => r.userId === '8')).toHaveLength(1);
  });
});

describe('metrics', () => {
  const counts = { impression: 200, pin_click: 10, outbound_click: 5, save: 15 };

  it('defines engagement and rates over impressions, zero without impressions', () => {
    expect(accountMetric('ENGAGEMENT', counts)).toBe(30);
    expect(accountMetric('ENGAGEMENT_RATE', counts)).toBeCloseTo(0.15);
    expect(accountMetric('SAVE_RATE', counts)).toBeCloseTo(0.075);
    expect(accountMetric('PIN_CLICK_RATE', counts)).toBeCloseTo(0.05);
    expect(accountMetric('SAVE_RATE', { ...counts, impression: 0 })).toBe(0);
    expect(pinMetric('VIDEO_START', counts)).toBe(0);
    expect(pinMetric('OUTBOUND_CLICK', counts)).toBe(5);
  });

  it('builds every day of the range, split by app type, with summaries of the summed counts', () => {
    const zero = { impression: 0, pin_click: 0, outbound_click: 0, save: 0 };
    const series = buildSeries(
      [
        { day: '2026-11-20', app_type: 'web', ...zero, impression: 10, save: 1 },
        { day: '2026-11-20', app_type: 'mobile', ...zero, impression: 30, save: 1 },
        { day: '2026-11-22', app_type: 'mobile', ...zero, impression: 10, save: 3 },
      ],
      {
        days: daysBetween('2026-11-20', '2026-11-22'),
        split: 'APP_TYPE',
        appTypes: ['web', 'mobile', 'tablet'],
        metrics: ['IMPRESSION', 'SAVE_RATE'] as const,
        valueOf: accountMetric,
        statusOf: (day) => dataStatusOf(day, '2026-11-22'),
      },
    );
    expect(Object.keys(series)).toEqual(['WEB', 'MOBILE', 'TABLET']);
    expect(series.MOBILE!.daily_metrics.map((d) => d.metrics.IMPRESSION)).toEqual([30, 0, 10]);
    expect(series.MOBILE!.summary_metrics).toEqual({ IMPRESSION: 40, SAVE_RATE: 0.1 });
    expect(series.WEB!.daily_metrics.map((d) => d.data_status)).toEqual(['READY', 'READY', 'PROCESSING']);
    expect(series.TABLET!.summary_metrics).toEqual({ IMPRESSION: 0, SAVE_RATE: 0 });
  });

  it('answers filters for content Corkboard does not have with nothing', () => {
    expect(filtersExcludeAll({ from_claimed_content: 'CLAIMED' })).toBe(true);
    expect(filtersExcludeAll({ pin_format: 'ORGANIC_VIDEO' })).toBe(true);
    expect(
      filtersExcludeAll({ pin_format: 'ORGANIC_IMAGE', source: 'YOUR_PINS', content_type: 'ORGANIC' }),
    ).toBe(false);
  });
});

describe('date rules', () => {
  const today = '2026-11-22';

  it('allows start_date up to 90 days back, not 91', () => {
    expect(rangeProblem('2026-08-24', today, today)).toBeNull();
    expect(rangeProblem('2026-08-23', today, today)).toMatch(/90 days back/);
  });

  it('refuses end before start, the future and impossible dates', () => {
    expect(rangeProblem('2026-11-10', '2026-11-09', today)).toMatch(/before start_date/);
    expect(rangeProblem('2026-11-10', '2026-11-23', today)).toMatch(/future/);
    expect(rangeProblem('2026-11-23', '2026-11-23', today)).toMatch(/future/);
    expect(rangeProblem('2026-02-30', '2026-03-01', '2026-03-02')).toMatch(/start_date/);
  });

  it('says READY for past days, PROCESSING for today, BEFORE_PIN_CREATED before the pin', () => {
    expect(dataStatusOf('2026-11-21', today)).toBe('READY');
    expect(dataStatusOf(today, today)).toBe('PROCESSING');
    expect(dataStatusOf('2026-11-19', today, '2026-11-20')).toBe('BEFORE_PIN_CREATED');
  });
});

describe('retention table', () => {
  it('lists every cohort week with its activity per week since sign-up', () => {
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    const table = retentionTable(
      [{ cohort_week: '2026-11-02', users: 4 }],
      [
        { cohort_week: '2026-11-02', week_offset: 0, active: 4 },
        { cohort_week: '2026-11-02', week_offset: 2, active: 1 },
      ],
      '2026-11-02',
      '2026-11-22',
    );
    expect(table).toEqual([
      {
        cohort_week: '2026-11-02',
        users: 4,
        active_by_week: [4, 0, 1],
        retention_by_week: [1, 0, 0.25],
      },
      { cohort_week: '2026-11-09', users: 0, active_by_week: [0, 0], retention_by_week: [0, 0] },
      { cohort_week: '2026-11-16', users: 0, active_by_week: [0], retention_by_week: [0] },
    ]);
  });
});
