// Builds web/ into web/dist, which the server serves at `/` (server/src/modules/webapp). Hashed
// assets get .br and .gz twins so the server sends them compressed without compressing per request.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { bookmarkletScript } from './src/bookmarklet/build-plugin.ts';
import { gestaltShakeable } from './tooling/gestalt-statics.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|svg|json|txt|html)$/;

function precompress(): Plugin {
  return {
    name: 'corkboard-precompress',
    apply: 'build',
    // After the files are written: earlier hooks still see placeholders Vite fills in last.
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter(
        (name) => name.startsWith('assets/') && COMPRESSIBLE.test(name),
      );
      await Promise.all(
        files.map(async (name) => {
          const source = await readFile(path.join(outDir, name));
          if (source.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
            gzipAsync(source, { level: 9 }),
          ]);
          await Promise.all([
            writeFile(path.join(outDir, `${name}.br`), br),
            writeFile(path.join(outDir, `${name}.gz`), gz),
          ]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), gestaltShakeable(), precompress(), bookmarkletScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev:web` proxies the API to a server started with `npm start`.
    proxy: { '/v5': 'http://localhost:8080', '/media': 'http://localhost:8080' },
  },
});
