// Two real server processes on one PostgreSQL database and one Redis: once a write returns on one,
// the other must never serve stale credentials or data, even right after warming its cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from './testing/clients.ts';
import { provisionDatabase } from './testing/harness.ts';
import { ProcessGroup, type ServerProcess } from './testing/processes.ts';

const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

interface Session {
  cookie: string;
  csrf: string;
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response JSON, checked field by field with expect
  body: any;
  session?: Session;
}

interface CallOptions {
  session?: Session;
  token?: string;
  body?: unknown;
}

async function call(server: ServerProcess, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrf;
  }
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  const reply: Reply = { status: response.status, body };
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (body?.csrf_token && cookies.length > 0)
    reply.session = { cookie: cookies.join('; '), csrf: body.csrf_token };
  return reply;
}

async function signIn(server: ServerProcess, path: string, body: object): Promise<Session> {
  const reply = await call(server, 'POST', path, { body });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  return reply.session!;
}

async function createToken(server: ServerProcess, session: Session): Promise<{ id: string; token: string }> {
  const reply = await call(server, 'POST', '/v5/user_account/tokens', {
    session,
    body: { name: 'multi-process', scopes: 'all' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const account = (server: ServerProcess, token: string) => call(server, 'GET', '/v5/user_account', { token });
const whoAmI = (server: ServerProcess, session: Session) =>
  call(server, 'GET', '/v5/auth/session', { session });

describe.skipIf(!enabled)(
  'two server processes on one database and Redis (needs DATABASE_URL and REDIS_URL)',
  () => {
    const procs = new ProcessGroup();
    let drop: () => Promise<void> = async () => {};
    let a: ServerProcess;
    let b: ServerProcess;
    const username = uniqueName('mp');
    let password = 'correct horse battery';
    let main: Session; // signed up on A; used for every write

    beforeAll(async () => {
      const database = await provisionDatabase();
      drop = database.drop;
      const env = {
        DATABASE_URL: database.databaseUrl,
        REDIS_URL: process.env.REDIS_URL,
        SEED_DEMO: 'false',
        // Redis (and so the per-IP login budget) is shared with other test runs on this machine.
        LOGIN_LIMIT_PER_IP: '1000000',
      };
      // Both start at once, so both race to migrate the empty database.
      [a, b] = await Promise.all([procs.startServer(env), procs.startServer(env)]);
    }, 120_000);
    afterAll(async () => {
      await procs.cleanup();
      await drop();
    });

    it('a session made on A works on B', async () => {
      main = await signIn(a, '/v5/auth/signup', { username, email: `${username}@example.test`, password });
      const reply = await whoAmI(b, main);
      expect(reply.status).toBe(200);
      expect(reply.body.user.username).toBe(username);
    });

    it('a token revoked on one process is rejected by the other on the very next request (20 rounds)', async () => {
      for (let round = 0; round < 20; round++) {
        // Alternate the roles so both directions are covered.
        const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a];
        const { id, token } = await createToken(writer, main);
        expect((await account(reader, token)).status).toBe(200);
        expect((await account(reader, token)).status).toBe(200); // served from the warm cache
        expect(
          (await call(writer, 'DELETE', `/v5/user_account/tokens/${id}`, { session: main })).status,
        ).toBe(204);
        const after = await account(reader, token);
        expect(after.status, `round ${round}: revoked token still accepted`).toBe(401);
        expect((await account(writer, token)).status).toBe(401);
      }
    });

    it('a session logged out on A is rejected by B at once', async () => {
      const second = await signIn(a, '/v5/auth/login', { username, password });
      expect((await whoAmI(b, second)).status).toBe(200);
      expect((await call(a, 'POST', '/v5/auth/logout', { session: second })).status).toBe(204);
      expect((await whoAmI(b, second)).status).toBe(401);
    });

    it('a profile change on A is what B serves next', async () => {
      expect((await call(b, 'GET', `/v5/users/${username}`)).body.about).toBe('');
      const patch = await call(a, 'PATCH', '/v5/user_account', {
        session: main,
        body: { about: 'Changed on A', display_name: 'Multi Process' },
      });
      expect(patch.status).toBe(200);
      const profile = await call(b, 'GET', `/v5/users/${username}`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ about: 'Changed on A', display_name: 'Multi Process' });
    });

    it('a password change on A signs out the other sessions on B', async () => {
      const other = await signIn(b, '/v5/auth/login', { username, password });
      expect((await whoAmI(b, other)).status).toBe(200);
      const next = 'a brand new passphrase';
      const change = await call(a, 'POST', '/v5/user_account/password', {
        session: main,
        body: { current_password: password, new_password: next },
      });
      expect(change.status).toBe(204);
      password = next;
      expect((await whoAmI(b, other)).status).toBe(401);
      expect((await whoAmI(b, main)).status).toBe(200); // the session that changed it stays
      const old = await call(b, 'POST', '/v5/auth/login', {
        body: { username, password: 'correct horse battery' },
      });
      expect(old.status).toBe(401);
    });

    it('deleting the account on A makes B reject its token and session at once', async () => {
      const { token } = await createToken(b, main);
      expect((await account(b, token)).status).toBe(200);
      expect((await whoAmI(b, main)).status).toBe(200);
      const removed = await call(a, 'DELETE', '/v5/user_account', { session: main, body: { password } });
      expect(removed.status).toBe(204);
      expect((await account(b, token)).status).toBe(401);
      expect((await whoAmI(b, main)).status).toBe(401);
      expect((await call(b, 'GET', `/v5/users/${username}`)).status).toBe(404);
    });
  },
);
