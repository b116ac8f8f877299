// The composition root: builds every service once per process from the config. The HTTP app, the
// CLI and the admin channel all work through this one object.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { BoardsService } from './modules/boards/index.ts';
import { CommentsService } from './modules/comments/index.ts';
import { MediaService } from './modules/media/index.ts';
import { OauthService } from './modules/oauth/index.ts';
import { PinOrganizer, PinsService } from './modules/pins/index.ts';
import { SearchService } from './modules/search/index.ts';
import { SessionsService } from './modules/sessions/index.ts';
import { SocialService } from './modules/social/index.ts';
import { TokensService } from './modules/tokens/index.ts';
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
  const accounts = new AccountsService(ctx);
  const tokens = new TokensService(ctx);
  const sessions = new SessionsService(ctx, accounts, tokens);
  const oauth = new OauthService(ctx, tokens);
  const social = new SocialService(ctx, accounts);
  const boards = new BoardsService(ctx, social, accounts);
  const media = new MediaService(ctx);
  const pins = new PinsService(ctx, boards, media);
  const pinOrganizer = new PinOrganizer(ctx, boards);
  const comments = new CommentsService(ctx, pins);
  const search = new SearchService(ctx, boards, pins);
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
    async close() {
      await database.close();
      if (!options.cache) await cache.close();
    },
  };
}
