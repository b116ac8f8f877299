// The consumers' arithmetic: a batch of logged events becomes per-key deltas in memory, which the
// repo then applies with one multi-row upsert per table. Pure (no I/O), so live consumption and
// `corkboard events replay` run exactly the same code, and tests check it without a database.
import type { AppType, EventType, LoggedEvent } from '../events/index.ts';

export const COUNTERS = ['impression', 'pin_click', 'outbound_click', 'save'] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

/** Which engagement counter each event type moves (a closeup is Pinterest's "pin click"). */
const COUNTER_OF: Partial<Record<EventType, Counter>> = {
  'pin.impression.v1': 'impression',
  'pin.closeup.v1': 'pin_click',
  'pin.outbound_click.v1': 'outbound_click',
  'pin.saved.v1': 'save',
};

/** The event types the engagement rollups read. */
export const ROLLUP_EVENT_TYPES = Object.keys(COUNTER_OF) as EventType[];

export const zeroCounts = (): Counts => ({ impression: 0, pin_click: 0, outbound_click: 0, save: 0 });

/**
 * The UTC day (YYYY-MM-DD) an event belongs to. Timestamps already in UTC ("…Z", as the server
 * writes them) are cut, not parsed: this runs for every event of every batch.
 */
export function dayOf(occurredAt: string): string {
  if (occurredAt.length >= 20 && occurredAt.endsWith('Z') && occurredAt[10] === 'T') {
    return occurredAt.slice(0, 10);
  }
  return new Date(occurredAt).toISOString().slice(0, 10);
}

/** Engagement of one pin on one day from one app type. */
export interface PinDayDelta extends Counts {
  pinId: string;
  day: string;
  appType: AppType;
}

/**
 * Engagement deltas keyed by (pin, day, app type). A save is keyed by the pin that was saved (the
 * new copy's parent); the repo also credits the root original of the save chain, as pins'
 * save_count does, and derives board and user rollups by joining pins.
 */
export function pinDayDeltas(events: readonly LoggedEvent[]): PinDayDelta[] {
  const byKey = new Map<string, PinDayDelta>();
  for (const event of events) {
    const counter = COUNTER_OF[event.type];
    if (!counter || event.object.type !== 'pin') continue;
    const day = dayOf(event.occurred_at);
    const appType = event.context.app_type;
    const key = `${event.object.id}|${day}|${appType}`;
    let delta = byKey.get(key);
    if (!delta) {
      delta = { pinId: event.object.id, day, appType, ...zeroCounts() };
      byKey.set(key, delta);
    }
    delta[counter] += 1;
  }
  return [...byKey.values()];
}

/** Platform-wide totals of one day, for the core metrics. */
export interface PlatformDayDelta {
  day: string;
  events: number;
  impression: number;
  pin_click: number;
  outbound_click: number;
  save: number;
  pin_created: number;
  user_followed: number;
  board_followed: number;
  search: number;
}

const PLATFORM_COUNTER_OF: Partial<Record<EventType, Exclude<keyof PlatformDayDelta, 'day' | 'events'>>> = {
  ...COUNTER_OF,
  'pin.created.v1': 'pin_created',
  'user.followed.v1': 'user_followed',
  'board.followed.v1': 'board_followed',
  'search.performed.v1': 'search',
};

export function platformDayDeltas(events: readonly LoggedEvent[]): PlatformDayDelta[] {
  const byDay = new Map<string, PlatformDayDelta>();
  for (const event of events) {
    const day = dayOf(event.occurred_at);
    let delta = byDay.get(day);
    if (!delta) {
      delta = {
        day,
        events: 0,
        impression: 0,
        pin_click: 0,
        outbound_click: 0,
        save: 0,
        pin_created: 0,
        user_followed: 0,
        board_followed: 0,
        search: 0,
      };
      byDay.set(day, delta);
    }
    delta.events += 1;
    const counter = PLATFORM_COUNTER_OF[event.type];
    if (counter) delta[counter] += 1;
  }
  return [...byDay.values()];
}

/** A user who did anything on a day: the unit of DAU, WAU, MAU and retention. */
export interface ActiveDay {
  day: string;
  userId: string;
}

export function activeDays(events: readonly LoggedEvent[]): ActiveDay[] {
  const seen = new Map<string, ActiveDay>();
  for (const event of events) {
    if (event.actor_id === null) continue;
    const day = dayOf(event.occurred_at);
    const key = `${event.actor_id}|${day}`;
    if (!seen.has(key)) seen.set(key, { day, userId: event.actor_id });
  }
  return [...seen.values()];
}

export type EngagementKind = 'save' | 'closeup' | 'outbound_click';

const ENGAGEMENT_KIND_OF: Partial<Record<EventType, EngagementKind>> = {
  'pin.saved.v1': 'save',
  'pin.closeup.v1': 'closeup',
  'pin.outbound_click.v1': 'outbound_click',
};

/** The event types that feed each user's recent engagement (impressions are not engagement). */
export const ENGAGEMENT_EVENT_TYPES = Object.keys(ENGAGEMENT_KIND_OF) as EventType[];

export interface EngagementRow {
  userId: string;
  pinId: string;
  kind: EngagementKind;
  /** ISO 8601, UTC. */
  occurredAt: string;
}

/** Newest first, then by pin and kind: the one order the cap keeps, in memory and in SQL. */
export function newestFirst(a: EngagementRow, b: EngagementRow): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  if (a.pinId !== b.pinId) return BigInt(a.pinId) < BigInt(b.pinId) ? 1 : -1;
  return a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0;
}

/**
 * Each user's saves, closeups and outbound clicks in the batch, newest first, at most `cap` per
 * user (older ones could never survive the cap in the table either), duplicates removed.
 */
export function recentEngagementRows(events: readonly LoggedEvent[], cap: number): EngagementRow[] {
  const byUser = new Map<string, Map<string, EngagementRow>>();
  for (const event of events) {
    const kind = ENGAGEMENT_KIND_OF[event.type];
    if (!kind || event.actor_id === null || event.object.type !== 'pin') continue;
    const occurredAt = new Date(event.occurred_at).toISOString();
    const row = { userId: event.actor_id, pinId: event.object.id, kind, occurredAt };
    let rows = byUser.get(row.userId);
    if (!rows) {
      rows = new Map();
      byUser.set(row.userId, rows);
    }
    rows.set(`${occurredAt}|${row.pinId}|${kind}`, row);
  }
  const kept: EngagementRow[] = [];
  for (const rows of byUser.values()) kept.push(...[...rows.values()].sort(newestFirst).slice(0, cap));
  return kept;
}
