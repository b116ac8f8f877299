// `npm start`: parse config, build the app, listen, and shut down gracefully on SIGTERM/SIGINT:
// stop accepting, drain requests in flight, then close the pools.
import { buildApp } from './app.ts';
import { startAdminChannel } from './cli/admin-channel.ts';
import { ConfigError, parseConfig } from './config.ts';
import { DataDirBusyError } from './db/data-dir-lock.ts';
import { type DemoSeed, startDemoSeed } from './modules/seed/index.ts';

const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  const config = parseConfig();
  const app = await buildApp(config);
  const admin = config.databaseUrl ? undefined : await startAdminChannel(config.dataDir, app.services);
  let demo: DemoSeed | undefined;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown grace period over; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    // Fastify closes the connections that are idle when closing starts. A keep-alive connection
    // whose request is still in flight goes idle only after its response, and would then hold the
    // process until the keep-alive timeout; keep closing idle connections while draining.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    Promise.resolve(admin?.close())
      .then(() => demo?.stop())
      .then(() => app.close())
      .then(() => {
        app.log.info('shutdown complete');
        process.exit(0);
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Corkboard is running at ${config.publicUrl}`);
  // First start on an empty database: seed the demo world in the background, while serving.
  if (config.seedDemo) {
    demo = startDemoSeed(app.services, { announce: (line) => process.stdout.write(`${line}\n`) });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirBusyError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
