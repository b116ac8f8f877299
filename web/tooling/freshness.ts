// Whether web/dist must be rebuilt: it is missing, or some source is newer than the build. Pure
// apart from the file walk, which only reads modification times.
import fs from 'node:fs';
import path from 'node:path';

export const WEB_DIR = path.resolve(import.meta.dirname, '..');
export const DIST_DIR = path.join(WEB_DIR, 'dist');
/** What a build depends on, relative to web/. */
export const SOURCES = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tooling/gestalt-statics.ts',
  '../package-lock.json',
];

export function needsBuild(builtAtMs: number | null, newestSourceMs: number): boolean {
  return builtAtMs === null || newestSourceMs > builtAtMs;
}

/** The newest modification time under the given files and folders (0 when none exist). */
export function newestModification(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of paths) visit(entry);
  return newest;
}

/** When index.html was last written by a build, or null without one. */
export function builtAt(distDir: string = DIST_DIR): number | null {
  try {
    return fs.statSync(path.join(distDir, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

export function isStale(webDir: string = WEB_DIR, distDir: string = DIST_DIR): boolean {
  return needsBuild(builtAt(distDir), newestModification(SOURCES.map((s) => path.join(webDir, s))));
}
