// Route schemas declare who may call them with OpenAPI `security`; the auth hook enforces exactly
// what the schema declares, so the published document and the server cannot disagree.
import type { Scope } from './principal.ts';

export type SecurityRequirement = Record<string, string[]>;

/** A Pinterest operation needing these scopes, by user OAuth token or client token. */
export function scopes(...required: Scope[]): SecurityRequirement[] {
  return [{ pinterest_oauth2: required }, { client_credentials: required }];
}

/**
 * A Pinterest operation only a user's OAuth token may call: the spec lists no client_credentials
 * requirement for it (e.g. DELETE /boards/{board_id}, the board section writes, follow_user/update).
 */
export function userScopes(...required: Scope[]): SecurityRequirement[] {
  return [{ pinterest_oauth2: required }];
}

/** Only the web app's cookie session may call it (credential management). */
export const SESSION_ONLY: SecurityRequirement[] = [{ session: [] }];

/** Any signed-in caller, whatever scopes its credential carries. */
export const SIGNED_IN: SecurityRequirement[] = [
  { pinterest_oauth2: [] },
  { client_credentials: [] },
  { session: [] },
];

export const ERROR_RESPONSE = { $ref: 'Error#' } as const;
