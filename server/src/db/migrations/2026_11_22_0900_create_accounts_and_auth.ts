import { type Kysely, sql } from 'kysely';

// ID layout: see server/src/db/ids.ts. The shard constant is 0 in a single-database deployment;
// a scale-out gives each shard database its own constant here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence global_id_seq;
    create function next_id(shard integer default 0) returns bigint
      language plpgsql volatile as $$
    declare
      now_ms bigint := floor(extract(epoch from clock_timestamp()) * 1000);
    begin
      return ((now_ms - 1767225600000) << 22)
        | ((shard & 1023)::bigint << 12)
        | (nextval('global_id_seq') % 4096);
    end $$;

    create table users (
      id bigint primary key default next_id(),
      username text not null,
      email text not null,
      password_hash text not null,
      display_name text not null default '',
      about text not null default '',
      website_url text not null default '',
      profile_image text not null default '',
      account_type text not null default 'PINNER' check (account_type in ('PINNER', 'BUSINESS')),
      board_count integer not null default 0,
      pin_count integer not null default 0,
      follower_count integer not null default 0,
      following_count integer not null default 0,
      monthly_views integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_username_unique on users (lower(username));
    create unique index users_email_unique on users (lower(email));

    create table sessions (
      id bigint primary key default next_id(),
      token_hash text not null unique,
      user_id bigint not null references users (id) on delete cascade,
      csrf_token text not null,
      user_agent text,
      ip text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_id on sessions (user_id);

    create table oauth_apps (
      id bigint primary key default next_id(),
      owner_user_id bigint references users (id) on delete cascade,
      name text not null,
      secret_hash text not null,
      redirect_uris text[] not null,
      created_at timestamptz not null default now()
    );
    create index oauth_apps_owner on oauth_apps (owner_user_id);

    create table oauth_codes (
      code_hash text primary key,
      app_id bigint not null references oauth_apps (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      redirect_uri text not null,
      scopes text[] not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );

    create table api_tokens (
      id bigint primary key default next_id(),
      token_hash text not null unique,
      kind text not null check (kind in ('access', 'refresh', 'personal')),
      user_id bigint references users (id) on delete cascade,
      app_id bigint references oauth_apps (id) on delete cascade,
      family_id bigint not null,
      scopes text[] not null,
      name text,
      expires_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index api_tokens_user on api_tokens (user_id);
    create index api_tokens_app on api_tokens (app_id);
    create index api_tokens_family on api_tokens (family_id);
  `.execute(db);
}
