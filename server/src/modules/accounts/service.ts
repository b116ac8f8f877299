import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/postgres-errors.ts';
import { emailTaken, userNotFound, usernameTaken, wrongPassword } from './errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import * as repo from './repo.ts';
import type { Account, ProfilePatchBody, PublicProfile, SignUpBody } from './schemas.ts';

export type { UserRow } from './repo.ts';

export function toAccount(user: repo.UserRow): Account {
  return {
    account_type: user.account_type,
    id: user.id,
    profile_image: user.profile_image,
    website_url: user.website_url,
    username: user.username,
    about: user.about,
    business_name: null,
    board_count: user.board_count,
    pin_count: user.pin_count,
    follower_count: user.follower_count,
    following_count: user.following_count,
    monthly_views: user.monthly_views,
  };
}

export function toPublicProfile(user: repo.UserRow): PublicProfile {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name || user.username,
    about: user.about,
    website_url: user.website_url,
    profile_image: user.profile_image,
    account_type: user.account_type,
    board_count: user.board_count,
    pin_count: user.pin_count,
    follower_count: user.follower_count,
    following_count: user.following_count,
    created_at: new Date(user.created_at).toISOString(),
  };
}

/**
 * Runs inside the transaction that deletes a user, before the rows go: each module fixes the counts
 * that the user's rows hold on other users, boards and pins (the cascade deletes rows, not counts).
 */
export type AccountDeletingHook = (db: ServiceContext['db'], userId: string) => Promise<void>;

export class AccountsService {
  private readonly deletingHooks: AccountDeletingHook[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  /** Registers work that must happen in the transaction that deletes an account (services.ts). */
  onAccountDeleting(hook: AccountDeletingHook): void {
    this.deletingHooks.push(hook);
  }

  async signUp(input: SignUpBody): Promise<repo.UserRow> {
    try {
      return await repo.insertUser(this.ctx.db, {
        username: input.username,
        email: input.email.trim(),
        password_hash: await hashPassword(input.password),
        display_name: input.display_name?.trim() || input.username,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_username_unique')) throw usernameTaken();
      if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
      throw error;
    }
  }

  /** The user whose login (username or email) and password match, or undefined. */
  async authenticate(login: string, password: string): Promise<repo.UserRow | undefined> {
    const user = await repo.findUserByLogin(this.ctx.db, login);
    const ok = await verifyPassword(user?.password_hash, password);
    return ok ? user : undefined;
  }

  async getById(userId: string): Promise<repo.UserRow> {
    const user = await repo.findUserById(this.ctx.db, userId);
    if (!user) throw userNotFound();
    return user;
  }

  async getByUsername(username: string): Promise<repo.UserRow> {
    const user = await repo.findUserByUsername(this.ctx.db, username);
    if (!user) throw userNotFound();
    return user;
  }

  async updateProfile(userId: string, patch: ProfilePatchBody): Promise<repo.UserRow> {
    const user = await repo.updateProfile(this.ctx.db, userId, patch);
    if (!user) throw userNotFound();
    return user;
  }

  /** Checks the current password, then stores the new one. Callers revoke other credentials. */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.getById(userId);
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw wrongPassword();
    await repo.updatePasswordHash(this.ctx.db, userId, await hashPassword(newPassword));
  }

  async verifyPassword(userId: string, password: string): Promise<void> {
    const user = await this.getById(userId);
    if (!(await verifyPassword(user.password_hash, password))) throw wrongPassword();
  }

  /** Deletes the user and, by cascade, what they own; pass a transaction (the hooks run in it first). */
  async deleteUser(db: ServiceContext['db'], userId: string): Promise<boolean> {
    if (!(await repo.lockUser(db, userId))) return false;
    for (const hook of this.deletingHooks) await hook(db, userId);
    return repo.deleteUser(db, userId);
  }
}
