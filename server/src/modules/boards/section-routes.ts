import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery, pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import { AdAccountQuery, BoardParams, refuseAdAccount } from './board-routes.ts';
import { AdAccountId, BoardSectionSchema, IdString, SectionBody } from './schemas.ts';
import type { BoardsService } from './service.ts';

const SectionParams = Type.Object({ board_id: IdString, section_id: IdString });

/** Pinterest's board_sections operations (a section's pins are the pins module's). */
export const sectionRoutes =
  (boards: BoardsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/boards/:board_id/sections',
      {
        schema: {
          operationId: 'board_sections/list',
          summary: 'List board sections',
          tags: ['board_sections'],
          security: scopes('boards:read'),
          params: BoardParams,
          querystring: Type.Object({ ...PageQuery.properties, ad_account_id: AdAccountId }),
          response: { 200: pageSchema(BoardSectionSchema), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        return boards.listSections(request.principal!, request.params.board_id, request.query);
      },
    );

    app.post(
      '/v5/boards/:board_id/sections',
      {
        schema: {
          operationId: 'board_sections/create',
          summary: 'Create board section',
          tags: ['board_sections'],
          security: userScopes('boards:read', 'boards:write'),
          params: BoardParams,
          querystring: AdAccountQuery,
          body: SectionBody,
          response: { 201: BoardSectionSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        const section = await boards.createSection(
          request.principal!,
          request.params.board_id,
          request.body.name,
        );
        return reply.code(201).send(section);
      },
    );

    app.patch(
      '/v5/boards/:board_id/sections/:section_id',
      {
        schema: {
          operationId: 'board_sections/update',
          summary: 'Update board section',
          tags: ['board_sections'],
          security: userScopes('boards:read', 'boards:write'),
          params: SectionParams,
          querystring: AdAccountQuery,
          body: SectionBody,
          response: { 200: BoardSectionSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        const { board_id, section_id } = request.params;
        return boards.updateSection(request.principal!, board_id, section_id, request.body.name);
      },
    );

    app.delete(
      '/v5/boards/:board_id/sections/:section_id',
      {
        schema: {
          operationId: 'board_sections/delete',
          summary: 'Delete board section (and the pins in it)',
          tags: ['board_sections'],
          security: userScopes('boards:read', 'boards:write'),
          params: SectionParams,
          querystring: AdAccountQuery,
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        requireUserId(request);
        await boards.deleteSection(request.principal!, request.params.board_id, request.params.section_id);
        return reply.code(204).send(null);
      },
    );
  };
