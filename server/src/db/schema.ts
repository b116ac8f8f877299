// Kysely's view of the tables. bigint columns arrive from pg as decimal strings, which is also
// how ids travel in JSON, so no conversion is needed between the database and the wire.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<string>;

export interface UsersTable {
  id: Id;
  username: string;
  email: string;
  password_hash: string;
  display_name: Generated<string>;
  about: Generated<string>;
  website_url: Generated<string>;
  profile_image: Generated<string>;
  account_type: Generated<'PINNER' | 'BUSINESS'>;
  board_count: Generated<number>;
  pin_count: Generated<number>;
  follower_count: Generated<number>;
  following_count: Generated<number>;
  monthly_views: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Id;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  expires_at: Date | string;
}

export interface OauthAppsTable {
  id: Id;
  owner_user_id: string | null;
  name: string;
  secret_hash: string;
  redirect_uris: string[];
  created_at: Timestamp;
}

export interface OauthCodesTable {
  code_hash: string;
  app_id: string;
  user_id: string;
  redirect_uri: string;
  scopes: string[];
  expires_at: Date | string;
  created_at: Timestamp;
  consumed_at: Date | string | null;
  /** The grant the code's exchange started; revoked if the code is replayed. */
  family_id: string | null;
}

export type ApiTokenKind = 'access' | 'refresh' | 'personal';

export interface ApiTokensTable {
  id: Id;
  token_hash: string;
  kind: ApiTokenKind;
  user_id: string | null;
  app_id: string | null;
  /** Tokens minted from one grant share a family, so reuse of a rotated refresh token revokes all. */
  family_id: string;
  scopes: string[];
  name: string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  created_at: Timestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  oauth_apps: OauthAppsTable;
  oauth_codes: OauthCodesTable;
  api_tokens: ApiTokensTable;
  images: ImagesTable;
  boards: BoardsTable;
  board_sections: BoardSectionsTable;
  board_collaborators: BoardCollaboratorsTable;
  board_follows: BoardFollowsTable;
  pins: PinsTable;
  pin_images: PinImagesTable;
  user_follows: UserFollowsTable;
  user_blocks: UserBlocksTable;
  comments: CommentsTable;
  reactions: ReactionsTable;
  reports: ReportsTable;
  event_log: EventLogTable;
  event_consumer_positions: EventConsumerPositionsTable;
  pin_daily_metrics: PinDailyMetricsTable;
  pin_lifetime_metrics: PinLifetimeMetricsTable;
  board_daily_metrics: BoardDailyMetricsTable;
  user_daily_metrics: UserDailyMetricsTable;
  platform_daily_metrics: PlatformDailyMetricsTable;
  user_activity_days: UserActivityDaysTable;
  recent_engagement: RecentEngagementTable;
  analytics_progress: AnalyticsProgressTable;
  analytics_replays: AnalyticsReplaysTable;
  analytics_replay_claims: AnalyticsReplayClaimsTable;
  search_terms: SearchTermsTable;
  search_term_refreshes: SearchTermRefreshesTable;
}

export type BoardPrivacy = 'PUBLIC' | 'PROTECTED' | 'SECRET';

export interface ImageVariant {
  width: number;
  height: number;
  /** Storage key of the file, e.g. "ab/abcdef…/600x.jpg". */
  key: string;
}

export interface ImagesTable {
  id: Id;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** "#rrggbb" */
  dominant_color: string;
  /** 64-bit perceptual hash (signed bigint, as a decimal string). */
  phash: string;
  /** Keyed by the spec's size names ("150x150", "400x300", "600x", "1200x") plus "original". */
  variants: ColumnType<Record<string, ImageVariant>, string, string>;
  created_at: Timestamp;
}

export interface BoardsTable {
  id: Id;
  owner_id: string;
  name: string;
  description: Generated<string>;
  privacy: Generated<BoardPrivacy>;
  pin_count: Generated<number>;
  follower_count: Generated<number>;
  collaborator_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  pins_modified_at: Timestamp;
}

export interface BoardSectionsTable {
  id: Id;
  board_id: string;
  name: string;
  created_at: Timestamp;
}

export interface BoardCollaboratorsTable {
  board_id: string;
  user_id: string;
  status: 'invited' | 'accepted';
  invited_by: string | null;
  created_at: Timestamp;
}

export interface BoardFollowsTable {
  user_id: string;
  board_id: string;
  created_at: Timestamp;
}

export interface PinsTable {
  id: Id;
  owner_id: string;
  board_id: string;
  section_id: string | null;
  /** The pin this one was saved from (null for an original). */
  parent_pin_id: string | null;
  /** The original at the root of the save chain; an original's is its own id. */
  origin_pin_id: string;
  title: Generated<string>;
  description: Generated<string>;
  link: string | null;
  alt_text: string | null;
  dominant_color: string | null;
  media_type: 'image' | 'multiple_images';
  creative_type: Generated<string>;
  is_standard: Generated<boolean>;
  /** Order within the board (descending); reordering moves a pin between neighbours. */
  sort_key: number;
  save_count: Generated<number>;
  comment_count: Generated<number>;
  reaction_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PinImagesTable {
  pin_id: string;
  position: number;
  image_id: string;
  title: string | null;
  description: string | null;
  link: string | null;
}

export interface UserFollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: Timestamp;
}

export interface UserBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: Timestamp;
}

export interface CommentsTable {
  id: Id;
  pin_id: string;
  author_id: string;
  text: string;
  created_at: Timestamp;
}

export interface ReactionsTable {
  pin_id: string;
  user_id: string;
  kind: string;
  created_at: Timestamp;
}

export interface ReportsTable {
  id: Id;
  reporter_id: string;
  target_type: 'pin' | 'user';
  target_id: string;
  reason: string;
  details: Generated<string>;
  status: Generated<'open' | 'resolved'>;
  created_at: Timestamp;
}

/** The event log (embedded) or outbox (NATS); see modules/events and docs/events.md. */
export interface EventLogTable {
  position: Generated<string>;
  /** xid8 of the writing transaction, as a decimal string. */
  tx: Generated<string>;
  id: string;
  type: string;
  actor_id: string | null;
  object_type: string;
  object_id: string;
  occurred_at: Timestamp;
  recorded_at: Generated<Date>;
  app_type: string;
  locale: string | null;
  session_id: string | null;
  surface: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
}

export interface EventConsumerPositionsTable {
  log: 'embedded' | 'jetstream' | 'relay';
  consumer: string;
  tx: string | null;
  position: string;
  updated_at: Timestamp;
}

// ---- analytics (modules/analytics): derived from the event log, rebuilt by replay ----

/** Engagement counters of the daily rollups; a closeup is Pinterest's "pin click". */
interface EngagementColumns {
  impression: Generated<number>;
  pin_click: Generated<number>;
  outbound_click: Generated<number>;
  save: Generated<number>;
}

export type AnalyticsAppType = 'web' | 'mobile' | 'tablet';

export interface PinDailyMetricsTable extends EngagementColumns {
  pin_id: string;
  /** UTC day. */
  day: string;
  app_type: AnalyticsAppType;
  owner_id: string;
}

export interface PinLifetimeMetricsTable {
  pin_id: string;
  impression: Generated<string>;
  pin_click: Generated<string>;
  outbound_click: Generated<string>;
  save: Generated<string>;
}

export interface BoardDailyMetricsTable extends EngagementColumns {
  board_id: string;
  day: string;
  app_type: AnalyticsAppType;
}

export interface UserDailyMetricsTable extends EngagementColumns {
  /** The owner of the pins engaged with. */
  user_id: string;
  day: string;
  app_type: AnalyticsAppType;
}

export interface PlatformDailyMetricsTable {
  day: string;
  events: Generated<string>;
  impression: Generated<string>;
  pin_click: Generated<string>;
  outbound_click: Generated<string>;
  save: Generated<string>;
  pin_created: Generated<string>;
  user_followed: Generated<string>;
  board_followed: Generated<string>;
  search: Generated<string>;
}

export interface UserActivityDaysTable {
  day: string;
  user_id: string;
}

export interface RecentEngagementTable {
  user_id: string;
  occurred_at: Timestamp;
  pin_id: string;
  kind: 'save' | 'closeup' | 'outbound_click';
}

export interface AnalyticsProgressTable {
  consumer: string;
  applied_at: Timestamp;
  events: Generated<string>;
}

export interface AnalyticsReplaysTable {
  consumer: string;
  from_day: string;
  started_at: Timestamp;
}

export interface AnalyticsReplayClaimsTable {
  consumer: string;
  position: string;
}

/** Typeahead's vocabulary: words of public pin titles and board names, and public board names. */
export interface SearchTermsTable {
  term: string;
  /** Public pins whose title has the word. */
  pins: Generated<number>;
  /** Public boards whose name is the phrase or has the word. */
  boards: Generated<number>;
  refreshed_at: Timestamp;
}

/** The last rebuild of search_terms (one row). */
export interface SearchTermRefreshesTable {
  singleton: Generated<boolean>;
  refreshed_at: Timestamp;
  terms: number;
  public_pins: number;
  seconds: number;
}
