// Core metrics on a small synthetic set: events written to the log on chosen days, consumed live,
// read back by an AnalyticsService whose clock is fixed, so days and weeks are known exactly.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, SCOPES } from '../../platform/principal.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { type Actor, actor } from '../boards/test-kit.ts';
import { AnalyticsService } from './service.ts';
import { loggedEvent } from './test-kit.ts';

let t: TestApp;
let analytics: AnalyticsService;
let admin: Principal;
const users: Record<'a' | 'b' | 'c' | 'd', Actor> = {} as never;

// Wednesday 18 November 2026; weeks start on Mondays 2, 9 and 16 November.
const TODAY = new Date('2026-11-18T12:00:00Z');
const SIGN_UPS = { a: '2026-11-03', b: '2026-11-05', c: '2026-11-10', d: '2026-11-18' } as const;
const ACTIVE = {
  a: ['2026-11-03', '2026-11-04', '2026-11-17'],
  b: ['2026-11-05'],
  c: ['2026-11-10', '2026-11-11', '2026-11-18'],
  d: ['2026-11-18'],
} as const;

beforeAll(async () => {
  const adminName = `ops_${Date.now().toString(36)}`;
  t = await startTestApp({ adminUsernames: [adminName] });
  const { services } = t.app;
  const { db } = services.ctx;
  const operator = await actor(t.app);
  await sql`update users set username = ${adminName}, created_at = '2026-01-01' where id = ${operator.userId}`.execute(
    db,
  );
  admin = { userId: operator.userId, scopes: new Set(SCOPES), via: 'session' };
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    users[key] = await actor(t.app);
    await sql`update users set created_at = ${`${SIGN_UPS[key]}T09:00:00Z`} where id = ${users[key].userId}`.execute(
      db,
    );
  }
  const events = Object.entries(ACTIVE).flatMap(([key, days]) =>
    days.map((day) =>
      loggedEvent('search.performed.v1', users[key as 'a'].userId, 'tea', `${day}T12:00:00.000Z`, {
        scope: 'partner_pins',
        query: 'tea',
        result_count: 3,
      }),
    ),
  );
  const save = { board_id: '11', pin_owner_id: '12', parent_pin_id: null, saved_pin_id: '13' };
  for (let i = 0; i < 2; i++) {
    events.push(loggedEvent('pin.saved.v1', users.c.userId, '10', '2026-11-18T13:00:00.000Z', save));
  }
  await services.events.record(db, events);
  await services.events.drain();
  analytics = new AnalyticsService(
    services.ctx,
    services.accounts,
    services.boards,
    services.pins,
    services.events,
    () => TODAY,
  );
});
afterAll(async () => t?.close());

describe('core metrics', () => {
  it('count daily, weekly and monthly active users, sign-ups and saves per active user', async () => {
    const { days } = await analytics.coreMetrics(admin, { start_date: '2026-11-03', end_date: '2026-11-18' });
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    expect(days).toHaveLength(16);
    expect(byDate['2026-11-03']).toMatchObject({
      dau: 1,
      wau: 1,
      mau: 1,
      new_users: 1,
      data_status: 'READY',
    });
    expect(byDate['2026-11-05']).toMatchObject({ dau: 1, wau: 2, mau: 2, new_users: 1 });
    expect(byDate['2026-11-06']).toMatchObject({ dau: 0, wau: 2, mau: 2, new_users: 0 });
    // 12–18 November: a on the 17th, c and d on the 18th; b was last seen on the 5th.
    expect(byDate['2026-11-18']).toMatchObject({
      dau: 2,
      wau: 3,
      mau: 4,
      new_users: 1,
      saves: 2,
      saves_per_user: 1,
      searches: 2,
      events: 4,
      data_status: 'PROCESSING',
    });
  });

  it('report weekly retention by sign-up cohort', async () => {
    const { retention } = await analytics.coreMetrics(admin, { start_date: '2026-11-18', cohort_weeks: 3 });
    expect(retention).toEqual([
      { cohort_week: '2026-11-02', users: 2, active_by_week: [2, 0, 1], retention_by_week: [1, 0, 0.5] },
      { cohort_week: '2026-11-09', users: 1, active_by_week: [1, 1], retention_by_week: [1, 1] },
      { cohort_week: '2026-11-16', users: 1, active_by_week: [1], retention_by_week: [1] },
    ]);
  });

  it('are for admins only', async () => {
    const someone: Principal = { userId: users.a.userId, scopes: new Set(SCOPES), via: 'session' };
    await expect(analytics.coreMetrics(someone, {})).rejects.toMatchObject({ status: 403, code: 29 });
  });
});
