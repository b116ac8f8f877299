import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { PageQuery, pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import {
  AdAccountId,
  BoardCreateBody,
  BoardListQuery,
  BoardSchema,
  BoardUpdateBody,
  IdString,
} from './schemas.ts';
import type { BoardsService } from './service.ts';

export const BoardParams = Type.Object({ board_id: IdString });
export const AdAccountQuery = Type.Object({ ad_account_id: AdAccountId });

/** Business Access (acting for an ad account's owner) is not part of Corkboard. */
export function refuseAdAccount(query: { ad_account_id?: string }): void {
  if (query.ad_account_id) throw new AppError('NOT_PERMITTED');
}

/** Pinterest's boards operations, plus a user's boards (an extension). */
export const boardRoutes =
  (boards: BoardsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/boards',
      {
        schema: {
          operationId: 'boards/list',
          summary: 'List boards',
          tags: ['boards'],
          security: scopes('boards:read'),
          querystring: BoardListQuery,
          response: { 200: pageSchema(BoardSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        return boards.list(request.principal!, request.query);
      },
    );

    app.post(
      '/v5/boards',
      {
        schema: {
          operationId: 'boards/create',
          summary: 'Create board',
          tags: ['boards'],
          security: scopes('boards:read', 'boards:write'),
          querystring: AdAccountQuery,
          body: BoardCreateBody,
          response: { 201: BoardSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        return reply.code(201).send(await boards.create(request.principal!, request.body));
      },
    );

    app.get(
      '/v5/boards/:board_id',
      {
        schema: {
          operationId: 'boards/get',
          summary: 'Get board',
          tags: ['boards'],
          security: scopes('boards:read'),
          params: BoardParams,
          querystring: AdAccountQuery,
          response: { 200: BoardSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        return boards.get(request.principal!, request.params.board_id);
      },
    );

    app.patch(
      '/v5/boards/:board_id',
      {
        schema: {
          operationId: 'boards/update',
          summary: 'Update board',
          tags: ['boards'],
          security: scopes('boards:read', 'boards:write'),
          params: BoardParams,
          querystring: AdAccountQuery,
          body: BoardUpdateBody,
          response: { 200: BoardSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        return boards.update(request.principal!, request.params.board_id, request.body);
      },
    );

    app.delete(
      '/v5/boards/:board_id',
      {
        schema: {
          operationId: 'boards/delete',
          summary: 'Delete board',
          tags: ['boards'],
          security: userScopes('boards:read', 'boards:write'),
          params: BoardParams,
          querystring: AdAccountQuery,
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        await boards.remove(request.principal!, request.params.board_id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v5/users/:username/boards',
      {
        schema: {
          operationId: 'users/list_boards',
          summary: "List a user's boards you may see (extension)",
          tags: ['extensions'],
          security: scopes('boards:read'),
          params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }) }),
          querystring: PageQuery,
          response: { 200: pageSchema(BoardSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => boards.listOfUser(request.principal!, request.params.username, request.query),
    );
  };
