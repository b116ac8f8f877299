import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { MAX_BULK_MOVE, type PinOrganizer } from './organizer.ts';
import { PinPage } from './schemas.ts';
import type { PinsService } from './service.ts';

const Id = Type.String({ pattern: '^\\d+$', maxLength: 19 });

/** Corkboard's pin operations beyond the Pinterest API (tag `extensions`). */
export const pinExtensionRoutes =
  (pins: PinsService, organizer: PinOrganizer): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/users/:username/pins',
      {
        schema: {
          operationId: 'user_pins/list',
          summary: 'Pins a user created or saved that you may see, newest first (extension)',
          tags: ['extensions'],
          security: scopes('pins:read'),
          params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 30 }) }),
          querystring: Type.Object({
            ...PageQuery.properties,
            // As GET /v5/pins: exclude_native keeps saves only, exclude_repins keeps pins they created.
            pin_filter: Type.Optional(
              Type.Union([Type.Literal('exclude_native'), Type.Literal('exclude_repins')]),
            ),
          }),
          response: { 200: PinPage, default: ERROR_RESPONSE },
        },
      },
      async (request) =>
        pins.listUserPins(
          request.principal,
          request.params.username,
          { bookmark: request.query.bookmark, pageSize: request.query.page_size ?? 25, withMetrics: false },
          request.query.pin_filter,
        ),
    );

    app.post(
      '/v5/boards/:board_id/pins/reorder',
      {
        schema: {
          operationId: 'board_pins/reorder',
          summary: 'Place a pin right after another in its board or section, or first (extension)',
          tags: ['extensions'],
          security: scopes('boards:write', 'pins:write'),
          params: Type.Object({ board_id: Type.String({ maxLength: 40 }) }),
          body: Type.Object({ pin_id: Id, after_pin_id: Type.Union([Id, Type.Null()]) }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await organizer.reorder(
          request.principal!,
          request.params.board_id,
          request.body.pin_id,
          request.body.after_pin_id,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v5/pins/move',
      {
        schema: {
          operationId: 'pins/move',
          summary: 'Move many pins to a board or section at once (extension)',
          tags: ['extensions'],
          security: scopes('boards:write', 'pins:write'),
          body: Type.Object({
            pin_ids: Type.Array(Id, { minItems: 1, maxItems: MAX_BULK_MOVE }),
            board_id: Id,
            board_section_id: Type.Optional(Type.Union([Id, Type.Null()])),
          }),
          response: { 200: Type.Object({ moved: Type.Integer() }), default: ERROR_RESPONSE },
        },
      },
      async (request) => ({
        moved: await organizer.move(
          request.principal!,
          request.body.pin_ids,
          request.body.board_id,
          request.body.board_section_id ?? null,
        ),
      }),
    );
  };
