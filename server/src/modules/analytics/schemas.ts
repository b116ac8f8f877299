// Query parameters and responses of Pinterest's organic analytics operations, field for field with
// the v5 spec, and of the core-metrics extension.
import { type Static, Type } from 'typebox';

export const DATA_STATUSES = ['PROCESSING', 'READY', 'ESTIMATE', 'BEFORE_PIN_CREATED'] as const;
export type DataStatus = (typeof DATA_STATUSES)[number];

export const APP_TYPE_FILTERS = ['ALL', 'MOBILE', 'TABLET', 'WEB'] as const;
export type AppTypeFilter = (typeof APP_TYPE_FILTERS)[number];

/** Metrics of one pin (spec: query_pin_analytics_metric_types, standard and video). */
export const PIN_METRIC_TYPES = [
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'PIN_CLICK',
  'SAVE',
  'SAVE_RATE',
  'TOTAL_COMMENTS',
  'TOTAL_REACTIONS',
  'USER_FOLLOW',
  'PROFILE_VISIT',
  'VIDEO_MRC_VIEW',
  'VIDEO_10S_VIEW',
  'QUARTILE_95_PERCENT_VIEW',
  'VIDEO_V50_WATCH_TIME',
  'VIDEO_START',
  'VIDEO_AVG_WATCH_TIME',
] as const;
export type PinMetricType = (typeof PIN_METRIC_TYPES)[number];

/** Metrics of an account and of top pins (spec: query_metric_types). */
export const ACCOUNT_METRIC_TYPES = [
  'ENGAGEMENT',
  'ENGAGEMENT_RATE',
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'OUTBOUND_CLICK_RATE',
  'PIN_CLICK',
  'PIN_CLICK_RATE',
  'SAVE',
  'SAVE_RATE',
] as const;
export type AccountMetricType = (typeof ACCOUNT_METRIC_TYPES)[number];

export const TOP_PINS_SORTS = ['ENGAGEMENT', 'IMPRESSION', 'OUTBOUND_CLICK', 'PIN_CLICK', 'SAVE'] as const;
export type TopPinsSort = (typeof TOP_PINS_SORTS)[number];

export const ACCOUNT_SPLITS = ['NO_SPLIT', 'APP_TYPE', 'OWNED_CONTENT', 'SOURCE', 'PIN_FORMAT'] as const;
export type AccountSplit = (typeof ACCOUNT_SPLITS)[number];

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (UTC).' });
const AdAccountId = Type.Optional(Type.String({ maxLength: 18, pattern: '^\\d+$' }));
const AppTypes = Type.Optional(Type.Enum(APP_TYPE_FILTERS));

const DateRange = {
  start_date: Day,
  end_date: Day,
  app_types: AppTypes,
  ad_account_id: AdAccountId,
};

export const PinAnalyticsQuery = Type.Object({
  ...DateRange,
  metric_types: Type.Array(Type.Enum(PIN_METRIC_TYPES), { minItems: 1 }),
  split_field: Type.Optional(Type.Enum(['NO_SPLIT', 'APP_TYPE'] as const)),
});
export type PinAnalyticsQuery = Static<typeof PinAnalyticsQuery>;

export const MultiPinAnalyticsQuery = Type.Object({
  ...DateRange,
  pin_ids: Type.Array(Type.String({ pattern: '^\\d+$', maxLength: 19 }), { minItems: 1, maxItems: 100 }),
  metric_types: Type.Array(Type.Enum(PIN_METRIC_TYPES), { minItems: 1 }),
});
export type MultiPinAnalyticsQuery = Static<typeof MultiPinAnalyticsQuery>;

/** Filters that Corkboard answers truthfully: it has no claimed domains, ads or video pins. */
const ContentFilters = {
  from_claimed_content: Type.Optional(Type.Enum(['OTHER', 'CLAIMED', 'BOTH'] as const)),
  pin_format: Type.Optional(
    Type.Enum([
      'ALL',
      'ORGANIC_IMAGE',
      'ORGANIC_PRODUCT',
      'ORGANIC_VIDEO',
      'ADS_STANDARD',
      'ADS_PRODUCT',
      'ADS_VIDEO',
      'ADS_IDEA',
    ] as const),
  ),
  content_type: Type.Optional(Type.Enum(['ALL', 'PAID', 'ORGANIC'] as const)),
  source: Type.Optional(Type.Enum(['ALL', 'YOUR_PINS', 'OTHER_PINS'] as const)),
};

export const AccountAnalyticsQuery = Type.Object({
  ...DateRange,
  ...ContentFilters,
  metric_types: Type.Optional(Type.Array(Type.Enum(ACCOUNT_METRIC_TYPES))),
  split_field: Type.Optional(Type.Enum(ACCOUNT_SPLITS)),
});
export type AccountAnalyticsQuery = Static<typeof AccountAnalyticsQuery>;

export const TopPinsQuery = Type.Object({
  ...DateRange,
  ...ContentFilters,
  sort_by: Type.Enum(TOP_PINS_SORTS),
  metric_types: Type.Optional(Type.Array(Type.Enum(ACCOUNT_METRIC_TYPES))),
  num_of_pins: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  created_in_last_n_days: Type.Optional(Type.Literal(30)),
});
export type TopPinsQuery = Static<typeof TopPinsQuery>;

export type ContentFilterQuery = Pick<
  AccountAnalyticsQuery,
  'from_claimed_content' | 'pin_format' | 'content_type' | 'source'
>;

const Status = Type.Enum(DATA_STATUSES);
const MetricValues = Type.Record(Type.String(), Type.Number());

const DailyMetrics = Type.Array(
  Type.Object({ date: Type.String(), data_status: Status, metrics: MetricValues }),
);

export const AnalyticsResponse = Type.Record(
  Type.String(),
  Type.Object({ daily_metrics: DailyMetrics, summary_metrics: MetricValues }),
);
export type AnalyticsResponse = Static<typeof AnalyticsResponse>;

export const PinAnalyticsResponse = Type.Record(
  Type.String(),
  Type.Object({
    daily_metrics: DailyMetrics,
    summary_metrics: MetricValues,
    lifetime_metrics: Type.Record(Type.String(), Type.Integer()),
  }),
);
export type PinAnalyticsResponse = Static<typeof PinAnalyticsResponse>;

export const BulkPinAnalyticsResponse = Type.Record(Type.String(), PinAnalyticsResponse);

export const TopPinsResponse = Type.Object({
  date_availability: Type.Object({
    is_realtime: Type.Boolean(),
    latest_available_timestamp: Type.Number(),
  }),
  pins: Type.Array(
    Type.Object({
      pin_id: Type.String(),
      metrics: MetricValues,
      data_status: Type.Record(Type.String(), Status),
    }),
  ),
  sort_by: Type.Enum(TOP_PINS_SORTS),
});
export type TopPinsResponse = Static<typeof TopPinsResponse>;

export const CoreMetricsQuery = Type.Object({
  start_date: Type.Optional(Day),
  end_date: Type.Optional(Day),
  cohort_weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26, default: 8 })),
});
export type CoreMetricsQuery = Static<typeof CoreMetricsQuery>;

export const CoreMetricsResponse = Type.Object({
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      data_status: Status,
      dau: Type.Integer(),
      wau: Type.Integer(),
      mau: Type.Integer(),
      new_users: Type.Integer(),
      saves: Type.Integer(),
      saves_per_user: Type.Number(),
      impressions: Type.Integer(),
      pin_clicks: Type.Integer(),
      outbound_clicks: Type.Integer(),
      pins_created: Type.Integer(),
      searches: Type.Integer(),
      events: Type.Integer(),
    }),
  ),
  retention: Type.Array(
    Type.Object({
      cohort_week: Type.String({ description: 'Monday (UTC) of the week the cohort signed up.' }),
      users: Type.Integer(),
      active_by_week: Type.Array(Type.Integer(), {
        description: 'Users of the cohort active in week 0, 1, 2, … after signing up.',
      }),
      retention_by_week: Type.Array(Type.Number()),
    }),
  ),
});
export type CoreMetricsResponse = Static<typeof CoreMetricsResponse>;
