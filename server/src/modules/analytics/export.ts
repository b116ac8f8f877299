// One user's data as a JSON document (`corkboard export --user U`): account, boards with sections,
// collaborations, pins and saves, follows, comments, reactions, the engagement their pins received,
// the days they were active, their recent engagement, and how many events of each type the log
// holds for them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { EventsService } from '../events/index.ts';
import * as exportRepo from './export-repo.ts';

export const EXPORT_FORMAT = 'corkboard.user-export.v1';

export interface UserExport {
  format: typeof EXPORT_FORMAT;
  exported_at: string;
  account: Record<string, unknown>;
  boards: Record<string, unknown>[];
  collaborations: Record<string, unknown>[];
  pins: Record<string, unknown>[];
  following: Record<string, unknown>[];
  followers: Record<string, unknown>[];
  board_follows: Record<string, unknown>[];
  comments: Record<string, unknown>[];
  reactions: Record<string, unknown>[];
  analytics: {
    engagement_received: Record<string, number>;
    active_days: string[];
    recent_engagement: Record<string, unknown>[];
    /** Events the log still holds with the user as actor, by type (the log keeps EVENT_LOG_RETENTION_DAYS). */
    events_by_type: Record<string, number>;
  };
}

/** The user's events in the log, counted by type: the log is read from the account's creation on. */
async function eventsByType(
  events: EventsService,
  userId: string,
  since: Date,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await events.readLog({ from: since }, (batch) => {
    for (const event of batch) {
      if (event.actor_id === userId) counts[event.type] = (counts[event.type] ?? 0) + 1;
    }
  });
  return counts;
}

export async function exportUser(db: Kysely<DB>, events: EventsService, userId: string): Promise<UserExport> {
  const [account] = await exportRepo.account(db, userId);
  if (!account) throw new Error(`no user ${userId}`);
  return {
    format: EXPORT_FORMAT,
    exported_at: new Date().toISOString(),
    account,
    boards: await exportRepo.boards(db, userId),
    collaborations: await exportRepo.collaborations(db, userId),
    pins: await exportRepo.pins(db, userId),
    following: await exportRepo.following(db, userId),
    followers: await exportRepo.followers(db, userId),
    board_follows: await exportRepo.boardFollows(db, userId),
    comments: await exportRepo.comments(db, userId),
    reactions: await exportRepo.reactions(db, userId),
    analytics: {
      engagement_received: await exportRepo.engagementReceived(db, userId),
      active_days: await exportRepo.activeDays(db, userId),
      recent_engagement: await exportRepo.recentEngagement(db, userId),
      events_by_type: await eventsByType(events, userId, new Date(account.created_at as string | Date)),
    },
  };
}
