import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  decodeSessionBookmark,
  encodeSessionBookmark,
  MAX_SEGMENTS,
  newSession,
  SEGMENT_SIZE,
  sessionSeed,
} from './home-session.ts';

describe('home feed sessions', () => {
  it('round-trips a position through its bookmark', () => {
    const session = newSession();
    expect(session.offset).toBe(0);
    expect(session.handle).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(newSession().handle).not.toBe(session.handle);
    const position = { handle: session.handle, offset: 25 };
    expect(decodeSessionBookmark(encodeSessionBookmark(position))).toEqual(position);
  });

  it('refuses positions it never issues', () => {
    const handle = newSession().handle;
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bookmark of [
      forged(['h', handle, 0]),
      forged(['h', handle, SEGMENT_SIZE * MAX_SEGMENTS]),
      forged(['h', handle, 2.5]),
      forged(['h', 'short', 5]),
      forged(['p', handle, 5]),
      forged(['h', handle]),
      'not base64 json',
    ]) {
      expect(() => decodeSessionBookmark(bookmark), bookmark).toThrow(AppError);
    }
  });

  it('derives the walk seed from the handle alone', () => {
    expect(sessionSeed('AAAAAAAAAAAAAAAA')).toBe(sessionSeed('AAAAAAAAAAAAAAAA'));
    expect(sessionSeed('AAAAAAAAAAAAAAAA')).not.toBe(sessionSeed('AAAAAAAAAAAAAAAB'));
  });
});
