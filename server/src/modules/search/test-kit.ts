// Helpers for the search tests: pins with chosen text inserted directly (fast enough for pages of
// dozens), words no other test uses, and the three search URLs.
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { insertPin } from '../boards/test-kit.ts';

// Consonants only (no s or y): the English stemmer leaves such words, and their prefixes, alone.
const LETTERS = 'bcdfghjklmnpqrtvwxz';

/** A word no other test's pins contain. */
export function word(length = 10): string {
  let result = '';
  for (let i = 0; i < length; i++) result += LETTERS[randomInt(LETTERS.length)];
  return result;
}

export interface PinText {
  title?: string;
  description?: string;
  alt_text?: string | null;
  saveCount?: number;
  /** The original this pin is a save of (its origin); an original is its own. */
  originPinId?: string;
}

/** A pin on `boardId` with the given text, inserted as the pins module stores one. */
export async function textPin(
  app: FastifyInstance,
  ownerId: string,
  boardId: string,
  text: PinText,
): Promise<string> {
  const { pinId } = await insertPin(app, ownerId, boardId);
  await app.services.ctx.db
    .updateTable('pins')
    .set({
      title: text.title ?? '',
      description: text.description ?? '',
      alt_text: text.alt_text ?? null,
      save_count: text.saveCount ?? 0,
      origin_pin_id: text.originPinId ?? pinId,
      parent_pin_id: text.originPinId ?? null,
    })
    .where('id', '=', pinId)
    .execute();
  return pinId;
}

const q = (value: string) => encodeURIComponent(value);

export const urls = {
  pins: (query: string) => `/v5/search/pins?query=${q(query)}`,
  boards: (query?: string) =>
    query === undefined ? '/v5/search/boards' : `/v5/search/boards?query=${q(query)}`,
  partner: (term: string, extra = '') => `/v5/search/partner/pins?country_code=US&term=${q(term)}${extra}`,
};

export const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
