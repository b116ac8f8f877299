import { describe, expect, it } from 'vitest';
import { appendUnique } from './paged.ts';

describe('paged lists', () => {
  it('keep each item once, in first-seen order', () => {
    const page1 = [{ id: '3' }, { id: '2' }];
    const page2 = [{ id: '2' }, { id: '1' }, { id: '1' }];
    expect(appendUnique(page1, page2).map((i) => i.id)).toEqual(['3', '2', '1']);
    expect(appendUnique([], page2).map((i) => i.id)).toEqual(['2', '1']);
  });
});
