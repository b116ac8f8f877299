import { describe, expect, it } from 'vitest';
import { bookmarkletCode, bookmarkletHref } from './link.ts';

describe('bookmarklet link', () => {
  it('loads the overlay script from the Corkboard that made the link', () => {
    const added: { src: string; charset: string }[] = [];
    const fakeDocument = {
      createElement: () => ({ src: '', charset: '' }),
      body: { appendChild: (element: { src: string; charset: string }) => added.push(element) },
    };
    // Runs the bookmark's code against a stand-in document, as a browser would against the page.
    new Function('document', bookmarkletCode('https://cork.example/'))(fakeDocument);
    expect(added).toHaveLength(1);
    expect(added[0]!.src).toMatch(/^https:\/\/cork\.example\/bookmarklet\.js\?t=\d+$/);
  });

  it('is a javascript: URL that survives being stored as a bookmark', () => {
    const href = bookmarkletHref('http://127.0.0.1:8080');
    expect(href.startsWith('javascript:')).toBe(true);
    expect(href).not.toMatch(/[\s"<>]/);
    expect(decodeURIComponent(href.slice('javascript:'.length))).toBe(
      bookmarkletCode('http://127.0.0.1:8080'),
    );
  });
});
