// `npx corkboard …`: reads the same configuration as the server. With DATABASE_URL it talks to
// PostgreSQL directly; with the embedded database it goes through a running server's admin
// channel, or opens the database itself when no server is running.
import { ConfigError, parseConfig } from '../config.ts';
import { DataDirBusyError, lockHolder } from '../db/data-dir-lock.ts';
import { createLogger } from '../platform/logger.ts';
import { createServices } from '../services.ts';
import { runThroughServer } from './admin-channel.ts';
import { type CommandResult, commandFor, runCommand, USAGE, withAbsolutePaths } from './commands.ts';

async function run(argv: string[]): Promise<CommandResult> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    return { stdout: USAGE, stderr: '', exitCode: 0 };
  }
  const command = commandFor(argv);
  if (!command) return { stdout: '', stderr: USAGE, exitCode: 2 };
  const config = parseConfig();
  const holder = config.databaseUrl ? undefined : lockHolder(config.dataDir);
  if (holder !== undefined) {
    return runThroughServer(config.dataDir, argv).catch((error: NodeJS.ErrnoException) => {
      // No admin channel: the holder is not a serving server (another CLI command, say).
      if (error.code !== 'ENOENT' && error.code !== 'ECONNREFUSED') throw error;
      const busy = new DataDirBusyError(config.dataDir, holder);
      return { stdout: '', stderr: `${busy.message} Try again when it has finished.\n`, exitCode: 1 };
    });
  }
  // `migrate` applies the migrations itself so it can say which it applied.
  const services = await createServices(config, {
    log: createLogger('warn'),
    migrate: command.name !== 'migrate',
  });
  try {
    return await runCommand(services, argv);
  } finally {
    await services.close();
  }
}

run(withAbsolutePaths(process.argv.slice(2)))
  .then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  })
  .catch((error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof DataDirBusyError;
    console.error(expected ? error.message : error);
    process.exitCode = 1;
  });
