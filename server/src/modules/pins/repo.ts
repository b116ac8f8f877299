import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { DB, ImagesTable, PinImagesTable, PinsTable } from '../../db/schema.ts';

export type PinRecord = Selectable<PinsTable>;

export type PinImageRow = Selectable<PinImagesTable> &
  Pick<Selectable<ImagesTable>, 'width' | 'height' | 'variants' | 'dominant_color' | 'phash'>;

/** A pin with what every response needs from its board, and its images when the query loaded them. */
export interface PinWithBoard extends PinRecord {
  board_owner_id: string;
  board_owner_username: string;
  board_privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET';
  /** The pin's images in slot order, when fetched in the same query (withImages). */
  images?: PinImageRow[];
}

export type NewPin = Omit<
  PinRecord,
  'created_at' | 'updated_at' | 'save_count' | 'comment_count' | 'reaction_count'
> &
  Partial<Pick<PinRecord, 'created_at'>>;

export async function mintId(db: Kysely<DB>): Promise<string> {
  const result = await sql<{ id: string }>`select next_id() as id`.execute(db);
  return result.rows[0]!.id;
}

export async function insertPin(
  db: Kysely<DB>,
  pin: NewPin,
  images: Omit<PinImagesTable, 'pin_id'>[],
): Promise<void> {
  await db.insertInto('pins').values(pin).execute();
  await db
    .insertInto('pin_images')
    .values(images.map((image) => ({ ...image, pin_id: pin.id })))
    .execute();
}

/** Every column of PinsTable, named: `pins.*` would also fetch the search tsvector, which no reader needs. */
export const PIN_COLUMNS = [
  'pins.id',
  'pins.owner_id',
  'pins.board_id',
  'pins.section_id',
  'pins.parent_pin_id',
  'pins.origin_pin_id',
  'pins.title',
  'pins.description',
  'pins.link',
  'pins.alt_text',
  'pins.dominant_color',
  'pins.media_type',
  'pins.creative_type',
  'pins.is_standard',
  'pins.sort_key',
  'pins.save_count',
  'pins.comment_count',
  'pins.reaction_count',
  'pins.created_at',
  'pins.updated_at',
] as const satisfies readonly `pins.${keyof PinsTable}`[];

/**
 * The pin's images (PinImageRow, slot order) as one JSON array, so a page of pins and their images
 * come back in one round trip (PinsService.present reads no images for rows that carry them). Ids
 * and the 64-bit hash travel as text, as node-postgres gives bigints. It refers to the pin as
 * `pins`: select it as `images` in any query over the unaliased pins table.
 */
export const PIN_IMAGES_JSON = sql<PinImageRow[]>`coalesce((
    select json_agg(json_build_object(
      'pin_id', pi.pin_id::text, 'position', pi.position, 'image_id', pi.image_id::text,
      'title', pi.title, 'description', pi.description, 'link', pi.link,
      'width', im.width, 'height', im.height, 'variants', im.variants,
      'dominant_color', im.dominant_color, 'phash', im.phash::text) order by pi.position)
    from pin_images pi join images im on im.id = pi.image_id
    where pi.pin_id = pins.id), '[]'::json)`;

function pinsWithBoards(db: Kysely<DB>) {
  return db
    .selectFrom('pins')
    .innerJoin('boards', 'boards.id', 'pins.board_id')
    .innerJoin('users as board_owner', 'board_owner.id', 'boards.owner_id')
    .select(PIN_COLUMNS)
    .select([
      'boards.owner_id as board_owner_id',
      'board_owner.username as board_owner_username',
      'boards.privacy as board_privacy',
    ]);
}

/** pinsWithBoards with each pin's images, for queries whose rows are presented as Pins. */
function pinsWithImages(db: Kysely<DB>) {
  return pinsWithBoards(db).select(PIN_IMAGES_JSON.as('images'));
}

export async function findPin(db: Kysely<DB>, id: string): Promise<PinWithBoard | undefined> {
  return pinsWithBoards(db).where('pins.id', '=', id).executeTakeFirst();
}

/** A condition over the unaliased `boards` table: which boards the caller may see. */
export type BoardCondition = () => Expression<SqlBool>;

/**
 * The pin if it is on a board the condition admits (board visibility and blocks, in the same
 * query), optionally with its images: one round trip for GET /v5/pins/{id} and every pin check.
 */
export async function findVisiblePin(
  db: Kysely<DB>,
  id: string,
  boardVisible: BoardCondition,
  withImages: boolean,
): Promise<PinWithBoard | undefined> {
  const query = withImages ? pinsWithImages(db) : pinsWithBoards(db);
  return query.where('pins.id', '=', id).where(boardVisible()).executeTakeFirst();
}

export interface BoardPinsQuery {
  boardId: string;
  sectionId?: string;
  after?: [number, string];
  limit: number;
}

/** Pins of a board (or one of its sections) in board order: sort_key, then id, both descending. */
export function listBoardPins(db: Kysely<DB>, q: BoardPinsQuery): Promise<PinWithBoard[]> {
  let query = pinsWithImages(db).where('pins.board_id', '=', q.boardId);
  if (q.sectionId) query = query.where('pins.section_id', '=', q.sectionId);
  if (q.after) {
    const [sortKey, id] = q.after;
    query = query.where((eb) =>
      eb.or([
        eb('pins.sort_key', '<', sortKey),
        eb.and([eb('pins.sort_key', '=', sortKey), eb('pins.id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('pins.sort_key', 'desc').orderBy('pins.id', 'desc').limit(q.limit).execute();
}

export interface OwnedPinsQuery {
  ownerId: string;
  /** Board privacies to include. */
  privacies: ('PUBLIC' | 'PROTECTED' | 'SECRET')[];
  excludeNative?: boolean;
  excludeRepins?: boolean;
  creativeTypes?: string[];
  beforeId?: string;
  limit: number;
}

/** Pins a user created or saved, newest first. */
export function listOwnedPins(db: Kysely<DB>, q: OwnedPinsQuery): Promise<PinWithBoard[]> {
  let query = pinsWithImages(db)
    .where('pins.owner_id', '=', q.ownerId)
    .where('boards.privacy', 'in', q.privacies);
  if (q.excludeNative) query = query.where('pins.parent_pin_id', 'is not', null);
  if (q.excludeRepins) query = query.where('pins.parent_pin_id', 'is', null);
  if (q.creativeTypes?.length) query = query.where('pins.creative_type', 'in', q.creativeTypes);
  if (q.beforeId) query = query.where('pins.id', '<', q.beforeId);
  return query.orderBy('pins.id', 'desc').limit(q.limit).execute();
}

export async function imagesOfPins(db: Kysely<DB>, pinIds: string[]): Promise<PinImageRow[]> {
  if (pinIds.length === 0) return [];
  return db
    .selectFrom('pin_images')
    .innerJoin('images', 'images.id', 'pin_images.image_id')
    .selectAll('pin_images')
    .select(['images.width', 'images.height', 'images.variants', 'images.dominant_color', 'images.phash'])
    .where('pin_images.pin_id', 'in', pinIds)
    .orderBy('pin_images.pin_id')
    .orderBy('pin_images.position')
    .execute();
}

export type PinPatch = Partial<
  Pick<PinRecord, 'title' | 'description' | 'link' | 'alt_text' | 'board_id' | 'section_id' | 'sort_key'>
>;

export async function updatePin(db: Kysely<DB>, id: string, patch: PinPatch): Promise<void> {
  await db
    .updateTable('pins')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function updateSlots(
  db: Kysely<DB>,
  pinId: string,
  slots: { title?: string; description?: string; link?: string }[],
): Promise<void> {
  for (const [position, slot] of slots.entries()) {
    await db
      .updateTable('pin_images')
      .set({ title: slot.title ?? null, description: slot.description ?? null, link: slot.link ?? null })
      .where('pin_id', '=', pinId)
      .where('position', '=', position)
      .execute();
  }
}

export async function deletePin(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('pins').where('id', '=', id).execute();
}

export async function bumpSaveCount(db: Kysely<DB>, pinIds: string[]): Promise<void> {
  await db
    .updateTable('pins')
    .set({ save_count: sql`save_count + 1` })
    .where('id', 'in', [...new Set(pinIds)])
    .execute();
}

/**
 * Sort keys of the pins directly above and below a position in a board (or section), ignoring the
 * pin being moved.
 */
export async function neighbourKeys(
  db: Kysely<DB>,
  boardId: string,
  sectionId: string | null,
  afterPinId: string | null,
  movingPinId: string,
): Promise<{ above: number | null; below: number | null }> {
  const scope = db
    .selectFrom('pins')
    .select(['id', 'sort_key'])
    .where('board_id', '=', boardId)
    .where('id', '!=', movingPinId)
    .$if(sectionId !== null, (q) => q.where('section_id', '=', sectionId!));
  if (afterPinId === null) {
    const top = await scope.orderBy('sort_key', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return { above: null, below: top?.sort_key ?? null };
  }
  const anchor = await scope.where('id', '=', afterPinId).executeTakeFirst();
  if (!anchor) return { above: null, below: null };
  const next = await scope
    .where((eb) =>
      eb.or([
        eb('sort_key', '<', anchor.sort_key),
        eb.and([eb('sort_key', '=', anchor.sort_key), eb('id', '<', anchor.id)]),
      ]),
    )
    .orderBy('sort_key', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { above: anchor.sort_key, below: next?.sort_key ?? null };
}

/** Pins by id (on boards the condition admits, when given), in no particular order. */
export function pinsByIds(
  db: Kysely<DB>,
  ids: string[],
  boardVisible?: BoardCondition,
): Promise<PinWithBoard[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return pinsWithBoards(db)
    .where('pins.id', 'in', ids)
    .$if(boardVisible !== undefined, (q) => q.where(boardVisible!()))
    .execute();
}

/** The user's board whose pins changed most recently: where a save without a board goes. */
export async function lastUsedBoardId(db: Kysely<DB>, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('boards')
    .select('id')
    .where('owner_id', '=', userId)
    .orderBy('pins_modified_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Before a user is deleted (their pins and boards go by cascade): the pin_count of other people's
 * boards holding the user's pins (collaborative boards), and the pin_count of other people whose
 * pins sit on the user's boards.
 */
export async function releasePinCounts(db: Kysely<DB>, userId: string): Promise<void> {
  await sql`
    update boards set pin_count = greatest(boards.pin_count - counted.n, 0), pins_modified_at = now()
    from (select board_id, count(*)::int as n from pins where owner_id = ${userId} group by board_id) counted
    where boards.id = counted.board_id and boards.owner_id <> ${userId}`.execute(db);
  await sql`
    update users set pin_count = greatest(users.pin_count - counted.n, 0)
    from (select p.owner_id, count(*)::int as n from pins p join boards b on b.id = p.board_id
          where b.owner_id = ${userId} and p.owner_id <> ${userId} group by p.owner_id) counted
    where users.id = counted.owner_id`.execute(db);
}

export type EngagementCounter = 'comment_count' | 'reaction_count';

/** Moves a pin's comment or reaction count; callers pass the transaction that adds or removes the row. */
export async function adjustCounter(
  db: Kysely<DB>,
  pinId: string,
  column: EngagementCounter,
  delta: number,
): Promise<void> {
  await db
    .updateTable('pins')
    .set({ [column]: sql<number>`greatest(${sql.ref(column)} + ${delta}, 0)` })
    .where('id', '=', pinId)
    .execute();
}

/** Pins a user (by username) created or saved on boards the filter admits, newest first. */
export function listUserPins(
  db: Kysely<DB>,
  username: string,
  boardVisible: (
    eb: ExpressionBuilder<DB & { board_owner: DB['users'] }, 'pins' | 'boards' | 'board_owner'>,
  ) => Expression<SqlBool>,
  beforeId: string | undefined,
  limit: number,
  pinFilter?: 'exclude_native' | 'exclude_repins',
): Promise<PinWithBoard[]> {
  return pinsWithImages(db)
    .innerJoin('users as pinner', 'pinner.id', 'pins.owner_id')
    .where(sql`lower(pinner.username)`, '=', username.toLowerCase())
    .where((eb) => boardVisible(eb as never))
    .$if(pinFilter === 'exclude_native', (q) => q.where('pins.parent_pin_id', 'is not', null))
    .$if(pinFilter === 'exclude_repins', (q) => q.where('pins.parent_pin_id', 'is', null))
    .$if(beforeId !== undefined, (q) => q.where('pins.id', '<', beforeId!))
    .orderBy('pins.id', 'desc')
    .limit(limit)
    .execute();
}
