// While `npm start` holds the embedded database, the CLI cannot open it, so the server listens on
// a Unix socket in DATA_DIR (mode 0600: only the same OS user can connect) and runs CLI commands
// on the CLI's behalf with its own services.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Services } from '../services.ts';
import { type CommandResult, runCommand } from './commands.ts';

const MAX_SOCKET_PATH = 100; // sun_path is 108 bytes on Linux

export function adminSocketPath(dataDir: string): string {
  const inDataDir = path.join(dataDir, 'admin.sock');
  if (inDataDir.length <= MAX_SOCKET_PATH) return inDataDir;
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `corkboard-${digest}.sock`);
}

export interface AdminChannel {
  close(): Promise<void>;
}

export async function startAdminChannel(dataDir: string, services: Services): Promise<AdminChannel> {
  const socketPath = adminSocketPath(dataDir);
  fs.rmSync(socketPath, { force: true }); // a stale socket from a process that died
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let argv: unknown;
      try {
        argv = JSON.parse(Buffer.concat(chunks).toString('utf8')).argv;
      } catch {
        argv = undefined;
      }
      if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
        response.writeHead(400).end();
        return;
      }
      runCommand(services, argv)
        .catch((error: unknown): CommandResult => {
          services.ctx.log.error({ err: error }, 'admin command failed');
          return { stdout: '', stderr: `Command failed: ${(error as Error).message}\n`, exitCode: 1 };
        })
        .then((result) => {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

export function runThroughServer(dataDir: string, argv: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath: adminSocketPath(dataDir),
        path: '/run',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CommandResult);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ argv }));
  });
}
