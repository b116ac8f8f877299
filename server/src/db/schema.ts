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
}
