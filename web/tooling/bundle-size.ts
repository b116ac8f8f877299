// What a page costs to load: the gzipped size of the JavaScript a route needs (the entry and
// everything it and the route's chunk import, statically), from Vite's build manifest.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR, WEB_DIR } from './freshness.ts';

export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** The files a set of manifest keys loads up front: themselves and their static imports, once each. */
export function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`No chunk ${key} in the build manifest`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...files];
}

export function readManifest(distDir: string = DIST_DIR): Manifest {
  return JSON.parse(fs.readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** Gzipped bytes of the JavaScript the entry plus `pageSource` (e.g. "src/pages/Home/HomePage.tsx") load. */
export function routeJsGzipBytes(pageSource: string, distDir: string = DIST_DIR): number {
  const manifest = readManifest(distDir);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('The build manifest has no entry');
  // A page imported statically (the home feed) is inside the entry and has no chunk of its own.
  const ownChunk = pageSource in manifest;
  if (!ownChunk && !fs.existsSync(path.join(WEB_DIR, pageSource)))
    throw new Error(`No page ${pageSource} (neither a chunk in the build manifest nor a file)`);
  return staticClosure(manifest, ownChunk ? [entry, pageSource] : [entry])
    .filter((file) => file.endsWith('.js'))
    .reduce(
      (total, file) => total + gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length,
      0,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const page of ['Home/HomePage', 'Pin/PinPage', 'CreatePin/CreatePinPage', 'Login/LoginPage']) {
    const bytes = routeJsGzipBytes(`src/pages/${page}.tsx`);
    console.log(`${page}: ${(bytes / 1000).toFixed(1)} kB gzipped JS (${bytes} bytes)`);
  }
}
