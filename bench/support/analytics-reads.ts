// The analytics-reads phase of the events benchmark: BENCH_ANALYTICS_EVENTS events over the last 90
// days on seeded pins, aggregated by the rollup consumer's own pure function and written by its own
// upsert in batches (no log, no HTTP); then a server on that database answers the analytics API one
// request at a time, and the p99 latencies are reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { parseConfig } from '../../server/src/config.ts';
import { analyticsProjections } from '../../server/src/modules/analytics/index.ts';
import type { LoggedEvent } from '../../server/src/modules/events/index.ts';
import { seedSynthetic } from '../../server/src/modules/seed/index.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { SCOPES } from '../../server/src/platform/principal.ts';
import { createServices } from '../../server/src/services.ts';
import { provisionDatabase } from '../../server/src/testing/harness.ts';
import { APPS, day, getJson } from './event-traffic.ts';
import { load } from './load.ts';
import { report } from './report.ts';
import { startProcess } from './server-process.ts';

const BENCH = 'events';
const DAY_MS = 86_400_000;

const say = (line: string) => process.stderr.write(`events bench: ${line}\n`);

const LOAD_BATCH = 500_000;
const EVENT_TYPES = ['pin.impression.v1', 'pin.closeup.v1', 'pin.outbound_click.v1', 'pin.saved.v1'] as const;

/**
 * How many events each pin gets: a quarter of them go to the heaviest user's pins, the rest to
 * all pins, each share falling off with the pin's place in its list (popular pins get more).
 */
function eventsPerPin(total: number, heavy: string[], all: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const spread = (pins: string[], events: number) => {
    const weights = pins.map((_, i) => 1 / (1 + i) ** 0.8);
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const [i, pin] of pins.entries()) {
      counts.set(pin, (counts.get(pin) ?? 0) + Math.round((events * weights[i]!) / sum));
    }
  };
  spread(heavy, total * 0.25);
  spread(all, total * 0.75);
  return counts;
}

/** An engagement event on a pin at a random moment of the last 89 days: the log's shape, no I/O. */
function syntheticEvent(pinId: string, i: number): LoggedEvent {
  const r = Math.random();
  return {
    id: '',
    type: EVENT_TYPES[r < 0.9 ? 0 : r < 0.96 ? 1 : r < 0.99 ? 2 : 3],
    actor_id: null,
    object: { type: 'pin', id: pinId },
    occurred_at: new Date(Date.now() - Math.random() * 89 * DAY_MS).toISOString(),
    context: { app_type: APPS[i % APPS.length] as 'web', locale: null, session_id: null, surface: null },
    data: {} as LoggedEvent['data'],
    position: BigInt(i),
  };
}

/** 10M events' worth of rollups through the consumer's own aggregation and upsert; then timed reads. */
export async function analyticsReads(totalEvents: number, pinCount: number) {
  const database = await provisionDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-analytics-'));
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  try {
    const config = { ...parseConfig({ ...env, SEED_DEMO: 'false' }), mediaDir: path.join(dataDir, 'media') };
    const services = await createServices(config, { log: createLogger('warn') });
    let token: string;
    let pinId: string;
    try {
      const seedStarted = performance.now();
      await seedSynthetic(services, {
        users: Math.max(10, Math.round(pinCount / 50)),
        boards: Math.max(20, Math.round(pinCount / 10)),
        pins: pinCount,
        saves: 0,
        imagesPerTopic: 1,
      });
      const { db } = services.ctx;
      const owners = (
        await sql<{
          id: string;
          owner_id: string;
        }>`select id::text, owner_id::text from pins order by id`.execute(db)
      ).rows;
      // The heaviest user: a quarter of all events land on their pins.
      const counts = new Map<string, number>();
      for (const row of owners) counts.set(row.owner_id, (counts.get(row.owner_id) ?? 0) + 1);
      const heavy = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      const heavyPins = owners.filter((row) => row.owner_id === heavy).map((row) => row.id);
      const allPins = owners.map((row) => row.id);
      say(
        `seeded ${allPins.length} pins in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s; heaviest user has ${heavyPins.length}`,
      );
      const rollups = analyticsProjections.find((p) => p.name === 'analytics_rollups')!;
      const loadStarted = performance.now();
      const perPin = eventsPerPin(totalEvents, heavyPins, allPins);
      // Batches take whole pins, so each pin-day row is written once (inserted, never re-upserted):
      // the load costs what the rows cost, and every event still goes through the consumer's path.
      let batch: LoggedEvent[] = [];
      const flush = async () => {
        if (batch.length > 0) await db.transaction().execute((trx) => rollups.apply(trx, batch));
        batch = [];
      };
      for (const [pin, count] of perPin) {
        for (let i = 0; i < count; i++) batch.push(syntheticEvent(pin, batch.length));
        if (batch.length >= LOAD_BATCH) await flush();
      }
      await flush();
      const rows = (await sql<{ n: number }>`select count(*)::int as n from pin_daily_metrics`.execute(db))
        .rows[0]!.n;
      say(
        `analytics data: ${totalEvents} events aggregated by the rollup consumer's pinDayDeltas and written by its upsert (repo.addEngagement) in batches of about ${LOAD_BATCH} events, ${((performance.now() - loadStarted) / 1000).toFixed(0)} s: ${rows} pin-day rows`,
      );
      report(BENCH, 'analytics_events', totalEvents, 'events');
      report(BENCH, 'analytics_pin_day_rows', rows, 'rows');
      token = (await services.tokens.createPersonal(heavy, { name: 'bench', scopes: [...SCOPES] })).token;
      pinId = heavyPins[0]!;
    } finally {
      await services.close();
    }
    const server = await startProcess('server/src/main.ts', env);
    try {
      const headers = { authorization: `Bearer ${token}` };
      const range = `start_date=${day(new Date(Date.now() - 90 * DAY_MS))}&end_date=${day(new Date())}`;
      const urls = {
        user_account: `${server.url}/v5/user_account/analytics?${range}`,
        pin: `${server.url}/v5/pins/${pinId}/analytics?${range}&metric_types=IMPRESSION,PIN_CLICK,OUTBOUND_CLICK,SAVE,SAVE_RATE`,
        top_pins: `${server.url}/v5/user_account/analytics/top_pins?${range}&sort_by=IMPRESSION&num_of_pins=50`,
      };
      const p99: Record<string, number> = {};
      for (const [name, url] of Object.entries(urls)) {
        await getJson(url, headers);
        const result = await load({ url, headers, connections: 1, seconds: 5 });
        if (result.errors + result.non2xx > 0)
          throw new Error(`${name}: ${result.errors + result.non2xx} failures`);
        p99[name] = result.p99Ms;
        report(BENCH, `analytics_${name}_p99_ms`, result.p99Ms, 'ms');
      }
      // The headline is the slowest of the three: an analytics page asks for all of them.
      report(BENCH, 'analytics_p99_ms', Math.max(...Object.values(p99)), 'ms');
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
