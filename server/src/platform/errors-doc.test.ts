// docs/errors.md must list every error the API can send, with its status and code.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.ts';

const doc = fs.readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const rows = new Map(
  [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| (\d+) \|/gm)].map((m) => [
    m[1] ?? '',
    { status: Number(m[2]), code: Number(m[3]) },
  ]),
);

describe('docs/errors.md', () => {
  it.each(Object.entries(ERRORS))('documents %s with its status and code', (name, entry) => {
    expect(rows.get(name)).toEqual({ status: entry.status, code: entry.code });
  });

  it('documents nothing that no longer exists', () => {
    expect([...rows.keys()].filter((name) => !(name in ERRORS))).toEqual([]);
  });
});
