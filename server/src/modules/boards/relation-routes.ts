import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery, pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { BoardParams, refuseAdAccount } from './board-routes.ts';
import type { BoardRelationsService } from './relations-service.ts';
import { AdAccountId, BoardInvite, BoardSchema, Collaborator } from './schemas.ts';

const Username = Type.String({ minLength: 1, maxLength: 100 });

/** Board follows (Pinterest's list of followed boards, plus follow/unfollow extensions) and collaborators. */
export const relationRoutes =
  (relations: BoardRelationsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account/following/boards',
      {
        schema: {
          operationId: 'boards_user_follows/list',
          summary: 'List following boards',
          tags: ['user_account'],
          security: scopes('user_accounts:read'),
          querystring: Type.Object({
            ...PageQuery.properties,
            explicit_following: Type.Optional(Type.Boolean({ default: false })),
            ad_account_id: AdAccountId,
          }),
          response: { 200: pageSchema(BoardSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        return relations.followed(request.principal!, request.query);
      },
    );

    app.post(
      '/v5/boards/:board_id/follow',
      {
        schema: {
          operationId: 'boards/follow',
          summary: 'Follow a board (extension)',
          tags: ['extensions'],
          security: scopes('boards:read', 'user_accounts:write'),
          params: BoardParams,
          response: { 200: BoardSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return relations.follow(request.principal!, request.params.board_id);
      },
    );

    app.delete(
      '/v5/boards/:board_id/follow',
      {
        schema: {
          operationId: 'boards/unfollow',
          summary: 'Unfollow a board (extension)',
          tags: ['extensions'],
          security: scopes('boards:read', 'user_accounts:write'),
          params: BoardParams,
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        requireUserId(request);
        await relations.unfollow(request.principal!, request.params.board_id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v5/boards/:board_id/collaborators',
      {
        schema: {
          operationId: 'board_collaborators/list',
          summary: "List a board's collaborators; its owner also sees invitations (extension)",
          tags: ['extensions'],
          security: scopes('boards:read'),
          params: BoardParams,
          querystring: PageQuery,
          response: { 200: pageSchema(Collaborator), default: ERROR_RESPONSE },
        },
      },
      async (request) => relations.list(request.principal!, request.params.board_id, request.query),
    );

    app.post(
      '/v5/boards/:board_id/collaborators',
      {
        schema: {
          operationId: 'board_collaborators/invite',
          summary: 'Invite a user to collaborate on your board (extension)',
          tags: ['extensions'],
          security: scopes('boards:read', 'boards:write'),
          params: BoardParams,
          body: Type.Object({ username: Username }, { additionalProperties: false }),
          response: { 201: Collaborator, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        requireUserId(request);
        const { board_id } = request.params;
        return reply
          .code(201)
          .send(await relations.invite(request.principal!, board_id, request.body.username));
      },
    );

    app.post(
      '/v5/boards/:board_id/collaborators/accept',
      {
        schema: {
          operationId: 'board_collaborators/accept',
          summary: 'Accept an invitation to collaborate on a board (extension)',
          tags: ['extensions'],
          security: scopes('boards:read', 'boards:write'),
          params: BoardParams,
          response: { 200: BoardSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return relations.accept(request.principal!, request.params.board_id);
      },
    );

    app.delete(
      '/v5/boards/:board_id/collaborators/:username',
      {
        schema: {
          operationId: 'board_collaborators/delete',
          summary: 'Remove a collaborator (owner), or leave or decline (the collaborator) (extension)',
          tags: ['extensions'],
          security: scopes('boards:read', 'boards:write'),
          params: Type.Object({ board_id: BoardParams.properties.board_id, username: Username }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        requireUserId(request);
        await relations.remove(request.principal!, request.params.board_id, request.params.username);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v5/user_account/board_invites',
      {
        schema: {
          operationId: 'board_invites/list',
          summary: 'List invitations to collaborate on boards (extension)',
          tags: ['extensions'],
          security: scopes('boards:read'),
          querystring: PageQuery,
          response: { 200: pageSchema(BoardInvite), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return relations.invites(request.principal!, request.query);
      },
    );
  };
