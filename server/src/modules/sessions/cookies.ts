// The web app's session: an HttpOnly, SameSite=Lax cookie, plus a readable CSRF cookie whose value
// the app echoes in X-CSRF-Token on writes (checked against the session, not against the cookie).
import type { FastifyReply } from 'fastify';
import type { NewSession } from './service.ts';

export const SESSION_COOKIE = 'cb_session';
export const CSRF_COOKIE = 'cb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean): void {
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.secret, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
