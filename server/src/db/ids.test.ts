import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../testing/clients.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { decodeId, ID_EPOCH_MS, isId } from './ids.ts';

const MAX_ID = (1n << 63n) - 1n;

describe('isId', () => {
  it.each(['1', '42', '117813047006855169', MAX_ID.toString()])('accepts %s', (id) => {
    expect(isId(id)).toBe(true);
  });

  it.each([
    '0',
    '-1',
    '',
    ' 1',
    '1 ',
    '1.0',
    '1e3',
    '0x10',
    'abc',
    '１２３',
    (MAX_ID + 1n).toString(),
    '99999999999999999999',
    '1'.repeat(400),
  ])('rejects %j', (id) => {
    expect(isId(id)).toBe(false);
  });
});

describe('decodeId', () => {
  it('counts from 2026-01-01T00:00:00Z', () => {
    expect(new Date(Number(ID_EPOCH_MS)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('splits an id into creation time, shard and sequence', () => {
    const createdAt = new Date('2027-03-04T05:06:07.089Z');
    const id = ((BigInt(createdAt.getTime()) - ID_EPOCH_MS) << 22n) | (513n << 12n) | 4095n;
    expect(decodeId(id.toString())).toEqual({ createdAt, shard: 513, sequence: 4095 });
  });

  it('keeps 41 bits of milliseconds, so the largest id is ~69 years after the epoch', () => {
    const { createdAt, shard, sequence } = decodeId(MAX_ID.toString());
    expect(createdAt.getTime()).toBe(Number(ID_EPOCH_MS) + 2 ** 41 - 1);
    expect(createdAt.getUTCFullYear()).toBe(2095);
    expect({ shard, sequence }).toEqual({ shard: 1023, sequence: 4095 });
  });
});

describe('next_id() in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('mints 10,000 ids concurrently that are unique, positive 63-bit and time-ordered', async () => {
    const db = t.app.services.ctx.db;
    const batches = 50;
    const perBatch = 200;
    const startedAt = Date.now();
    const results = await Promise.all(
      Array.from({ length: batches }, () =>
        sql<{
          n: number;
          id: string;
        }>`select n, next_id() as id from generate_series(1, ${perBatch}::int) as n`
          .execute(db)
          .then((r) => r.rows.sort((a, b) => a.n - b.n).map((row) => row.id)),
      ),
    );
    const finishedAt = Date.now();
    const ids = results.flat();

    expect(ids).toHaveLength(batches * perBatch);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(typeof id).toBe('string'); // bigint arrives as a decimal string, never a lossy number
      expect(isId(id), id).toBe(true);
      const { createdAt, shard } = decodeId(id);
      expect(shard).toBe(0);
      expect(createdAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(createdAt.getTime()).toBeLessThanOrEqual(finishedAt + 1000);
    }
    // Within one statement ids are minted in order, so the millisecond prefix never goes back.
    for (const batch of results) {
      const prefixes = batch.map((id) => BigInt(id) >> 22n);
      for (let i = 1; i < prefixes.length; i++) expect(prefixes[i]! >= prefixes[i - 1]!).toBe(true);
    }
  });

  it('is the default id of new rows', async () => {
    const before = Date.now();
    const session = await signUp(t.app);
    expect(isId(session.userId)).toBe(true);
    const { createdAt } = decodeId(session.userId);
    expect(createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
