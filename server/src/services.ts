// The composition root: builds every service once per process from the config. The HTTP app, the
// CLI and the admin channel all work through this one object.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { OauthService } from './modules/oauth/index.ts';
import { SessionsService } from './modules/sessions/index.ts';
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
  return {
    ctx,
    database,
    accounts,
    tokens,
    sessions,
    oauth,
    async close() {
      await database.close();
      if (!options.cache) await cache.close();
    },
  };
}
