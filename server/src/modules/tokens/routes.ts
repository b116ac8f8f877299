import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isScope, requireUserId, SCOPES, type Scope } from '../../platform/principal.ts';
import { ERROR_RESPONSE, SESSION_ONLY } from '../../platform/route-security.ts';
import type { TokensService } from './service.ts';

const ScopeName = Type.Unsafe<Scope>({ type: 'string', enum: [...SCOPES] });

export const PersonalTokenSchema = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    name: Type.String(),
    scopes: Type.Array(ScopeName),
    created_at: Type.String({ format: 'date-time' }),
    expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'PersonalToken' },
);

/** "all" or a list of scope names; unknown names are a 400, not silently dropped. */
export function parseScopeList(value: string | string[]): Scope[] | undefined {
  const names = (Array.isArray(value) ? value : value.split(/[,\s]+/)).map((s) => s.trim()).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return [...SCOPES];
  if (names.length === 0 || !names.every(isScope)) return undefined;
  return [...new Set(names)] as Scope[];
}

export const tokenRoutes =
  (tokens: TokensService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/user_account/tokens',
      {
        schema: {
          operationId: 'personal_tokens/list',
          summary: 'List personal access tokens (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          response: { 200: Type.Object({ items: Type.Array(PersonalTokenSchema) }), default: ERROR_RESPONSE },
        },
      },
      async (request) => ({ items: await tokens.listPersonal(requireUserId(request)) }),
    );

    app.post(
      '/v5/user_account/tokens',
      {
        schema: {
          operationId: 'personal_tokens/create',
          summary: 'Create a personal access token; the token is shown only in this response (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              scopes: Type.Union([Type.Literal('all'), Type.Array(ScopeName, { minItems: 1 })]),
              expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([PersonalTokenSchema, Type.Object({ token: Type.String() })]),
            default: ERROR_RESPONSE,
          },
        },
      },
      async (request, reply) => {
        const { name, expires_in_days } = request.body;
        const scopes = parseScopeList(request.body.scopes)!;
        const created = await tokens.createPersonal(requireUserId(request), {
          name,
          scopes,
          expiresInDays: expires_in_days,
        });
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/v5/user_account/tokens/:token_id',
      {
        schema: {
          operationId: 'personal_tokens/delete',
          summary: 'Revoke a personal access token (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          params: Type.Object({ token_id: Type.String({ pattern: '^\\d{1,19}$' }) }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await tokens.revokePersonal(requireUserId(request), request.params.token_id);
        return reply.code(204).send(null);
      },
    );
  };
