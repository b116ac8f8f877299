// Process-level test helpers: spawn the real server (`node --import tsx server/src/main.ts`) and the
// real CLI (`node bin/corkboard.mjs`) as child processes on real ports and temp data directories.
// A ProcessGroup remembers everything it started so one afterAll can kill and remove it all, even
// when a test failed halfway.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every variable parseConfig reads; children get none of the test runner's values by accident. */
const CONFIG_VARS = [
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'DATABASE_URL',
  'DATA_DIR',
  'DB_POOL_SIZE',
  'DB_PREPARED_STATEMENTS',
  'REDIS_URL',
  'NATS_URL',
  'LOG_LEVEL',
  'BODY_LIMIT_BYTES',
  'ACCESS_TOKEN_TTL_SECONDS',
  'REFRESH_TOKEN_TTL_SECONDS',
  'SESSION_TTL_SECONDS',
  'COOKIE_SECURE',
  'TRUST_PROXY',
  'LOGIN_LIMIT_PER_ACCOUNT',
  'LOGIN_LIMIT_PER_IP',
  'LOGIN_LIMIT_WINDOW_SECONDS',
  'SEED_DEMO',
];

export type EnvOverrides = Record<string, string | undefined>;

/** The runner's environment minus Corkboard's config, plus `overrides` (undefined removes). */
export function childEnv(overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete env[name];
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the children
  env.LOG_LEVEL = 'silent';
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** A port nothing listens on right now (the server may still lose a race for it; startServer retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Spawned {
  readonly exited: Promise<Exit>;
  private out = '';
  private exit: Exit | undefined;
  private readonly watchers = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.out += chunk.toString('utf8');
      for (const watcher of this.watchers) watcher();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.out += `\n[spawn error] ${error.message}\n`;
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
        for (const watcher of this.watchers) watcher();
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** stdout and stderr interleaved as they arrived. */
  get output(): string {
    return this.out;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves once the output contains `text`; rejects on exit or after timeoutMs. */
  waitForOutput(text: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.watchers.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (this.out.includes(text)) done();
        else if (!this.running) done(new Error(`exited before printing "${text}":\n${this.out}`));
      };
      const timer = setTimeout(
        () => done(new Error(`no "${text}" within ${timeoutMs} ms:\n${this.out}`)),
        timeoutMs,
      );
      this.watchers.add(check);
      check();
    });
  }

  /** Sends `signal`, escalates to SIGKILL after graceMs, and resolves with the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<Exit> {
    if (this.running) this.child.kill(signal);
    const exit = await Promise.race([this.exited, sleep(graceMs).then(() => undefined)]);
    if (exit) return exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

export interface ServerProcess extends Spawned {
  port: number;
  url: string;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

const live = new Set<Spawned>();
// Last resort if the worker itself dies: never leave servers behind holding ports and data dirs.
process.once('exit', () => {
  for (const p of live) if (p.running) p.child.kill('SIGKILL');
});

async function waitForReady(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running) throw new Error(`server exited (${server.output.trim() || 'no output'})`);
    try {
      const response = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      await response.body?.cancel();
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${server.output}`);
}

export class ProcessGroup {
  private readonly processes = new Set<Spawned>();
  private readonly dirs = new Set<string>();

  /** A new empty directory under the OS temp dir (short, so admin.sock stays inside it). */
  tempDir(prefix = 'cb-proc-'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  spawn(args: string[], env: NodeJS.ProcessEnv): Spawned {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const spawned = new Spawned(child);
    this.processes.add(spawned);
    live.add(spawned);
    void spawned.exited.then(() => live.delete(spawned));
    return spawned;
  }

  /** Runs `corkboard …` to completion and returns what it printed. */
  async cli(args: string[], env: EnvOverrides = {}): Promise<CliResult> {
    const child = spawn(process.execPath, ['bin/corkboard.mjs', ...args], {
      cwd: REPO_ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const spawned = new Spawned(child);
    this.processes.add(spawned);
    live.add(spawned);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exit = await spawned.exited;
    live.delete(spawned);
    this.processes.delete(spawned);
    return { stdout, stderr, code: exit.code };
  }

  /** Starts `npm start`'s command on a free port and waits until /readyz says ready. */
  async startServer(env: EnvOverrides = {}, readyTimeoutMs = 90_000): Promise<ServerProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const spawned = this.spawn(
        ['--import', 'tsx', 'server/src/main.ts'],
        childEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }),
      );
      const server = Object.assign(spawned, { port, url: `http://127.0.0.1:${port}` }) as ServerProcess;
      try {
        await waitForReady(server, readyTimeoutMs);
        return server;
      } catch (error) {
        await server.stop('SIGKILL');
        if (attempt < 3 && server.output.includes('EADDRINUSE')) continue;
        throw error;
      }
    }
  }

  /** Stops every process still running (SIGTERM, then SIGKILL) and removes the temp dirs. */
  async cleanup(): Promise<void> {
    await Promise.all([...this.processes].map((p) => p.stop('SIGTERM', 3_000)));
    this.processes.clear();
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}
