import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { Account, ProfilePatchBody, PublicProfile, Username } from './schemas.ts';
import { type AccountsService, toAccount, toPublicProfile } from './service.ts';

export const accountRoutes =
  (accounts: AccountsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account',
      {
        schema: {
          operationId: 'user_account/get',
          summary: 'Get user account',
          tags: ['user_account'],
          security: scopes('user_accounts:read'),
          querystring: Type.Object({ ad_account_id: Type.Optional(Type.String({ pattern: '^\\d+$' })) }),
          response: { 200: Account, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        // Business Access (acting for an ad account's owner) arrives with the ads module.
        if (request.query.ad_account_id) throw new AppError('NOT_PERMITTED');
        return toAccount(await accounts.getById(requireUserId(request)));
      },
    );

    app.patch(
      '/v5/user_account',
      {
        schema: {
          operationId: 'user_account/update',
          summary: 'Update profile (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:write'),
          body: ProfilePatchBody,
          response: { 200: PublicProfile, default: ERROR_RESPONSE },
        },
      },
      async (request) => toPublicProfile(await accounts.updateProfile(requireUserId(request), request.body)),
    );

    app.get(
      '/v5/users/:username',
      {
        schema: {
          operationId: 'users/get',
          summary: 'Get a public profile (extension)',
          tags: ['extensions'],
          params: Type.Object({ username: Username }),
          response: { 200: PublicProfile, default: ERROR_RESPONSE },
        },
      },
      async (request) => toPublicProfile(await accounts.getByUsername(request.params.username)),
    );
  };
