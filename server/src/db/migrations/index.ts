// Forward-only migrations, applied in name order. A new migration is a new dated file listed here;
// an applied one is never edited.
import type { Migration } from 'kysely';
import * as createAccountsAndAuth from './2026_11_22_0900_create_accounts_and_auth.ts';
import * as trackOauthCodeUse from './2026_11_22_1400_track_oauth_code_use.ts';
import * as createPinnerCore from './2026_11_22_1500_create_pinner_core.ts';
import * as createEventLog from './2026_11_22_1600_create_event_log.ts';
import * as createAnalyticsRollups from './2026_11_22_1700_create_analytics_rollups.ts';
import * as buildDiscoverySearch from './2026_11_22_1930_build_discovery_search.ts';
import * as turnOffJit from './2026_12_02_1700_turn_off_jit.ts';
import * as summarizeEventLogRecordedAt from './2026_12_03_0900_summarize_event_log_recorded_at.ts';
import * as indexSearchOnOriginals from './2026_12_03_0930_index_search_on_originals.ts';
import * as indexServerEventsInCommitOrder from './2026_12_03_1410_index_server_events_in_commit_order.ts';

export const migrations: Record<string, Migration> = {
  '2026_11_22_0900_create_accounts_and_auth': createAccountsAndAuth,
  '2026_11_22_1400_track_oauth_code_use': trackOauthCodeUse,
  '2026_11_22_1500_create_pinner_core': createPinnerCore,
  '2026_11_22_1600_create_event_log': createEventLog,
  '2026_11_22_1700_create_analytics_rollups': createAnalyticsRollups,
  '2026_11_22_1930_build_discovery_search': buildDiscoverySearch,
  '2026_12_02_1700_turn_off_jit': turnOffJit,
  '2026_12_03_0900_summarize_event_log_recorded_at': summarizeEventLogRecordedAt,
  '2026_12_03_0930_index_search_on_originals': indexSearchOnOriginals,
  '2026_12_03_1410_index_server_events_in_commit_order': indexServerEventsInCommitOrder,
};
