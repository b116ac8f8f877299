// NATS goes away and comes back: the server keeps serving, events wait in the outbox, and after
// recovery every event is applied exactly once. Runs its own nats-server on a spare port.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createLogger } from '../../platform/logger.ts';
import type { Services } from '../../services.ts';
import { freePort } from '../../testing/processes.ts';
import { actor, call } from '../boards/test-kit.ts';
import type { LoggedEvent } from './catalog.ts';
import {
  countingConsumer,
  createEffectsTable,
  effects,
  impression,
  type TestDatabase,
  testDatabase,
} from './test-kit.ts';

const NATS_SERVER = '/usr/sbin/nats-server';
const available = fs.existsSync(NATS_SERVER);

class NatsServer {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(
      NATS_SERVER,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
      if (Date.now() > deadline) throw new Error('nats-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills it outright, as a crash or a network partition would look to the client. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const impressions = (n: number) => Array.from({ length: n }, (_, i) => impression(String(1000 + i)));

describe.skipIf(!available)(`NATS outage (needs ${NATS_SERVER}; skipped without it)`, () => {
  let nats: NatsServer;
  let storeDir: string;
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-nats-'));
    nats = new NatsServer(await freePort(), storeDir);
    await nats.start();
    database = await testDatabase({ natsUrl: `nats://127.0.0.1:${nats.port}` });
    services = await database.open();
    await createEffectsTable(services.ctx.db);
    app = await buildApp(database.config, { services, log: createLogger('silent') });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await services?.close();
    await nats?.kill();
    await database?.drop();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it('keeps serving while NATS is down and delivers everything exactly once after it returns', async () => {
    const consumer = countingConsumer('outage');
    const heard: LoggedEvent[] = [];
    services.events.registerConsumer(consumer);
    services.events.registerListener({
      name: 'outage-listener',
      onEvents: (events) => void heard.push(...events),
    });
    await services.events.start();
    const user = await actor(app);

    const first = impressions(20);
    await services.events.record(services.ctx.db, first);
    await services.events.drain(15_000);

    // A writer keeps recording through the outage, in transactions of a few events each.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await services.ctx.db.transaction().execute((trx) => services.events.record(trx, impressions(3)));
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await nats.kill();

    // Serving goes on: readiness, client events and server events only need PostgreSQL.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const posted = await call(app, 'POST', '/v5/events', user.headers, {
      events: impressions(5).map(({ actor_id: _actor, data: _data, ...event }) => event),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    expect(posted.body).toEqual({ accepted: 5, duplicates: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await nats.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await writer;
    await services.events.drain(30_000);

    const all = await sql<{ id: string }>`select id::text as id from event_log`.execute(services.ctx.db);
    const applied = await effects(services.ctx.db, 'outage');
    const earlier = new Set(first.map((e) => e.id));
    const later = all.rows.map((row) => row.id).filter((id) => !earlier.has(id));
    expect(all.rows.length).toBeGreaterThan(40);
    const missing = all.rows.filter((row) => applied.get(row.id) === undefined);
    const repeated = [...applied].filter(([, n]) => n !== 1);
    expect({ missing: missing.length, repeated: repeated.length }).toEqual({ missing: 0, repeated: 0 });
    expect(applied.size).toBe(all.rows.length);
    // The listener lost nothing either: everything recorded after the first drain reached it, once.
    const heardIds = new Set(heard.map((e) => e.id));
    expect(heardIds.size).toBe(heard.length);
    expect(later.filter((id) => !heardIds.has(id))).toEqual([]);
  }, 90_000);
});
