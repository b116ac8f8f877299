// `corkboard seed` end to end: one real CLI process writes a small synthetic world (embedded
// database in a temp DATA_DIR, or PostgreSQL when DATABASE_URL is set). Usage errors are checked
// in-process, without spawning.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands.ts';
import { createServices, type Services } from '../../services.ts';
import { provisionDatabase, testConfig } from '../../testing/harness.ts';
import { ProcessGroup } from '../../testing/processes.ts';
import { counterMismatches, tableCounts } from './repo.ts';

const procs = new ProcessGroup();
let env: Record<string, string | undefined>;
let drop: () => Promise<void> = async () => {};
beforeAll(async () => {
  const dir = procs.tempDir('cb-seed-');
  const database = await provisionDatabase();
  drop = database.drop;
  env = { DATA_DIR: dir, MEDIA_DIR: path.join(dir, 'media'), DATABASE_URL: database.databaseUrl };
});
afterAll(async () => {
  await procs.cleanup();
  await drop();
});

describe('corkboard seed', () => {
  it('writes the world, prints progress on stderr and a summary on stdout', async () => {
    const result = await procs.cli(
      [
        'seed',
        '--users',
        '5',
        '--boards',
        '10',
        '--pins',
        '60',
        '--saves',
        '300',
        '--seed',
        'cli',
        '--images',
        '1',
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Seeded run 0 in [\d.]+ s \((COPY|multi-row INSERT)\):/);
    expect(result.stdout).toMatch(/^ {2}pins +60\b/m);
    expect(result.stdout).toMatch(/^ {2}saves +300\b/m);
    expect(result.stdout).toContain('Counters corrected by the recount: 0');
    expect(result.stderr).toContain('saves: 300');

    const services = await createServices(
      testConfig({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR!, mediaDir: env.MEDIA_DIR! }),
    );
    try {
      expect(await tableCounts(services.ctx.db)).toMatchObject({
        users: 5,
        boards: 10,
        pins: 60,
        saves: 300,
      });
      expect(Object.values(await counterMismatches(services.ctx.db))).toEqual(new Array(9).fill(0));
    } finally {
      await services.close();
    }
  });

  it('refuses bad numbers with the usage, exit code 2', async () => {
    const services = { ctx: {} } as unknown as Services; // never reached: arguments fail first
    for (const args of [
      ['--users', 'many', '--boards', '1', '--pins', '1'],
      ['--users', '1', '--boards', '1'],
    ]) {
      const result = await runCommand(services, ['seed', ...args]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('Usage: corkboard');
    }
    const noPins = await runCommand(services, [
      'seed',
      '--users',
      '1',
      '--boards',
      '1',
      '--pins',
      '0',
      '--saves',
      '5',
    ]);
    expect(noPins.stderr).toContain('--saves needs --pins');
  });
});
