import { type Kysely, sql } from 'kysely';

// The event log (docs/events.md). Embedded mode: the log itself, read by consumers in commit order.
// NATS mode: the outbox the relay publishes to JetStream from; rows stay a while after publishing so
// that client event ids are still deduplicated. `tx` is the writing transaction's id: readers take
// only rows whose transaction is older than every running one, so a row never becomes visible behind
// a position a reader has already passed (bigserial values are taken before commit, out of order).
// Consumer positions live beside it and move in the same transaction as the consumer's effects.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_log (
      position bigserial primary key,
      tx xid8 not null default pg_current_xact_id(),
      id uuid not null unique,
      type text not null,
      actor_id bigint,
      object_type text not null,
      object_id text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      app_type text not null,
      locale text,
      session_id text,
      surface text,
      data jsonb not null default '{}'
    );
    create index event_log_commit_order on event_log (tx, position);
    create index event_log_recorded_at on event_log (recorded_at);

    create table event_consumer_positions (
      log text not null check (log in ('embedded', 'jetstream', 'relay')),
      consumer text not null,
      tx xid8,
      position bigint not null,
      updated_at timestamptz not null default now(),
      primary key (log, consumer)
    );
  `.execute(db);
}
