import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  containsPattern,
  correctedTerm,
  MAX_QUERY_LENGTH,
  MAX_TYPEAHEAD_LENGTH,
  parseQuery,
  prefixQuery,
  startsWithPattern,
  typeaheadText,
} from './text-query.ts';

describe('parseQuery', () => {
  it('keeps the text for websearch and builds an AND prefix query from its words', () => {
    expect(parseQuery('  red  cak ')).toEqual({ text: 'red  cak', prefix: 'red & cak:*', ids: [] });
    expect(parseQuery('café, naïve!').prefix).toBe('café & naïve:*');
  });

  it('builds the prefix query from letters, marks and digits only', () => {
    expect(prefixQuery(`a'b & c|d !e (f) g:* h<->i \\j`)).toBe('a & b & c & d & e & f & g & h & i & j:*');
    expect(prefixQuery('&|!():*')).toBeNull();
    expect(prefixQuery('x'.repeat(101))).toBeNull();
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(prefixQuery(many)?.split(' & ')).toHaveLength(16);
    expect(prefixQuery(many)?.endsWith('w39:*')).toBe(true);
  });

  it('leaves the prefix out when the text uses phrases or exclusions', () => {
    expect(prefixQuery('"lemon tart"')).toBeNull();
    expect(prefixQuery('lemon -tart')).toBeNull();
    expect(prefixQuery('-tart')).toBeNull();
    expect(prefixQuery('lemon-tart')).toBe('lemon & tart:*');
  });

  it('removes control characters, and refuses empty or overlong text with 400 code 1', () => {
    expect(parseQuery('\u0000lemon\u0007').text).toBe('lemon');
    for (const bad of ['', '   ', '\u0000\t\n', 'a'.repeat(MAX_QUERY_LENGTH + 1)]) {
      const error = (() => {
        try {
          parseQuery(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(1);
      expect((error as AppError).status).toBe(400);
    }
    // Length is counted in characters, not UTF-16 units.
    expect(parseQuery('𠀀'.repeat(MAX_QUERY_LENGTH)).text).toHaveLength(MAX_QUERY_LENGTH * 2);
  });

  it('reads comma-separated pin ids, skipping ones out of range', () => {
    expect(parseQuery('12, 34,12').ids).toEqual(['12', '34']);
    expect(parseQuery('0,9223372036854775808,7').ids).toEqual(['7']);
    expect(parseQuery('12 34').ids).toEqual([]);
    expect(parseQuery('12,lemon').ids).toEqual([]);
  });
});

describe('containsPattern', () => {
  it('takes LIKE’s wildcards and escape literally', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});

describe('typeahead input', () => {
  it('is compared in lower case with single spaces, like stored terms', () => {
    expect(typeaheadText('  Kitchen \t  IDEAS\u0000 ')).toBe('kitchen ideas');
    for (const bad of ['', ' \n ', 'x'.repeat(MAX_TYPEAHEAD_LENGTH + 1)]) {
      expect(() => typeaheadText(bad)).toThrow(AppError);
    }
  });

  it('matches prefixes with LIKE’s own characters taken literally', () => {
    expect(startsWithPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });

  it('reads a best match as a correction only when it does not complete the input', () => {
    expect(correctedTerm('kitchn', 'kitchen')).toBe('kitchen');
    expect(correctedTerm('kitch', 'kitchen')).toBeNull();
    expect(correctedTerm('kitchen', 'kitchen')).toBeNull();
    expect(correctedTerm('kitchn', undefined)).toBeNull();
  });
});
