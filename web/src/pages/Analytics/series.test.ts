import { describe, expect, it } from 'vitest';
import {
  type AnalyticsAnswer,
  changePercent,
  dailySeries,
  dayLabel,
  formatMetric,
  hasActivity,
  previousRangeOf,
  rangeOf,
  sparseDayLabel,
  topPinBars,
  totalOf,
} from './series.ts';

// 23:30 in New York on Nov 21 is already Nov 22 in UTC, the day analytics counts in.
const now = new Date('2026-11-22T04:30:00Z');

describe('date ranges', () => {
  it('ends today (UTC) and spans the days asked for', () => {
    expect(rangeOf(7, now)).toEqual({ start_date: '2026-11-16', end_date: '2026-11-22' });
    expect(rangeOf(1, now)).toEqual({ start_date: '2026-11-22', end_date: '2026-11-22' });
  });

  it('compares with the same number of days just before', () => {
    expect(previousRangeOf(rangeOf(7, now), now)).toEqual({
      start_date: '2026-11-09',
      end_date: '2026-11-15',
    });
    expect(previousRangeOf(rangeOf(30, now), now)).toEqual({
      start_date: '2026-09-24',
      end_date: '2026-10-23',
    });
  });

  it('has nothing to compare with when that would start more than 90 days back', () => {
    expect(previousRangeOf(rangeOf(90, now), now)).toBeNull();
    expect(previousRangeOf(rangeOf(45, now), now)).toEqual({
      start_date: '2026-08-25',
      end_date: '2026-10-08',
    });
    expect(previousRangeOf(rangeOf(46, now), now)).toBeNull();
  });
});

const answer: AnalyticsAnswer = {
  all: {
    daily_metrics: [
      { date: '2026-11-21', data_status: 'READY', metrics: { IMPRESSION: 10, SAVE: 2 } },
      { date: '2026-11-22', data_status: 'PROCESSING', metrics: { IMPRESSION: 5 } },
    ],
    summary_metrics: { IMPRESSION: 15, SAVE: 2, ENGAGEMENT_RATE: 0.1333 },
  },
};

describe('dailySeries', () => {
  it('makes one point per day at its UTC midnight, missing metrics as zero', () => {
    expect(dailySeries(answer, ['IMPRESSION', 'SAVE'])).toEqual([
      { name: Date.UTC(2026, 10, 21), IMPRESSION: 10, SAVE: 2 },
      { name: Date.UTC(2026, 10, 22), IMPRESSION: 5, SAVE: 0 },
    ]);
  });

  it('uses the first group when the answer is split, and nothing when empty', () => {
    expect(dailySeries({ WEB: answer.all! }, ['SAVE'])).toHaveLength(2);
    expect(dailySeries({}, ['SAVE'])).toEqual([]);
  });
});

describe('totals and change', () => {
  it('reads totals and knows whether anything happened', () => {
    expect(totalOf(answer, 'IMPRESSION')).toBe(15);
    expect(totalOf(answer, 'OUTBOUND_CLICK')).toBe(0);
    expect(totalOf(null, 'SAVE')).toBe(0);
    expect(hasActivity(answer, ['SAVE'])).toBe(true);
    expect(hasActivity(answer, ['OUTBOUND_CLICK'])).toBe(false);
  });

  it('gives the change in percent, one decimal, only against a non-zero past', () => {
    expect(changePercent(15, 10)).toBe(50);
    expect(changePercent(1, 3)).toBe(-66.7);
    expect(changePercent(5, 0)).toBeUndefined();
    expect(changePercent(5, undefined)).toBeUndefined();
  });

  it('formats counts and rates', () => {
    expect(formatMetric('IMPRESSION', 12345, 'en-US')).toBe('12,345');
    expect(formatMetric('ENGAGEMENT_RATE', 0.1333, 'en-US')).toBe('13.3%');
    expect(dayLabel(Date.UTC(2026, 10, 3), 'en-US')).toBe('Nov 3');
  });

  it('labels fewer days on the axis as the range grows', () => {
    const monday = Date.UTC(2026, 10, 16);
    const tuesday = Date.UTC(2026, 10, 17);
    expect(sparseDayLabel(tuesday, 7, 'en-US')).toBe('Nov 17');
    expect(sparseDayLabel(tuesday, 30, 'en-US')).toBe('');
    expect(sparseDayLabel(monday, 30, 'en-US')).toBe('Nov 16');
    expect(sparseDayLabel(monday, 90, 'en-US')).toBe('');
    expect(sparseDayLabel(Date.UTC(2026, 10, 15), 90, 'en-US')).toBe('Nov 15');
  });
});

describe('topPinBars', () => {
  it('orders pins by the metric and names them by title, keeping equal titles apart', () => {
    const bars = topPinBars(
      [
        { pin_id: '1', metrics: { SAVE: 1 } },
        { pin_id: '2', metrics: { SAVE: 5 } },
        { pin_id: '3', metrics: { SAVE: 3 } },
        { pin_id: '4', metrics: {} },
      ],
      new Map([
        ['1', 'Tart'],
        ['2', 'Tart'],
        ['3', ' '],
      ]),
      'SAVE',
    );
    expect(bars).toEqual([
      { name: 'Tart', SAVE: 5 },
      { name: 'Pin 2', SAVE: 3 },
      { name: 'Tart (2)', SAVE: 1 },
      { name: 'Pin 4', SAVE: 0 },
    ]);
  });
});
