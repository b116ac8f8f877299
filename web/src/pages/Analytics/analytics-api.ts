// Pinterest's account analytics operations, as the analytics page asks them.
import { api } from '../../api/client.ts';
import type { AnalyticsAnswer, DateRange, Metric, TopPin } from './series.ts';

export interface TopPinsAnswer {
  date_availability: { is_realtime: boolean; latest_available_timestamp: number };
  pins: (TopPin & { data_status: Record<string, string> })[];
  sort_by: string;
}

const ACCOUNT_METRICS = 'IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,ENGAGEMENT,ENGAGEMENT_RATE';

export const analyticsApi = {
  account: (range: DateRange) =>
    api.get<AnalyticsAnswer>('/v5/user_account/analytics', { ...range, metric_types: ACCOUNT_METRICS }),
  topPins: (range: DateRange, sortBy: Metric, count = 10) =>
    api.get<TopPinsAnswer>('/v5/user_account/analytics/top_pins', {
      ...range,
      sort_by: sortBy,
      num_of_pins: count,
      metric_types: ACCOUNT_METRICS,
    }),
};
