// The home feed must stay fast to load: its JavaScript (entry plus the home page's chunks), gzipped,
// within 250 kB (decimal, as the budget is stated), measured on the build the browser tests use.
import { expect, it } from 'vitest';
import { routeJsGzipBytes } from '../web/tooling/bundle-size.ts';

it('keeps the home feed’s JavaScript within 250 kB gzipped', () => {
  const bytes = routeJsGzipBytes('src/pages/Home/HomePage.tsx');
  expect(bytes).toBeGreaterThan(50_000);
  expect(bytes).toBeLessThanOrEqual(250_000);
});
