import { type Kysely, sql } from 'kysely';

// PostgreSQL's JIT compiler turns on for any plan whose estimated cost passes jit_above_cost, and
// compiles at first execution. Search plans carry costly branches that a LIMIT almost never runs
// (the lower engagement bands of partner search, modules/search/repo.ts), so their estimates pass
// it and every search paid 150–220 ms of compilation for 10–30 ms of work on a 1M-pin world
// (EXPLAIN's JIT timing). Corkboard's queries are short; none gains from JIT. Off for the
// database: sessions opened from now on, and this one. Only the database's owner (or a superuser)
// may change its settings; for anyone else this leaves them as they are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (
        select 1 from pg_database d
        where d.datname = current_database()
          and (pg_has_role(current_user, d.datdba, 'MEMBER')
               or (select rolsuper from pg_roles where rolname = current_user))
      ) then
        execute format('alter database %I set jit = off', current_database());
      end if;
    end $$;
    set jit = off;
  `.execute(db);
}
