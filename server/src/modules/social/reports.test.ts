import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { actor, call, createBoard, insertPin, tokenHeaders } from '../boards/test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('POST /v5/reports', () => {
  it('files a report on a user by username or id (201) and stores it for moderators', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const byName = await call(t.app, 'POST', '/v5/reports', ada.headers, {
      target_type: 'user',
      username: bob.username,
      reason: 'spam',
      details: '  sells watches  ',
    });
    expect(byName.status).toBe(201);
    expect(byName.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      target_type: 'user',
      target_id: bob.userId,
      reason: 'spam',
      details: 'sells watches',
      status: 'open',
      created_at: expect.any(String),
    });
    const byId = await call(t.app, 'POST', '/v5/reports', ada.headers, {
      target_type: 'user',
      target_id: bob.userId,
      reason: 'harassment',
    });
    expect(byId.status).toBe(201);
    const stored = await t.app.services.ctx.db
      .selectFrom('reports')
      .select(['reporter_id', 'target_id', 'reason'])
      .where('reporter_id', '=', ada.userId)
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { reporter_id: ada.userId, target_id: bob.userId, reason: 'spam' },
      { reporter_id: ada.userId, target_id: bob.userId, reason: 'harassment' },
    ]);
  });

  it('files a report on a pin the reporter can see, and 404s one they cannot', async () => {
    const ada = await actor(t.app);
    const bob = await actor(t.app);
    const open = await createBoard(t.app, bob);
    const secret = await createBoard(t.app, bob, { privacy: 'SECRET' });
    const visible = await insertPin(t.app, bob.userId, open.id);
    const hidden = await insertPin(t.app, bob.userId, secret.id);
    const ok = await call(t.app, 'POST', '/v5/reports', ada.headers, {
      target_type: 'pin',
      target_id: visible.pinId,
      reason: 'nudity',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ target_type: 'pin', target_id: visible.pinId });
    for (const target_id of [hidden.pinId, '123', '99999999999999999999']) {
      const response = await call(t.app, 'POST', '/v5/reports', ada.headers, {
        target_type: 'pin',
        target_id,
        reason: 'spam',
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(50);
    }
  });

  it.each([
    ['an unknown reason', { target_type: 'user', username: 'x', reason: 'boring' }],
    ['an unknown target type', { target_type: 'board', target_id: '1', reason: 'spam' }],
    ['a pin report without target_id', { target_type: 'pin', reason: 'spam' }],
    ['a user report naming nobody', { target_type: 'user', reason: 'spam' }],
    ['overlong details', { target_type: 'user', username: 'x', reason: 'spam', details: 'x'.repeat(2001) }],
  ])('answers %s with 400', async (_name, body) => {
    const ada = await actor(t.app);
    const response = await call(t.app, 'POST', '/v5/reports', ada.headers, body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(1);
  });

  it('refuses reporting yourself (400) or nobody (404), and needs user_accounts:write', async () => {
    const ada = await actor(t.app);
    const self = await call(t.app, 'POST', '/v5/reports', ada.headers, {
      target_type: 'user',
      username: ada.username,
      reason: 'spam',
    });
    expect(self.status).toBe(400);
    const nobody = await call(t.app, 'POST', '/v5/reports', ada.headers, {
      target_type: 'user',
      username: 'nobody_by_this_name',
      reason: 'spam',
    });
    expect(nobody.status).toBe(404);
    const token = await tokenHeaders(t.app, ada, ['user_accounts:read']);
    const denied = await call(t.app, 'POST', '/v5/reports', token, {
      target_type: 'user',
      username: 'x',
      reason: 'spam',
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe(3);
  });
});
