import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.ts';
import { ERROR_RESPONSE, scopes } from '../../platform/route-security.ts';
import { type CommentsService, REACTION_KINDS } from './service.ts';

const PinParams = Type.Object({ pin_id: Type.String({ maxLength: 40 }) });
const CommentSchema = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    pin_id: Type.String({ pattern: '^\\d+$' }),
    text: Type.String(),
    created_at: Type.String({ format: 'date-time' }),
    author: Type.Object({ id: Type.String(), username: Type.String() }),
  },
  { $id: 'Comment' },
);
const Reactions = Type.Object(
  {
    pin_id: Type.String(),
    total: Type.Integer(),
    counts: Type.Record(Type.String(), Type.Integer()),
    mine: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'PinReactions' },
);
const ReactionKind = Type.Unsafe<(typeof REACTION_KINDS)[number]>({
  type: 'string',
  enum: [...REACTION_KINDS],
});

/** Comments and reactions on pins (extensions). */
export const commentRoutes =
  (comments: CommentsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/pins/:pin_id/comments',
      {
        schema: {
          operationId: 'pin_comments/list',
          summary: 'List comments on a pin, newest first (extension)',
          tags: ['extensions'],
          security: scopes('pins:read'),
          params: PinParams,
          querystring: PageQuery,
          response: {
            200: Type.Object({
              items: Type.Array(CommentSchema),
              bookmark: Type.Union([Type.String(), Type.Null()]),
            }),
            default: ERROR_RESPONSE,
          },
        },
      },
      async (request) =>
        comments.list(
          request.principal,
          request.params.pin_id,
          request.query.bookmark,
          request.query.page_size ?? 25,
        ),
    );

    app.post(
      '/v5/pins/:pin_id/comments',
      {
        schema: {
          operationId: 'pin_comments/create',
          summary: 'Comment on a pin (extension)',
          tags: ['extensions'],
          security: scopes('pins:write'),
          params: PinParams,
          body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) }),
          response: { 201: CommentSchema, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await comments.add(request.principal!, request.params.pin_id, request.body.text)),
    );

    app.delete(
      '/v5/pins/:pin_id/comments/:comment_id',
      {
        schema: {
          operationId: 'pin_comments/delete',
          summary: 'Delete a comment: its author or the pin’s owner (extension)',
          tags: ['extensions'],
          security: scopes('pins:write'),
          params: Type.Object({
            pin_id: Type.String({ maxLength: 40 }),
            comment_id: Type.String({ maxLength: 40 }),
          }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await comments.remove(request.principal!, request.params.pin_id, request.params.comment_id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v5/pins/:pin_id/reactions',
      {
        schema: {
          operationId: 'pin_reactions/get',
          summary: 'Reaction counts on a pin and your own (extension)',
          tags: ['extensions'],
          security: scopes('pins:read'),
          params: PinParams,
          response: { 200: Reactions, default: ERROR_RESPONSE },
        },
      },
      async (request) => comments.reactions(request.principal, request.params.pin_id),
    );

    app.put(
      '/v5/pins/:pin_id/reactions',
      {
        schema: {
          operationId: 'pin_reactions/set',
          summary: 'React to a pin; one reaction per person (extension)',
          tags: ['extensions'],
          security: scopes('pins:write'),
          params: PinParams,
          body: Type.Object({ kind: ReactionKind }),
          response: { 200: Reactions, default: ERROR_RESPONSE },
        },
      },
      async (request) => comments.react(request.principal!, request.params.pin_id, request.body.kind),
    );

    app.delete(
      '/v5/pins/:pin_id/reactions',
      {
        schema: {
          operationId: 'pin_reactions/delete',
          summary: 'Take back your reaction (extension)',
          tags: ['extensions'],
          security: scopes('pins:write'),
          params: PinParams,
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await comments.unreact(request.principal!, request.params.pin_id);
        return reply.code(204).send(null);
      },
    );
  };
