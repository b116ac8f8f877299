import { isId } from '../../db/ids.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalidateCredentials } from '../../platform/credential-cache.ts';
import { invalid } from '../../platform/errors.ts';
import { isScope, type Scope } from '../../platform/principal.ts';
import { hashSecret, newSecret, secretsEqual } from '../../platform/secret-tokens.ts';
import type { TokenGrant, TokensService } from '../tokens/index.ts';
import {
  AuthorizeRequestError,
  appNotFound,
  clientAuthFailed,
  invalidGrant,
  invalidScope,
  ownerlessApp,
} from './errors.ts';
import * as repo from './repo.ts';

const CODE_TTL_MS = 10 * 60 * 1000;

export interface AppView {
  client_id: string;
  name: string;
  redirect_uris: string[];
  owner_user_id: string | null;
  created_at: string;
}

export interface AuthorizeRequest {
  app: repo.AppRow;
  redirectUri: string;
  scopes: Scope[];
  state: string | undefined;
}

const toView = (app: repo.AppRow): AppView => ({
  client_id: app.id,
  name: app.name,
  redirect_uris: app.redirect_uris,
  owner_user_id: app.owner_user_id,
  created_at: new Date(app.created_at).toISOString(),
});

/** Pinterest separates scopes with commas; spaces (RFC 6749) are accepted too. */
export function parseScopes(raw: string | undefined): Scope[] | undefined {
  const names = (raw ?? '').split(/[,\s]+/).filter(Boolean);
  if (names.length === 0 || !names.every(isScope)) return undefined;
  return [...new Set(names)] as Scope[];
}

export function validRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '';
  } catch {
    return false;
  }
}

export class OauthService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tokens: TokensService,
  ) {}

  async createApp(input: {
    name: string;
    redirectUris: string[];
    ownerUserId: string | null;
  }): Promise<AppView & { client_secret: string }> {
    const bad = input.redirectUris.find((uri) => !validRedirectUri(uri));
    if (bad !== undefined || input.redirectUris.length === 0) {
      throw invalid(
        `Invalid redirect URI: ${bad ?? '(none given)'}. Use an absolute http(s) URL without a fragment.`,
      );
    }
    const secret = newSecret();
    const app = await repo.insertApp(this.ctx.db, {
      owner_user_id: input.ownerUserId,
      name: input.name,
      secret_hash: hashSecret(secret),
      redirect_uris: input.redirectUris,
    });
    return { ...toView(app), client_secret: secret };
  }

  async listApps(ownerUserId: string): Promise<AppView[]> {
    return (await repo.listAppsOf(this.ctx.db, ownerUserId)).map(toView);
  }

  /** Deleting an app ends every grant it holds. */
  async deleteApp(ownerUserId: string, appId: string): Promise<void> {
    const app = isId(appId) ? await repo.findApp(this.ctx.db, appId) : undefined;
    if (!app || app.owner_user_id !== ownerUserId) throw appNotFound();
    const keys = await this.ctx.db.transaction().execute(async (trx) => {
      const keys = await this.tokens.cacheKeysOfApp(trx, appId);
      await repo.deleteApp(trx, appId);
      return keys;
    });
    await invalidateCredentials(this.ctx.cache, keys);
  }

  /** HTTP Basic client authentication, as the token and revoke endpoints require. */
  async authenticateClient(authorization: string | undefined): Promise<repo.AppRow> {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!match) throw clientAuthFailed();
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw clientAuthFailed();
    let clientId: string;
    let secret: string;
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    } catch {
      throw clientAuthFailed(); // malformed percent-encoding is a failed client authentication too
    }
    const app = isId(clientId) ? await repo.findApp(this.ctx.db, clientId) : undefined;
    if (!app || !secretsEqual(hashSecret(secret), app.secret_hash)) throw clientAuthFailed();
    return app;
  }

  /**
   * Checks the client and redirect URI before anything is sent to the redirect URI: a request that
   * fails here must be shown to the user, never redirected (that would be an open redirector).
   */
  async checkAuthorizeRequest(query: Record<string, string | undefined>): Promise<AuthorizeRequest> {
    const clientId = query.client_id ?? '';
    const app = isId(clientId) ? await repo.findApp(this.ctx.db, clientId) : undefined;
    if (!app) throw new AuthorizeRequestError('Unknown client_id.');
    const redirectUri = query.redirect_uri ?? '';
    if (!app.redirect_uris.includes(redirectUri)) {
      throw new AuthorizeRequestError('The redirect_uri is not registered for this app.');
    }
    if (query.response_type !== 'code') throw new AuthorizeRequestError('response_type must be "code".');
    const scopes = parseScopes(query.scope);
    if (!scopes) throw new AuthorizeRequestError('The scope list is missing or names an unknown scope.');
    return { app, redirectUri, scopes, state: query.state };
  }

  /** The URL to send the browser back to, carrying a single-use code or the refusal. */
  async decide(request: AuthorizeRequest, userId: string, approved: boolean): Promise<string> {
    const target = new URL(request.redirectUri);
    if (approved) {
      const code = newSecret();
      await repo.insertCode(this.ctx.db, {
        code_hash: hashSecret(code),
        app_id: request.app.id,
        user_id: userId,
        redirect_uri: request.redirectUri,
        scopes: request.scopes,
        expires_at: new Date(Date.now() + CODE_TTL_MS),
      });
      target.searchParams.set('code', code);
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    return target.toString();
  }

  async exchange(app: repo.AppRow, body: Record<string, string | undefined>): Promise<TokenGrant> {
    switch (body.grant_type) {
      case 'authorization_code':
        return this.exchangeCode(app, body.code, body.redirect_uri);
      case 'refresh_token': {
        if (!body.refresh_token) throw invalidGrant('refresh_token is required.');
        const scopes = body.scope === undefined ? undefined : parseScopes(body.scope);
        if (body.scope !== undefined && !scopes) throw invalidScope();
        return this.tokens.refresh(body.refresh_token, app.id, scopes);
      }
      case 'client_credentials': {
        const scopes = parseScopes(body.scope);
        if (!scopes) throw invalidScope();
        if (!app.owner_user_id) throw ownerlessApp();
        return this.tokens.issue(
          { userId: app.owner_user_id, appId: app.id, scopes, withRefresh: false },
          'client_credentials',
        );
      }
      default:
        throw invalidGrant('grant_type must be authorization_code, refresh_token or client_credentials.');
    }
  }

  private async exchangeCode(app: repo.AppRow, code?: string, redirectUri?: string): Promise<TokenGrant> {
    if (!code || !redirectUri) throw invalidGrant('code and redirect_uri are required.');
    const codeHash = hashSecret(code);
    let replayedGrant: string | null = null;
    const grant = await this.ctx.db.transaction().execute(async (trx) => {
      const row = await repo.lockCode(trx, codeHash);
      if (!row || row.app_id !== app.id) throw invalidGrant('unknown code.');
      if (row.consumed_at) {
        replayedGrant = row.family_id;
        return undefined;
      }
      if (new Date(row.expires_at).getTime() <= Date.now()) throw invalidGrant('the code has expired.');
      if (row.redirect_uri !== redirectUri)
        throw invalidGrant('redirect_uri does not match the authorize request.');
      const familyId = await repo.newGrantId(trx);
      await repo.markCodeUsed(trx, codeHash, familyId);
      return this.tokens.issue(
        {
          userId: row.user_id,
          appId: app.id,
          scopes: row.scopes.filter(isScope),
          withRefresh: true,
          familyId,
        },
        'authorization_code',
        trx,
      );
    });
    if (grant) return grant;
    // A replayed code means it leaked: end the grant its first exchange started.
    if (replayedGrant) await this.tokens.revokeGrant(replayedGrant);
    throw invalidGrant('the code was already used; the tokens it produced have been revoked.');
  }

  async revoke(app: repo.AppRow, token: string | undefined): Promise<void> {
    if (!token) throw invalidGrant('token is required.');
    await this.tokens.revokeForApp(token, app.id);
  }
}
