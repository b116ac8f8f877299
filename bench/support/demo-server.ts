// The real server (`npm start`'s entry) in a child process on embedded storage in a throwaway
// DATA_DIR, seeding the demo world on its first start; resolves once the demo login is printed,
// which happens when the whole world is written.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv, freePort, REPO_ROOT, Spawned } from '../../server/src/testing/processes.ts';

export interface DemoServer {
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

const DEMO_LOGIN = /Demo login: username=(\S+) password=(\S+)/;

export async function startDemoServer(seedTimeoutMs = 600_000): Promise<DemoServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-bench-web-'));
  const server = new Spawned(
    spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/main.ts')], {
      cwd: REPO_ROOT,
      env: childEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const stop = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await server.waitForOutput('Demo login:', seedTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const [, username, password] = DEMO_LOGIN.exec(server.output)!;
  return { url: `http://127.0.0.1:${port}`, username: username!, password: password!, stop };
}
