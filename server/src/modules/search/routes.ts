import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import { BoardSchema } from '../boards/index.ts';
import { PinSchema } from '../pins/index.ts';
import { adAccountUnsupported } from './errors.ts';
import {
  PartnerPinsQuery,
  RefinementsQuery,
  RefinementsSchema,
  SummaryPinSchema,
  TYPEAHEAD_TYPES,
  TypeaheadQuery,
  TypeaheadSchema,
  UserBoardsQuery,
  UserPinsQuery,
} from './schemas.ts';
import type { SearchService } from './service.ts';

function refuseAdAccount(query: { ad_account_id?: string }): void {
  if (query.ad_account_id) throw adAccountUnsupported();
}

/** Pinterest's search operations, and typeahead and refinements (extensions). */
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

    app.get(
      '/v5/search/typeahead',
      {
        schema: {
          operationId: 'search/typeahead',
          summary: 'Suggestions while typing: queries, pins, boards and people (extension)',
          description:
            "Typo-tolerant (trigram) and prefix matches for a search box, grouped by kind. `queries` are words of public pin titles and board names and public board names (from a vocabulary rebuilt every SEARCH_TERMS_REFRESH_MINUTES, each checked against what the caller may see now); `pins` are the best public pins for the input, or also for its correction when it looks like a typo (`corrected`); `boards` are public boards and the caller's own; `users` are people by username or display name. Nothing from secret boards of others, nothing of users blocked either way.",
          tags: ['extensions'],
          security: userScopes('boards:read', 'pins:read'),
          querystring: TypeaheadQuery,
          response: { 200: TypeaheadSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        const q = request.query;
        return search.typeahead(request.principal!, q.query, {
          types: q.types ?? TYPEAHEAD_TYPES,
          limit: q.limit ?? 5,
        });
      },
    );

    app.get(
      '/v5/search/refinements',
      {
        schema: {
          operationId: 'search/refinements',
          summary: 'Words that narrow a search, for guided search chips (extension)',
          description:
            "The words that occur most, relative to how common they are overall, in the titles and board names of the best public matches of `query` (the pins partner search ranks), leaving out the query's own words and stop words. Each comes with the narrowed query.",
          tags: ['extensions'],
          security: userScopes('boards:read', 'pins:read'),
          querystring: RefinementsQuery,
          response: { 200: RefinementsSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return search.refinements(request.principal!, request.query.query, request.query.limit ?? 8);
      },
    );
  };
