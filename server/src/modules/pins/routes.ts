import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { PageQuery } from '../../platform/pagination.ts';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import { base64BodyLimit } from '../media/index.ts';
import {
  PinCreateBody,
  PinIdParams,
  PinMetricsQuery,
  PinPage,
  PinSaveBody,
  PinSchema,
  PinUpdateBody,
} from './schemas.ts';
import type { PinsService } from './service.ts';

const Id = Type.String({ pattern: '^\\d+$', maxLength: 19 });
const CreativeTypes = Type.Optional(Type.Array(Type.String({ maxLength: 64 })));
const ALL_PIN_SCOPES = scopes('boards:read', 'boards:write', 'pins:read', 'pins:write');

/** Business Access (acting for an ad account) is not offered; say so rather than ignore it. */
function refuseAdAccount(query: { ad_account_id?: string }): void {
  if (query.ad_account_id) throw new AppError('NOT_PERMITTED', 'ad_account_id is not supported.');
}

export const pinRoutes =
  (pins: PinsService, config: Config): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v5/pins',
      {
        // Room for a five-image carousel of base64 images at the upload cap.
        bodyLimit: base64BodyLimit(config, 5),
        schema: {
          operationId: 'pins/create',
          summary: 'Create Pin',
          tags: ['pins'],
          security: ALL_PIN_SCOPES,
          querystring: Type.Object({ ad_account_id: Type.Optional(Id) }),
          body: PinCreateBody,
          response: { 201: PinSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        return reply.code(201).send(await pins.create(request.principal!, request.body));
      },
    );

    app.get(
      '/v5/pins',
      {
        schema: {
          operationId: 'pins/list',
          summary: 'List Pins',
          tags: ['pins'],
          security: scopes('boards:read', 'pins:read'),
          querystring: Type.Intersect([
            PageQuery,
            Type.Object({
              pin_filter: Type.Optional(
                Type.Union([
                  Type.Literal('exclude_native'),
                  Type.Literal('exclude_repins'),
                  Type.Literal('has_been_promoted'),
                ]),
              ),
              include_protected_pins: Type.Optional(Type.Boolean({ default: false })),
              pin_type: Type.Optional(Type.Literal('PRIVATE')),
              creative_types: CreativeTypes,
              pin_metrics: Type.Optional(Type.Boolean({ default: false })),
              ad_account_id: Type.Optional(Id),
            }),
          ]),
          response: { 200: PinPage, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const q = request.query;
        refuseAdAccount(q);
        return pins.listOwned(
          request.principal!,
          {
            pinFilter: q.pin_filter,
            includeProtected: q.include_protected_pins,
            privateOnly: q.pin_type === 'PRIVATE',
            creativeTypes: q.creative_types,
          },
          { bookmark: q.bookmark, pageSize: q.page_size ?? 25, withMetrics: q.pin_metrics ?? false },
        );
      },
    );

    app.get(
      '/v5/pins/:pin_id',
      {
        schema: {
          operationId: 'pins/get',
          summary: 'Get Pin',
          tags: ['pins'],
          security: scopes('boards:read', 'pins:read'),
          params: PinIdParams,
          querystring: PinMetricsQuery,
          response: { 200: PinSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        return pins.get(request.principal, request.params.pin_id, request.query.pin_metrics ?? false);
      },
    );

    app.patch(
      '/v5/pins/:pin_id',
      {
        schema: {
          operationId: 'pins/update',
          summary: 'Update Pin',
          tags: ['pins'],
          security: ALL_PIN_SCOPES,
          params: PinIdParams,
          querystring: Type.Object({ ad_account_id: Type.Optional(Id) }),
          body: PinUpdateBody,
          response: { 200: PinSchema, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        refuseAdAccount(request.query);
        return pins.update(request.principal!, request.params.pin_id, request.body);
      },
    );

    app.delete(
      '/v5/pins/:pin_id',
      {
        schema: {
          operationId: 'pins/delete',
          summary: 'Delete Pin',
          tags: ['pins'],
          security: ALL_PIN_SCOPES,
          params: PinIdParams,
          querystring: Type.Object({ ad_account_id: Type.Optional(Id) }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        await pins.delete(request.principal!, request.params.pin_id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v5/pins/:pin_id/save',
      {
        schema: {
          operationId: 'pins/save',
          summary: 'Save Pin',
          tags: ['pins'],
          security: userScopes('boards:read', 'boards:write', 'pins:read', 'pins:write'),
          params: PinIdParams,
          querystring: Type.Object({ ad_account_id: Type.Optional(Id) }),
          body: PinSaveBody,
          response: { 201: PinSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        refuseAdAccount(request.query);
        const { board_id, board_section_id } = request.body;
        return reply
          .code(201)
          .send(await pins.save(request.principal!, request.params.pin_id, board_id, board_section_id));
      },
    );

    const boardPinsQuery = Type.Intersect([
      PageQuery,
      Type.Object({
        creative_types: CreativeTypes,
        pin_metrics: Type.Optional(Type.Boolean({ default: false })),
        ad_account_id: Type.Optional(Id),
      }),
    ]);

    app.get(
      '/v5/boards/:board_id/pins',
      {
        schema: {
          operationId: 'boards/list_pins',
          summary: 'List Pins on board',
          tags: ['boards'],
          security: scopes('boards:read', 'pins:read'),
          params: Type.Object({ board_id: Type.String({ maxLength: 40 }) }),
          querystring: boardPinsQuery,
          response: { 200: PinPage, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const q = request.query;
        refuseAdAccount(q);
        return pins.listBoardPins(request.principal, request.params.board_id, undefined, {
          bookmark: q.bookmark,
          pageSize: q.page_size ?? 25,
          withMetrics: q.pin_metrics ?? false,
        });
      },
    );

    app.get(
      '/v5/boards/:board_id/sections/:section_id/pins',
      {
        schema: {
          operationId: 'board_sections/list_pins',
          summary: 'List Pins on board section',
          tags: ['board_sections'],
          security: scopes('boards:read', 'pins:read'),
          params: Type.Object({
            board_id: Type.String({ maxLength: 40 }),
            section_id: Type.String({ maxLength: 40 }),
          }),
          querystring: boardPinsQuery,
          response: { 200: PinPage, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const q = request.query;
        refuseAdAccount(q);
        return pins.listBoardPins(request.principal, request.params.board_id, request.params.section_id, {
          bookmark: q.bookmark,
          pageSize: q.page_size ?? 25,
          withMetrics: q.pin_metrics ?? false,
        });
      },
    );
  };
