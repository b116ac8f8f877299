// Discovery search at scale on PostgreSQL: the kept synthetic world (bench/support/world.ts:
// BENCH_WORLD_DB, default cb_bench_world_1m, seeded with `corkboard seed`'s code when absent, with
// BENCH_SEARCH_PINS original pins, default 1,000,000, and BENCH_SEARCH_SAVES saves, default
// 10,000,000; BENCH_WORLD_DB= (empty) seeds a throwaway one), then GET /v5/search/partner/pins and
// GET /v5/search/typeahead over HTTP against a real server process, each at
// BENCH_SEARCH_CONNECTIONS (default 4: the machine this was tuned on has 2 cores, shared by server,
// PostgreSQL and client) for BENCH_SEARCH_SECONDS (default 10), cycling through realistic queries:
// topic words that match tens of thousands of pins (one matches every pin), board names, two- and
// three-word queries, partly typed words and typos. Target: search p99 ≤ 50 ms. cpu_steal_share is
// the CPU the hypervisor took meanwhile; search_server_/postgres_cpu_ms_per_request, CPU time per
// search, which does not depend on how busy the machine was (bench/support/cpu-time.ts).
//
// Before the load it prints, from EXPLAIN ANALYZE of partner search for the commonest word, how
// many pin rows the plan read and whether it scanned the pins table sequentially.
//
// Needs DATABASE_URL (without it, says so and skips). The server runs with DISCOVERY_GRAPH=false
// so that building the discovery graph over the world does not share the CPU with the measurement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { parseConfig } from '../../server/src/config.ts';
import { TOPICS } from '../../server/src/modules/seed/index.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { createServices, type Services } from '../../server/src/services.ts';
import { cpuPerRequestWindow, stealWindow } from '../support/cpu-time.ts';
import { report } from '../support/report.ts';
import { startProcess } from '../support/server-process.ts';
import { DEFAULT_WORLD_DB, envCount, worldDatabase } from '../support/world.ts';

const BENCH = 'search';
const SERVER_ENTRY = 'server/src/main.ts';

const say = (line: string) => process.stderr.write(`search bench: ${line}\n`);

/** Search terms as people type them into a recipe-and-decor Pinterest: from the seeded topics. */
export function searchTerms(): string[] {
  const terms = ['ideas', 'easy', 'diy'];
  for (const topic of TOPICS) {
    terms.push(topic.label.toLowerCase(), ...topic.boards.map((b) => b.toLowerCase()));
    for (const [i, noun] of topic.nouns.entries()) {
      terms.push(noun, `${topic.adjectives[i % topic.adjectives.length]!.toLowerCase()} ${noun}`);
    }
  }
  return terms;
}

/** What a search box holds while typing: prefixes of words and names, and a few typos. */
export function typeaheadInputs(): string[] {
  const inputs: string[] = [];
  for (const topic of TOPICS) {
    for (const name of [...topic.boards, ...topic.nouns]) {
      const lower = name.toLowerCase();
      inputs.push(lower.slice(0, 3), lower.slice(0, Math.ceil(lower.length * 0.7)));
      // A dropped letter in the middle: "kitchn", "sourdugh".
      const at = Math.floor(lower.length / 2);
      if (lower.length > 5) inputs.push(lower.slice(0, at) + lower.slice(at + 1));
    }
  }
  return inputs;
}

/** A fixed shuffle, so every run sends the same sequence. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let state = 0x9e3779b9;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fresh statistics and visibility map, as autovacuum would leave a settled database. */
async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum (analyze) pins, boards, users, search_terms');
  } finally {
    await client.end();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/**
 * Rows the plan read from the pins table (returned or filtered out, in every loop) and how many
 * sequential scans of pins it ran, counting only nodes that ran.
 */
function pinsWork(node: PlanNode): { rows: number; seqScans: number } {
  let rows = 0;
  let seqScans = 0;
  const loops = node['Actual Loops'] ?? 0;
  if (node['Relation Name'] === 'pins' && loops > 0) {
    const read =
      (node['Actual Rows'] ?? 0) +
      (node['Rows Removed by Filter'] ?? 0) +
      (node['Rows Removed by Index Recheck'] ?? 0);
    rows += read * loops;
    if (node['Node Type'] === 'Seq Scan') seqScans += 1;
  }
  for (const child of node.Plans ?? []) {
    const work = pinsWork(child);
    rows += work.rows;
    seqScans += work.seqScans;
  }
  return { rows, seqScans };
}

async function explainCommonest(services: Services): Promise<void> {
  const [explained] = (await services.search.partnerSearchPlan('ideas')) as {
    Plan: PlanNode;
    'Execution Time': number;
  }[];
  const work = pinsWork(explained!.Plan);
  say(`EXPLAIN ANALYZE "ideas": ${work.rows} pin rows read, ${work.seqScans} sequential scans of pins`);
  report(BENCH, 'plan_common_word_pin_rows', work.rows, 'rows');
  report(BENCH, 'plan_common_word_seq_scans', work.seqScans, 'scans');
  report(BENCH, 'plan_common_word_ms', explained!['Execution Time'], 'ms');
}

async function signIn(url: string): Promise<Record<string, string>> {
  const username = `bench_${Date.now().toString(36)}`;
  const signUp = await fetch(`${url}/v5/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@bench.test`, password: 'benchmark password' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up: HTTP ${signUp.status}`);
  const session = (await signUp.json()) as { csrf_token: string };
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/v5/user_account/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrf_token },
    body: JSON.stringify({ name: 'bench', scopes: 'all' }),
  });
  if (created.status !== 201) throw new Error(`token: HTTP ${created.status}`);
  const { token } = (await created.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

interface Measured {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** Fixed concurrency, each request the next path of `paths` (cycling). */
async function measure(
  url: string,
  headers: Record<string, string>,
  paths: string[],
  connections: number,
  seconds: number,
): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url,
    headers,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  const failures = result.errors + result.non2xx + result.timeouts;
  if (failures > 0) throw new Error(`${failures} failed requests of ${result.requests.total}`);
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

export async function run(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write('search: DATABASE_URL is not set; this benchmark needs PostgreSQL. Skipped.\n');
    return;
  }
  const connections = Math.max(1, envCount('BENCH_SEARCH_CONNECTIONS', 4));
  const seconds = Math.max(1, envCount('BENCH_SEARCH_SECONDS', 10));
  const world = await worldDatabase(
    base,
    { pins: envCount('BENCH_SEARCH_PINS', 1_000_000), saves: envCount('BENCH_SEARCH_SAVES', 10_000_000) },
    { keep: process.env.BENCH_WORLD_DB ?? DEFAULT_WORLD_DB, say },
  );
  const databaseUrl = world.url;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-search-'));
  try {
    if (world.seeded) report(BENCH, 'seed_s', world.seeded.seconds.total!, 's');
    const config = { ...parseConfig({ DATABASE_URL: databaseUrl }), mediaDir };
    const services = await createServices(config, { log: createLogger('warn') });
    try {
      const refreshed = await services.search.refreshTerms();
      say(`vocabulary: ${refreshed.terms} terms in ${refreshed.seconds.toFixed(1)} s`);
      report(BENCH, 'vocabulary_rebuild_s', refreshed.seconds, 's');
      await settle(databaseUrl);
      await explainCommonest(services);
    } finally {
      await services.close();
    }

    const server = await startProcess(SERVER_ENTRY, {
      DATABASE_URL: databaseUrl,
      DISCOVERY_GRAPH: 'false',
    });
    try {
      const headers = await signIn(server.url);
      const searchPaths = shuffled(searchTerms()).map(
        (term) => `/v5/search/partner/pins?country_code=US&limit=25&term=${encodeURIComponent(term)}`,
      );
      const typeaheadPaths = shuffled(typeaheadInputs()).map(
        (input) => `/v5/search/typeahead?limit=5&query=${encodeURIComponent(input)}`,
      );
      const sample = (await (await fetch(`${server.url}${searchPaths[0]}`, { headers })).json()) as {
        items: unknown[];
      };
      if (sample.items.length === 0) throw new Error(`no results for ${searchPaths[0]}`);
      const load = () =>
        os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ');
      say(`${connections} connections, ${seconds} s each; warming up`);
      await measure(server.url, headers, searchPaths, connections, 3);
      await measure(server.url, headers, typeaheadPaths, connections, 3);
      say(`load average before: ${load()} on ${os.availableParallelism()} cores`);
      const stolen = stealWindow();
      const cpu = cpuPerRequestWindow(SERVER_ENTRY);
      const search = await measure(server.url, headers, searchPaths, connections, seconds);
      const perRequest = cpu.end(search.requests);
      const typeahead = await measure(server.url, headers, typeaheadPaths, connections, seconds);
      const steal = stolen.share();
      say(`load average after: ${load()}`);
      report(BENCH, 'connections', connections, 'connections');
      report(BENCH, 'search_rps', search.rps, 'req/s');
      report(BENCH, 'search_p50_ms', search.p50Ms, 'ms');
      report(BENCH, 'search_p99_ms', search.p99Ms, 'ms');
      report(BENCH, 'typeahead_rps', typeahead.rps, 'req/s');
      report(BENCH, 'typeahead_p50_ms', typeahead.p50Ms, 'ms');
      report(BENCH, 'typeahead_p99_ms', typeahead.p99Ms, 'ms');
      if (steal !== null) report(BENCH, 'cpu_steal_share', steal, 'ratio');
      const { serverMs, postgresMs } = perRequest;
      if (serverMs !== undefined) report(BENCH, 'search_server_cpu_ms_per_request', serverMs, 'ms');
      if (postgresMs !== undefined) report(BENCH, 'search_postgres_cpu_ms_per_request', postgresMs, 'ms');
    } finally {
      await server.stop();
    }
  } finally {
    await world.release();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
}
