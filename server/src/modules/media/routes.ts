import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { imageNotFound } from './errors.ts';
import type { MediaService } from './service.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * GET /media/<ab>/<sha256>/<size>.jpg and /media/<ab>/<sha256>/original.<ext>: stored images.
 * Keys are content addresses, so every answer is cacheable forever and its ETag never changes.
 */
export const mediaRoutes =
  (media: MediaService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/media/*', { schema: { hide: true } }, async (request, reply) => {
      const key = (request.params as { '*': string })['*'];
      const found = await media.open(key);
      if (!found) throw imageNotFound();
      const { media: file, object } = found;
      const etag = `"${file.sha256}-${file.name}"`;
      reply
        .header('etag', etag)
        .header('cache-control', IMMUTABLE)
        .header('x-content-type-options', 'nosniff');
      if (etagMatches(request.headers['if-none-match'], etag)) {
        object.body.destroy();
        return reply.code(304).send();
      }
      return reply
        .type(file.contentType)
        .header('content-length', object.size)
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(object.body);
    });
  };
