// The analytics API end to end: client events posted to POST /v5/events and saves made through the
// API reach the rollups through the live consumers, and every operation answers as the spec says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/clients.ts';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { assertMatchesSpec } from '../../testing/spec-contract.ts';
import { type Actor, actor, call, createBoard, tokenHeaders } from '../boards/test-kit.ts';
import { RECENT_ENGAGEMENT_CAP } from './consumers.ts';
import { addDays, utcDay } from './dates.ts';
import { clientEvent, createPin, loggedEvent, many, postEvents } from './test-kit.ts';

let t: TestApp;
let owner: Actor;
let fan: Actor;
let stranger: Actor;
let admin: Actor;
let pin: { id: string; boardId: string };
let other: { id: string; boardId: string };
const adminName = `admin_${Date.now().toString(36)}`;

const today = () => utcDay(new Date());
const range = (days = 1) => `start_date=${addDays(today(), -days)}&end_date=${today()}`;

beforeAll(async () => {
  t = await startTestApp({ adminUsernames: [adminName.toUpperCase()] });
  [owner, fan, stranger] = [await actor(t.app), await actor(t.app), await actor(t.app)];
  const adminSession = await signUp(t.app, adminName);
  admin = {
    session: adminSession,
    userId: adminSession.userId,
    username: adminName,
    headers: adminSession.headers,
  };
  pin = await createPin(t.app, owner);
  other = await createPin(t.app, owner);
  await postEvents(t.app, fan, [
    ...many(3, () => clientEvent('pin.impression.v1', pin.id)),
    ...many(2, () => clientEvent('pin.impression.v1', pin.id, { app: 'mobile' })),
    clientEvent('pin.impression.v1', pin.id, { app: 'tablet' }),
    ...many(2, () => clientEvent('pin.closeup.v1', pin.id)),
    clientEvent('pin.outbound_click.v1', pin.id, { app: 'mobile' }),
    ...many(4, () => clientEvent('pin.impression.v1', other.id)),
    ...many(3, () => clientEvent('pin.closeup.v1', other.id)),
    // An event about a pin that does not exist is dropped by the rollups, not an error.
    clientEvent('pin.impression.v1', '999999999'),
  ]);
  const fanBoard = await createBoard(t.app, fan);
  const saved = await call(t.app, 'POST', `/v5/pins/${pin.id}/save`, fan.headers, { board_id: fanBoard.id });
  expect(saved.status).toBe(201);
  await t.app.services.events.drain();
});
afterAll(async () => t?.close());

describe('GET /v5/pins/{pin_id}/analytics', () => {
  const url = (query: string, id = pin.id) => `/v5/pins/${id}/analytics?${range()}&${query}`;

  it('reports daily and summary metrics from the rollups, as the spec describes', async () => {
    const response = await call(
      t.app,
      'GET',
      url('metric_types=IMPRESSION,PIN_CLICK,OUTBOUND_CLICK,SAVE,SAVE_RATE,TOTAL_COMMENTS'),
      owner.headers,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    assertMatchesSpec('GET', '/pins/{pin_id}/analytics', 200, response.body);
    const all = response.body.all;
    expect(all.summary_metrics).toEqual({
      IMPRESSION: 6,
      PIN_CLICK: 2,
      OUTBOUND_CLICK: 1,
      SAVE: 1,
      SAVE_RATE: 1 / 6,
    });
    expect(all.lifetime_metrics).toEqual({ TOTAL_COMMENTS: 0 });
    expect(all.daily_metrics.map((d: { date: string }) => d.date)).toEqual([addDays(today(), -1), today()]);
    // The pin was made today: yesterday is before it existed; today is still arriving.
    expect(all.daily_metrics.map((d: { data_status: string }) => d.data_status)).toEqual([
      'BEFORE_PIN_CREATED',
      'PROCESSING',
    ]);
  });

  it('splits by app type and filters by app_types', async () => {
    const split = await call(
      t.app,
      'GET',
      url('metric_types=IMPRESSION,OUTBOUND_CLICK&split_field=APP_TYPE'),
      owner.headers,
    );
    expect(split.status).toBe(200);
    assertMatchesSpec('GET', '/pins/{pin_id}/analytics', 200, split.body);
    expect(Object.keys(split.body).sort()).toEqual(['MOBILE', 'TABLET', 'WEB']);
    expect(split.body.WEB.summary_metrics).toEqual({ IMPRESSION: 3, OUTBOUND_CLICK: 0 });
    expect(split.body.MOBILE.summary_metrics).toEqual({ IMPRESSION: 2, OUTBOUND_CLICK: 1 });
    expect(split.body.TABLET.summary_metrics).toEqual({ IMPRESSION: 1, OUTBOUND_CLICK: 0 });
    const mobile = await call(t.app, 'GET', url('metric_types=IMPRESSION&app_types=MOBILE'), owner.headers);
    expect(mobile.body.all.summary_metrics).toEqual({ IMPRESSION: 2 });
  });

  it('applies the spec’s date rules with its 400 body', async () => {
    const tooOld = await call(
      t.app,
      'GET',
      `/v5/pins/${pin.id}/analytics?start_date=${addDays(today(), -91)}&end_date=${today()}&metric_types=IMPRESSION`,
      owner.headers,
    );
    expect(tooOld.status).toBe(400);
    assertMatchesSpec('GET', '/pins/{pin_id}/analytics', 400, tooOld.body);
    expect(tooOld.body).toEqual({
      code: 1,
      message: 'start_date cannot be more than 90 days back from today.',
    });
    const oldest = await call(
      t.app,
      'GET',
      `/v5/pins/${pin.id}/analytics?start_date=${addDays(today(), -90)}&end_date=${today()}&metric_types=IMPRESSION`,
      owner.headers,
    );
    expect(oldest.status).toBe(200);
    expect(oldest.body.all.daily_metrics).toHaveLength(91);
    for (const [start, end, message] of [
      [today(), addDays(today(), -1), /before start_date/],
      [today(), addDays(today(), 1), /future/],
      ['2026-02-30', today(), /start_date/],
    ] as const) {
      const bad = await call(
        t.app,
        'GET',
        `/v5/pins/${pin.id}/analytics?start_date=${start}&end_date=${end}&metric_types=IMPRESSION`,
        owner.headers,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(message);
    }
    for (const query of ['metric_types=NOPE', 'split_field=PIN_FORMAT&metric_types=SAVE', '']) {
      const bad = await call(t.app, 'GET', url(query), owner.headers);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code).toBe(1);
    }
  });

  it('is 404 for pins that are not the caller’s, secret ones included, and needs the secret scope', async () => {
    const strangerSecret = await createPin(t.app, stranger, 'SECRET');
    const strangerPublic = await createPin(t.app, stranger);
    for (const id of [strangerSecret.id, strangerPublic.id, '12345', 'abc']) {
      const response = await call(t.app, 'GET', url('metric_types=IMPRESSION', id), owner.headers);
      expect(response.status, id).toBe(404);
      expect(response.body).toEqual({ code: 50, message: 'Pin not found.' });
    }
    const ownSecret = await createPin(t.app, owner, 'SECRET');
    const plain = await tokenHeaders(t.app, owner, ['boards:read', 'pins:read']);
    expect((await call(t.app, 'GET', url('metric_types=IMPRESSION', ownSecret.id), plain)).status).toBe(404);
    const secret = await tokenHeaders(t.app, owner, [
      'boards:read',
      'boards:read_secret',
      'pins:read',
      'pins:read_secret',
    ]);
    expect((await call(t.app, 'GET', url('metric_types=IMPRESSION', ownSecret.id), secret)).status).toBe(200);
    const pinsOnly = await tokenHeaders(t.app, owner, ['pins:read']);
    const refused = await call(t.app, 'GET', url('metric_types=IMPRESSION'), pinsOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(3);
  });
});

describe('GET /v5/pins/analytics', () => {
  it('reports several pins at once, keyed by pin id', async () => {
    const response = await call(
      t.app,
      'GET',
      `/v5/pins/analytics?pin_ids=${pin.id},${other.id}&${range()}&metric_types=IMPRESSION,PIN_CLICK`,
      owner.headers,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    assertMatchesSpec('GET', '/pins/analytics', 200, response.body);
    expect(response.body[pin.id].all.summary_metrics).toEqual({ IMPRESSION: 6, PIN_CLICK: 2 });
    expect(response.body[other.id].all.summary_metrics).toEqual({ IMPRESSION: 4, PIN_CLICK: 3 });
    const foreign = await call(
      t.app,
      'GET',
      `/v5/pins/analytics?pin_ids=${pin.id}&${range()}&metric_types=IMPRESSION`,
      stranger.headers,
    );
    expect(foreign.status).toBe(404);
  });
});

describe('GET /v5/user_account/analytics', () => {
  it('sums the engagement of the caller’s pins, every metric by default', async () => {
    const response = await call(t.app, 'GET', `/v5/user_account/analytics?${range(7)}`, owner.headers);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    assertMatchesSpec('GET', '/user_account/analytics', 200, response.body);
    const summary = response.body.all.summary_metrics;
    expect(summary).toMatchObject({
      IMPRESSION: 10,
      PIN_CLICK: 5,
      OUTBOUND_CLICK: 1,
      SAVE: 1,
      ENGAGEMENT: 7,
    });
    expect(summary.ENGAGEMENT_RATE).toBeCloseTo(0.7);
    expect(response.body.all.daily_metrics).toHaveLength(8);
    const fanView = await call(t.app, 'GET', `/v5/user_account/analytics?${range()}`, fan.headers);
    expect(fanView.body.all.summary_metrics.IMPRESSION).toBe(0);
  });

  it('splits by app type, and answers content Corkboard lacks with zeros', async () => {
    const split = await call(
      t.app,
      'GET',
      `/v5/user_account/analytics?${range()}&split_field=APP_TYPE&metric_types=IMPRESSION`,
      owner.headers,
    );
    assertMatchesSpec('GET', '/user_account/analytics', 200, split.body);
    expect(split.body.WEB.summary_metrics.IMPRESSION).toBe(7);
    const claimed = await call(
      t.app,
      'GET',
      `/v5/user_account/analytics?${range()}&from_claimed_content=CLAIMED&metric_types=IMPRESSION`,
      owner.headers,
    );
    expect(claimed.body.all.summary_metrics.IMPRESSION).toBe(0);
  });

  it('needs user_accounts:read and keeps the date rules', async () => {
    const pinsOnly = await tokenHeaders(t.app, owner, ['pins:read']);
    expect((await call(t.app, 'GET', `/v5/user_account/analytics?${range()}`, pinsOnly)).status).toBe(403);
    const accountRead = await tokenHeaders(t.app, owner, ['user_accounts:read']);
    expect((await call(t.app, 'GET', `/v5/user_account/analytics?${range()}`, accountRead)).status).toBe(200);
    const old = await call(t.app, 'GET', `/v5/user_account/analytics?${range(91)}`, owner.headers);
    expect(old.status).toBe(400);
    assertMatchesSpec('GET', '/user_account/analytics', 400, old.body);
  });
});

describe('GET /v5/user_account/analytics/top_pins', () => {
  const top = (query: string) =>
    call(t.app, 'GET', `/v5/user_account/analytics/top_pins?${range()}&${query}`, owner.headers);

  it('ranks the caller’s pins by the chosen metric', async () => {
    const byImpression = await top('sort_by=IMPRESSION');
    expect(byImpression.status, JSON.stringify(byImpression.body)).toBe(200);
    assertMatchesSpec('GET', '/user_account/analytics/top_pins', 200, byImpression.body);
    expect(byImpression.body.sort_by).toBe('IMPRESSION');
    expect(byImpression.body.pins.map((p: { pin_id: string }) => p.pin_id)).toEqual([pin.id, other.id]);
    expect(byImpression.body.pins[0].metrics).toMatchObject({ IMPRESSION: 6, SAVE: 1 });
    expect(byImpression.body.pins[0].data_status.IMPRESSION).toBe('PROCESSING');
    const byClicks = await top('sort_by=PIN_CLICK&metric_types=PIN_CLICK');
    expect(byClicks.body.pins).toEqual([
      { pin_id: other.id, metrics: { PIN_CLICK: 3 }, data_status: { PIN_CLICK: 'PROCESSING' } },
      { pin_id: pin.id, metrics: { PIN_CLICK: 2 }, data_status: { PIN_CLICK: 'PROCESSING' } },
    ]);
    expect(
      (await top('sort_by=SAVE&num_of_pins=1')).body.pins.map((p: { pin_id: string }) => p.pin_id),
    ).toEqual([pin.id]);
    expect((await top('sort_by=VIEWS')).status).toBe(400);
  });
});

describe('pin_metrics', () => {
  it('come from the same rollups', async () => {
    const response = await call(t.app, 'GET', `/v5/pins/${pin.id}?pin_metrics=true`, owner.headers);
    assertMatchesSpec('GET', '/pins/{pin_id}', 200, response.body);
    expect(response.body.pin_metrics['90d']).toEqual({
      impression: 6,
      pin_click: 2,
      outbound_click: 1,
      clickthrough: 1,
      save: 1,
      save_rate: 1 / 6,
    });
    expect(response.body.pin_metrics.lifetime_metrics).toMatchObject({
      impression: 6,
      pin_click: 2,
      save: 1,
    });
  });
});

describe('recent engagement', () => {
  it('keeps each user’s saves, closeups and outbound clicks, newest first', async () => {
    const recent = await t.app.services.analytics.recentEngagement(fan.userId, 100);
    expect(recent.filter((r) => r.kind === 'save').map((r) => r.pin_id)).toEqual([pin.id]);
    expect(recent.filter((r) => r.kind === 'closeup')).toHaveLength(5);
    expect(recent.filter((r) => r.kind === 'outbound_click')).toHaveLength(1);
    expect(recent.map((r) => r.occurred_at.getTime())).toEqual(
      recent.map((r) => r.occurred_at.getTime()).sort((a, b) => b - a),
    );
    expect(await t.app.services.analytics.recentEngagement(fan.userId, 2)).toHaveLength(2);
  });

  it('keeps at most the newest 200 per user in the table', async () => {
    const reader = await actor(t.app);
    const target = await createPin(t.app, stranger);
    const start = Date.now() - 60_000;
    const closeups = Array.from({ length: 230 }, (_, i) =>
      loggedEvent('pin.closeup.v1', reader.userId, target.id, new Date(start + i * 10).toISOString()),
    );
    await t.app.services.events.record(t.app.services.ctx.db, closeups.slice(0, 120));
    await t.app.services.events.drain();
    await t.app.services.events.record(t.app.services.ctx.db, closeups.slice(120));
    await t.app.services.events.drain();
    const kept = await t.app.services.analytics.recentEngagement(reader.userId, 1000);
    expect(kept).toHaveLength(RECENT_ENGAGEMENT_CAP);
    expect(kept[0]!.occurred_at.toISOString()).toBe(closeups[229]!.occurred_at);
    expect(kept.at(-1)!.occurred_at.toISOString()).toBe(closeups[30]!.occurred_at);
  });
});

describe('GET /v5/admin/metrics', () => {
  it('is for the operators named in ADMIN_USERNAMES only', async () => {
    const refused = await call(t.app, 'GET', '/v5/admin/metrics', owner.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(29);
  });

  it('reports active users, sign-ups and saves per user', async () => {
    const response = await call(t.app, 'GET', `/v5/admin/metrics?start_date=${today()}`, admin.headers);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const [day] = response.body.days;
    expect(day).toMatchObject({ date: today(), data_status: 'PROCESSING', saves: 1 });
    expect(day.dau).toBeGreaterThanOrEqual(2); // the owner (created pins) and the fan
    expect(day.new_users).toBeGreaterThanOrEqual(4);
    expect(day.saves_per_user).toBeCloseTo(1 / day.dau);
    expect(response.body.retention).toHaveLength(8);
  });
});
