// Requests the HTTP parser itself rejects never reach a route; they must still get the Pinterest body.
import type net from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../testing/harness.ts';

let app: Awaited<ReturnType<typeof buildApp>>;
let port: number;
beforeAll(async () => {
  app = await buildApp(testConfig(), { inMemory: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => app?.close());

function send(raw: string): Promise<{ statusLine: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      resolve({ statusLine: data.slice(0, data.indexOf('\r\n')), body: data.slice(split + 4) });
    });
    socket.setTimeout(5000, () => socket.destroy());
  });
}

describe('requests the HTTP parser rejects', () => {
  it.each([
    ['garbage instead of a request line', 'GARBAGE\r\n\r\n', 400],
    ['oversized headers', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a malformed percent-encoded path', 'GET /v5/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
  ])('answers %s with {code, message}', async (_name, raw, status) => {
    const response = await send(raw);
    expect(response.statusLine).toContain(` ${status} `);
    const body = JSON.parse(response.body) as { code: unknown; message: unknown };
    expect(body.code).toBe(1);
    expect(typeof body.message).toBe('string');
  });

  it('keeps serving afterwards', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
