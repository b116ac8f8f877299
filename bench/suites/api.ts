// The Pinner API under load: GET /v5/pins/{id}, GET /v5/boards/{id}/pins (25 pins) and
// POST /v5/pins (a small base64 JPEG through the whole media pipeline), each at a fixed
// concurrency, with a bearer token carrying every scope. A bare Fastify route in its own process
// returns the bytes of GET /v5/pins/{id}, measured in the same run, for the overhead ratio.
//
// Uploads are distinct: a few hundred small JPEGs are made up front and sent in turn, so each
// request is decoded, resized to the four sizes, hashed and stored, as an upload from a real
// client would be (the same bytes twice would skip all of that through dedup by SHA-256). The
// suite says on stderr if the run sent more creates than it had distinct images.
//
// Embedded (PGlite, in-process cache) by default. With DATABASE_URL (and REDIS_URL) set, the
// server uses a throwaway database made on that PostgreSQL server (dropped afterwards) and Redis.
// BENCH_CPU_PROF_DIR=dir runs the server under `node --cpu-prof`, writing its profile there on exit
// (bench/support/server-process.ts).
import sharp from 'sharp';
import { provisionDatabase } from '../../server/src/testing/harness.ts';
import { type LoadResult, load } from '../support/load.ts';
import { report } from '../support/report.ts';
import { type RunningServer, startProcess } from '../support/server-process.ts';

const BENCH = 'api';
const CONNECTIONS = 32;
const SECONDS = 5;
const BOARD_PINS = 25;
const UPLOAD_IMAGES = 400;

export interface Fixture {
  headers: Record<string, string>;
  pinId: string;
  boardId: string;
  /** POST /v5/pins bodies, each with an image no other body has. */
  createBodies: string[];
}

/** A small JPEG unlike every other index: a gradient shifted by `i` and a block placed by `i`. */
async function distinctJpeg(i: number, width = 160, height = 120): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  const bx = (i * 37) % (width - 24);
  const by = (i * 53) % (height - 24);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const inBlock = x >= bx && x < bx + 24 && y >= by && y < by + 24;
      pixels[p] = (x * 255) / width + i * 7;
      pixels[p + 1] = inBlock ? 255 - (i % 200) : (y * 255) / height;
      pixels[p + 2] = (i * 13 + x + y) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function images(count: number, offset: number): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < count; i++) made.push((await distinctJpeg(i + offset)).toString('base64'));
  return made;
}

async function json(response: Response, expected: number): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== expected) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** A user with an all-scopes token, a public board of BOARD_PINS pins, and upload bodies for it. */
export async function prepare(url: string): Promise<Fixture> {
  const username = `bench_${Date.now().toString(36)}`;
  const signUp = await fetch(`${url}/v5/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@bench.test`, password: 'benchmark password' }),
  });
  const session = (await json(signUp, 201)) as { csrf_token: string };
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/v5/user_account/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrf_token },
    body: JSON.stringify({ name: 'bench', scopes: 'all' }),
  });
  const { token } = (await json(created, 201)) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const board = await json(
    await fetch(`${url}/v5/boards`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench board', privacy: 'PUBLIC' }),
    }),
    201,
  );
  const boardId = board.id as string;
  const pinBody = (data: string, n: number) =>
    JSON.stringify({
      board_id: boardId,
      title: `Bench pin ${n}`,
      description: 'A pin made by the API benchmark, with a description of ordinary length.',
      link: 'https://example.com/recipes/lemon-tart',
      alt_text: 'A generated picture',
      media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data },
    });
  let pinId = '';
  for (const [n, data] of (await images(BOARD_PINS, UPLOAD_IMAGES)).entries()) {
    const pin = await json(
      await fetch(`${url}/v5/pins`, { method: 'POST', headers, body: pinBody(data, n) }),
      201,
    );
    pinId = pin.id as string;
  }
  const createBodies = (await images(UPLOAD_IMAGES, 0)).map((data, n) => pinBody(data, n));
  return { headers, pinId, boardId, createBodies };
}

function checked(name: string, result: LoadResult): LoadResult {
  const failures = result.errors + result.non2xx;
  if (failures > 0) throw new Error(`${name} load had ${failures} failures`);
  return result;
}

/** The server's environment: a throwaway database on DATABASE_URL's server, when that is set. */
async function startServer(): Promise<{ server: RunningServer; drop(): Promise<void> }> {
  const database = await provisionDatabase();
  const env: Record<string, string> = {};
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  try {
    return { server: await startProcess('server/src/main.ts', env), drop: database.drop };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function run(): Promise<void> {
  const mode = `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process cache'}`;
  process.stderr.write(`api bench: ${mode}, ${CONNECTIONS} connections, ${SECONDS} s per route\n`);
  const { server, drop } = await startServer();
  try {
    const fixture = await prepare(server.url);
    const { headers } = fixture;
    const pinUrl = `${server.url}/v5/pins/${fixture.pinId}`;
    const sample = await (await fetch(pinUrl, { headers })).text();
    const page = JSON.parse(
      await (await fetch(`${server.url}/v5/boards/${fixture.boardId}/pins`, { headers })).text(),
    ) as { items: unknown[] };
    if (page.items.length !== BOARD_PINS) throw new Error(`board page has ${page.items.length} pins`);

    const getPin = checked(
      'get pin',
      await load({ url: pinUrl, headers, connections: CONNECTIONS, seconds: SECONDS }),
    );
    const boardPins = checked(
      'board pins',
      await load({
        url: `${server.url}/v5/boards/${fixture.boardId}/pins`,
        headers,
        connections: CONNECTIONS,
        seconds: SECONDS,
      }),
    );

    const bare = await startProcess('bench/support/bare-server.ts', { BARE_BODY: sample });
    let baseline: LoadResult;
    try {
      baseline = checked(
        'bare',
        await load({ url: `${bare.url}/bare`, connections: CONNECTIONS, seconds: SECONDS }),
      );
    } finally {
      await bare.stop();
    }

    const createPin = checked(
      'create pin',
      await load({
        url: `${server.url}/v5/pins`,
        method: 'POST',
        headers,
        bodies: fixture.createBodies,
        connections: CONNECTIONS,
        seconds: SECONDS,
      }),
    );
    if (createPin.requests > fixture.createBodies.length) {
      process.stderr.write(
        `api bench: ${createPin.requests} creates for ${fixture.createBodies.length} distinct images; ` +
          'the repeats were deduplicated\n',
      );
    }

    report(BENCH, 'get_pin_rps', getPin.rps, 'req/s');
    report(BENCH, 'get_pin_p50_ms', getPin.p50Ms, 'ms');
    report(BENCH, 'get_pin_p99_ms', getPin.p99Ms, 'ms');
    report(BENCH, 'board_pins_rps', boardPins.rps, 'req/s');
    report(BENCH, 'board_pins_p50_ms', boardPins.p50Ms, 'ms');
    report(BENCH, 'board_pins_p99_ms', boardPins.p99Ms, 'ms');
    report(BENCH, 'create_pin_rps', createPin.rps, 'req/s');
    report(BENCH, 'create_pin_p50_ms', createPin.p50Ms, 'ms');
    report(BENCH, 'create_pin_p99_ms', createPin.p99Ms, 'ms');
    report(BENCH, 'bare_same_bytes_rps', baseline.rps, 'req/s');
    report(BENCH, 'get_pin_vs_bare_ratio', getPin.rps / baseline.rps, 'ratio');
  } finally {
    await server.stop();
    await drop();
  }
}
