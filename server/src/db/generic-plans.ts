// Transactions whose statements keep PostgreSQL's generic plan.
//
// A prepared statement's first executions get custom plans, made for the parameter values at
// hand; PostgreSQL keeps re-planning at every execution while a custom plan looks cheaper than
// the generic one. For statements whose best plan does not depend on the values (every branch's
// index is fixed by the SQL itself), that re-planning is pure cost: partner search's nine
// branches took 3.5 ms to plan per search on a 1M-pin world. For trigram matches the custom plan
// was also the worse one: its selectivity guesses for a typed prefix chose 8.5 ms scans where the
// generic plan's index scans took 2 ms.
import { type Kysely, sql } from 'kysely';

/** Runs `work` in a transaction whose statements use generic plans (plan_cache_mode). */
export function withGenericPlans<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
    return work(trx);
  });
}
