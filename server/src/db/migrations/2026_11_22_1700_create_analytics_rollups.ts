import { type Kysely, sql } from 'kysely';

// The analytics module's derived tables, all written by its event consumers (modules/analytics):
// daily engagement rollups per pin, board and user (per app type), pins' lifetime totals, platform
// totals per day, who was active on which day (DAU/WAU/MAU, retention), each user's capped recent
// engagement (discovery seeds), when each consumer last applied a batch, and replays in progress.
// Every row can be rebuilt from the event log (`corkboard events replay --from DATE`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pin_daily_metrics (
      pin_id bigint not null references pins (id) on delete cascade,
      day date not null,
      app_type text not null check (app_type in ('web', 'mobile', 'tablet')),
      owner_id bigint not null,
      impression integer not null default 0,
      pin_click integer not null default 0,
      outbound_click integer not null default 0,
      save integer not null default 0,
      primary key (pin_id, day, app_type)
    );
    create index pin_daily_metrics_owner_day on pin_daily_metrics (owner_id, day);

    create table pin_lifetime_metrics (
      pin_id bigint primary key references pins (id) on delete cascade,
      impression bigint not null default 0,
      pin_click bigint not null default 0,
      outbound_click bigint not null default 0,
      save bigint not null default 0
    );

    create table board_daily_metrics (
      board_id bigint not null references boards (id) on delete cascade,
      day date not null,
      app_type text not null check (app_type in ('web', 'mobile', 'tablet')),
      impression integer not null default 0,
      pin_click integer not null default 0,
      outbound_click integer not null default 0,
      save integer not null default 0,
      primary key (board_id, day, app_type)
    );

    create table user_daily_metrics (
      user_id bigint not null references users (id) on delete cascade,
      day date not null,
      app_type text not null check (app_type in ('web', 'mobile', 'tablet')),
      impression integer not null default 0,
      pin_click integer not null default 0,
      outbound_click integer not null default 0,
      save integer not null default 0,
      primary key (user_id, day, app_type)
    );

    create table platform_daily_metrics (
      day date primary key,
      events bigint not null default 0,
      impression bigint not null default 0,
      pin_click bigint not null default 0,
      outbound_click bigint not null default 0,
      save bigint not null default 0,
      pin_created bigint not null default 0,
      user_followed bigint not null default 0,
      board_followed bigint not null default 0,
      search bigint not null default 0
    );

    create table user_activity_days (
      day date not null,
      user_id bigint not null references users (id) on delete cascade,
      primary key (day, user_id)
    );
    create index user_activity_days_user on user_activity_days (user_id, day);

    create table recent_engagement (
      user_id bigint not null references users (id) on delete cascade,
      occurred_at timestamptz not null,
      pin_id bigint not null,
      kind text not null check (kind in ('save', 'closeup', 'outbound_click')),
      primary key (user_id, occurred_at, pin_id, kind)
    );

    create table analytics_progress (
      consumer text primary key,
      applied_at timestamptz not null,
      events bigint not null default 0
    );

    -- A replay in progress, per consumer: from_day on, the replay and the live consumer each claim
    -- an event (by log position) before applying it, so every event is applied exactly once.
    create table analytics_replays (
      consumer text primary key,
      from_day date not null,
      started_at timestamptz not null default now()
    );
    create table analytics_replay_claims (
      consumer text not null references analytics_replays (consumer) on delete cascade,
      position bigint not null,
      primary key (consumer, position)
    );
  `.execute(db);
}
