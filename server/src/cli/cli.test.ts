// The `corkboard` CLI as an operator runs it: a real `node bin/corkboard.mjs …` process, against
// the embedded database on its own, through a running server's admin channel, and against
// PostgreSQL when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase } from '../testing/harness.ts';
import { type CliResult, ProcessGroup, type ServerProcess } from '../testing/processes.ts';
import { adminSocketPath } from './admin-channel.ts';

const TOKEN_LINE = /^pina_[A-Za-z0-9_-]{20,}\n$/;
const PASSWORD = 'correct horse battery';

const procs = new ProcessGroup();
afterAll(() => procs.cleanup());

// One embedded data dir: first used by the CLI alone, then held by a server (which also shows
// that what the CLI wrote offline is what the server serves).
let dataDir: string;
/** The token `tokens create` printed, by user. */
const minted: Record<string, string> = {};
beforeAll(() => {
  dataDir = procs.tempDir();
});

function expectOk(result: CliResult): void {
  expect(result.stderr, result.stderr).toBe('');
  expect(result.code).toBe(0);
}

/**
 * The checks every mode shares: `env` points the CLI at one database (and maybe a server). After
 * `users create`, the rest run concurrently where the database allows several CLI processes.
 */
function operatorCommands(
  env: () => Record<string, string | undefined>,
  user: string,
  options: { concurrent: boolean },
) {
  it('users create prints the new user as JSON', async () => {
    const result = await procs.cli(
      ['users', 'create', '--username', user, '--email', `${user}@example.test`, '--password', PASSWORD],
      env(),
    );
    expectOk(result);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: user, email: `${user}@example.test` });
  });

  (options.concurrent ? describe.concurrent : describe)('for that user', () => {
    it('tokens create prints only the token, on one line', async () => {
      const result = await procs.cli(['tokens', 'create', '--user', user, '--scopes', 'all'], env());
      expectOk(result);
      expect(result.stdout).toMatch(TOKEN_LINE);
      minted[user] = result.stdout.trim();
    });

    it('apps create prints the client id and secret as JSON', async () => {
      const result = await procs.cli(
        ['apps', 'create', '--name', 'Test app', '--redirect-uri', 'https://x.test/cb', '--owner', user],
        env(),
      );
      expectOk(result);
      const app = JSON.parse(result.stdout);
      expect(app).toMatchObject({ name: 'Test app', redirect_uris: ['https://x.test/cb'] });
      expect(app.client_id).toMatch(/^\d+$/);
      expect(typeof app.client_secret).toBe('string');
      expect(app.client_secret.length).toBeGreaterThanOrEqual(20);
    });

    it('names an unknown user and exits 1', async () => {
      const result = await procs.cli(['tokens', 'create', '--user', 'nobody_here', '--scopes', 'all'], env());
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/user not found/i);
    });

    it('exits 2 with the usage on stderr for a missing option', async () => {
      const result = await procs.cli(['tokens', 'create', '--user', user], env());
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('--scopes is required');
      expect(result.stderr).toContain('Usage: corkboard');
    });
  });
}

describe('corkboard CLI, embedded database, no server running', () => {
  const env = () => ({ DATA_DIR: dataDir });

  it('migrate creates the database and says which migrations it applied', async () => {
    const result = await procs.cli(['migrate'], env());
    expectOk(result);
    expect(result.stdout).toMatch(/^Applied: \S+/);
  });

  operatorCommands(env, 'cli_offline', { concurrent: false }); // the CLI holds the data dir

  it('exits 2 with the usage on stderr for an unknown command, without touching the database', async () => {
    const result = await procs.cli(['frobnicate'], { DATA_DIR: path.join(dataDir, 'untouched') });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: corkboard');
    expect(fs.existsSync(path.join(dataDir, 'untouched'))).toBe(false);
  });

  it('says which process holds a data dir that no server is serving, and exits 1', async () => {
    const busyDir = procs.tempDir();
    fs.writeFileSync(path.join(busyDir, 'db.lock'), String(process.pid)); // alive, but no admin socket
    const result = await procs.cli(['tokens', 'create', '--user', 'cli_offline', '--scopes', 'all'], {
      DATA_DIR: busyDir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`is in use by process ${process.pid}`);
    expect(result.stderr).not.toContain('ENOENT');
  });

  it('leaves no lock behind', () => {
    expect(fs.existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
  });
});

async function expectAccount(baseUrl: string, token: string | undefined, username: string): Promise<void> {
  expect(token).toMatch(/^pina_/);
  const response = await fetch(`${baseUrl}/v5/user_account`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ username, account_type: 'PINNER' });
}

// The same data dir, now held by `npm start`: the CLI must go through the admin channel.
describe('corkboard CLI, embedded database held by a running server', () => {
  let server: ServerProcess;
  const env = () => ({ DATA_DIR: dataDir });
  beforeAll(async () => {
    server = await procs.startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
  }, 120_000);

  it('the server holds the data dir and offers the admin channel', () => {
    expect(fs.readFileSync(path.join(dataDir, 'db.lock'), 'utf8').trim()).toBe(String(server.pid));
    expect(fs.statSync(adminSocketPath(dataDir)).mode & 0o777).toBe(0o600);
  });

  operatorCommands(env, 'cli_online', { concurrent: true });

  it('migrate reports the database up to date', async () => {
    const result = await procs.cli(['migrate'], env());
    expectOk(result);
    expect(result.stdout).toBe('Database is up to date.\n');
  });

  it('the token it printed authenticates against the server at once (GET /v5/user_account)', async () => {
    await expectAccount(server.url, minted.cli_online, 'cli_online');
  });

  it('so does the token the CLI made before the server started', async () => {
    await expectAccount(server.url, minted.cli_offline, 'cli_offline');
  });

  it('the server kept serving throughout', async () => {
    expect(server.running).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('corkboard CLI, PostgreSQL (DATABASE_URL)', () => {
  let databaseUrl: string;
  let unusedDataDir: string;
  let drop: () => Promise<void> = async () => {};
  const env = () => ({ DATABASE_URL: databaseUrl, DATA_DIR: unusedDataDir });
  beforeAll(async () => {
    unusedDataDir = path.join(procs.tempDir(), 'unused');
    const database = await provisionDatabase();
    databaseUrl = database.databaseUrl!;
    drop = database.drop;
  });
  afterAll(() => drop());

  it('migrate applies the migrations to the fresh database', async () => {
    const result = await procs.cli(['migrate'], env());
    expectOk(result);
    expect(result.stdout).toMatch(/^Applied: \S+/);
  });

  operatorCommands(env, 'cli_postgres', { concurrent: true });

  it('never created the embedded data dir', () => {
    expect(fs.existsSync(unusedDataDir)).toBe(false);
  });

  it('the token it printed authenticates against a server on the same database', async () => {
    const server = await procs.startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false' });
    try {
      await expectAccount(server.url, minted.cli_postgres, 'cli_postgres');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
