// Platform overhead: an authenticated GET /v5/user_account (token lookup through the credential
// cache, scope check, one indexed query, schema serialization) against a bare Fastify route that
// returns the same bytes, both in their own processes, measured in the same run.
import { load } from '../support/load.ts';
import { report } from '../support/report.ts';
import { startProcess } from '../support/server-process.ts';

const BENCH = 'platform';
const CONNECTIONS = 32;
const SECONDS = 5;

export async function run(): Promise<void> {
  const server = await startProcess('server/src/main.ts', {
    LOGIN_LIMIT_PER_IP: '1000000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000000',
  });
  try {
    const username = `bench_${Date.now().toString(36)}`;
    const signUp = await fetch(`${server.url}/v5/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@bench.test`, password: 'benchmark password' }),
    });
    const session = (await signUp.json()) as { csrf_token: string };
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${server.url}/v5/user_account/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrf_token },
      body: JSON.stringify({ name: 'bench', scopes: 'all' }),
    });
    const { token } = (await created.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const sample = await (await fetch(`${server.url}/v5/user_account`, { headers })).text();

    const account = await load({
      url: `${server.url}/v5/user_account`,
      headers,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    if (account.errors + account.non2xx > 0)
      throw new Error(`user_account load had ${account.errors + account.non2xx} failures`);

    const bare = await startProcess('bench/support/bare-server.ts', { BARE_BODY: sample });
    let baseline: Awaited<ReturnType<typeof load>>;
    try {
      baseline = await load({ url: `${bare.url}/bare`, connections: CONNECTIONS, seconds: SECONDS });
    } finally {
      await bare.stop();
    }

    const login = await load({
      url: `${server.url}/v5/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'benchmark password' }),
      connections: 4,
      seconds: 3,
    });
    if (login.errors + login.non2xx > 0)
      throw new Error(`login load had ${login.errors + login.non2xx} failures`);

    report(BENCH, 'user_account_rps', account.rps, 'req/s');
    report(BENCH, 'user_account_p50_ms', account.p50Ms, 'ms');
    report(BENCH, 'user_account_p99_ms', account.p99Ms, 'ms');
    report(BENCH, 'bare_same_bytes_rps', baseline.rps, 'req/s');
    report(BENCH, 'user_account_vs_bare_ratio', account.rps / baseline.rps, 'ratio');
    report(BENCH, 'login_argon2id_per_s', login.rps, 'req/s');
    report(BENCH, 'login_p99_ms', login.p99Ms, 'ms');
  } finally {
    await server.stop();
  }
}
