// Crash safety of the embedded log: events committed while no consumer runs (the process died
// after the commit) are delivered after a restart, to a new services instance, exactly once.
// PGlite keeps this database on disk so that it outlives the first instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import {
  countingConsumer,
  createEffectsTable,
  effects,
  followEvent,
  impression,
  type TestDatabase,
  testDatabase,
} from './test-kit.ts';

let database: TestDatabase;
let services: Services;
beforeAll(async () => {
  database = await testDatabase({}, { reopenable: true });
  services = await database.open();
  await createEffectsTable(services.ctx.db);
});
afterAll(async () => {
  await services?.close();
  await database?.drop();
});

describe('a restart', () => {
  it('survives a restart: events committed while nothing consumed are delivered once afterwards', async () => {
    // A process records events and dies without consuming any of them.
    const before = [followEvent(), impression(), followEvent()];
    await services.events.record(services.ctx.db, before);
    await services.close();

    // The next process registers its consumer and catches up.
    services = await database.open();
    const consumer = countingConsumer('restart');
    services.events.registerConsumer(consumer);
    await services.events.drain(10_000);
    const applied = await effects(services.ctx.db, 'restart');
    for (const event of before) expect(applied.get(event.id)).toBe(1);

    // More events, another restart: only the new ones are applied, and once.
    const after = [impression(), impression()];
    await services.events.record(services.ctx.db, after);
    await services.close();
    services = await database.open();
    services.events.registerConsumer(countingConsumer('restart'));
    await services.events.drain(10_000);
    const again = await effects(services.ctx.db, 'restart');
    for (const event of [...before, ...after]) expect(again.get(event.id)).toBe(1);
  });
});
