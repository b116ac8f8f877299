// Builds the bookmarklet's overlay (overlay.ts) into web/dist/bookmarklet.js after the app's own
// build: one self-contained classic script (IIFE) at a stable address, because bookmarks saved
// months ago still load it by that name. It shares no chunks with the app.
import path from 'node:path';
import { build, type Plugin } from 'vite';

export const BOOKMARKLET_FILE = 'bookmarklet.js';

export function bookmarkletScript(): Plugin {
  let outDir = '';
  return {
    name: 'corkboard-bookmarklet',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2019',
          sourcemap: false,
          lib: {
            entry: path.resolve(import.meta.dirname, 'overlay.ts'),
            formats: ['iife'],
            name: 'CorkboardSave',
            fileName: () => BOOKMARKLET_FILE,
          },
        },
      });
    },
  };
}
