// Identifies the caller (bearer token or session cookie) and enforces what the route's OpenAPI
// `security` declares: 401 without credentials, 403/3 for a missing scope, 403/29 when only a
// browser session may call, and a CSRF check on cookie-authenticated writes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { type Principal, SCOPES, type Scope } from '../../platform/principal.ts';
import type { SecurityRequirement } from '../../platform/route-security.ts';
import { secretsEqual } from '../../platform/secret-tokens.ts';
import { CSRF_HEADER, SESSION_COOKIE, type SessionsService } from '../sessions/index.ts';
import type { TokensService } from '../tokens/index.ts';

const ALL_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const OAUTH_SCHEMES = new Set(['pinterest_oauth2', 'client_credentials']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

async function identify(
  request: FastifyRequest,
  sessions: SessionsService,
  tokens: TokensService,
): Promise<Principal | null> {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    const token = await tokens.resolve(bearer);
    if (!token) return null;
    return {
      userId: token.userId,
      scopes: new Set(token.scopes),
      via: 'token',
      tokenId: token.id,
      appId: token.appId ?? undefined,
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await sessions.resolve(cookie);
  if (!session) return null;
  request.session = session;
  return { userId: session.userId, scopes: ALL_SCOPES, via: 'session', sessionId: session.id };
}

function satisfies(principal: Principal, requirement: SecurityRequirement): boolean {
  return Object.entries(requirement).every(([scheme, needed]) => {
    if (scheme === 'session') return principal.via === 'session';
    if (!OAUTH_SCHEMES.has(scheme)) return false;
    return needed.every((scope) => principal.scopes.has(scope as Scope));
  });
}

function enforce(request: FastifyRequest, security: SecurityRequirement[]): void {
  const principal = request.principal;
  if (!principal) throw new AppError('AUTHENTICATION_FAILED');
  if (security.some((requirement) => satisfies(principal, requirement))) return;
  const tokensMayCall = security.some((r) => Object.keys(r).some((scheme) => OAUTH_SCHEMES.has(scheme)));
  if (!tokensMayCall)
    throw new AppError('NOT_PERMITTED', 'This operation is available only to a signed-in browser session.');
  throw new AppError('MISSING_SCOPE');
}

function checkCsrf(request: FastifyRequest): void {
  if (request.principal?.via !== 'session' || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = request.session?.csrfToken;
  if (typeof sent !== 'string' || !expected || !secretsEqual(sent, expected))
    throw new AppError('CSRF_FAILED');
}

export function installAuthentication(
  app: FastifyInstance,
  sessions: SessionsService,
  tokens: TokensService,
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    request.principal = await identify(request, sessions, tokens);
    const security = request.routeOptions.schema?.security as SecurityRequirement[] | undefined;
    // Routes secured by HTTP Basic client auth (the OAuth token endpoints) check it themselves,
    // and routes that declare no security are public; neither is gated here.
    if (!security || security.length === 0 || security.some((r) => 'basic' in r)) return;
    enforce(request, security);
    checkCsrf(request);
  });
}
