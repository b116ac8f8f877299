// `corkboard events replay`: rebuilding from the log gives exactly what live consumption gave, also
// while new events keep arriving during the replay; and `corkboard export`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor, call, createBoard } from '../boards/test-kit.ts';
import type { CorkboardEvent } from '../events/index.ts';
import { addDays, utcDay } from './dates.ts';
import { createPin, loggedEvent, snapshot } from './test-kit.ts';

let t: TestApp;
let owner: Actor;
let fan: Actor;
let pins: { id: string; boardId: string }[];

const today = utcDay(new Date());
const at = (daysAgo: number, hour: number) =>
  `${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** Engagement by the fan over the last few days, from several apps; the last one arrives late. */
function history(): CorkboardEvent[] {
  const events: CorkboardEvent[] = [];
  const apps = ['web', 'mobile', 'tablet'] as const;
  for (let daysAgo = 4; daysAgo >= 0; daysAgo--) {
    for (const [i, pin] of pins.entries()) {
      for (let n = 0; n <= i + daysAgo; n++) {
        events.push(
          loggedEvent('pin.impression.v1', fan.userId, pin.id, at(daysAgo, 1 + n), {}, apps[n % 3]),
        );
      }
      events.push(loggedEvent('pin.closeup.v1', fan.userId, pin.id, at(daysAgo, 2 + i)));
      if (daysAgo % 2 === 0)
        events.push(loggedEvent('pin.outbound_click.v1', fan.userId, pin.id, at(daysAgo, 3)));
    }
    events.push(
      loggedEvent('search.performed.v1', fan.userId, 'tea', at(daysAgo, 4), {
        scope: 'partner_pins',
        query: 'tea',
        result_count: 1,
      }),
    );
  }
  events.push(loggedEvent('pin.closeup.v1', owner.userId, pins[0]!.id, at(2, 23)));
  return events;
}

beforeAll(async () => {
  t = await startTestApp();
  owner = await actor(t.app);
  fan = await actor(t.app);
  pins = [await createPin(t.app, owner), await createPin(t.app, owner)];
  const { events, ctx } = t.app.services;
  await events.record(ctx.db, history());
  const fanBoard = await createBoard(t.app, fan);
  expect(
    (await call(t.app, 'POST', `/v5/pins/${pins[1]!.id}/save`, fan.headers, { board_id: fanBoard.id }))
      .status,
  ).toBe(201);
  await events.drain();
});
afterAll(async () => t?.close());

describe('events replay', () => {
  it('rebuilds exactly what live consumption built', async () => {
    const { db } = t.app.services.ctx;
    const live = await snapshot(db);
    expect(live.pin_daily_metrics!.length).toBeGreaterThan(10);
    const result = await runCommand(t.app.services, ['events', 'replay', '--from', addDays(today, -2)]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ from: addDays(today, -2) });
    expect(summary.read).toBeGreaterThan(20);
    expect(summary.applied.analytics_rollups).toBeGreaterThan(20);
    expect(await snapshot(db)).toEqual(live);
  });

  it('stays exact while events keep arriving, and a full rebuild agrees', async () => {
    const { db } = t.app.services.ctx;
    const { analytics, events } = t.app.services;
    const more = () =>
      events.record(
        db,
        pins.map((pin) => loggedEvent('pin.impression.v1', fan.userId, pin.id, new Date().toISOString())),
      );
    const replay = analytics.replay(addDays(today, -3));
    for (let i = 0; i < 5; i++) await more();
    await replay;
    await more();
    await events.drain();
    const afterConcurrentReplay = await snapshot(db);
    await analytics.replay(addDays(today, -30));
    expect(await snapshot(db)).toEqual(afterConcurrentReplay);
    const [first] = await analytics.pinEngagement([pins[0]!.id]).then((m) => [...m.values()]);
    expect(first!.lifetime.impression).toBe(first!.last90Days.impression);
  });

  it('refuses a date that is not one, and a second replay while one runs', async () => {
    const bad = await runCommand(t.app.services, ['events', 'replay', '--from', 'yesterday']);
    expect(bad.exitCode).toBe(2);
    const { analytics } = t.app.services;
    const [first, second] = await Promise.allSettled([
      analytics.replay(addDays(today, -1)),
      analytics.replay(addDays(today, -1)),
    ]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe('export', () => {
  it('writes the user’s data, and nothing of other users’ secret content', async () => {
    const stranger = await actor(t.app);
    const secretBoard = await createBoard(t.app, stranger, {
      name: 'Stranger secret plans',
      privacy: 'SECRET',
    });
    const secretPin = await createPin(t.app, stranger, 'SECRET');
    const publicPin = await createPin(t.app, stranger);
    await call(t.app, 'POST', `/v5/pins/${publicPin.id}/comments`, fan.headers, { text: 'Lovely colours' });
    // The fan saved the public pin; the stranger then moves it to their secret board.
    const fanBoard = await createBoard(t.app, fan, { name: 'Fan favourites' });
    await call(t.app, 'POST', `/v5/pins/${publicPin.id}/save`, fan.headers, { board_id: fanBoard.id });
    await call(t.app, 'PATCH', `/v5/pins/${publicPin.id}`, stranger.headers, { board_id: secretBoard.id });
    await t.app.services.events.drain();

    const result = await runCommand(t.app.services, ['export', '--user', fan.username]);
    expect(result.exitCode, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.account).toMatchObject({ id: fan.userId, username: fan.username });
    expect(data.account.password_hash).toBeUndefined();
    expect(data.boards.map((b: { name: string }) => b.name)).toContain('Fan favourites');
    expect(data.pins.filter((p: { is_save: boolean }) => p.is_save)).toHaveLength(2);
    expect(data.comments).toEqual([expect.objectContaining({ text: 'Lovely colours', pin_id: null })]);
    // The log is read from the account's creation on (the history above is dated before it).
    expect(data.analytics.events_by_type['pin.impression.v1']).toBe(12);
    expect(data.analytics.active_days.length).toBeGreaterThanOrEqual(5);
    expect(data.analytics.recent_engagement.length).toBeGreaterThan(0);
    for (const secret of ['Stranger secret plans', secretBoard.id, secretPin.id, publicPin.id]) {
      expect(result.stdout).not.toContain(secret);
    }
  });
});
