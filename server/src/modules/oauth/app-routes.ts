import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, SESSION_ONLY } from '../../platform/route-security.ts';
import type { OauthService } from './service.ts';

const AppSchema = Type.Object(
  {
    client_id: Type.String({ pattern: '^\\d+$' }),
    name: Type.String(),
    redirect_uris: Type.Array(Type.String()),
    owner_user_id: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'OauthApp' },
);

/** The developer side of OAuth: register, list and delete apps (extensions, session only). */
export const appRoutes =
  (oauth: OauthService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account/apps',
      {
        schema: {
          operationId: 'apps/list',
          summary: 'List your OAuth apps (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          response: { 200: Type.Object({ items: Type.Array(AppSchema) }), default: ERROR_RESPONSE },
        },
      },
      async (request) => ({ items: await oauth.listApps(requireUserId(request)) }),
    );

    app.post(
      '/v5/user_account/apps',
      {
        schema: {
          operationId: 'apps/create',
          summary: 'Register an OAuth app; the secret is shown only in this response (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              redirect_uris: Type.Array(Type.String({ maxLength: 2048 }), { minItems: 1, maxItems: 20 }),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([AppSchema, Type.Object({ client_secret: Type.String() })]),
            default: ERROR_RESPONSE,
          },
        },
      },
      async (request, reply) => {
        const created = await oauth.createApp({
          name: request.body.name,
          redirectUris: request.body.redirect_uris,
          ownerUserId: requireUserId(request),
        });
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/v5/user_account/apps/:client_id',
      {
        schema: {
          operationId: 'apps/delete',
          summary: 'Delete an OAuth app and revoke its tokens (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          params: Type.Object({ client_id: Type.String({ maxLength: 20 }) }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await oauth.deleteApp(requireUserId(request), request.params.client_id);
        return reply.code(204).send(null);
      },
    );
  };
