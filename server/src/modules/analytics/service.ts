// Analytics: Pinterest's organic analytics operations over the rollups, the core metrics for
// admins, each user's recent engagement for discovery, pins' pin_metrics, and replay.
//
// Who may read what (the spec's "operation user_account" is always the caller: Business Access is
// not offered): a pin's analytics need the pin visible to the caller (pins' own rule, secret pins
// with pins:read_secret) and the caller to be its owner, its board's owner or a collaborator on its
// board; otherwise 404, as for a missing pin. Account analytics are the caller's own.
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { BoardsService } from '../boards/index.ts';
import type { EventsService } from '../events/index.ts';
import type { PinEngagement, PinsService } from '../pins/index.ts';
import { zeroCounts } from './aggregate.ts';
import { coreDaysResponse, mondayOf, retentionTable } from './core-metrics.ts';
import * as coreRepo from './core-metrics-repo.ts';
import { addDays, dataStatusOf, daysBetween, rangeProblem, utcDay } from './dates.ts';
import { notAnAdmin } from './errors.ts';
import { exportUser, type UserExport } from './export.ts';
import {
  accountMetric,
  appTypesOf,
  buildSeries,
  type DailyPinMetric,
  filtersExcludeAll,
  isLifetimePinMetric,
  pinMetric,
} from './metrics.ts';
import { type ReplayOptions, type ReplaySummary, replayFrom } from './replay.ts';
import * as repo from './repo.ts';
import {
  ACCOUNT_METRIC_TYPES,
  type AccountAnalyticsQuery,
  type AnalyticsResponse,
  type CoreMetricsQuery,
  type CoreMetricsResponse,
  type MultiPinAnalyticsQuery,
  type PinAnalyticsQuery,
  type PinAnalyticsResponse,
  type PinMetricType,
  type TopPinsQuery,
  type TopPinsResponse,
} from './schemas.ts';

type PinRow = Awaited<ReturnType<PinsService['visiblePin']>>;

const ROLLUPS = 'analytics_rollups';

export class AnalyticsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountsService,
    private readonly boards: BoardsService,
    private readonly pins: PinsService,
    private readonly events: EventsService,
    /** The clock (tests move it); analytics days are UTC. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  private today(): string {
    return utcDay(this.now());
  }

  private checkRange(start: string, end: string, adAccountId?: string): void {
    if (adAccountId) throw new AppError('NOT_PERMITTED', 'ad_account_id is not supported.');
    const problem = rangeProblem(start, end, this.today());
    if (problem) throw invalid(problem);
  }

  /** A pin whose analytics the caller may read; 404 otherwise. */
  private async analyzablePin(viewer: Principal, pinId: string): Promise<PinRow> {
    const userId = userIdOf(viewer);
    const pin = await this.pins.visiblePin(viewer, pinId);
    if (pin.owner_id === userId || pin.board_owner_id === userId) return pin;
    // Protected and secret boards are visible only to their members; a public one needs a check.
    if (pin.board_privacy !== 'PUBLIC') return pin;
    try {
      await this.boards.writableBoard(viewer, pin.board_id, null);
      return pin;
    } catch {
      throw new AppError('PIN_NOT_FOUND');
    }
  }

  private async pinResponses(
    pins: PinRow[],
    q: { start_date: string; end_date: string; app_types?: PinAnalyticsQuery['app_types'] },
    metricTypes: readonly PinMetricType[],
    split: PinAnalyticsQuery['split_field'],
  ): Promise<Map<string, PinAnalyticsResponse>> {
    const ids = pins.map((pin) => pin.id);
    const rows = await repo.pinDays(this.ctx.db, ids, q.start_date, q.end_date);
    const daily = [...new Set(metricTypes.filter((m) => !isLifetimePinMetric(m)))] as DailyPinMetric[];
    const today = this.today();
    const responses = new Map<string, PinAnalyticsResponse>();
    for (const pin of pins) {
      const createdDay = utcDay(new Date(pin.created_at));
      const series = buildSeries(
        rows.filter((row) => row.pin_id === pin.id),
        {
          days: daysBetween(q.start_date, q.end_date),
          split,
          appTypes: appTypesOf(q.app_types),
          metrics: daily,
          valueOf: pinMetric,
          statusOf: (day) => dataStatusOf(day, today, createdDay),
        },
      );
      const lifetime: Record<string, number> = {};
      if (metricTypes.includes('TOTAL_COMMENTS')) lifetime.TOTAL_COMMENTS = pin.comment_count;
      if (metricTypes.includes('TOTAL_REACTIONS')) lifetime.TOTAL_REACTIONS = pin.reaction_count;
      responses.set(
        pin.id,
        Object.fromEntries(
          Object.entries(series).map(([group, values]) => [group, { ...values, lifetime_metrics: lifetime }]),
        ),
      );
    }
    return responses;
  }

  async pinAnalytics(viewer: Principal, pinId: string, q: PinAnalyticsQuery): Promise<PinAnalyticsResponse> {
    this.checkRange(q.start_date, q.end_date, q.ad_account_id);
    const pin = await this.analyzablePin(viewer, pinId);
    return (await this.pinResponses([pin], q, q.metric_types, q.split_field)).get(pin.id)!;
  }

  async multiPinAnalytics(
    viewer: Principal,
    q: MultiPinAnalyticsQuery,
  ): Promise<Record<string, PinAnalyticsResponse>> {
    this.checkRange(q.start_date, q.end_date, q.ad_account_id);
    const ids = [...new Set(q.pin_ids)];
    const pins: PinRow[] = [];
    for (const id of ids) pins.push(await this.analyzablePin(viewer, id));
    return Object.fromEntries(await this.pinResponses(pins, q, q.metric_types, 'NO_SPLIT'));
  }

  async accountAnalytics(viewer: Principal, q: AccountAnalyticsQuery): Promise<AnalyticsResponse> {
    this.checkRange(q.start_date, q.end_date, q.ad_account_id);
    const userId = userIdOf(viewer);
    const rows = filtersExcludeAll(q)
      ? []
      : await repo.userDays(this.ctx.db, userId, q.start_date, q.end_date);
    const today = this.today();
    return buildSeries(rows, {
      days: daysBetween(q.start_date, q.end_date),
      split: q.split_field,
      appTypes: appTypesOf(q.app_types),
      metrics: q.metric_types?.length ? [...new Set(q.metric_types)] : ACCOUNT_METRIC_TYPES,
      valueOf: accountMetric,
      statusOf: (day) => dataStatusOf(day, today),
    });
  }

  async topPins(viewer: Principal, q: TopPinsQuery): Promise<TopPinsResponse> {
    this.checkRange(q.start_date, q.end_date, q.ad_account_id);
    const userId = userIdOf(viewer);
    const rows = filtersExcludeAll(q)
      ? []
      : await repo.topPins(this.ctx.db, {
          ownerId: userId,
          from: q.start_date,
          to: q.end_date,
          appTypes: appTypesOf(q.app_types),
          sortBy: q.sort_by,
          limit: q.num_of_pins ?? 10,
          withoutSecret: !hasScope(viewer, 'pins:read_secret'),
          createdSince: q.created_in_last_n_days
            ? new Date(this.now().getTime() - q.created_in_last_n_days * 86_400_000)
            : undefined,
        });
    const metrics = q.metric_types?.length ? [...new Set(q.metric_types)] : ACCOUNT_METRIC_TYPES;
    const status = dataStatusOf(q.end_date, this.today());
    const applied = await repo.lastAppliedAt(this.ctx.db, ROLLUPS);
    return {
      date_availability: {
        is_realtime: true,
        latest_available_timestamp: (applied ?? this.now()).getTime(),
      },
      pins: rows.map(({ pin_id, ...counts }) => ({
        pin_id,
        metrics: Object.fromEntries(metrics.map((m) => [m, accountMetric(m, counts)])),
        data_status: Object.fromEntries(metrics.map((m) => [m, status])),
      })),
      sort_by: q.sort_by,
    };
  }

  /** Whether the caller is one of the operators named by ADMIN_USERNAMES. */
  private async requireAdmin(viewer: Principal): Promise<void> {
    const user = await this.accounts.getById(userIdOf(viewer));
    const admins = this.ctx.config.adminUsernames.map((name) => name.toLowerCase());
    if (!admins.includes(user.username.toLowerCase())) throw notAnAdmin();
  }

  async coreMetrics(viewer: Principal, q: CoreMetricsQuery): Promise<CoreMetricsResponse> {
    await this.requireAdmin(viewer);
    const today = this.today();
    const end = q.end_date ?? today;
    const oldest = addDays(today, -90);
    const start = q.start_date ?? (addDays(end, -29) < oldest ? oldest : addDays(end, -29));
    const problem = rangeProblem(start, end, today);
    if (problem) throw invalid(problem);
    const since = addDays(mondayOf(today), -7 * ((q.cohort_weeks ?? 8) - 1));
    const days = await coreRepo.coreDays(this.ctx.db, start, end);
    const cohorts = await coreRepo.cohorts(this.ctx.db, since);
    return {
      days: coreDaysResponse(days, today),
      retention: retentionTable(cohorts.cohorts, cohorts.activity, since, today),
    };
  }

  /** A user's newest saves, closeups and outbound clicks (pins that still exist): discovery's seeds. */
  async recentEngagement(userId: string, limit: number): Promise<repo.RecentEngagement[]> {
    return repo.recentEngagement(this.ctx.db, userId, Math.max(0, Math.min(limit, 1000)));
  }

  /** pin_metrics' rollup part for a page of pins (installed on PinsService by services.ts). */
  async pinEngagement(pinIds: string[]): Promise<Map<string, PinEngagement>> {
    const since = addDays(this.today(), -89);
    const recent = await repo.totalsSince(this.ctx.db, pinIds, since);
    const lifetime = await repo.lifetimeTotals(this.ctx.db, pinIds);
    const engagement = new Map<string, PinEngagement>();
    for (const id of pinIds) {
      engagement.set(id, {
        last90Days: recent.get(id) ?? zeroCounts(),
        lifetime: lifetime.get(id) ?? zeroCounts(),
      });
    }
    return engagement;
  }

  /** Rebuilds every analytics table from the event log, from `day` on (see replay.ts). */
  replay(day: string, options?: ReplayOptions): Promise<ReplaySummary> {
    return replayFrom(this.ctx.db, this.events, day, options);
  }

  /** One user's data, by username, as `corkboard export` writes it. */
  async exportUser(username: string): Promise<UserExport> {
    const user = await this.accounts.getByUsername(username);
    return exportUser(this.ctx.db, this.events, user.id);
  }
}
