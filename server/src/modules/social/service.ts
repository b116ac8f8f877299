// User-to-user relations: follows, blocks and reports. Other modules see blocks through
// isBlockedEitherWay and notBlockedFilter, and take part in a block through onBlock hooks (the
// boards module drops board follows and collaborations between the two users there), so social
// never imports a module that depends on it.
import type { Kysely } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { DEFAULT_PAGE_SIZE, decodeTimeBookmark, type Page, pageFrom } from '../../platform/pagination.ts';
import { type Principal, userIdOf } from '../../platform/principal.ts';
import { type AccountsService, adjustUserCounters, type UserRow } from '../accounts/index.ts';
import { type EventsService, serverEvent } from '../events/index.ts';
import { cannotBlockSelf, cannotFollowSelf, cannotReportSelf, pinNotFound, userNotFound } from './errors.ts';
import * as repo from './repo.ts';
import type { Report, ReportBody, UserSummary } from './schemas.ts';

/** Runs inside the transaction that records `blockerId` blocking `blockedId`. */
export type BlockHook = (db: Kysely<DB>, blockerId: string, blockedId: string) => Promise<void>;

/** Whether the viewer may see the pin; reports of pins the reporter cannot see are 404s. */
export type PinVisibility = (viewer: Principal, pinId: string) => Promise<boolean>;

export interface ListQuery {
  bookmark?: string;
  page_size?: number;
}

const summary = (username: string): UserSummary => ({ type: 'user', username });

function page(rows: repo.ListedUser[], pageSize: number): Page<UserSummary> {
  const result = pageFrom(rows, pageSize, (row) => [row.key_time, row.key_id]);
  return { items: result.items.map((row) => summary(row.username)), bookmark: result.bookmark };
}

function keyset(query: ListQuery): { after: repo.TimeKeyset | undefined; pageSize: number } {
  return {
    after: query.bookmark ? decodeTimeBookmark(query.bookmark) : undefined,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
  };
}

export class SocialService {
  private readonly blockHooks: BlockHook[] = [];
  private pinVisibility: PinVisibility | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountsService,
    private readonly events: EventsService,
  ) {}

  /** Registers work that must happen in the same transaction as a block (e.g. dropping board follows). */
  onBlock(hook: BlockHook): void {
    this.blockHooks.push(hook);
  }

  /** Sets how a pin report checks that the reporter can see the pin. Without one, pin reports are 404s. */
  setPinVisibility(check: PinVisibility): void {
    this.pinVisibility = check;
  }

  isBlockedEitherWay(a: string, b: string, db: Kysely<DB> = this.ctx.db): Promise<boolean> {
    if (a === b) return Promise.resolve(false);
    return repo.isBlockedEitherWay(db, a, b);
  }

  /** The user named `username` as `viewerId` may see them: 404 when missing or blocked either way. */
  async visibleUser(viewerId: string, username: string): Promise<UserRow> {
    const user = await this.accounts.getByUsername(username);
    if (await this.isBlockedEitherWay(viewerId, user.id)) throw userNotFound();
    return user;
  }

  async followers(userId: string, query: ListQuery): Promise<Page<UserSummary>> {
    const { after, pageSize } = keyset(query);
    return page(await repo.listFollowers(this.ctx.db, userId, after, pageSize + 1), pageSize);
  }

  /** Another user's followers, for their profile; a 404 when either has blocked the other. */
  async followersOf(viewerId: string, username: string, query: ListQuery): Promise<Page<UserSummary>> {
    return this.followers((await this.visibleUser(viewerId, username)).id, query);
  }

  /** Whom another user follows, for their profile; a 404 when either has blocked the other. */
  async followingOf(viewerId: string, username: string, query: ListQuery): Promise<Page<UserSummary>> {
    return this.following((await this.visibleUser(viewerId, username)).id, query);
  }

  /**
   * Who the user follows. feed_type is accepted for compatibility; Corkboard has no ranking or
   * creator accounts, so every value lists everyone.
   */
  async following(
    userId: string,
    query: ListQuery & { explicit_following?: boolean },
  ): Promise<Page<UserSummary>> {
    const { after, pageSize } = keyset(query);
    const explicitOnly = query.explicit_following ?? false;
    return page(await repo.listFollowing(this.ctx.db, userId, explicitOnly, after, pageSize + 1), pageSize);
  }

  /** Follows a user (idempotent) and keeps both users' counts in the same transaction. */
  async follow(userId: string, username: string): Promise<UserSummary> {
    const target = await this.visibleUser(userId, username);
    if (target.id === userId) throw cannotFollowSelf();
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await repo.isBlockedEitherWay(trx, userId, target.id)) throw userNotFound();
      if (!(await repo.insertFollow(trx, userId, target.id))) return;
      await adjustUserCounters(trx, userId, { following_count: 1 });
      await adjustUserCounters(trx, target.id, { follower_count: 1 });
      await this.events.record(trx, serverEvent('user.followed.v1', userId, target.id, {}));
    });
    return summary(target.username);
  }

  /** Stops following a user; succeeds whether or not a follow existed. */
  async unfollow(userId: string, username: string): Promise<void> {
    const target = await this.accounts.getByUsername(username);
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.removeFollow(trx, userId, target.id);
    });
  }

  private async removeFollow(db: Kysely<DB>, followerId: string, followeeId: string): Promise<void> {
    if (!(await repo.deleteFollow(db, followerId, followeeId))) return;
    await adjustUserCounters(db, followerId, { following_count: -1 });
    await adjustUserCounters(db, followeeId, { follower_count: -1 });
  }

  /**
   * Blocks a user: from then on neither sees the other's boards, pins or profile lists. Follows
   * between the two end both ways, and the onBlock hooks end board ties, all in one transaction.
   */
  async block(userId: string, username: string): Promise<UserSummary> {
    const target = await this.accounts.getByUsername(username);
    if (target.id === userId) throw cannotBlockSelf();
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.insertBlock(trx, userId, target.id);
      await this.removeFollow(trx, userId, target.id);
      await this.removeFollow(trx, target.id, userId);
      for (const hook of this.blockHooks) await hook(trx, userId, target.id);
    });
    return summary(target.username);
  }

  /** Account deletion hook: the follower and following counts of the user's follows (services.ts). */
  accountDeleting(db: Kysely<DB>, userId: string): Promise<void> {
    return repo.releaseFollowCounts(db, userId);
  }

  async unblock(userId: string, username: string): Promise<void> {
    const target = await this.accounts.getByUsername(username);
    await repo.deleteBlock(this.ctx.db, userId, target.id);
  }

  async blocked(userId: string, query: ListQuery): Promise<Page<UserSummary>> {
    const { after, pageSize } = keyset(query);
    return page(await repo.listBlocked(this.ctx.db, userId, after, pageSize + 1), pageSize);
  }

  /** Files a report for moderators. A user is named by username or id; a pin by id. */
  async report(viewer: Principal, body: ReportBody): Promise<Report> {
    const reporterId = userIdOf(viewer);
    let targetId: string;
    if (body.target_type === 'user') {
      const target = await this.reportedUser(body);
      if (target.id === reporterId) throw cannotReportSelf();
      targetId = target.id;
    } else {
      if (!body.target_id) throw invalid('A pin report needs target_id.');
      const visible = isId(body.target_id) && (await this.pinVisibility?.(viewer, body.target_id));
      if (!visible) throw pinNotFound();
      targetId = body.target_id;
    }
    const row = await repo.insertReport(this.ctx.db, {
      reporter_id: reporterId,
      target_type: body.target_type,
      target_id: targetId,
      reason: body.reason,
      details: body.details?.trim() ?? '',
    });
    return {
      id: row.id,
      target_type: row.target_type,
      target_id: row.target_id,
      reason: row.reason,
      details: row.details,
      status: row.status,
      created_at: new Date(row.created_at).toISOString(),
    };
  }

  private async reportedUser(body: ReportBody): Promise<UserRow> {
    if (body.username) return this.accounts.getByUsername(body.username);
    if (!body.target_id) throw invalid('A user report needs username or target_id.');
    if (!isId(body.target_id)) throw userNotFound();
    return this.accounts.getById(body.target_id);
  }
}
