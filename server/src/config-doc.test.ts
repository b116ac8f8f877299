// docs/config.md must document every variable config.ts reads, and nothing else.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const source = fs.readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
const doc = fs.readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
const read = new Set([...source.matchAll(/read\.\w+\('([A-Z_]+)'/g)].map((m) => m[1]));
const documented = new Set([...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));

describe('docs/config.md', () => {
  it('finds the variables config.ts reads', () => {
    expect(read.size).toBeGreaterThan(10);
  });

  it('documents every variable, and only those', () => {
    expect([...documented].sort()).toEqual([...read].sort());
  });
});
