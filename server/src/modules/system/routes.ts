import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { pendingMigrations } from '../../db/migrate.ts';
import type { ServiceContext } from '../../platform/context.ts';

const Status = Type.Object({ status: Type.String(), detail: Type.Optional(Type.String()) });

/** Liveness (the process answers) and readiness (the database answers and is migrated). */
export const systemRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['system'], summary: 'Liveness', response: { 200: Status } } },
      async () => ({ status: 'ok' }),
    );

    app.get(
      '/readyz',
      { schema: { tags: ['system'], summary: 'Readiness', response: { 200: Status, 503: Status } } },
      async (request, reply) => {
        try {
          await sql`select 1`.execute(ctx.db);
          const pending = await pendingMigrations(ctx.db);
          if (pending.length > 0) {
            return reply
              .code(503)
              .send({ status: 'migrating', detail: `${pending.length} migrations pending` });
          }
          return { status: 'ready' };
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed');
          return reply.code(503).send({ status: 'unavailable', detail: 'database unreachable' });
        }
      },
    );
  };
