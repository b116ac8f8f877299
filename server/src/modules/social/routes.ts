import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { blockRoutes } from './block-routes.ts';
import { followRoutes } from './follow-routes.ts';
import type { SocialService } from './service.ts';

/** Every route of the social module: follows (Pinterest's and an unfollow extension), blocks, reports. */
export const socialRoutes =
  (social: SocialService): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(followRoutes(social));
    await app.register(blockRoutes(social));
  };
