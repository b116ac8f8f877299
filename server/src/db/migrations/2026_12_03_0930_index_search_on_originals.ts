import { type Kysely, sql } from 'kysely';

// Search reads originals first (modules/search/repo.ts), from indexes that hold only them.
//
// Every save is a pin row with its own search document (the original's words plus the name of the
// board it was saved to), so on a world of 1M pins and 10M saves the GIN index held 11M documents,
// and a search paid for all of them: GIN intersects whole posting lists, and a word like "cake"
// had 413k postings where 36k were originals. The bitmap scans of one three-word query read 550
// index pages and took 54 ms; on originals alone 94 pages and 10 ms.
//
// - pins_search_originals: every original's document.
// - pins_search_band_64_up and pins_search_band_4_63: the originals with 64 or more saves +
//   comments + reactions (tiers 4+ of modules/search/ranking.ts, 2% of them) and with 4 to 63
//   (tiers 2–3, 35%), the two bands a search reads first. Their postings are their band's alone,
//   so a word matching every pin costs that band's share of postings, not a million intersected
//   with a tier marker's.
// pins_search, over every pin, stays for the last resort of a search with few original matches:
// public saves of originals the viewer cannot see (an original whose board turned secret).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index pins_search_originals on pins using gin (search) where parent_pin_id is null;
    create index pins_search_band_64_up on pins using gin (search)
      where parent_pin_id is null and save_count + comment_count + reaction_count >= 64;
    create index pins_search_band_4_63 on pins using gin (search)
      where parent_pin_id is null and save_count + comment_count + reaction_count >= 4
        and save_count + comment_count + reaction_count < 64;
  `.execute(db);
}
