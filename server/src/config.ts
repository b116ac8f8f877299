// The one place that reads process.env. Parsed once at boot; every problem is reported together
// so an operator fixes a broken deployment in one pass instead of one restart per typo.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolSize: number;
  /** Run repeated parameterized statements as named prepared statements. */
  dbPreparedStatements: boolean;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  loginLimitPerAccount: number;
  loginLimitPerIp: number;
  loginLimitWindowSeconds: number;
  seedDemo: boolean;
  /** Largest image accepted (upload or fetched from image_url), in bytes. */
  maxUploadBytes: number;
  /** Largest image accepted, in pixels (width x height), checked from the header before decoding. */
  maxImagePixels: number;
  /** Where LocalDiskStorage keeps images and their sizes. */
  mediaDir: string;
  /** Total time allowed to fetch an image_url, redirects included. */
  imageFetchTimeoutMs: number;
  /** Hosts, host:port pairs or CIDR ranges that image_url may reach despite being non-public. */
  imageFetchAllowHosts: string[];
  /** Usernames of the operators who may read platform-wide metrics (GET /v5/admin/metrics). */
  adminUsernames: string[];
  /** Days the event log keeps events (embedded log rows; the JetStream stream's max_age). */
  eventLogRetentionDays: number;
  /** The JetStream stream of events and the subject prefix it captures (`<prefix>.<event type>`). */
  natsStream: string;
  natsSubjectPrefix: string;
  /** Largest size of the JetStream event stream, in bytes; the oldest events go first. */
  natsStreamMaxBytes: number;
  /** How long JetStream remembers event ids to drop a republished event (the relay's retries). */
  natsDuplicateWindowSeconds: number;
  /** POST /v5/events requests allowed per user per minute. */
  eventsIngestLimitPerMinute: number;
  /** The built web app (vite build output) served at `/`. */
  webDistDir: string;
  /** Build the discovery graph in the background at start (related pins and home walks need it). */
  discoveryGraph: boolean;
  /** Worker threads for the graph's random walks; 0 walks on the main thread. */
  discoveryWalkerThreads: number;
  /** How long a home feed session's plan (and so its bookmarks' pages) is kept in the cache. */
  homeFeedSessionTtlSeconds: number;
  /** How long each process reuses the trending and fresh pin lists before refreshing them. */
  feedGlobalListsTtlSeconds: number;
  /** Rebuild the typeahead vocabulary when it is older than this, in minutes (0: only on demand). */
  searchTermsRefreshMinutes: number;
  /** How long GET /v5/trending reuses its computed topics and pins. */
  trendingCacheSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got ${url.protocol})`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return raw;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const normalized = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(normalized)) return true;
    if (['0', 'false', 'no', 'off'].includes(normalized)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  list(name: string): string[] {
    const raw = this.env[name] ?? '';
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}

const DAY = 24 * 60 * 60;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
/** web/dist of this checkout, wherever the server is started from. */
const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function parseConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const read = new EnvReader(env);
  const port = read.integer('PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, read.string('DATA_DIR', './data'));
  const config: Config = {
    port,
    host: read.string('HOST', '0.0.0.0'),
    publicUrl: read.optionalUrl('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    databaseUrl: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    dbPoolSize: read.integer('DB_POOL_SIZE', 10, 1, 500),
    dbPreparedStatements: read.boolean('DB_PREPARED_STATEMENTS', true),
    redisUrl: read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
    natsUrl: read.optionalUrl('NATS_URL', ['nats:', 'tls:']),
    logLevel: read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 512 * 1024 * 1024),
    accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 30 * DAY, 60, 3650 * DAY),
    refreshTokenTtlSeconds: read.integer('REFRESH_TOKEN_TTL_SECONDS', 60 * DAY, 60, 3650 * DAY),
    sessionTtlSeconds: read.integer('SESSION_TTL_SECONDS', 30 * DAY, 60, 3650 * DAY),
    cookieSecure: read.boolean('COOKIE_SECURE', false),
    trustProxy: read.boolean('TRUST_PROXY', false),
    loginLimitPerAccount: read.integer('LOGIN_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000),
    loginLimitPerIp: read.integer('LOGIN_LIMIT_PER_IP', 100, 1, 1_000_000),
    loginLimitWindowSeconds: read.integer('LOGIN_LIMIT_WINDOW_SECONDS', 15 * 60, 1, DAY),
    seedDemo: read.boolean('SEED_DEMO', true),
    maxUploadBytes: read.integer('MAX_UPLOAD_BYTES', 20 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxImagePixels: read.integer('MAX_IMAGE_PIXELS', 50_000_000, 1, 1_000_000_000),
    mediaDir: path.resolve(cwd, read.string('MEDIA_DIR', path.join(dataDir, 'media'))),
    imageFetchTimeoutMs: read.integer('IMAGE_FETCH_TIMEOUT_MS', 10_000, 100, 300_000),
    imageFetchAllowHosts: read.list('IMAGE_FETCH_ALLOW_HOSTS'),
    adminUsernames: read.list('ADMIN_USERNAMES'),
    eventLogRetentionDays: read.integer('EVENT_LOG_RETENTION_DAYS', 400, 1, 36_500),
    natsStream: read.string('NATS_STREAM', 'CORKBOARD_EVENTS'),
    natsSubjectPrefix: read.string('NATS_SUBJECT_PREFIX', 'corkboard.events'),
    natsStreamMaxBytes: read.integer('NATS_STREAM_MAX_BYTES', 10 * GIB, MIB, 1024 * 1024 * GIB),
    natsDuplicateWindowSeconds: read.integer('NATS_DUPLICATE_WINDOW_SECONDS', 120, 1, DAY),
    eventsIngestLimitPerMinute: read.integer('EVENTS_INGEST_LIMIT_PER_MINUTE', 600, 1, 100_000_000),
    webDistDir: path.resolve(cwd, read.string('WEB_DIST_DIR', DEFAULT_WEB_DIST_DIR)),
    discoveryGraph: read.boolean('DISCOVERY_GRAPH', true),
    discoveryWalkerThreads: read.integer('DISCOVERY_WALKER_THREADS', 0, 0, 16),
    homeFeedSessionTtlSeconds: read.integer('HOME_FEED_SESSION_TTL_SECONDS', 1800, 60, DAY),
    feedGlobalListsTtlSeconds: read.integer('FEED_GLOBAL_LISTS_TTL_SECONDS', 60, 0, 3600),
    searchTermsRefreshMinutes: read.integer('SEARCH_TERMS_REFRESH_MINUTES', 30, 0, 10_080),
    trendingCacheSeconds: read.integer('TRENDING_CACHE_SECONDS', 60, 0, 3600),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
