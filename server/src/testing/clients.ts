// Small helpers that act like the two kinds of API caller: the web app (cookie session + CSRF
// header) and an API client (bearer token).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface BrowserSession {
  userId: string;
  username: string;
  password: string;
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

function sessionFrom(response: LightMyRequestResponse, password: string): BrowserSession {
  if (response.statusCode >= 300) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json() as { user: { id: string; username: string }; csrf_token: string };
  const cookie = cookieHeader(response);
  return {
    userId: body.user.id,
    username: body.user.username,
    password,
    cookie,
    csrf: body.csrf_token,
    headers: { cookie, 'x-csrf-token': body.csrf_token },
  };
}

export async function signUp(
  app: FastifyInstance,
  username = uniqueName(),
  password = 'correct horse battery',
): Promise<BrowserSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/v5/auth/signup',
    payload: { username, email: `${username}@example.test`, password },
  });
  return sessionFrom(response, password);
}

export async function logIn(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<BrowserSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/v5/auth/login',
    payload: { username, password },
  });
  return sessionFrom(response, password);
}

export async function personalToken(
  app: FastifyInstance,
  session: BrowserSession,
  scopes: string[] | 'all' = 'all',
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v5/user_account/tokens',
    headers: session.headers,
    payload: { name: 'test', scopes },
  });
  if (response.statusCode !== 201) throw new Error(`token creation failed: ${response.body}`);
  return (response.json() as { token: string }).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
