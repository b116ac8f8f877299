import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, userScopes } from '../../platform/route-security.ts';
import { HomeFeedPage, HomeFeedQuery, InterestsBody, InterestsResult, TopicList } from './schemas.ts';
import type { FeedsService } from './service.ts';

/** The home feed and onboarding topics (extensions). */
export const feedRoutes =
  (feeds: FeedsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/feeds/home',
      {
        schema: {
          operationId: 'feeds/home',
          summary:
            'Home feed: followed pins, recommendations from your recent activity, trending and fresh pins (extension)',
          description:
            'One feed blended from four sources: pins of the users and boards you follow (and yours), pins reached by random walks from the pins you saved, opened or clicked lately, pins saved most this week, and the newest pins. Never more than two pins in a row from one board or one pinner; never the same pin (or a copy of it) twice in a session, a session being the chain of bookmarks from a first page; the same bookmark gives the same page while its session lives. Recommended pins come from public boards only and never from users you blocked or who blocked you. Items are Pins as GET /v5/pins/{pin_id} returns them; with debug=true each also carries `reason`.',
          tags: ['extensions'],
          security: userScopes('boards:read', 'pins:read'),
          querystring: HomeFeedQuery,
          response: { 200: HomeFeedPage, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return feeds.home(request.principal!, {
          bookmark: request.query.bookmark,
          pageSize: request.query.page_size ?? 25,
          debug: request.query.debug ?? false,
        });
      },
    );

    app.get(
      '/v5/topics',
      {
        schema: {
          operationId: 'topics/list',
          summary: 'Topics to pick when onboarding; a board matches a topic by its name (extension)',
          description:
            'A board matches a topic when its name contains, as whole words and ignoring case, the topic label or one of the board names the topic lists.',
          tags: ['extensions'],
          response: { 200: TopicList, default: ERROR_RESPONSE },
        },
      },
      async (request) => ({ items: await feeds.topics(request.principal) }),
    );

    app.post(
      '/v5/user_account/interests',
      {
        schema: {
          operationId: 'user_account/interests',
          summary: 'Pick topics: follows popular boards and people for each (extension)',
          tags: ['extensions'],
          security: userScopes('boards:write', 'user_accounts:write'),
          body: InterestsBody,
          response: { 200: InterestsResult, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        requireUserId(request);
        return feeds.chooseInterests(request.principal!, request.body.topics);
      },
    );
  };
