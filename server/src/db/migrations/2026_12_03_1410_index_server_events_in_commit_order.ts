import { type Kysely, sql } from 'kysely';

// The discovery graph's listener reads only server events (pins and boards changing), but client
// events (impressions, closeups, outbound clicks) are nearly all of the log, so reading it in
// commit order stepped over every one of them. This partial index holds the other rows only: a
// reader of server types goes from one to the next, and an ingested client event costs it
// nothing (the predicate is checked, no entry written). The list is the client types of the
// event catalog when this was written (events/catalog.ts CLIENT_EVENT_TYPES; a test compares).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index event_log_server_events_commit_order on event_log (tx, position)
      where type not in ('pin.impression.v1', 'pin.closeup.v1', 'pin.outbound_click.v1')
  `.execute(db);
}
