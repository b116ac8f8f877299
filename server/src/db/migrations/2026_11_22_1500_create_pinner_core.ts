import { type Kysely, sql } from 'kysely';

// The Pinner core: images, boards, sections, pins (originals and saves), carousels, collaborators,
// follows, blocks, comments, reactions and reports. Counts shown in the API are kept in columns
// and changed in the same transaction as the rows they count.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table images (
      id bigint primary key default next_id(),
      sha256 text not null unique,
      mime text not null,
      width integer not null,
      height integer not null,
      bytes integer not null,
      dominant_color text not null,
      phash bigint not null,
      variants jsonb not null,
      created_at timestamptz not null default now()
    );
    create index images_phash on images (phash);

    create table boards (
      id bigint primary key default next_id(),
      owner_id bigint not null references users (id) on delete cascade,
      name text not null,
      description text not null default '',
      privacy text not null default 'PUBLIC' check (privacy in ('PUBLIC', 'PROTECTED', 'SECRET')),
      pin_count integer not null default 0,
      follower_count integer not null default 0,
      collaborator_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      pins_modified_at timestamptz not null default now()
    );
    create unique index boards_owner_name_unique on boards (owner_id, lower(name));
    create index boards_owner on boards (owner_id, id);

    create table board_sections (
      id bigint primary key default next_id(),
      board_id bigint not null references boards (id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now()
    );
    create unique index board_sections_name_unique on board_sections (board_id, lower(name));

    create table board_collaborators (
      board_id bigint not null references boards (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      status text not null check (status in ('invited', 'accepted')),
      invited_by bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (board_id, user_id)
    );
    create index board_collaborators_user on board_collaborators (user_id, status);

    create table board_follows (
      user_id bigint not null references users (id) on delete cascade,
      board_id bigint not null references boards (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, board_id)
    );
    create index board_follows_board on board_follows (board_id);

    create table pins (
      id bigint primary key default next_id(),
      owner_id bigint not null references users (id) on delete cascade,
      board_id bigint not null references boards (id) on delete cascade,
      section_id bigint references board_sections (id) on delete cascade,
      parent_pin_id bigint,
      origin_pin_id bigint not null,
      title text not null default '',
      description text not null default '',
      link text,
      alt_text text,
      dominant_color text,
      media_type text not null check (media_type in ('image', 'multiple_images')),
      creative_type text not null default 'REGULAR',
      is_standard boolean not null default true,
      sort_key double precision not null,
      save_count integer not null default 0,
      comment_count integer not null default 0,
      reaction_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(alt_text, '')), 'C')
      ) stored
    );
    create index pins_board_order on pins (board_id, sort_key desc, id desc);
    create index pins_section_order on pins (section_id, sort_key desc, id desc) where section_id is not null;
    create index pins_owner on pins (owner_id, id desc);
    create index pins_origin on pins (origin_pin_id);
    create index pins_parent on pins (parent_pin_id) where parent_pin_id is not null;
    create index pins_search on pins using gin (search);

    create table pin_images (
      pin_id bigint not null references pins (id) on delete cascade,
      position integer not null,
      image_id bigint not null references images (id),
      title text,
      description text,
      link text,
      primary key (pin_id, position)
    );
    create index pin_images_image on pin_images (image_id);

    create table user_follows (
      follower_id bigint not null references users (id) on delete cascade,
      followee_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (follower_id, followee_id),
      check (follower_id <> followee_id)
    );
    create index user_follows_followee on user_follows (followee_id, created_at desc);

    create table user_blocks (
      blocker_id bigint not null references users (id) on delete cascade,
      blocked_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (blocker_id, blocked_id),
      check (blocker_id <> blocked_id)
    );
    create index user_blocks_blocked on user_blocks (blocked_id);

    create table comments (
      id bigint primary key default next_id(),
      pin_id bigint not null references pins (id) on delete cascade,
      author_id bigint not null references users (id) on delete cascade,
      text text not null,
      created_at timestamptz not null default now()
    );
    create index comments_pin on comments (pin_id, id desc);

    create table reactions (
      pin_id bigint not null references pins (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      kind text not null,
      created_at timestamptz not null default now(),
      primary key (pin_id, user_id)
    );

    create table reports (
      id bigint primary key default next_id(),
      reporter_id bigint not null references users (id) on delete cascade,
      target_type text not null check (target_type in ('pin', 'user')),
      target_id bigint not null,
      reason text not null,
      details text not null default '',
      status text not null default 'open' check (status in ('open', 'resolved')),
      created_at timestamptz not null default now()
    );
    create index reports_target on reports (target_type, target_id);
  `.execute(db);
}
