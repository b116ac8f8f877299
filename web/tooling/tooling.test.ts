import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Manifest, staticClosure } from './bundle-size.ts';
import { isStale, needsBuild, newestModification } from './freshness.ts';
import { makeGestaltShakeable } from './gestalt-statics.ts';

describe('build freshness', () => {
  it('builds when there is no build or a source is newer', () => {
    expect(needsBuild(null, 0)).toBe(true);
    expect(needsBuild(1000, 2000)).toBe(true);
    expect(needsBuild(2000, 2000)).toBe(false);
  });

  it('reads modification times from real files', () => {
    const web = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-web-'));
    const dist = path.join(web, 'dist');
    fs.mkdirSync(path.join(web, 'src', 'pages'), { recursive: true });
    fs.writeFileSync(path.join(web, 'src', 'pages', 'a.tsx'), 'x');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(web, 'src', 'pages', 'a.tsx'), past, past);
    expect(isStale(web, dist)).toBe(true);
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    expect(isStale(web, dist)).toBe(false);
    fs.writeFileSync(path.join(web, 'src', 'pages', 'b.tsx'), 'newer');
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(web, 'src', 'pages', 'b.tsx'), future, future);
    expect(isStale(web, dist)).toBe(true);
    expect(newestModification([path.join(web, 'missing')])).toBe(0);
    fs.rmSync(web, { recursive: true, force: true });
  });
});

describe('route bundle closure', () => {
  it('follows static imports once and leaves lazy chunks out', () => {
    const manifest: Manifest = {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_shared.js'],
        dynamicImports: ['src/pages/Pin.tsx'],
      },
      '_shared.js': { file: 'assets/shared.js' },
      'src/pages/Home.tsx': { file: 'assets/Home.js', imports: ['_shared.js', '_grid.js'] },
      '_grid.js': { file: 'assets/grid.js', imports: ['_shared.js'] },
      'src/pages/Pin.tsx': { file: 'assets/Pin.js' },
    };
    expect(staticClosure(manifest, ['index.html', 'src/pages/Home.tsx']).sort()).toEqual([
      'assets/Home.js',
      'assets/grid.js',
      'assets/index.js',
      'assets/shared.js',
    ]);
    expect(() => staticClosure(manifest, ['nope'])).toThrow(/nope/);
  });
});

describe('making Gestalt tree-shakeable', () => {
  const source = [
    'const Ctx = createContext(null);',
    'function Item() {}',
    "Item.displayName = 'Menu.Item';",
    'function Menu() {}',
    "Menu.displayName = 'Menu';",
    'Menu.Item = Item;',
    'function Read() {}',
    'const readEarly = Read.length;',
    "Read.displayName = 'Read';",
    'export { Ctx, Item, Menu, Read, readEarly };',
  ].join('\n');

  it('folds statics into one pure expression and marks factories pure', () => {
    const out = makeGestaltShakeable(source);
    expect(out).toContain('const Ctx = /*#__PURE__*/ createContext(null);');
    expect(out).toContain(
      "const Item = /*#__PURE__*/ Object.assign(Item$base, { displayName: 'Menu.Item' });",
    );
    expect(out).toContain(
      "const Menu = /*#__PURE__*/ Object.assign(Menu$base, { displayName: 'Menu', Item: Item });",
    );
    expect(out).not.toMatch(/^Menu\./m);
  });

  it('leaves a binding alone when something reads it before its statics are set', () => {
    const out = makeGestaltShakeable(source);
    expect(out).toContain('function Read() {}');
    expect(out).toContain("Read.displayName = 'Read';");
  });

  it('keeps what the module does: the same statics on the same exports', async () => {
    const load = (code: string) =>
      import(`data:text/javascript,${encodeURIComponent(`const createContext = (v) => ({ v });\n${code}`)}`);
    const [before, after] = await Promise.all([load(source), load(makeGestaltShakeable(source))]);
    expect(after.Menu.displayName).toBe('Menu');
    expect(after.Menu.Item).toBe(after.Item);
    expect(after.Item.displayName).toBe(before.Item.displayName);
    expect(after.Read.displayName).toBe('Read');
    expect(after.Ctx).toEqual(before.Ctx);
  });
});
