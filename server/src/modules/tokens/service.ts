import type { Kysely } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { cachedCredential, invalidateCredentials } from '../../platform/credential-cache.ts';
import { isScope, type Scope } from '../../platform/principal.ts';
import { hashSecret, newSecret } from '../../platform/secret-tokens.ts';
import { invalidGrant, notYourToken, tokenNotFound } from './errors.ts';
import * as repo from './repo.ts';

export interface ResolvedToken {
  id: string;
  kind: repo.TokenRow['kind'];
  userId: string | null;
  appId: string | null;
  scopes: Scope[];
  expiresAtMs: number | null;
}

/** The body of a successful POST /v5/oauth/token, in the spec's shape. */
export interface TokenGrant {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  response_type: 'authorization_code' | 'refresh_token' | 'client_credentials';
  refresh_token?: string;
  refresh_token_expires_in?: number;
  refresh_token_expires_at?: number;
}

export interface PersonalToken {
  id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  expires_at: string | null;
}

const cacheKey = (tokenHash: string) => `token:${tokenHash}`;
const toSeconds = (ms: number) => Math.floor(ms / 1000);

function toPersonal(row: repo.TokenRow): PersonalToken {
  return {
    id: row.id,
    name: row.name ?? '',
    scopes: row.scopes.filter(isScope),
    created_at: new Date(row.created_at).toISOString(),
    expires_at: row.expires_at ? new Date(row.expires_at).toISOString() : null,
  };
}

export class TokensService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The live token behind a bearer secret, or undefined. Cached; revocation is seen at once. */
  async resolve(secret: string): Promise<ResolvedToken | undefined> {
    const tokenHash = hashSecret(secret);
    const token = await cachedCredential(this.ctx.cache, cacheKey(tokenHash), async () => {
      const row = await repo.findUsableToken(this.ctx.db, tokenHash);
      if (!row || row.kind === 'refresh') return undefined;
      return {
        id: row.id,
        kind: row.kind,
        userId: row.user_id,
        appId: row.app_id,
        scopes: row.scopes.filter(isScope),
        expiresAtMs: row.expires_at ? new Date(row.expires_at).getTime() : null,
      } satisfies ResolvedToken;
    });
    if (token?.expiresAtMs != null && token.expiresAtMs <= Date.now()) return undefined;
    return token;
  }

  /** Mints an access token (and a refresh token when asked) for an OAuth app. */
  async issue(
    grant: { userId: string | null; appId: string; scopes: Scope[]; withRefresh: boolean; familyId?: string },
    responseType: TokenGrant['response_type'],
    db: Kysely<DB> = this.ctx.db,
  ): Promise<TokenGrant> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.ctx.config;
    const now = Date.now();
    const access = newSecret('pina_');
    const accessRow = await repo.insertToken(db, {
      token_hash: hashSecret(access),
      kind: 'access',
      user_id: grant.userId,
      app_id: grant.appId,
      family_id: grant.familyId,
      scopes: grant.scopes,
      expires_at: new Date(now + accessTokenTtlSeconds * 1000),
    });
    const body: TokenGrant = {
      access_token: access,
      token_type: 'bearer',
      expires_in: accessTokenTtlSeconds,
      scope: grant.scopes.join(','),
      response_type: responseType,
    };
    if (grant.withRefresh) {
      const refresh = newSecret('pinr_');
      const refreshExpiresAt = now + refreshTokenTtlSeconds * 1000;
      await repo.insertToken(db, {
        token_hash: hashSecret(refresh),
        kind: 'refresh',
        user_id: grant.userId,
        app_id: grant.appId,
        family_id: accessRow.family_id,
        scopes: grant.scopes,
        expires_at: new Date(refreshExpiresAt),
      });
      body.refresh_token = refresh;
      body.refresh_token_expires_in = refreshTokenTtlSeconds;
      body.refresh_token_expires_at = toSeconds(refreshExpiresAt);
    }
    return body;
  }

  /**
   * Rotates a refresh token: the old one stops working and a new pair is issued in its family.
   * Presenting an already-rotated refresh token means it leaked, so the whole family is revoked.
   */
  async refresh(secret: string, appId: string, requestedScopes: Scope[] | undefined): Promise<TokenGrant> {
    const tokenHash = hashSecret(secret);
    let reused: repo.TokenRow | undefined;
    const grant = await this.ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findTokenByHash(trx, tokenHash);
      if (row?.kind !== 'refresh') throw invalidGrant('unknown refresh token.');
      if (row.app_id !== appId) throw invalidGrant('the refresh token was issued to another client.');
      if (row.revoked_at) {
        reused = row;
        return undefined;
      }
      if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) {
        throw invalidGrant('the refresh token has expired.');
      }
      const scopes = requestedScopes ?? row.scopes.filter(isScope);
      if (!scopes.every((s) => row.scopes.includes(s))) {
        throw invalidGrant('the requested scope exceeds the original grant.');
      }
      await repo.revokeTokenById(trx, row.id);
      return this.issue(
        { userId: row.user_id, appId, scopes, withRefresh: true, familyId: row.family_id },
        'refresh_token',
        trx,
      );
    });
    if (reused) {
      await this.revokeGrant(reused.family_id);
      throw invalidGrant('the refresh token was already used; its grant has been revoked.');
    }
    await invalidateCredentials(this.ctx.cache, [cacheKey(tokenHash)]);
    return grant!;
  }

  /** Revokes every token of one grant (a token family) and tombstones them in the cache. */
  async revokeGrant(familyId: string): Promise<void> {
    await invalidateCredentials(
      this.ctx.cache,
      (await repo.revokeFamily(this.ctx.db, familyId)).map(cacheKey),
    );
  }

  /** RFC 7009 revocation for a client: revoking either token of a grant ends the grant. */
  async revokeForApp(secret: string, appId: string): Promise<void> {
    const row = await repo.findTokenByHash(this.ctx.db, hashSecret(secret));
    if (!row) return; // RFC 7009: unknown tokens are not an error
    if (row.app_id !== appId) throw notYourToken();
    await this.revokeGrant(row.family_id);
  }

  async createPersonal(
    userId: string,
    input: { name: string; scopes: Scope[]; expiresInDays?: number },
  ): Promise<PersonalToken & { token: string }> {
    const token = newSecret('pina_');
    const row = await repo.insertToken(this.ctx.db, {
      token_hash: hashSecret(token),
      kind: 'personal',
      user_id: userId,
      app_id: null,
      scopes: input.scopes,
      name: input.name,
      expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    return { ...toPersonal(row), token };
  }

  async listPersonal(userId: string): Promise<PersonalToken[]> {
    return (await repo.listPersonalTokens(this.ctx.db, userId)).map(toPersonal);
  }

  async revokePersonal(userId: string, tokenId: string): Promise<void> {
    if (!isId(tokenId)) throw tokenNotFound();
    const row = await repo.findPersonalToken(this.ctx.db, userId, tokenId);
    if (!row) throw tokenNotFound();
    await repo.revokeTokenById(this.ctx.db, row.id);
    await invalidateCredentials(this.ctx.cache, [cacheKey(row.token_hash)]);
  }

  /** Cache keys of every token a user holds or an app of theirs issued (for account deletion). */
  async cacheKeysOwnedBy(db: Kysely<DB>, userId: string): Promise<string[]> {
    return (await repo.tokenHashesOwnedBy(db, userId)).map(cacheKey);
  }

  async cacheKeysOfApp(db: Kysely<DB>, appId: string): Promise<string[]> {
    return (await repo.tokenHashesOfApp(db, appId)).map(cacheKey);
  }
}
