// Says up front which real servers this run uses, and what it skips without them.
export default function setup(): void {
  const using: string[] = [];
  const skipped: string[] = [];
  if (process.env.DATABASE_URL) using.push('PostgreSQL (DATABASE_URL)');
  else {
    using.push('embedded PGlite');
    skipped.push('two-process stale-read test (needs DATABASE_URL and REDIS_URL)');
  }
  if (process.env.REDIS_URL) using.push('Redis (REDIS_URL)');
  else {
    using.push('in-process cache');
    skipped.push('Redis cache tests (need REDIS_URL)');
    if (process.env.DATABASE_URL) skipped.push('two-process stale-read test (needs REDIS_URL)');
  }
  if (process.env.NATS_URL) using.push('NATS JetStream (NATS_URL)');
  else skipped.push('JetStream event delivery tests (need NATS_URL)');
  console.log(`\nCorkboard test suite: using ${using.join(', ')}.`);
  if (skipped.length > 0) console.log(`Skipped without servers: ${[...new Set(skipped)].join('; ')}.\n`);
}
