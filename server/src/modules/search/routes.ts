import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import { BoardSchema } from '../boards/index.ts';
import { PinSchema } from '../pins/index.ts';
import { adAccountUnsupported } from './errors.ts';
import { PartnerPinsQuery, SummaryPinSchema, UserBoardsQuery, UserPinsQuery } from './schemas.ts';
import type { SearchService } from './service.ts';

function refuseAdAccount(query: { ad_account_id?: string }): void {
  if (query.ad_account_id) throw adAccountUnsupported();
}

/** Pinterest's search operations. */
export const searchRoutes =
  (search: SearchService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/search/pins',
      {
        schema: {
          operationId: 'search_user_pins/list',
          summary: "Search user's Pins",
          tags: ['search'],
          security: userScopes('boards:read', 'boards:read_secret', 'pins:read', 'pins:read_secret'),
          querystring: UserPinsQuery,
          response: { 200: pageSchema(PinSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        return search.userPins(request.principal!, request.query.query, request.query.bookmark);
      },
    );

    app.get(
      '/v5/search/boards',
      {
        schema: {
          operationId: 'search_user_boards/get',
          summary: "Search user's boards",
          tags: ['search'],
          security: scopes('boards:read', 'boards:read_secret'),
          querystring: UserBoardsQuery,
          response: { 200: pageSchema(BoardSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const q = request.query;
        refuseAdAccount(q);
        requireUserId(request);
        return search.userBoards(request.principal!, q.query, {
          bookmark: q.bookmark,
          pageSize: q.page_size ?? 25,
        });
      },
    );

    app.get(
      '/v5/search/partner/pins',
      {
        schema: {
          operationId: 'search_partner_pins',
          summary: 'Search pins by a given search term',
          tags: ['search'],
          security: userScopes('boards:read', 'pins:read'),
          querystring: PartnerPinsQuery,
          response: { 200: pageSchema(SummaryPinSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const q = request.query;
        return search.partnerPins(request.principal, q.term, { bookmark: q.bookmark, limit: q.limit ?? 10 });
      },
    );
  };
