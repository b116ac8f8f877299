// The operator commands. They run against a Services object, either in the CLI's own process or,
// when a server holds the embedded database, inside that server through the admin channel.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { formatSummary, seedSynthetic } from '../modules/seed/index.ts';
import { parseScopeList } from '../modules/tokens/index.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../services.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const USAGE = `Usage: corkboard <command>

  migrate                                   apply pending database migrations
  users create --username U --email E --password P [--display-name D]
  tokens create --user U --scopes all|a,b,c [--name N] [--expires-in-days D]
                                            print a new personal access token, alone on stdout
  apps create --name N --redirect-uri URI [--redirect-uri URI ...] [--owner U]
                                            register an OAuth app; prints its client_id and secret
  seed --users N --pins N --boards N [--saves N] [--seed S] [--images N]
                                            add a synthetic world for benchmarks (progress on stderr);
                                            saves default to 2 per pin, images to 6 per topic
  events replay --from YYYY-MM-DD [--restart]
                                            rebuild the analytics rollups from the event log, from
                                            that day (UTC) on, while consumers keep running
  export --user U [--out FILE]              one user's data as JSON, on stdout or into FILE
`;

class UsageError extends Error {}

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function options<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(
  args: string[],
  spec: T,
) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function count(values: Record<string, unknown>, name: string, min: number, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d[\d_]*$/.test(raw))
    throw new UsageError(`--${name} must be a whole number`);
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < min || value > 1_000_000_000)
    throw new UsageError(`--${name} must be from ${min} to 1000000000`);
  return value;
}

type Handler = (services: Services, args: string[]) => Promise<CommandResult>;

const COMMANDS: Record<string, Handler> = {
  async migrate(services) {
    const applied = await migrateToLatest(services.ctx.db);
    return ok(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
  },

  async 'users create'(services, args) {
    const values = options(args, {
      username: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
    });
    const password = required(values, 'password');
    if (password.length < 8) throw new UsageError('--password must be at least 8 characters');
    const user = await services.accounts.signUp({
      username: required(values, 'username'),
      email: required(values, 'email'),
      password,
      display_name: values['display-name'],
    });
    return ok(`${JSON.stringify({ id: user.id, username: user.username, email: user.email })}\n`);
  },

  async 'tokens create'(services, args) {
    const values = options(args, {
      user: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      'expires-in-days': { type: 'string' },
    });
    const scopes = parseScopeList(required(values, 'scopes'));
    if (!scopes) throw new UsageError('--scopes must be "all" or a comma-separated list of Pinterest scopes');
    const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
      throw new UsageError('--expires-in-days must be a positive whole number');
    }
    const user = await services.accounts.getByUsername(required(values, 'user'));
    const token = await services.tokens.createPersonal(user.id, {
      name: values.name ?? 'CLI token',
      scopes,
      expiresInDays: days,
    });
    return ok(`${token.token}\n`);
  },

  async 'apps create'(services, args) {
    const values = options(args, {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      owner: { type: 'string' },
    });
    const redirectUris = (values['redirect-uri'] as string[] | undefined) ?? [];
    if (redirectUris.length === 0) throw new UsageError('--redirect-uri is required');
    const owner = values.owner ? await services.accounts.getByUsername(values.owner) : undefined;
    const app = await services.oauth.createApp({
      name: required(values, 'name'),
      redirectUris,
      ownerUserId: owner?.id ?? null,
    });
    return ok(`${JSON.stringify(app, null, 2)}\n`);
  },

  async seed(services, args) {
    const values = options(args, {
      users: { type: 'string' },
      pins: { type: 'string' },
      boards: { type: 'string' },
      saves: { type: 'string' },
      seed: { type: 'string' },
      images: { type: 'string' },
    });
    const pins = count(values, 'pins', 0);
    const saves = count(values, 'saves', 0, pins * 2);
    if (saves > 0 && pins === 0) throw new UsageError('--saves needs --pins of at least 1');
    const summary = await seedSynthetic(services, {
      users: count(values, 'users', 1),
      boards: count(values, 'boards', 1),
      pins,
      saves,
      seed: values.seed,
      imagesPerTopic: count(values, 'images', 1, 6),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    return ok(formatSummary(summary));
  },

  async 'events replay'(services, args) {
    const values = options(args, { from: { type: 'string' }, restart: { type: 'boolean' } });
    const from = required(values, 'from');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new UsageError('--from must be a date, YYYY-MM-DD (UTC)');
    const summary = await services.analytics.replay(from, { restart: values.restart === true });
    return ok(`${JSON.stringify(summary)}\n`);
  },

  async export(services, args) {
    const values = options(args, { user: { type: 'string' }, out: { type: 'string' } });
    const data = `${JSON.stringify(await services.analytics.exportUser(required(values, 'user')), null, 2)}\n`;
    if (values.out === undefined) return ok(data);
    fs.writeFileSync(values.out, data, { mode: 0o600 });
    return ok(`Wrote ${values.out}\n`);
  },
};

/** Options naming files; the CLI resolves them against its own directory before any process runs the command. */
const PATH_OPTIONS = ['--out'];

/** argv with file options made absolute (a command may run in a server's process, elsewhere). */
export function withAbsolutePaths(argv: string[], cwd = process.cwd()): string[] {
  return argv.map((arg, i) => {
    if (i > 0 && PATH_OPTIONS.includes(argv[i - 1]!)) return path.resolve(cwd, arg);
    const [name, value] = arg.split(/=(.*)/s);
    return value !== undefined && PATH_OPTIONS.includes(name!) ? `${name}=${path.resolve(cwd, value)}` : arg;
  });
}

/** The command named by argv, or undefined when argv names none. */
export function commandFor(argv: string[]): { name: string; args: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  if (COMMANDS[two]) return { name: two, args: argv.slice(2) };
  const one = argv[0] ?? '';
  if (COMMANDS[one]) return { name: one, args: argv.slice(1) };
  return undefined;
}

export async function runCommand(services: Services, argv: string[]): Promise<CommandResult> {
  const command = commandFor(argv);
  if (!command) return { stdout: '', stderr: USAGE, exitCode: 2 };
  try {
    return await COMMANDS[command.name]!(services, command.args);
  } catch (error) {
    if (error instanceof UsageError)
      return { stdout: '', stderr: `${error.message}\n\n${USAGE}`, exitCode: 2 };
    if (error instanceof AppError) return { stdout: '', stderr: `${error.message}\n`, exitCode: 1 };
    throw error;
  }
}
