import { type Kysely, sql } from 'kysely';

// event_log.recorded_at is read only by retention and the outbox prune (repo.deletePassed: rows
// recorded before a cutoff), every ten minutes. A B-tree on it cost every ingested event an index
// insertion and its WAL. Rows are appended in recorded_at order, so a BRIN index (one summary per
// 128 pages, updated for almost nothing on insert) finds the old rows just as well: the ranges
// below the cutoff, rechecked row by row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index event_log_recorded_at_brin on event_log using brin (recorded_at) with (autosummarize = on);
    drop index event_log_recorded_at;
  `.execute(db);
}
