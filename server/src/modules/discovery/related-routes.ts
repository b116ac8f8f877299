import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageSchema } from '../../platform/pagination.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { PinSchema } from '../pins/index.ts';
import type { RelatedPinsService } from './related-service.ts';

export const RELATED_PAGE_SIZE_MAX = 100;

const RelatedQuery = Type.Object({
  bookmark: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Cursor used to fetch the next page of items' }),
  ),
  page_size: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: RELATED_PAGE_SIZE_MAX,
      default: 25,
      description: 'Maximum number of pins in one page.',
    }),
  ),
  seed: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 2147483647,
      description:
        'Seed of the random walks. The same seed over the same graph gives the same pins in the same order; by default the seed is derived from the pin, so repeated requests agree. Pages after the first keep the seed of their bookmark.',
    }),
  ),
});

/** Related pins (extension). */
export const relatedRoutes =
  (related: RelatedPinsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/pins/:pin_id/related',
      {
        schema: {
          operationId: 'pins/related',
          summary:
            'Pins related to a pin: what people save it with, then similar words and topic (extension)',
          description:
            'Pins from public boards only, never from users you blocked or who blocked you, never the pin itself, and one pin per picture (near-identical images are collapsed). 404 when you may not see the pin, as for GET /v5/pins/{pin_id}.',
          tags: ['extensions'],
          security: scopes('boards:read', 'pins:read'),
          params: Type.Object({ pin_id: Type.String({ maxLength: 40 }) }),
          querystring: RelatedQuery,
          response: { 200: pageSchema(PinSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) =>
        related.related(request.principal, request.params.pin_id, {
          bookmark: request.query.bookmark,
          pageSize: request.query.page_size ?? 25,
          seed: request.query.seed,
        }),
    );
  };
