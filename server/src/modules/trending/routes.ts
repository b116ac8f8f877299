import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, userScopes } from '../../platform/route-security.ts';
import { TrendingQuery, TrendingSchema } from './schemas.ts';
import type { TrendingService } from './service.ts';

/** GET /v5/trending (extension). */
export const trendingRoutes =
  (trending: TrendingService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/trending',
      {
        schema: {
          operationId: 'trending/get',
          summary: 'Topics and pins whose saves are rising (extension)',
          description:
            'Saves in the last 24 hours or 7 days against the same length of time before, scored recent · ln((recent + 1) / (previous + 1)) so that both volume and growth count and steady favourites do not. Topics are board names that at least two pinners save into on public boards; pins are originals on public boards, never from users blocked either way. Counts are recomputed every TRENDING_CACHE_SECONDS.',
          tags: ['extensions'],
          security: userScopes('boards:read', 'pins:read'),
          querystring: TrendingQuery,
          response: { 200: TrendingSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return trending.trending(request.principal, {
          window: request.query.window ?? '7d',
          limit: request.query.limit ?? 10,
        });
      },
    );
  };
