// Who is calling. Set by the auth module's request hook; read by every module's routes.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const SCOPES = [
  'ads:read',
  'ads:write',
  'billing:read',
  'billing:write',
  'biz_access:read',
  'biz_access:write',
  'boards:read',
  'boards:read_secret',
  'boards:write',
  'boards:write_secret',
  'catalogs:read',
  'catalogs:write',
  'msot:write',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
  'user_accounts:write',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export interface Principal {
  /** Null only for a client-credentials token of an app that has no owning user. */
  userId: string | null;
  scopes: ReadonlySet<Scope>;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  appId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The calling user's id; 401 when anonymous, 403 when the credential has no user behind it. */
export function requireUserId(request: FastifyRequest): string {
  return userIdOf(request.principal);
}

/** The acting user's id; 401 when anonymous, 403 when the credential has no user behind it. */
export function userIdOf(principal: Principal | null): string {
  if (!principal) throw new AppError('AUTHENTICATION_FAILED');
  if (!principal.userId) throw new AppError('NOT_PERMITTED', 'This token does not act for a user.');
  return principal.userId;
}

export function hasScope(principal: Principal | null, scope: Scope): boolean {
  return principal?.scopes.has(scope) ?? false;
}
