import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const DAY = 24 * 60 * 60;

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv/corkboard');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('has a default for everything, so an empty environment boots the embedded server', () => {
    expect(parseConfig({}, '/srv/corkboard')).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      databaseUrl: undefined,
      dataDir: '/srv/corkboard/data',
      dbPoolSize: 10,
      dbPreparedStatements: true,
      redisUrl: undefined,
      natsUrl: undefined,
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      accessTokenTtlSeconds: 30 * DAY,
      refreshTokenTtlSeconds: 60 * DAY,
      sessionTtlSeconds: 30 * DAY,
      cookieSecure: false,
      trustProxy: false,
      loginLimitPerAccount: 10,
      loginLimitPerIp: 100,
      loginLimitWindowSeconds: 15 * 60,
      seedDemo: true,
    });
  });

  it('treats an empty variable as unset', () => {
    const empty = {
      PORT: '',
      DATABASE_URL: '',
      LOG_LEVEL: '',
      COOKIE_SECURE: '',
      DATA_DIR: '',
      REDIS_URL: '',
    };
    expect(parseConfig(empty, '/x')).toEqual(parseConfig({}, '/x'));
  });

  it('reads valid values', () => {
    const config = parseConfig(
      {
        PORT: ' 3000 ',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgresql://u:p@db:5432/cork',
        REDIS_URL: 'rediss://cache:6380',
        NATS_URL: 'tls://bus:4222',
        LOG_LEVEL: 'debug',
        DATA_DIR: 'var/cork',
        BODY_LIMIT_BYTES: '2048',
        COOKIE_SECURE: ' YES ',
        TRUST_PROXY: 'on',
        SEED_DEMO: 'Off',
        DB_POOL_SIZE: '500',
        DB_PREPARED_STATEMENTS: 'false',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000', // follows PORT unless PUBLIC_URL is set
      databaseUrl: 'postgresql://u:p@db:5432/cork',
      redisUrl: 'rediss://cache:6380',
      natsUrl: 'tls://bus:4222',
      logLevel: 'debug',
      dataDir: path.resolve('/srv', 'var/cork'),
      bodyLimitBytes: 2048,
      cookieSecure: true,
      trustProxy: true,
      seedDemo: false,
      dbPoolSize: 500,
      dbPreparedStatements: false,
    });
    expect(parseConfig({ PUBLIC_URL: 'https://pins.example', DATA_DIR: '/data' }, '/srv')).toMatchObject({
      publicUrl: 'https://pins.example',
      dataDir: '/data',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', '1e3'],
    ['PORT', '0x50'],
    ['DB_POOL_SIZE', '0'],
    ['BODY_LIMIT_BYTES', '1023'],
    ['LOGIN_LIMIT_PER_IP', '9007199254740993'],
    ['SESSION_TTL_SECONDS', '59'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://db/cork'],
    ['REDIS_URL', 'http://cache:6379'],
    ['NATS_URL', 'ftp://bus'],
    ['PUBLIC_URL', 'ftp://pins.example'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['COOKIE_SECURE', 'maybe'],
    ['SEED_DEMO', '2'],
  ])('reports %s=%j as a problem naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports every problem at once in one ConfigError', () => {
    const env = {
      PORT: 'eighty',
      DB_POOL_SIZE: '0',
      DATABASE_URL: 'not a url',
      REDIS_URL: 'http://cache',
      NATS_URL: 'ftp://bus',
      PUBLIC_URL: 'ftp://pins',
      LOG_LEVEL: 'loud',
      BODY_LIMIT_BYTES: '1',
      ACCESS_TOKEN_TTL_SECONDS: '1',
      REFRESH_TOKEN_TTL_SECONDS: 'x',
      SESSION_TTL_SECONDS: '0',
      COOKIE_SECURE: 'maybe',
      TRUST_PROXY: 'perhaps',
      LOGIN_LIMIT_PER_ACCOUNT: '0',
      LOGIN_LIMIT_PER_IP: '-5',
      LOGIN_LIMIT_WINDOW_SECONDS: '999999999',
      SEED_DEMO: 'sometimes',
    };
    let error: unknown;
    try {
      parseConfig(env, '/srv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message, name } = error as ConfigError;
    expect(name).toBe('ConfigError');
    expect(problems).toHaveLength(Object.keys(env).length);
    for (const variable of Object.keys(env)) {
      expect(
        problems.filter((p) => p.startsWith(`${variable} `)),
        variable,
      ).toHaveLength(1);
      expect(message).toContain(`  - ${variable} `);
    }
    // Values are quoted back so the operator sees what was wrong.
    expect(problems.find((p) => p.startsWith('PORT '))).toContain('"eighty"');
  });
});
