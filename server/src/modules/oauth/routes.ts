import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { ERROR_RESPONSE } from '../../platform/route-security.ts';
import { newSecret, secretsEqual } from '../../platform/secret-tokens.ts';
import type { AccountsService } from '../accounts/index.ts';
import { clientInfo, type SessionsService, setSessionCookies } from '../sessions/index.ts';
import { AuthorizeRequestError } from './errors.ts';
import { consentPage, errorPage, loginPage } from './pages.ts';
import type { OauthService } from './service.ts';

const LOGIN_CSRF_COOKIE = 'cb_login_csrf';
const FormFields = Type.Record(Type.String(), Type.String());

const TokenResponse = Type.Object(
  {
    access_token: Type.String(),
    token_type: Type.String(),
    expires_in: Type.Integer(),
    scope: Type.String(),
    response_type: Type.String(),
    refresh_token: Type.Optional(Type.String()),
    refresh_token_expires_in: Type.Optional(Type.Integer()),
    refresh_token_expires_at: Type.Optional(Type.Integer()),
  },
  { $id: 'OauthAccessTokenResponse' },
);

export const oauthRoutes =
  (
    oauth: OauthService,
    sessions: SessionsService,
    accounts: AccountsService,
    config: Config,
  ): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Form bodies are accepted only in this plugin: the OAuth endpoints are form-encoded by spec,
    // and keeping the rest of the API JSON-only stops cross-site form posts reaching it.
    await app.register(formbody, { bodyLimit: 16 * 1024 });

    const html = (reply: import('fastify').FastifyReply, status: number, page: string) =>
      reply
        .code(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(page);

    app.get('/oauth/', { schema: { hide: true, querystring: FormFields } }, async (request, reply) => {
      let authorize: Awaited<ReturnType<OauthService['checkAuthorizeRequest']>>;
      try {
        authorize = await oauth.checkAuthorizeRequest(request.query);
      } catch (error) {
        if (error instanceof AuthorizeRequestError) return html(reply, 400, errorPage(error.message));
        throw error;
      }
      if (!request.session) {
        const loginCsrf = newSecret();
        reply.setCookie(LOGIN_CSRF_COOKIE, loginCsrf, {
          path: '/oauth',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.cookieSecure,
        });
        return html(reply, 200, loginPage(request.url, loginCsrf));
      }
      const user = await accounts.getById(request.session.userId);
      const fields: Record<string, string> = {
        client_id: authorize.app.id,
        redirect_uri: authorize.redirectUri,
        response_type: 'code',
        scope: authorize.scopes.join(','),
        csrf_token: request.session.csrfToken,
      };
      if (authorize.state !== undefined) fields.state = authorize.state;
      return html(
        reply,
        200,
        consentPage({
          appName: authorize.app.name,
          username: user.username,
          scopes: authorize.scopes,
          fields,
        }),
      );
    });

    app.post('/oauth/login', { schema: { hide: true, body: FormFields } }, async (request, reply) => {
      const { username = '', password = '', next = '', login_csrf = '' } = request.body;
      const expected = request.cookies[LOGIN_CSRF_COOKIE];
      const safeNext = next.startsWith('/oauth/?') || next.startsWith('/oauth?') ? next : '/oauth/';
      if (!expected || !secretsEqual(expected, login_csrf)) {
        return html(reply, 403, errorPage('Your sign-in form expired. Go back to the app and try again.'));
      }
      try {
        const { session } = await sessions.login(username, password, clientInfo(request));
        setSessionCookies(reply, session, config.cookieSecure);
        return reply.code(303).header('location', safeNext).send();
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.status === 429) reply.headers(error.headers);
        return html(reply, error.status, loginPage(safeNext, expected, error.message));
      }
    });

    app.post('/oauth/authorize', { schema: { hide: true, body: FormFields } }, async (request, reply) => {
      const session = request.session;
      const sent = request.body.csrf_token ?? '';
      if (!session || !secretsEqual(sent, session.csrfToken)) {
        return html(reply, 403, errorPage('Your session expired. Go back to the app and try again.'));
      }
      try {
        const authorize = await oauth.checkAuthorizeRequest(request.body);
        const location = await oauth.decide(authorize, session.userId, request.body.decision === 'allow');
        return reply.code(303).header('location', location).send();
      } catch (error) {
        if (error instanceof AuthorizeRequestError) return html(reply, 400, errorPage(error.message));
        throw error;
      }
    });

    app.post(
      '/v5/oauth/token',
      {
        schema: {
          operationId: 'oauth/token',
          summary: 'Generate OAuth access token',
          tags: ['oauth'],
          security: [{ basic: [] }],
          consumes: ['application/x-www-form-urlencoded'],
          body: Type.Object({
            grant_type: Type.Union([
              Type.Literal('authorization_code'),
              Type.Literal('refresh_token'),
              Type.Literal('client_credentials'),
            ]),
            code: Type.Optional(Type.String({ maxLength: 512 })),
            redirect_uri: Type.Optional(Type.String({ maxLength: 2048 })),
            refresh_token: Type.Optional(Type.String({ maxLength: 512 })),
            scope: Type.Optional(Type.String({ maxLength: 1024 })),
            continuous_refresh: Type.Optional(Type.String()),
          }),
          response: { 200: TokenResponse, default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const client = await oauth.authenticateClient(request.headers.authorization);
        reply.header('cache-control', 'no-store');
        return oauth.exchange(client, request.body);
      },
    );

    app.post(
      '/v5/oauth/token/revoke',
      {
        schema: {
          operationId: 'token/revoke',
          summary: 'Revoke a token',
          tags: ['oauth'],
          security: [{ basic: [] }],
          consumes: ['application/x-www-form-urlencoded'],
          body: Type.Object({
            token: Type.String({ minLength: 1, maxLength: 512 }),
            token_type_hint: Type.Optional(
              Type.Union([Type.Literal('access_token'), Type.Literal('refresh_token')]),
            ),
          }),
          // 200 with no content, as the spec says.
          response: { default: ERROR_RESPONSE },
        },
      },
      async (request, reply) => {
        const client = await oauth.authenticateClient(request.headers.authorization);
        await oauth.revoke(client, request.body.token);
        return reply.code(200).send();
      },
    );
  };
