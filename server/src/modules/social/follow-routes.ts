import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { PageQuery, pageSchema } from '../../platform/pagination.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import { FollowingFeedType, FollowUserBody, UsernameParam, UserSummary } from './schemas.ts';
import type { SocialService } from './service.ts';

const AdAccountId = Type.Optional(Type.String({ maxLength: 18, pattern: '^\\d+$' }));

/** Business Access (acting for an ad account's owner) is not part of Corkboard. */
function refuseAdAccount(adAccountId: string | undefined): void {
  if (adAccountId) throw new AppError('NOT_PERMITTED');
}

/** Following and followers: Pinterest's user_account operations plus unfollow (an extension). */
export const followRoutes =
  (social: SocialService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account/followers',
      {
        schema: {
          operationId: 'followers/list',
          summary: 'List followers',
          tags: ['user_account'],
          security: scopes('user_accounts:read'),
          querystring: PageQuery,
          response: { 200: pageSchema(UserSummary), default: ERROR_RESPONSE },
        },
      },
      async (request) => social.followers(requireUserId(request), request.query),
    );

    app.get(
      '/v5/user_account/following',
      {
        schema: {
          operationId: 'user_following/get',
          summary: 'List following',
          tags: ['user_account'],
          security: scopes('user_accounts:read'),
          querystring: Type.Object({
            ...PageQuery.properties,
            feed_type: Type.Optional(FollowingFeedType),
            explicit_following: Type.Optional(Type.Boolean({ default: false })),
            ad_account_id: AdAccountId,
          }),
          response: { 200: pageSchema(UserSummary), default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query.ad_account_id);
        return social.following(requireUserId(request), request.query);
      },
    );

    app.get(
      '/v5/users/:username/followers',
      {
        schema: {
          operationId: 'users/list_followers',
          summary: "List a user's followers (extension)",
          tags: ['extensions'],
          security: scopes('user_accounts:read'),
          params: Type.Object({ username: UsernameParam }),
          querystring: PageQuery,
          response: { 200: pageSchema(UserSummary), default: ERROR_RESPONSE },
        },
      },
      async (request) => social.followersOf(requireUserId(request), request.params.username, request.query),
    );

    app.get(
      '/v5/users/:username/following',
      {
        schema: {
          operationId: 'users/list_following',
          summary: 'List whom a user follows (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:read'),
          params: Type.Object({ username: UsernameParam }),
          querystring: PageQuery,
          response: { 200: pageSchema(UserSummary), default: ERROR_RESPONSE },
        },
      },
      async (request) => social.followingOf(requireUserId(request), request.params.username, request.query),
    );

    app.post(
      '/v5/user_account/following/:username',
      {
        schema: {
          operationId: 'follow_user/update',
          summary: 'Follow user',
          tags: ['user_account'],
          security: userScopes('user_accounts:write'),
          params: Type.Object({ username: UsernameParam }),
          body: FollowUserBody,
          response: { 200: UserSummary, default: ERROR_RESPONSE },
        },
      },
      async (request) => social.follow(requireUserId(request), request.params.username),
    );

    app.delete(
      '/v5/user_account/following/:username',
      {
        schema: {
          operationId: 'follow_user/delete',
          summary: 'Unfollow user (extension)',
          tags: ['extensions'],
          security: scopes('user_accounts:write'),
          params: Type.Object({ username: UsernameParam }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await social.unfollow(requireUserId(request), request.params.username);
        return reply.code(204).send(null);
      },
    );
  };
