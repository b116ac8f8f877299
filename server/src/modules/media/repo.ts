import type { Kysely, Selectable } from 'kysely';
import type { DB, ImagesTable, ImageVariant } from '../../db/schema.ts';

export type ImageRow = Selectable<ImagesTable>;

export interface NewImage {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  dominant_color: string;
  phash: string;
  variants: Record<string, ImageVariant>;
}

export function findImageBySha256(db: Kysely<DB>, sha256: string): Promise<ImageRow | undefined> {
  return db.selectFrom('images').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** Inserts the image, or returns undefined when a row with the same sha256 already exists. */
export function insertImage(db: Kysely<DB>, image: NewImage): Promise<ImageRow | undefined> {
  return db
    .insertInto('images')
    .values({ ...image, variants: JSON.stringify(image.variants) })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findImagesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('images')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
