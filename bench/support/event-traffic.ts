// Event traffic for the events benchmark: users made through the API, batches of client events as
// POST /v5/events bodies, and a probe that measures how long a posted event takes to show in the
// analytics API.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
export type Json = Record<string, any>;

export const BATCH = 500;
export const APPS = ['web', 'web', 'mobile', 'mobile', 'tablet'];
const DAY_MS = 86_400_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const day = (at: Date) => at.toISOString().slice(0, 10);

export interface Client {
  headers: Record<string, string>;
}

let image: string | undefined;

/** A new user with an all-scopes token, a public board and one pin on it. */
export async function signedUpClient(
  url: string,
): Promise<Client & { username: string; boardId: string; pinId: string }> {
  image ??= (
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
      .jpeg()
      .toBuffer()
  ).toString('base64');
  const username = `bench_${randomUUID().slice(0, 12).replaceAll('-', '')}`;
  const signUp = await fetch(`${url}/v5/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@bench.test`, password: 'benchmark password' }),
  });
  const session = (await signUp.json()) as { csrf_token: string };
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await postJson(
    `${url}/v5/user_account/tokens`,
    { cookie, 'x-csrf-token': session.csrf_token },
    { name: 'bench', scopes: 'all' },
  );
  const headers = { authorization: `Bearer ${created.token}` };
  const board = await postJson(`${url}/v5/boards`, headers, { name: 'Bench board', privacy: 'PUBLIC' });
  const pin = await postJson(`${url}/v5/pins`, headers, {
    board_id: board.id,
    media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: image },
  });
  return { headers, username, boardId: board.id, pinId: pin.id };
}

export async function postJson(url: string, headers: Record<string, string>, body: object): Promise<Json> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export function eventJson(type: string, pinId: string, app: string): string {
  return `{"id":"${randomUUID()}","type":"${type}","object":{"type":"pin","id":"${pinId}"},"occurred_at":"${new Date().toISOString()}","context":{"app_type":"${app}","locale":"en-US","session_id":"bench","surface":"home"}}`;
}

/** Batches of 500 events and how many of each counter they carry. */
export function makeBodies(total: number, pinIds: string[]) {
  const expected = { impression: 0, pin_click: 0, outbound_click: 0 };
  const bodies: string[] = [];
  for (let made = 0; made < total; made += BATCH) {
    const events: string[] = [];
    for (let i = 0; i < Math.min(BATCH, total - made); i++) {
      const r = Math.random();
      const type = r < 0.9 ? 'pin.impression.v1' : r < 0.97 ? 'pin.closeup.v1' : 'pin.outbound_click.v1';
      expected[
        type === 'pin.impression.v1'
          ? 'impression'
          : type === 'pin.closeup.v1'
            ? 'pin_click'
            : 'outbound_click'
      ]++;
      events.push(
        eventJson(type, pinIds[Math.floor(Math.random() * pinIds.length)]!, APPS[i % APPS.length]!),
      );
    }
    bodies.push(`{"events":[${events.join(',')}]}`);
  }
  return { bodies, expected };
}

export async function getJson(url: string, headers: Record<string, string>): Promise<Json> {
  const response = await fetch(url, { headers });
  const body = (await response.json()) as Json;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Pins of `owner`: saves of its first pin to its board (quick: no image work). */
export async function createPins(
  url: string,
  owner: Client & { boardId: string; pinId: string },
  count: number,
) {
  const ids = [owner.pinId];
  while (ids.length < count) {
    const saved = await postJson(`${url}/v5/pins/${owner.pinId}/save`, owner.headers, {
      board_id: owner.boardId,
    });
    ids.push(saved.id);
  }
  return ids;
}

/** One closeup every 200 ms on the probe pin, and the time until the analytics API shows each. */
export function startProbe(url: string, owner: Client, pinId: string) {
  const sentAt: number[] = [];
  const seenAt: number[] = [];
  let running = true;
  const analytics = `${url}/v5/pins/${pinId}/analytics?start_date=${day(new Date(Date.now() - DAY_MS))}&end_date=${day(new Date())}&metric_types=PIN_CLICK`;
  // Failures end the probe and surface in stop(), never as an unhandled rejection mid-run.
  const sender = (async () => {
    while (running) {
      const at = performance.now();
      const response = await fetch(`${url}/v5/events`, {
        method: 'POST',
        headers: { ...owner.headers, 'content-type': 'application/json' },
        body: `{"events":[${eventJson('pin.closeup.v1', pinId, 'web')}]}`,
      });
      if (response.ok) sentAt.push(at);
      await response.arrayBuffer();
      await sleep(200);
    }
  })();
  const poller = (async () => {
    while (running || seenAt.length < sentAt.length) {
      const clicks = (await getJson(analytics, owner.headers)).all.summary_metrics.PIN_CLICK as number;
      const now = performance.now();
      while (seenAt.length < clicks) seenAt.push(now);
      await sleep(50);
    }
  })();
  sender.catch(() => {
    running = false;
  });
  poller.catch(() => {
    running = false;
  });
  return {
    async stop(): Promise<number[]> {
      running = false;
      await sender;
      await poller;
      return sentAt.map((at, i) => (seenAt[i]! - at) / 1000).sort((a, b) => a - b);
    },
  };
}
