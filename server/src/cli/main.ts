// `npx corkboard …`: reads the same configuration as the server. With DATABASE_URL it talks to
// PostgreSQL directly; with the embedded database it goes through a running server's admin
// channel, or opens the database itself when no server is running.
import { ConfigError, parseConfig } from '../config.ts';
import { lockHolder } from '../db/data-dir-lock.ts';
import { createLogger } from '../platform/logger.ts';
import { createServices } from '../services.ts';
import { runThroughServer } from './admin-channel.ts';
import { type CommandResult, commandFor, runCommand, USAGE } from './commands.ts';

async function run(argv: string[]): Promise<CommandResult> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    return { stdout: USAGE, stderr: '', exitCode: 0 };
  }
  if (!commandFor(argv)) return { stdout: '', stderr: USAGE, exitCode: 2 };
  const config = parseConfig();
  if (!config.databaseUrl && lockHolder(config.dataDir) !== undefined) {
    return runThroughServer(config.dataDir, argv);
  }
  const services = await createServices(config, { log: createLogger('warn') });
  try {
    return await runCommand(services, argv);
  } finally {
    await services.close();
  }
}

run(process.argv.slice(2))
  .then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  })
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  });
