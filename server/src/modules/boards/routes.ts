import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { boardRoutes } from './board-routes.ts';
import { relationRoutes } from './relation-routes.ts';
import { sectionRoutes } from './section-routes.ts';
import type { BoardsService } from './service.ts';

/** Every route of the boards module (a board's pins are served by the pins module). */
export const boardsRoutes =
  (boards: BoardsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(boardRoutes(boards));
    await app.register(sectionRoutes(boards));
    await app.register(relationRoutes(boards.relations));
  };
