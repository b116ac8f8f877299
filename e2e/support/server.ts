// The real Corkboard server for browser tests: the test harness's app (a database of its own) on a
// spare loopback port, serving the built web app.
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../../server/src/config.ts';
import { startTestApp, type TestApp } from '../../server/src/testing/harness.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

export interface RunningServer extends TestApp {
  url: string;
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const port = await sparePort();
  const url = `http://127.0.0.1:${port}`;
  const test = await startTestApp({
    port,
    publicUrl: url,
    webDistDir: WEB_DIST,
    host: '127.0.0.1',
    ...overrides,
  });
  await test.app.listen({ port, host: '127.0.0.1' });
  return { ...test, url };
}
