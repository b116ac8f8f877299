// The analytics module's public face: the consumers services.ts registers with the events module,
// AnalyticsService (the analytics API, core metrics, recentEngagement for discovery, pins'
// pin_metrics, replay and export) and its routes. analytics → events, pins, boards, accounts.
import type { EventConsumer } from '../events/index.ts';
import { liveConsumer, PROJECTIONS, RECENT_ENGAGEMENT_CAP } from './consumers.ts';

export type { EngagementKind } from './aggregate.ts';
/** The consumers' apply functions, for bulk loads that must take the consumers' own path (bench). */
export { PROJECTIONS as analyticsProjections, type Projection } from './consumers.ts';
export type { ReplaySummary } from './replay.ts';
export type { RecentEngagement } from './repo.ts';
export { analyticsRoutes } from './routes.ts';
export { AnalyticsService } from './service.ts';
export { RECENT_ENGAGEMENT_CAP };

/** The analytics consumers of the event log: engagement rollups, core metrics, recent engagement. */
export function analyticsConsumers(): EventConsumer[] {
  return PROJECTIONS.map(liveConsumer);
}
