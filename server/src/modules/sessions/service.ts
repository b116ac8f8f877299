import type { ServiceContext } from '../../platform/context.ts';
import { cachedCredential, invalidateCredentials } from '../../platform/credential-cache.ts';
import { enforceLimits } from '../../platform/rate-limit.ts';
import { hashSecret, newSecret } from '../../platform/secret-tokens.ts';
import type { AccountsService, SignUpBody, UserRow } from '../accounts/index.ts';
import type { TokensService } from '../tokens/index.ts';
import { badCredentials } from './errors.ts';
import * as repo from './repo.ts';

export interface ResolvedSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAtMs: number;
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

const cacheKey = (tokenHash: string) => `session:${tokenHash}`;

export class SessionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
  ) {}

  async resolve(secret: string): Promise<ResolvedSession | undefined> {
    const tokenHash = hashSecret(secret);
    const session = await cachedCredential(this.ctx.cache, cacheKey(tokenHash), async () => {
      const row = await repo.findLiveSession(this.ctx.db, tokenHash);
      if (!row) return undefined;
      return {
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        expiresAtMs: new Date(row.expires_at).getTime(),
      } satisfies ResolvedSession;
    });
    return session && session.expiresAtMs > Date.now() ? session : undefined;
  }

  async signUp(input: SignUpBody, client: ClientInfo): Promise<{ user: UserRow; session: NewSession }> {
    const user = await this.accounts.signUp(input);
    return { user, session: await this.start(user.id, client) };
  }

  /** Checks the password under per-account and per-IP attempt limits, then starts a session. */
  async login(
    login: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ user: UserRow; session: NewSession }> {
    const { loginLimitPerAccount, loginLimitPerIp, loginLimitWindowSeconds } = this.ctx.config;
    await enforceLimits(this.ctx.cache, [
      {
        key: `login:account:${login.toLowerCase()}`,
        max: loginLimitPerAccount,
        windowSeconds: loginLimitWindowSeconds,
      },
      { key: `login:ip:${client.ip}`, max: loginLimitPerIp, windowSeconds: loginLimitWindowSeconds },
    ]);
    const user = await this.accounts.authenticate(login, password);
    if (!user) throw badCredentials();
    return { user, session: await this.start(user.id, client) };
  }

  async logout(sessionId: string): Promise<void> {
    const tokenHash = await repo.deleteSession(this.ctx.db, sessionId);
    if (tokenHash) await invalidateCredentials(this.ctx.cache, [cacheKey(tokenHash)]);
  }

  /** Changes the password and signs out every other session of the user. */
  async changePassword(
    userId: string,
    currentSessionId: string | null,
    current: string,
    next: string,
  ): Promise<void> {
    await this.accounts.changePassword(userId, current, next);
    const hashes = await repo.deleteOtherSessions(this.ctx.db, userId, currentSessionId);
    await invalidateCredentials(this.ctx.cache, hashes.map(cacheKey));
  }

  /**
   * Removes the account and everything it owns in one transaction, then tombstones every session
   * and token it had so no process accepts them again.
   */
  async deleteAccount(userId: string, password: string): Promise<void> {
    await this.accounts.verifyPassword(userId, password);
    const keys = await this.ctx.db.transaction().execute(async (trx) => {
      const sessionKeys = (await repo.sessionHashesOfUser(trx, userId)).map(cacheKey);
      const tokenKeys = await this.tokens.cacheKeysOwnedBy(trx, userId);
      await this.accounts.deleteUser(trx, userId);
      return [...sessionKeys, ...tokenKeys];
    });
    await invalidateCredentials(this.ctx.cache, keys);
  }

  private async start(userId: string, client: ClientInfo): Promise<NewSession> {
    const secret = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(Date.now() + this.ctx.config.sessionTtlSeconds * 1000);
    await repo.insertSession(this.ctx.db, {
      token_hash: hashSecret(secret),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
      ip: client.ip,
    });
    return { secret, csrfToken, expiresAt };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The cookie session behind this request, when it came from the web app. */
    session: ResolvedSession | null;
  }
}
