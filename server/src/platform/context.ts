// What every service is built with. Created once per process by the composition root (app.ts).
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Cache } from './cache/index.ts';

export interface ServiceContext {
  config: Config;
  db: Kysely<DB>;
  cache: Cache;
  log: Logger;
}
