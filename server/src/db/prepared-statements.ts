// Gives Kysely a pool whose parameterized queries run as named prepared statements, so the
// database parses and plans each distinct statement once per connection instead of on every call.
// Planning is most of the cost of a small indexed query (PGlite plans in WebAssembly and asks its
// file system for every relation's size), so this is the largest saving on the read path.
//
// Bounds and safety:
// - Only statements with parameters are prepared (they use the extended protocol anyway); raw
//   statements (migrations, BEGIN/COMMIT) run as before. A text is prepared from its second use,
//   so one-off statements never take a slot, and each connection prepares at most
//   MAX_PREPARED_PER_CONNECTION texts; later new texts run unnamed.
// - A prepared statement whose result columns change under it (another process migrated the schema
//   while this one runs) fails with "cached plan must not change result type". That statement is
//   then never prepared again on the connection; outside a transaction the query is retried
//   unnamed at once (the failure happens before anything executes), inside one it fails once.
// - Connection poolers that do not keep prepared statements per client (PgBouncer in transaction
//   mode before 1.21) need DB_PREPARED_STATEMENTS=false.
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export const MAX_PREPARED_PER_CONNECTION = 256;
const MAX_TRACKED_TEXTS = 10_000;

export interface PoolOptions {
  /** Run repeated parameterized statements as named prepared statements. */
  prepare: boolean;
  /** Applied to every parameter before it is sent (PGlite's text fix-up). */
  mapParameter?: (value: unknown) => unknown;
}

interface ConnectionState {
  wrapper: PostgresPoolClient;
  prepared: Set<string>;
  refused: Set<string>;
  inTransaction: boolean;
}

interface TextEntry {
  name: string;
  uses: number;
}

const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|rollback)\s*;?\s*$/i;

function planChanged(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '0A000' && /cached plan must not change result type/i.test(e.message ?? '');
}

export function kyselyPool(pool: pg.Pool, options: PoolOptions): PostgresPool {
  const texts = new Map<string, TextEntry>();
  const states = new WeakMap<pg.PoolClient, ConnectionState>();

  /** The statement name for a text, once it has been used before; undefined: run it unnamed. */
  function nameFor(text: string): string | undefined {
    let entry = texts.get(text);
    if (!entry) {
      if (texts.size >= MAX_TRACKED_TEXTS) return undefined;
      const name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 28)}`;
      entry = { name, uses: 0 };
      texts.set(text, entry);
    }
    entry.uses += 1;
    return entry.uses >= 2 ? entry.name : undefined;
  }

  function stateOf(client: pg.PoolClient): ConnectionState {
    const existing = states.get(client);
    if (existing) return existing;
    const state: ConnectionState = {
      prepared: new Set(),
      refused: new Set(),
      inTransaction: false,
      wrapper: {
        query: ((text: string, parameters?: readonly unknown[]) =>
          run(client, state, text, parameters)) as unknown as PostgresPoolClient['query'],
        release: () => {
          state.inTransaction = false;
          client.release();
        },
      },
    };
    states.set(client, state);
    return state;
  }

  async function run(
    client: pg.PoolClient,
    state: ConnectionState,
    text: string,
    parameters: readonly unknown[] | undefined,
  ) {
    if (typeof text !== 'string') return client.query(text as never); // a cursor (Kysely's stream())
    const values = options.mapParameter ? parameters?.map(options.mapParameter) : parameters?.slice();
    if (!values || values.length === 0) {
      if (BEGIN.test(text)) state.inTransaction = true;
      else if (END.test(text)) state.inTransaction = false;
      return client.query(text, values);
    }
    const name = options.prepare ? nameFor(text) : undefined;
    const usable =
      name !== undefined &&
      !state.refused.has(name) &&
      (state.prepared.has(name) || state.prepared.size < MAX_PREPARED_PER_CONNECTION);
    if (!usable) return client.query(text, values);
    state.prepared.add(name);
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      if (!planChanged(error)) throw error;
      state.refused.add(name);
      if (state.inTransaction) throw error;
      return client.query(text, values);
    }
  }

  return {
    async connect() {
      return stateOf(await pool.connect()).wrapper;
    },
    end: () => pool.end(),
  };
}
