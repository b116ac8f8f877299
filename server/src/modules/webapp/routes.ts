// Serves the built web app (web/dist): hashed assets under /assets/ with immutable caching (and
// their .br/.gz twins written at build time), and, through the app's not-found handler, top-level
// files such as favicon.svg and index.html for every browser navigation no route claims
// (app-paths.ts). The fallback is not a catch-all route, so router errors (over-long path
// parameters, bad encodings) keep their own answers.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { NotFoundFallback } from '../../platform/error-handler.ts';
import { answerFor } from './app-paths.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const CONTENT_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.html': 'text/html; charset=utf-8',
  // The Save bookmarklet's script (web/src/bookmarklet), loaded by <script> on other sites.
  '.js': 'text/javascript; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corkboard</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>The web app is not built yet</h1>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it when needed), then reload.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p></body></html>`;

const isBuilt = (distDir: string) => fs.existsSync(path.join(distDir, 'index.html'));

function topLevelFiles(distDir: string): Set<string> {
  return new Set(
    fs
      .readdirSync(distDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /^[\w.-]+$/.test(entry.name))
      .map((entry) => entry.name),
  );
}

/** The hashed assets of the build in `distDir`, cached for a year. */
export const webAppAssets =
  (distDir: string): FastifyPluginAsync =>
  async (app) => {
    const assets = path.join(distDir, 'assets');
    if (!isBuilt(distDir) || !fs.existsSync(assets)) return;
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      decorateReply: false,
      preCompressed: true,
      immutable: true,
      maxAge: YEAR_MS,
      index: false,
      schemaHide: true,
    });
  };

async function sendFile(reply: FastifyReply, file: string, cacheControl: string): Promise<void> {
  const body = await fs.promises.readFile(file);
  await reply
    .type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** Answers browser navigations with the app (or a page saying how to build it) and top-level files. */
export function webAppFallback(distDir: string): NotFoundFallback {
  const built = isBuilt(distDir);
  const files = built ? topLevelFiles(distDir) : new Set<string>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const answer = answerFor(request.url, request.headers.accept, files);
    if (answer.kind === 'not-found') return false;
    if (!built) {
      await reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT_PAGE);
      return true;
    }
    if (answer.kind === 'file') {
      await sendFile(reply, path.join(distDir, answer.name), 'public, max-age=3600');
      return true;
    }
    // Always revalidated: a new build changes the hashed asset names it points at.
    reply.code(200).header('referrer-policy', 'strict-origin-when-cross-origin');
    await sendFile(reply, path.join(distDir, 'index.html'), 'no-cache');
    return true;
  };
}
