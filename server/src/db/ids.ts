// 64-bit ids, Instagram-style, minted inside PostgreSQL by next_id() (see the first migration):
//
//   bit 63      sign, always 0 so ids fit a signed bigint
//   bits 62..22 41 bits of milliseconds since ID_EPOCH_MS (2026-01-01T00:00:00Z), ~69 years
//   bits 21..12 10 bits of logical shard (0..1023)
//   bits 11..0  12 bits of a database sequence, modulo 4096
//
// Every API process asks the database, so ids are unique across processes with no coordination
// between them, and they sort roughly by creation time. The shard bits let a later scale-out
// split rows by logical shard and still find a row's home from its id alone.
//
// Shard 1023 is reserved for seeded data (modules/seed/id-minter.ts): `corkboard seed` and the demo
// world mint ids in the app, with times in the past (spread over the last 90 days, which is also
// their created_at), shard 1023, and the run's slot in the sequence bits. next_id() must never be
// called with shard 1023, so the two can never produce the same id.

export const ID_EPOCH_MS = 1_767_225_600_000n;
const MAX_ID = (1n << 63n) - 1n;

export interface DecodedId {
  createdAt: Date;
  shard: number;
  sequence: number;
}

/** True for a decimal string that fits a positive signed 64-bit integer. */
export function isId(value: string): boolean {
  if (!/^\d{1,19}$/.test(value)) return false;
  const n = BigInt(value);
  return n > 0n && n <= MAX_ID;
}

export function decodeId(id: string): DecodedId {
  const n = BigInt(id);
  return {
    createdAt: new Date(Number((n >> 22n) + ID_EPOCH_MS)),
    shard: Number((n >> 12n) & 1023n),
    sequence: Number(n & 4095n),
  };
}
