// Pinterest's metric definitions over the rollups, and the shapes of the analytics responses.
// Pure: the service loads rows, these functions name, split, sum and rank them.
import type { AppType } from '../events/index.ts';
import { type Counts, zeroCounts } from './aggregate.ts';
import type {
  AccountMetricType,
  AccountSplit,
  AnalyticsResponse,
  AppTypeFilter,
  ContentFilterQuery,
  DataStatus,
  PinMetricType,
  TopPinsSort,
} from './schemas.ts';

/** One rollup row: a day's engagement from one app type. */
export interface DayRow extends Counts {
  day: string;
  app_type: AppType;
}

const rate = (part: number, impressions: number) => (impressions === 0 ? 0 : part / impressions);

/** Engagement as Pinterest counts it for organic content: saves, pin clicks and outbound clicks. */
export const engagementOf = (c: Counts) => c.save + c.pin_click + c.outbound_click;

export function accountMetric(name: AccountMetricType | TopPinsSort, c: Counts): number {
  switch (name) {
    case 'ENGAGEMENT':
      return engagementOf(c);
    case 'ENGAGEMENT_RATE':
      return rate(engagementOf(c), c.impression);
    case 'IMPRESSION':
      return c.impression;
    case 'OUTBOUND_CLICK':
      return c.outbound_click;
    case 'OUTBOUND_CLICK_RATE':
      return rate(c.outbound_click, c.impression);
    case 'PIN_CLICK':
      return c.pin_click;
    case 'PIN_CLICK_RATE':
      return rate(c.pin_click, c.impression);
    case 'SAVE':
      return c.save;
    case 'SAVE_RATE':
      return rate(c.save, c.impression);
  }
}

/** Lifetime-only pin metrics (Pinterest reports comment and reaction totals there). */
export const LIFETIME_PIN_METRICS = ['TOTAL_COMMENTS', 'TOTAL_REACTIONS'] as const;
type LifetimePinMetric = (typeof LIFETIME_PIN_METRICS)[number];
export type DailyPinMetric = Exclude<PinMetricType, LifetimePinMetric>;

export function isLifetimePinMetric(name: PinMetricType): name is LifetimePinMetric {
  return (LIFETIME_PIN_METRICS as readonly string[]).includes(name);
}

/**
 * A pin's daily metric. Corkboard has no video pins and does not attribute follows or profile
 * visits to a pin, so those metrics are truthfully zero.
 */
export function pinMetric(name: DailyPinMetric, c: Counts): number {
  switch (name) {
    case 'IMPRESSION':
    case 'OUTBOUND_CLICK':
    case 'PIN_CLICK':
    case 'SAVE':
    case 'SAVE_RATE':
      return accountMetric(name, c);
    default:
      return 0;
  }
}

export function addCounts(into: Counts, from: Counts): Counts {
  into.impression += from.impression;
  into.pin_click += from.pin_click;
  into.outbound_click += from.outbound_click;
  into.save += from.save;
  return into;
}

const APP_TYPE_KEYS: Record<AppType, string> = { web: 'WEB', mobile: 'MOBILE', tablet: 'TABLET' };

/** The app types an `app_types` filter admits. */
export function appTypesOf(filter: AppTypeFilter | undefined): AppType[] {
  if (!filter || filter === 'ALL') return ['web', 'mobile', 'tablet'];
  return [filter.toLowerCase() as AppType];
}

/**
 * The groups a split produces: `all` unsplit; WEB/MOBILE/TABLET by app type. Corkboard's content
 * is all organic images from the account's own (unclaimed) pins, so the other splits have exactly
 * one group.
 */
export function splitGroups(split: AccountSplit | undefined, appTypes: AppType[]): string[] {
  switch (split ?? 'NO_SPLIT') {
    case 'APP_TYPE':
      return appTypes.map((a) => APP_TYPE_KEYS[a]);
    case 'PIN_FORMAT':
      return ['ORGANIC_IMAGE'];
    case 'OWNED_CONTENT':
      return ['OTHER'];
    case 'SOURCE':
      return ['YOUR_PINS'];
    default:
      return ['all'];
  }
}

function groupOf(split: AccountSplit | undefined, appType: AppType): string {
  return split === 'APP_TYPE' ? APP_TYPE_KEYS[appType] : splitGroups(split, [appType])[0]!;
}

/**
 * Whether the content filters select nothing Corkboard has: claimed-domain content, paid content,
 * non-image formats, or other accounts' pins (no account can claim another's).
 */
export function filtersExcludeAll(filters: ContentFilterQuery): boolean {
  return (
    filters.from_claimed_content === 'CLAIMED' ||
    filters.content_type === 'PAID' ||
    (filters.pin_format !== undefined && !['ALL', 'ORGANIC_IMAGE'].includes(filters.pin_format)) ||
    filters.source === 'OTHER_PINS'
  );
}

export interface SeriesOptions<M extends string> {
  days: string[];
  split?: AccountSplit;
  appTypes: AppType[];
  metrics: readonly M[];
  valueOf: (metric: M, counts: Counts) => number;
  statusOf: (day: string) => DataStatus;
}

/** Daily and summary metrics per split group, every day of the range present (zero when idle). */
export function buildSeries<M extends string>(rows: DayRow[], options: SeriesOptions<M>): AnalyticsResponse {
  const groups = splitGroups(options.split, options.appTypes);
  const counts = new Map<string, Counts>();
  for (const row of rows) {
    if (!options.appTypes.includes(row.app_type)) continue;
    const key = `${groupOf(options.split, row.app_type)}|${row.day}`;
    counts.set(key, addCounts(counts.get(key) ?? zeroCounts(), row));
  }
  const named = (c: Counts) =>
    Object.fromEntries(options.metrics.map((metric) => [metric, options.valueOf(metric, c)]));
  const response: AnalyticsResponse = {};
  for (const group of groups) {
    const total = zeroCounts();
    const daily = options.days.map((day) => {
      const c = counts.get(`${group}|${day}`) ?? zeroCounts();
      addCounts(total, c);
      return { date: day, data_status: options.statusOf(day), metrics: named(c) };
    });
    response[group] = { daily_metrics: daily, summary_metrics: named(total) };
  }
  return response;
}
