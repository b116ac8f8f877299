// Graceful shutdown of the real server process: SIGTERM while a request is in flight must let that
// request finish, then exit 0 and release the embedded database (lock file and admin socket).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSocketPath } from './cli/admin-channel.ts';
import { ProcessGroup, type ServerProcess } from './testing/processes.ts';

const procs = new ProcessGroup();
afterAll(() => procs.cleanup());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request whose body the test writes by hand, on a keep-alive connection like a browser's. */
function slowRequest(url: string, path: string, body: string, agent: http.Agent) {
  let respond!: (response: RawResponse) => void;
  let fail!: (error: Error) => void;
  const response = new Promise<RawResponse>((resolve, reject) => {
    respond = resolve;
    fail = reject;
  });
  const request = http.request(`${url}${path}`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  request.on('error', fail);
  request.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', fail);
    res.on('end', () =>
      respond({
        status: res.statusCode!,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
  request.flushHeaders();
  return { request, response };
}

/** One GET on a new connection: its status, or the connection error's code. */
function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Resolves once new connections are refused (or answered 503): the server stopped accepting. */
async function untilRefusingNewRequests(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: number | string = 'none';
  while (Date.now() < deadline) {
    last = await probe(url);
    if (last === 'ECONNREFUSED' || last === 503) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server kept accepting new requests after SIGTERM (last: ${last})`);
}

describe('graceful shutdown (SIGTERM)', () => {
  let dataDir: string;
  let server: ServerProcess;
  const username = 'drain_me';
  const password = 'correct horse battery';

  beforeAll(async () => {
    dataDir = procs.tempDir();
    server = await procs.startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info' });
    const signup = await fetch(`${server.url}/v5/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@example.test`, password }),
    });
    expect(signup.status).toBe(201);
  }, 120_000);

  it('finishes the request in flight, exits 0, and releases the data dir', async () => {
    const lockFile = path.join(dataDir, 'db.lock');
    const socket = adminSocketPath(dataDir);
    expect(fs.existsSync(lockFile)).toBe(true);
    expect(fs.existsSync(socket)).toBe(true);

    const agent = new http.Agent({ keepAlive: true });
    try {
      const body = JSON.stringify({ username, password });
      const half = Math.floor(body.length / 2);
      const inFlight = slowRequest(server.url, '/v5/auth/login', body, agent);
      inFlight.request.write(body.slice(0, half));
      // Fastify logs "incoming request" once the headers are in: the request is now in flight.
      await server.waitForOutput('"url":"/v5/auth/login"');

      server.child.kill('SIGTERM');
      await server.waitForOutput('shutting down: draining requests');
      await untilRefusingNewRequests(server.url);
      expect(server.running).toBe(true); // still draining the login

      inFlight.request.end(body.slice(half));
      const response = await inFlight.response;
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ user: { username } });
      expect(String(response.headers['set-cookie'])).toContain('cb_session=');

      const exit = await Promise.race([
        server.exited,
        new Promise<undefined>((resolve) => setTimeout(resolve, 15_000)),
      ]);
      expect(exit, `server did not exit:\n${server.output}`).toEqual({ code: 0, signal: null });
    } finally {
      agent.destroy();
    }
    expect(server.output).toContain('shutdown complete');
    expect(server.output).not.toContain('shutdown grace period over');
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(fs.existsSync(socket)).toBe(false);
  });
});
