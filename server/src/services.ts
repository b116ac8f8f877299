// The composition root: builds every service once per process from the config. The HTTP app, the
// CLI and the admin channel all work through this one object.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { AnalyticsService, analyticsConsumers } from './modules/analytics/index.ts';
import { BoardsService } from './modules/boards/index.ts';
import { CommentsService } from './modules/comments/index.ts';
import { DiscoveryService, RelatedPinsService } from './modules/discovery/index.ts';
import { EventsService } from './modules/events/index.ts';
import { FeedsService } from './modules/feeds/index.ts';
import { MediaService } from './modules/media/index.ts';
import { OauthService } from './modules/oauth/index.ts';
import { PinOrganizer, PinsService } from './modules/pins/index.ts';
import { SearchService } from './modules/search/index.ts';
import { SessionsService } from './modules/sessions/index.ts';
import { SocialService } from './modules/social/index.ts';
import { TokensService } from './modules/tokens/index.ts';
import { TrendingService } from './modules/trending/index.ts';
import { type Cache, createCache } from './platform/cache/index.ts';
import type { ServiceContext } from './platform/context.ts';
import { createLogger } from './platform/logger.ts';

export interface Services {
  ctx: ServiceContext;
  database: Database;
  accounts: AccountsService;
  tokens: TokensService;
  sessions: SessionsService;
  oauth: OauthService;
  social: SocialService;
  boards: BoardsService;
  media: MediaService;
  pins: PinsService;
  pinOrganizer: PinOrganizer;
  comments: CommentsService;
  search: SearchService;
  /** Topics and pins with rising saves (GET /v5/trending). */
  trending: TrendingService;
  /** Event log: record (in transactions), ingest, consumers; the app starts and stops its delivery. */
  events: EventsService;
  feeds: FeedsService;
  /** The Pixie graph of this process (built in the background at start) and its walks. */
  discovery: DiscoveryService;
  /** GET /v5/pins/{pin_id}/related. */
  related: RelatedPinsService;
  /** Rollups and core metrics from the event log; the analytics API, pin_metrics, replay, export. */
  analytics: AnalyticsService;
  close(): Promise<void>;
}

export interface ServiceOptions {
  log?: Logger;
  /** Keep the embedded database in memory (tests). */
  inMemory?: boolean;
  /** Override the cache (tests share one between two apps). */
  cache?: Cache;
  /** Apply migrations while opening (the server always does; `corkboard migrate` says so itself). */
  migrate?: boolean;
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const log = options.log ?? createLogger(config.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    preparedStatements: config.dbPreparedStatements,
    inMemory: options.inMemory,
  });
  const cache = options.cache ?? createCache(config);
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) log.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await database.close();
    if (!options.cache) await cache.close();
    throw error;
  }
  const ctx: ServiceContext = { config, db: database.db, cache, log };
  const events = new EventsService(ctx, { databaseKind: database.kind });
  const accounts = new AccountsService(ctx);
  const tokens = new TokensService(ctx);
  const sessions = new SessionsService(ctx, accounts, tokens);
  const oauth = new OauthService(ctx, tokens);
  const social = new SocialService(ctx, accounts, events);
  const boards = new BoardsService(ctx, social, accounts, events);
  const media = new MediaService(ctx);
  const pins = new PinsService(ctx, boards, media, events);
  const pinOrganizer = new PinOrganizer(ctx, boards);
  const comments = new CommentsService(ctx, pins);
  const search = new SearchService(ctx, boards, pins, events);
  const trending = new TrendingService(ctx, boards, pins);
  const analytics = new AnalyticsService(ctx, accounts, boards, pins, events);
  // Each process builds its own graph (app start) and keeps it current through its own listener.
  const discovery = new DiscoveryService(ctx, { threads: config.discoveryWalkerThreads });
  discovery.listenTo(events);
  const related = new RelatedPinsService(ctx, discovery, pins);
  const feeds = new FeedsService(ctx, pins, boards, social, { discovery, related, analytics });
  for (const consumer of analyticsConsumers()) events.registerConsumer(consumer);
  // pin_metrics' impressions, clicks and 90-day saves come from the analytics rollups.
  pins.setEngagementSource((pinIds) => analytics.pinEngagement(pinIds));
  // Deleting an account cascades to its rows; each module fixes, in the same transaction, the
  // counts those rows held on other users, boards and pins.
  for (const module of [social, boards, pins, comments]) {
    accounts.onAccountDeleting((db, userId) => module.accountDeleting(db, userId));
  }
  // Reports may name only pins the reporter can see, by the pins module's own rules.
  social.setPinVisibility(async (viewer, pinId) => {
    try {
      await pins.visiblePin(viewer, pinId);
      return true;
    } catch {
      return false;
    }
  });
  return {
    ctx,
    database,
    accounts,
    tokens,
    sessions,
    oauth,
    social,
    boards,
    media,
    pins,
    pinOrganizer,
    comments,
    search,
    trending,
    events,
    feeds,
    discovery,
    related,
    analytics,
    async close() {
      await events.stop();
      await discovery.close();
      await database.close();
      if (!options.cache) await cache.close();
    },
  };
}
