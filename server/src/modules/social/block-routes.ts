import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery, pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { Report, ReportBody, UsernameParam, UserSummary } from './schemas.ts';
import type { SocialService } from './service.ts';

/** Blocks and reports: Corkboard extensions (Pinterest keeps these internal). */
export const blockRoutes =
  (social: SocialService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account/blocks',
      {
        schema: {
          operationId: 'blocks/list',
          summary: 'List the users you have blocked (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:read'),
          querystring: PageQuery,
          response: { 200: pageSchema(UserSummary), default: ERROR_RESPONSE },
        },
      },
      async (request) => social.blocked(requireUserId(request), request.query),
    );

    app.post(
      '/v5/user_account/blocks/:username',
      {
        schema: {
          operationId: 'blocks/create',
          summary: 'Block a user; ends follows and board ties between you both ways (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:write'),
          params: Type.Object({ username: UsernameParam }),
          response: { 200: UserSummary, default: ERROR_RESPONSE },
        },
      },
      async (request) => social.block(requireUserId(request), request.params.username),
    );

    app.delete(
      '/v5/user_account/blocks/:username',
      {
        schema: {
          operationId: 'blocks/delete',
          summary: 'Unblock a user (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:write'),
          params: Type.Object({ username: UsernameParam }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await social.unblock(requireUserId(request), request.params.username);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v5/reports',
      {
        schema: {
          operationId: 'reports/create',
          summary: 'Report a pin or a user to the moderators (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:write'),
          body: ReportBody,
          response: { 201: Report, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        requireUserId(request);
        return reply.code(201).send(await social.report(request.principal!, request.body));
      },
    );
  };
