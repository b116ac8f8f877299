// The home feed under load: GET /v5/feeds/home?page_size=25 against a real server process on
// PostgreSQL, over the kept synthetic world (bench/support/world.ts: BENCH_WORLD_DB, default
// cb_bench_world_1m, seeded with BENCH_HOME_PINS original pins, default 1,000,000, and
// BENCH_HOME_SAVES saves, default 10,000,000, when absent; BENCH_WORLD_DB= (empty) seeds a
// throwaway one), for many different users at a fixed concurrency.
//
// Each virtual client is one user scrolling: a first page (a new session: the feed is planned —
// followed pins, walks from the user's recent pins over the graph, trending and fresh pins — and
// stored in the cache) then BENCH_HOME_PAGES - 1 more pages through the bookmarks (read from the
// planned session), then the next user. Reported: home_rps and home_p99_ms over every request,
// and first_page_* and next_page_* for the two kinds apart; cpu_steal_share, the CPU the
// hypervisor took meanwhile, and server_/postgres_cpu_ms_per_request, CPU time per request, which
// does not depend on how busy the machine was (bench/support/cpu-time.ts). The server builds its graph from the
// database at start; the load begins once walks answer (a reason 'walk' shows with debug=true).
//
// Needs DATABASE_URL (the server whose databases the run uses); REDIS_URL, when set, is the
// server's cache. BENCH_HOME_CONNECTIONS (default 4: the machine this was tuned on has 2 cores,
// shared by server, PostgreSQL and client), BENCH_HOME_SECONDS (default 20), BENCH_HOME_USERS
// (default 1000), BENCH_HOME_THREADS (the server's DISCOVERY_WALKER_THREADS, default 0),
// BENCH_CPU_PROF_DIR (profile the server: bench/support/server-process.ts).
import http from 'node:http';
import os from 'node:os';
import { parseConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { createServices } from '../../server/src/services.ts';
import { cpuPerRequestWindow, stealWindow } from '../support/cpu-time.ts';
import { report } from '../support/report.ts';
import { startProcess } from '../support/server-process.ts';
import { DEFAULT_WORLD_DB, envCount, worldDatabase } from '../support/world.ts';

const BENCH = 'home';
const PAGE_SIZE = 25;
const SERVER_ENTRY = 'server/src/main.ts';

const say = (line: string) => process.stderr.write(`home bench: ${line}\n`);

/** Bearer tokens of `count` seeded users who have pins of their own (their walks have seeds). */
async function userTokens(url: string, count: number): Promise<string[]> {
  const services = await createServices(parseConfig({ DATABASE_URL: url }), { log: createLogger('warn') });
  try {
    const users = await services.ctx.db
      .selectFrom('users')
      .select('id')
      .where('pin_count', '>', 0)
      .orderBy('id')
      .limit(count)
      .execute();
    const tokens: string[] = [];
    for (const user of users) {
      const made = await services.tokens.createPersonal(user.id, {
        name: 'home bench',
        scopes: ['boards:read', 'pins:read'],
      });
      tokens.push(made.token);
    }
    const pins = await services.ctx.db
      .selectFrom('pins')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    say(`world: ${pins.n} pin rows; ${tokens.length} users`);
    return tokens;
  } finally {
    await services.close();
  }
}

interface Reply {
  status: number;
  ms: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function get(url: string, token: string): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ms: performance.now() - started,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function waitForWalks(base: string, tokens: string[]): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + 15 * 60_000;
  for (let i = 0; Date.now() < deadline; i++) {
    const reply = await get(`${base}/v5/feeds/home?page_size=100&debug=true`, tokens[i % tokens.length]!);
    if (reply.status !== 200) throw new Error(`home answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    const items = (JSON.parse(reply.body) as { items: { reason?: { source: string } }[] }).items;
    if (items.some((item) => item.reason?.source === 'walk')) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the graph did not answer walks within 15 minutes');
}

interface LoadStats {
  first: number[];
  next: number[];
  failures: number;
  seconds: number;
}

/** `connections` clients, each scrolling `pages` pages as one user, then moving to the next user. */
async function scroll(
  base: string,
  tokens: string[],
  connections: number,
  seconds: number,
  pages: number,
): Promise<LoadStats> {
  const stats: LoadStats = { first: [], next: [], failures: 0, seconds };
  let nextUser = 0;
  const stopAt = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < stopAt) {
      const token = tokens[nextUser++ % tokens.length]!;
      let bookmark: string | null = null;
      for (let page = 0; page < pages && performance.now() < stopAt; page++) {
        const query = bookmark ? `&bookmark=${bookmark}` : '';
        const reply = await get(`${base}/v5/feeds/home?page_size=${PAGE_SIZE}${query}`, token);
        if (reply.status !== 200) {
          stats.failures++;
          break;
        }
        (page === 0 ? stats.first : stats.next).push(reply.ms);
        bookmark = (JSON.parse(reply.body) as { bookmark: string | null }).bookmark;
        if (!bookmark) break;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return stats;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write('home: DATABASE_URL is not set; this benchmark needs PostgreSQL. Skipped.\n');
    return;
  }
  const connections = Math.max(1, envCount('BENCH_HOME_CONNECTIONS', 4));
  const seconds = envCount('BENCH_HOME_SECONDS', 20);
  const pages = Math.max(1, envCount('BENCH_HOME_PAGES', 4));
  const world = await worldDatabase(
    base,
    { pins: envCount('BENCH_HOME_PINS', 1_000_000), saves: envCount('BENCH_HOME_SAVES', 10_000_000) },
    { keep: process.env.BENCH_WORLD_DB ?? DEFAULT_WORLD_DB, say },
  );
  try {
    const tokens = await userTokens(world.url, envCount('BENCH_HOME_USERS', 1000));
    const env: Record<string, string> = {
      DATABASE_URL: world.url,
      DISCOVERY_WALKER_THREADS: String(envCount('BENCH_HOME_THREADS', 0)),
    };
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    const server = await startProcess(SERVER_ENTRY, env);
    try {
      const graphSeconds = await waitForWalks(server.url, tokens);
      say(
        `walks answer ${graphSeconds.toFixed(1)} s after ready; ${connections} clients, ${seconds} s, ${pages} pages each`,
      );
      await scroll(server.url, tokens.slice().reverse(), connections, Math.min(5, seconds), pages); // warm-up
      // Other work on the machine shares its cores with the server: say how much there was.
      say(
        `load average before: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.availableParallelism()} cores`,
      );
      const stolen = stealWindow();
      const cpu = cpuPerRequestWindow(SERVER_ENTRY);
      const stats = await scroll(server.url, tokens, connections, seconds, pages);
      const perRequest = cpu.end(stats.first.length + stats.next.length);
      const steal = stolen.share();
      say(
        `load average after: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      if (stats.failures > 0) throw new Error(`${stats.failures} requests failed`);
      const all = [...stats.first, ...stats.next].sort((a, b) => a - b);
      const first = stats.first.slice().sort((a, b) => a - b);
      const next = stats.next.slice().sort((a, b) => a - b);
      report(BENCH, 'connections', connections, 'clients');
      report(BENCH, 'home_rps', all.length / stats.seconds, 'req/s');
      report(BENCH, 'home_p50_ms', percentile(all, 50), 'ms');
      report(BENCH, 'home_p99_ms', percentile(all, 99), 'ms');
      report(BENCH, 'first_page_rps', first.length / stats.seconds, 'req/s');
      report(BENCH, 'first_page_p99_ms', percentile(first, 99), 'ms');
      report(BENCH, 'next_page_p99_ms', percentile(next, 99), 'ms');
      report(BENCH, 'graph_ready_s', graphSeconds, 's');
      if (steal !== null) report(BENCH, 'cpu_steal_share', steal, 'ratio');
      const { serverMs, postgresMs } = perRequest;
      if (serverMs !== undefined) report(BENCH, 'server_cpu_ms_per_request', serverMs, 'ms');
      if (postgresMs !== undefined) report(BENCH, 'postgres_cpu_ms_per_request', postgresMs, 'ms');
    } finally {
      await server.stop();
    }
  } finally {
    agent.destroy();
    await world.release();
  }
}
