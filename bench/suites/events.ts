// The data platform under load.
//
// Ingestion, end to end: BENCH_EVENTS_CLIENTS clients (default 8, each its own user and token)
// POST BENCH_EVENTS_TOTAL events (default 200000; 90% impressions, 7% closeups, 3% outbound
// clicks over BENCH_EVENTS_PINS pins) in batches of 500 to a real server process, and the clock
// stops when the analytics API shows every event in the rollups and the core metrics count them
// all (drained). Once on the embedded defaults, once with NATS_URL (nats://127.0.0.1:4222 unless
// set; a stream of this run's own, deleted after). Meanwhile a probe posts one closeup every
// 200 ms on a pin of its own and polls GET /v5/pins/{id}/analytics: POST-to-visible lag.
//
// Raw JetStream: the same number of acked publishes of event-sized payloads (256 in flight, as
// the relay does) to a stream of its own, for the ratio to ingestion over NATS.
//
// Analytics reads: BENCH_ANALYTICS_EVENTS events (default 10000000) over the last 90 days, on
// BENCH_ANALYTICS_PINS seeded pins (default 2000, `corkboard seed`'s code), are aggregated by the
// rollup consumer's own pure function and written by its own upsert, in batches (no log, no
// HTTP); then a server on that database answers user_account/analytics (90 days), pins/{id}/analytics
// (90 days) and top_pins (90 days), one request at a time for 5 s each (the embedded database
// runs one query at a time, so more connections would measure queueing), for the heaviest user
// and pin.
//
// Embedded PGlite by default; with DATABASE_URL a throwaway database on that server per phase.
// The analytics-reads phase lives in bench/support/analytics-reads.ts.
import os from 'node:os';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { PipelinedPublisher } from '../../server/src/modules/events/index.ts';
import { provisionDatabase } from '../../server/src/testing/harness.ts';
import { analyticsReads } from '../support/analytics-reads.ts';
import { childCpuSeconds, natsServerCpuSeconds, postgresCpuSeconds } from '../support/cpu-time.ts';
import {
  type Client,
  createPins,
  day,
  eventJson,
  getJson,
  makeBodies,
  signedUpClient,
  startProbe,
} from '../support/event-traffic.ts';
import { report } from '../support/report.ts';
import { startProcess } from '../support/server-process.ts';

const BENCH = 'events';

const DAY_MS = 86_400_000;

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

const say = (line: string) => process.stderr.write(`events bench: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

interface IngestResult {
  eventsPerSecond: number;
  /** Cores the server process used over the phase (its CPU seconds over the wall seconds). */
  serverCores: number | undefined;
  /** Cores the load generator (this process) used meanwhile. */
  clientCores: number;
  /** Cores the local nats-server used meanwhile (NATS phase). */
  natsCores: number | undefined;
  /** Cores PostgreSQL used meanwhile (with DATABASE_URL; PGlite runs inside the server process). */
  postgresCores: number | undefined;
  lagsSeconds: number[];
}

const SERVER_ENTRY = 'server/src/main.ts';

/** One ingestion run against a fresh server with `env`. */
async function ingest(env: Record<string, string>, total: number, clientsWanted: number, pinsWanted: number) {
  const database = await provisionDatabase();
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  const profileDir = process.env.BENCH_EVENTS_CPU_PROF_DIR;
  const server = await startProcess(
    SERVER_ENTRY,
    { EVENTS_INGEST_LIMIT_PER_MINUTE: '100000000', LOGIN_LIMIT_PER_IP: '1000000', ...env },
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const owner = await signedUpClient(server.url);
    const pinIds = await createPins(server.url, owner, pinsWanted);
    const probePin = pinIds.pop()!;
    const clients: Client[] = [];
    for (let i = 0; i < clientsWanted; i++) clients.push(await signedUpClient(server.url));
    const { bodies, expected } = makeBodies(total, pinIds);
    const today = day(new Date());
    const analytics = `${server.url}/v5/user_account/analytics?start_date=${day(new Date(Date.now() - DAY_MS))}&end_date=${today}&metric_types=IMPRESSION,PIN_CLICK,OUTBOUND_CLICK`;
    const probe = startProbe(server.url, owner, probePin);
    const started = performance.now();
    const serverCpuAtStart = childCpuSeconds(SERVER_ENTRY);
    const clientCpuAtStart = process.cpuUsage();
    const natsCpuAtStart = env.NATS_URL ? natsServerCpuSeconds() : undefined;
    const postgresCpuAtStart = database.databaseUrl ? postgresCpuSeconds() : undefined;
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        for (let i = next++; i < bodies.length; i = next++) {
          const response = await fetch(`${server.url}/v5/events`, {
            method: 'POST',
            headers: { ...client.headers, 'content-type': 'application/json' },
            body: bodies[i],
          });
          if (response.status !== 202)
            throw new Error(`POST /v5/events: ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
        }
      }),
    );
    const posted = performance.now();
    for (;;) {
      // The probe's closeups only add to PIN_CLICK; the log is consumed in order, so once every
      // impression and outbound click is in, the closeups posted with them are too.
      const summary = (await getJson(analytics, owner.headers)).all.summary_metrics;
      if (
        summary.IMPRESSION === expected.impression &&
        summary.OUTBOUND_CLICK === expected.outbound_click &&
        summary.PIN_CLICK >= expected.pin_click
      ) {
        break;
      }
      if (performance.now() - posted > 600_000) throw new Error(`not drained: ${JSON.stringify(summary)}`);
      await sleep(50);
    }
    const drained = performance.now();
    const serverCpuAtEnd = childCpuSeconds(SERVER_ENTRY);
    const clientCpu = process.cpuUsage(clientCpuAtStart);
    const wallSeconds = (drained - started) / 1000;
    /** Cores a process used over the phase: its CPU seconds over the wall seconds. */
    const coresOf = (atStart: number | undefined, atEnd: number | undefined) =>
      atStart !== undefined && atEnd !== undefined ? (atEnd - atStart) / wallSeconds : undefined;
    const serverCores = coresOf(serverCpuAtStart, serverCpuAtEnd);
    const clientCores = (clientCpu.user + clientCpu.system) / 1e6 / wallSeconds;
    const natsCores = coresOf(
      natsCpuAtStart,
      natsCpuAtStart === undefined ? undefined : natsServerCpuSeconds(),
    );
    const postgresCores = coresOf(
      postgresCpuAtStart,
      postgresCpuAtStart === undefined ? undefined : postgresCpuSeconds(),
    );
    const lagsSeconds = await probe.stop();
    say(
      `${total} events by ${clientsWanted} clients: posted in ${((posted - started) / 1000).toFixed(1)} s, in the rollups after ${wallSeconds.toFixed(1)} s; server used ${serverCores?.toFixed(2) ?? '?'} cores, PostgreSQL ${postgresCores?.toFixed(2) ?? '-'}, nats-server ${natsCores?.toFixed(2) ?? '-'}, load generator ${clientCores.toFixed(2)}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    return {
      eventsPerSecond: total / wallSeconds,
      serverCores,
      clientCores,
      natsCores,
      postgresCores,
      lagsSeconds,
    } satisfies IngestResult;
  } finally {
    await server.stop();
    await database.drop();
  }
}

/**
 * Acked JetStream publishes of `size`-byte payloads, each with its own Nats-Msg-Id, to a stream of
 * this run's own, in batches of 5000 all in flight, by the relay's own publisher: what NATS takes
 * with nothing else to do. `viaClient` uses the client library's js.publish (a request per
 * message) with `inFlight` awaiting at a time, for comparison.
 */
async function natsRawPublish(
  natsUrl: string,
  count: number,
  size: number,
  viaClient?: { inFlight: number },
): Promise<number> {
  const nc = await connect({ servers: natsUrl, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  const name = `CB_BENCH_RAW_${Date.now().toString(36).toUpperCase()}`;
  const subject = `cbbench.raw.${name.toLowerCase()}`;
  await jsm.streams.add({ name, subjects: [subject] });
  try {
    const payload = new TextEncoder().encode('x'.repeat(size));
    const started = performance.now();
    if (viaClient) {
      const js = jetstream(nc);
      const pending = new Set<Promise<unknown>>();
      for (let i = 0; i < count; i++) {
        const ack = js.publish(subject, payload, { msgID: `${name}-${i}` });
        pending.add(ack);
        void ack.finally(() => pending.delete(ack));
        if (pending.size >= viaClient.inFlight) await Promise.race(pending);
      }
      await Promise.all(pending);
    } else {
      const publisher = new PipelinedPublisher(nc);
      try {
        for (let start = 0; start < count; start += 5000) {
          const batch = Array.from({ length: Math.min(5000, count - start) }, (_, i) => ({
            subject,
            data: payload,
            msgId: `${name}-${start + i}`,
          }));
          await publisher.publishAll(batch, 30_000);
        }
      } finally {
        publisher.close();
      }
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
}

export async function run(): Promise<void> {
  const total = envCount('BENCH_EVENTS_TOTAL', 200_000);
  const clients = envCount('BENCH_EVENTS_CLIENTS', 8);
  const pins = envCount('BENCH_EVENTS_PINS', 200);
  const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  say(
    `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; ${os.availableParallelism()} cores on this machine`,
  );

  const phases = new Set((process.env.BENCH_EVENTS_PHASES || 'embedded,nats,raw,analytics').split(','));

  if (phases.has('embedded')) {
    const embedded = await ingest({}, total, clients, pins);
    reportIngest('embedded', embedded);
    report(BENCH, 'lag_p50_s', percentile(embedded.lagsSeconds, 0.5), 's');
    report(BENCH, 'lag_p99_s', percentile(embedded.lagsSeconds, 0.99), 's');
  }
  let nats: IngestResult | undefined;
  if (phases.has('nats')) {
    const stream = `CB_BENCH_${Date.now().toString(36).toUpperCase()}`;
    nats = await ingest(
      { NATS_URL: natsUrl, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: `cbbench.${stream.toLowerCase()}` },
      total,
      clients,
      pins,
    );
    await deleteStream(natsUrl, stream);
    reportIngest('nats', nats);
    report(BENCH, 'lag_p50_s_nats', percentile(nats.lagsSeconds, 0.5), 's');
    report(BENCH, 'lag_p99_s_nats', percentile(nats.lagsSeconds, 0.99), 's');
  }
  if (phases.has('raw')) {
    const size = eventJson('pin.impression.v1', '117870991819931659', 'mobile').length + 60;
    const raw = await natsRawPublish(natsUrl, total, size);
    if (nats) {
      const viaClient = await natsRawPublish(natsUrl, total, size, { inFlight: 256 });
      report(BENCH, 'nats_raw_js_publish_256_in_flight_per_s', viaClient, 'msgs/s');
    }
    report(BENCH, 'nats_raw_publish_per_s', raw, 'msgs/s');
    if (nats) report(BENCH, 'ingest_vs_nats_raw_ratio', nats.eventsPerSecond / raw, 'ratio');
  }
  if (phases.has('analytics')) {
    await analyticsReads(
      envCount('BENCH_ANALYTICS_EVENTS', 10_000_000),
      envCount('BENCH_ANALYTICS_PINS', 2000),
    );
  }
}

/**
 * Events per second, and per core: divided by the cores the server process used over the phase
 * (CPU seconds / wall seconds, all its threads: PGlite, the relay and the consumers run in it), and
 * by all cores used (server, PostgreSQL with DATABASE_URL, nats-server in the NATS phase, and
 * this load generator).
 */
function reportIngest(mode: 'embedded' | 'nats', result: IngestResult): void {
  report(BENCH, `ingest_events_per_s_${mode}`, result.eventsPerSecond, 'events/s');
  if (result.serverCores === undefined) return;
  const natsCores = result.natsCores ?? 0;
  const postgresCores = result.postgresCores ?? 0;
  report(BENCH, `ingest_server_cores_${mode}`, result.serverCores, 'cores');
  if (result.postgresCores !== undefined)
    report(BENCH, `ingest_postgres_cores_${mode}`, postgresCores, 'cores');
  if (result.natsCores !== undefined) report(BENCH, `ingest_nats_server_cores_${mode}`, natsCores, 'cores');
  report(BENCH, `ingest_client_cores_${mode}`, result.clientCores, 'cores');
  report(
    BENCH,
    `ingest_events_per_s_per_server_core_${mode}`,
    result.eventsPerSecond / result.serverCores,
    'events/s',
  );
  report(
    BENCH,
    `ingest_events_per_s_per_core_${mode}`,
    result.eventsPerSecond / (result.serverCores + postgresCores + natsCores + result.clientCores),
    'events/s',
  );
}

async function deleteStream(natsUrl: string, name: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    await (await jetstreamManager(nc)).streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}
