import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { requireUserId } from '../../platform/principal.ts';
import { ERROR_RESPONSE, SESSION_ONLY } from '../../platform/route-security.ts';
import { PublicProfile, SignUpBody, toPublicProfile } from '../accounts/index.ts';
import { clearSessionCookies, setSessionCookies } from './cookies.ts';
import type { ClientInfo, SessionsService } from './service.ts';

const SessionBody = Type.Object({ user: PublicProfile, csrf_token: Type.String() }, { $id: 'Session' });
const Password = Type.String({ minLength: 8, maxLength: 256 });

export const clientInfo = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

export const sessionRoutes =
  (
    sessions: SessionsService,
    accounts: import('../accounts/index.ts').AccountsService,
    config: Config,
  ): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v5/auth/signup',
      {
        schema: {
          operationId: 'auth/signup',
          summary: 'Create an account and sign in (extension)',
          tags: ['extensions'],
          body: SignUpBody,
          response: { 201: SessionBody, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const { user, session } = await sessions.signUp(request.body, clientInfo(request));
        setSessionCookies(reply, session, config.cookieSecure);
        return reply.code(201).send({ user: toPublicProfile(user), csrf_token: session.csrfToken });
      },
    );

    app.post(
      '/v5/auth/login',
      {
        schema: {
          operationId: 'auth/login',
          summary: 'Sign in with username or email and password (extension)',
          tags: ['extensions'],
          body: Type.Object({
            username: Type.String({
              minLength: 1,
              maxLength: 254,
              description: 'Username or email address.',
            }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          }),
          response: { 200: SessionBody, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const { user, session } = await sessions.login(
          request.body.username,
          request.body.password,
          clientInfo(request),
        );
        setSessionCookies(reply, session, config.cookieSecure);
        return { user: toPublicProfile(user), csrf_token: session.csrfToken };
      },
    );

    app.post(
      '/v5/auth/logout',
      {
        schema: {
          operationId: 'auth/logout',
          summary: 'Sign out of this session (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await sessions.logout(request.principal!.sessionId!);
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v5/auth/session',
      {
        schema: {
          operationId: 'auth/session',
          summary: 'The signed-in user and the CSRF token for writes (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          response: { 200: SessionBody, default: ERROR_RESPONSE },
        },
      },
      async (request) => {
        const session = request.session!;
        return {
          user: toPublicProfile(await accounts.getById(session.userId)),
          csrf_token: session.csrfToken,
        };
      },
    );

    app.post(
      '/v5/user_account/password',
      {
        schema: {
          operationId: 'user_account/change_password',
          summary: 'Change password; other sessions are signed out (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          body: Type.Object({ current_password: Type.String({ maxLength: 256 }), new_password: Password }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const userId = requireUserId(request);
        const { current_password, new_password } = request.body;
        await sessions.changePassword(
          userId,
          request.principal!.sessionId ?? null,
          current_password,
          new_password,
        );
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/v5/user_account',
      {
        schema: {
          operationId: 'user_account/delete',
          summary: 'Delete the account and everything it owns (extension)',
          tags: ['extensions'],
          security: SESSION_ONLY,
          body: Type.Object({ password: Type.String({ maxLength: 256 }) }),
          response: { 204: Type.Null(), default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        await sessions.deleteAccount(requireUserId(request), request.body.password);
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      },
    );
  };
