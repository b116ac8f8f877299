// Creator analytics as charts want them: the date range asked of the API (UTC days, as analytics
// counts them), daily series shaped for ChartGraph, totals with their change against the period
// before, and top pins as bars. Pure: no I/O.

export const METRICS = ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK', 'ENGAGEMENT'] as const;
export type Metric = (typeof METRICS)[number];
export type RateMetric = 'ENGAGEMENT_RATE' | 'SAVE_RATE';

export const METRIC_LABELS: Record<Metric | RateMetric, string> = {
  IMPRESSION: 'Impressions',
  SAVE: 'Saves',
  PIN_CLICK: 'Pin clicks',
  OUTBOUND_CLICK: 'Outbound clicks',
  ENGAGEMENT: 'Engagements',
  ENGAGEMENT_RATE: 'Engagement rate',
  SAVE_RATE: 'Save rate',
};

/** How far back the API lets a range start (today minus 90 days). */
export const MAX_DAYS_BACK = 90;
export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];

export interface DateRange {
  start_date: string;
  end_date: string;
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last `days` UTC days, today included. */
export function rangeOf(days: number, now: Date): DateRange {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { start_date: utcDay(today - (days - 1) * DAY_MS), end_date: utcDay(today) };
}

/** The same number of days just before `range`, or null when the API would refuse it (too far back). */
export function previousRangeOf(range: DateRange, now: Date): DateRange | null {
  const length = Math.round((dayMs(range.end_date) - dayMs(range.start_date)) / DAY_MS) + 1;
  const end = dayMs(range.start_date) - DAY_MS;
  const start = end - (length - 1) * DAY_MS;
  const oldest = dayMs(rangeOf(MAX_DAYS_BACK + 1, now).start_date);
  return start < oldest ? null : { start_date: utcDay(start), end_date: utcDay(end) };
}

export interface DailyMetrics {
  date: string;
  data_status: string;
  metrics: Record<string, number>;
}

/** The API's answer: one entry per split group ("all" without a split). */
export type AnalyticsAnswer = Record<
  string,
  { daily_metrics: DailyMetrics[]; summary_metrics: Record<string, number> }
>;

function groupOf(answer: AnalyticsAnswer) {
  return answer.all ?? Object.values(answer)[0];
}

export type ChartPoint = { name: number } & Record<string, number>;

/** ChartGraph's time-series data: one point per day (its UTC midnight), each metric a key. */
export function dailySeries(answer: AnalyticsAnswer, metrics: readonly string[]): ChartPoint[] {
  const group = groupOf(answer);
  if (!group) return [];
  return group.daily_metrics.map((day) => {
    const point: ChartPoint = { name: dayMs(day.date) } as ChartPoint;
    for (const metric of metrics) point[metric] = day.metrics[metric] ?? 0;
    return point;
  });
}

export function totalOf(answer: AnalyticsAnswer | null, metric: string): number {
  return (answer && groupOf(answer)?.summary_metrics[metric]) ?? 0;
}

/** Percent change from the period before, or undefined when there is nothing to compare with. */
export function changePercent(current: number, previous: number | undefined): number | undefined {
  if (previous === undefined || previous === 0) return undefined;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

const isRate = (metric: string) => metric.endsWith('_RATE');

/** A metric's value as people read it: counts with separators, rates as percentages. */
export function formatMetric(metric: string, value: number, locale?: string): string {
  if (isRate(metric)) return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  return Math.round(value).toLocaleString(locale);
}

/** A day on the chart's axis and tooltips ("Nov 3"), in UTC like the data. */
export function dayLabel(ms: number, locale?: string): string {
  return new Date(ms).toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/**
 * An x-axis label that leaves room: every day for a week or two, Mondays for up to two months,
 * the 1st and 15th of each month beyond. Other days get no label (their tooltips still name them).
 */
export function sparseDayLabel(ms: number, rangeDays: number, locale?: string): string {
  const date = new Date(ms);
  if (rangeDays <= 14) return dayLabel(ms, locale);
  if (rangeDays <= 62) return date.getUTCDay() === 1 ? dayLabel(ms, locale) : '';
  return date.getUTCDate() === 1 || date.getUTCDate() === 15 ? dayLabel(ms, locale) : '';
}

export interface TopPin {
  pin_id: string;
  metrics: Record<string, number>;
}

/** Top pins as horizontal bars: the pin's title (or a numbered stand-in) and its value, largest first. */
export function topPinBars(
  pins: readonly TopPin[],
  titles: ReadonlyMap<string, string>,
  metric: string,
): { name: string; [key: string]: string | number }[] {
  const seen = new Map<string, number>();
  return [...pins]
    .sort((a, b) => (b.metrics[metric] ?? 0) - (a.metrics[metric] ?? 0))
    .map((pin, index) => {
      let name = titles.get(pin.pin_id)?.trim() || `Pin ${index + 1}`;
      // ChartGraph keys bars by name: two pins with one title must not merge.
      const repeats = seen.get(name) ?? 0;
      seen.set(name, repeats + 1);
      if (repeats > 0) name = `${name} (${repeats + 1})`;
      return { name, [metric]: pin.metrics[metric] ?? 0 };
    });
}

/** Whether any day of the range has any of the metrics above zero. */
export function hasActivity(answer: AnalyticsAnswer | null, metrics: readonly string[]): boolean {
  return !!answer && metrics.some((metric) => totalOf(answer, metric) > 0);
}
