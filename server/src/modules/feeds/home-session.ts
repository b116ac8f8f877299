// A home feed session: the chain of bookmarks that starts at a first page. Pure: no I/O.
//
// The first page opens a session with a random handle; each bookmark carries the handle and the
// offset of the next page in the session's plan. The plan itself is kept in the shared cache in
// segments of SEGMENT_SIZE pins (home.ts), so whichever process answers a bookmark reads the same
// pins, and a repeated bookmark gives the same page.
import { randomBytes } from 'node:crypto';
import { decodeBookmark, encodeBookmark } from '../../platform/pagination.ts';
import { invalidBookmark } from './errors.ts';

/** Pins per planned segment. At least the largest page, so a page spans at most two segments. */
export const SEGMENT_SIZE = 100;
/** A session plans at most this many segments; the feed ends there. */
export const MAX_SEGMENTS = 20;

const TAG = 'h';
const HANDLE = /^[A-Za-z0-9_-]{16}$/;

export interface SessionPosition {
  handle: string;
  /** Index in the session's plan of the page's first pin. */
  offset: number;
}

export function newSession(): SessionPosition {
  return { handle: randomBytes(12).toString('base64url'), offset: 0 };
}

export function encodeSessionBookmark(position: SessionPosition): string {
  return encodeBookmark([TAG, position.handle, position.offset]);
}

/** The position a bookmark names; 400 for anything this server did not issue. */
export function decodeSessionBookmark(bookmark: string): SessionPosition {
  const [tag, handle, offset] = decodeBookmark(bookmark, 3);
  if (
    tag !== TAG ||
    typeof handle !== 'string' ||
    !HANDLE.test(handle) ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 1 ||
    offset >= SEGMENT_SIZE * MAX_SEGMENTS
  ) {
    throw invalidBookmark();
  }
  return { handle, offset };
}

/** A 32-bit seed for the session's walks, from its handle (the same handle walks the same way). */
export function sessionSeed(handle: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < handle.length; i++) hash = Math.imul(hash ^ handle.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
