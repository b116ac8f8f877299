import { type Kysely, sql } from 'kysely';

// Discovery-grade search (modules/search, modules/trending):
//
// - pins.search stops being a generated column: a trigger keeps it, because it now also holds the
//   name of the pin's board (weight D, below title A, description B and alt text C) and engagement
//   tier markers. Markers are lexemes no query can produce ('~e1' … '~e6', the tokenizer splits on
//   '~'): a pin carries one for every threshold its saves + comments + reactions reach
//   (1, 4, 16, 64, 256, 1024; modules/search/ranking.ts mirrors them). A search intersects the
//   words' GIN postings with a tier's postings, so the most engaged matches of a word that
//   matches 100k pins are found without reading those 100k rows.
// - Renaming a board rewrites the search document of each of its pins, in the rename's
//   transaction (only when the name's words change, not for case or punctuation). For a board of
//   100k pins that is 100k row updates, seconds of work and WAL, holding those pins' row locks
//   meanwhile; the alternative, matching board names at query time, would join every candidate pin
//   to a second full-text condition, and a pin's board words and its own words could no longer
//   satisfy one query together ("kitchen tiles": board "Kitchen", pin "Tiles"). Renames are rare,
//   searches are not, and boards of that size are rare among them.
// - boards.search: a stored, weighted tsvector (name A, description B) with a GIN index.
// - Trigram (pg_trgm) indexes for typeahead over board names and people, a btree on the
//   normalized board name (the most followed boards of a name the vocabulary suggests; whether a
//   suggested name is still some public board's), and the search_terms table:
//   the distinct words of public pin titles and board names and the public board names themselves,
//   with how many public pins and boards use each, rebuilt by the search module now and then.
// - pins_saves_by_time: saves (pins with a parent) by time, for trending.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    -- A board name or typed text, as typeahead compares them: lower case, single spaces, trimmed.
    create function search_phrase(value text) returns text
      language sql immutable parallel safe
      return lower(btrim(regexp_replace(value, '[[:space:]]+', ' ', 'g')));

    -- Plain expressions (no subqueries), so that they inline into the trigger's assignments and
    -- cost no executor round trip per row: a bulk load (corkboard seed's COPY) pays for each call.
    create function search_engagement_tier(engagement bigint) returns integer
      language sql immutable parallel safe
      return case when engagement >= 1024 then 6 when engagement >= 256 then 5 when engagement >= 64 then 4
                  when engagement >= 16 then 3 when engagement >= 4 then 2 when engagement >= 1 then 1 else 0 end;

    create function pin_search_document(
      title text, description text, alt_text text, board_name text, engagement bigint
    ) returns tsvector
      language sql immutable parallel safe
      return setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description, '')), 'B')
        || setweight(to_tsvector('english', coalesce(alt_text, '')), 'C')
        || setweight(to_tsvector('english', coalesce(board_name, '')), 'D')
        || array_to_tsvector(('{~e1,~e2,~e3,~e4,~e5,~e6}'::text[])[1:search_engagement_tier(engagement)]);

    alter table pins alter column search drop expression;
    update pins set search = pin_search_document(pins.title, pins.description, pins.alt_text, boards.name,
        pins.save_count + pins.comment_count + pins.reaction_count)
      from boards where boards.id = pins.board_id;

    -- Recomputes a pin's document when its text, its board or its engagement tier changes; a save
    -- that leaves the tier as it was (most of them) costs two small comparisons.
    create function pins_maintain_search() returns trigger language plpgsql as $$
    declare
      board_name text;
    begin
      if tg_op = 'UPDATE'
         and new.title is not distinct from old.title
         and new.description is not distinct from old.description
         and new.alt_text is not distinct from old.alt_text
         and new.board_id = old.board_id
         and search_engagement_tier(new.save_count + new.comment_count + new.reaction_count)
           = search_engagement_tier(old.save_count + old.comment_count + old.reaction_count) then
        return new;
      end if;
      select b.name into board_name from boards b where b.id = new.board_id;
      new.search := pin_search_document(new.title, new.description, new.alt_text, board_name,
        new.save_count + new.comment_count + new.reaction_count);
      return new;
    end $$;
    create trigger pins_maintain_search
      before insert or update of title, description, alt_text, board_id, save_count, comment_count, reaction_count
      on pins for each row execute function pins_maintain_search();

    create function boards_rename_in_pin_search() returns trigger language plpgsql as $$
    begin
      update pins set search = pin_search_document(pins.title, pins.description, pins.alt_text, new.name,
          pins.save_count + pins.comment_count + pins.reaction_count)
        where pins.board_id = new.id;
      return null;
    end $$;
    create trigger boards_rename_in_pin_search
      after update of name on boards for each row
      when (to_tsvector('english', old.name) is distinct from to_tsvector('english', new.name))
      execute function boards_rename_in_pin_search();

    alter table boards add column search tsvector generated always as (
      setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
    ) stored;
    create index boards_search on boards using gin (search);
    create index boards_name_trigrams on boards using gin (search_phrase(name) gin_trgm_ops);
    create index boards_name_phrase on boards (search_phrase(name), follower_count desc, id desc);

    create index users_username_trigrams on users using gin (lower(username) gin_trgm_ops);
    create index users_display_name_trigrams on users using gin (lower(display_name) gin_trgm_ops);

    create table search_terms (
      term text primary key,
      pins integer not null default 0,
      boards integer not null default 0,
      refreshed_at timestamptz not null
    );
    create index search_terms_trigrams on search_terms using gin (term gin_trgm_ops);

    create table search_term_refreshes (
      singleton boolean primary key default true check (singleton),
      refreshed_at timestamptz not null,
      terms integer not null,
      public_pins integer not null,
      seconds real not null
    );

    create index pins_saves_by_time on pins (created_at) where parent_pin_id is not null;
  `.execute(db);
}
