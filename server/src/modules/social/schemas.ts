import { type Static, Type } from 'typebox';

/** Pinterest's UserSummary (components.schemas.UserSummary): the shape of every user list item. */
export const UserSummary = Type.Object(
  { type: Type.Literal('user'), username: Type.String() },
  { $id: 'UserSummary' },
);
export type UserSummary = Static<typeof UserSummary>;

/**
 * path_username. The spec forbids all-digit names, but Corkboard usernames may be all digits, so
 * any text is looked up (case-insensitively); one that names no user, or a user the caller may
 * not see, is a 404 rather than a 400.
 */
export const UsernameParam = Type.String({ minLength: 1, maxLength: 100 });

export const FollowUserBody = Type.Object(
  { auto_follow: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export const FollowingFeedType = Type.Union([
  Type.Literal('ALL'),
  Type.Literal('RANKED'),
  Type.Literal('CREATOR_ONLY'),
  Type.Literal('RANKED_CREATOR_ONLY'),
]);

export const REPORT_REASONS = [
  'spam',
  'nudity',
  'self_harm',
  'misinformation',
  'hateful_activities',
  'harassment',
  'violence',
  'dangerous_goods',
  'intellectual_property',
  'impersonation',
  'other',
] as const;

export const ReportBody = Type.Object(
  {
    target_type: Type.Union([Type.Literal('pin'), Type.Literal('user')]),
    target_id: Type.Optional(Type.String({ pattern: '^\\d+$' })),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: Type.Union(REPORT_REASONS.map((r) => Type.Literal(r))),
    details: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

export const Report = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    target_type: Type.Union([Type.Literal('pin'), Type.Literal('user')]),
    target_id: Type.String({ pattern: '^\\d+$' }),
    reason: Type.String(),
    details: Type.String(),
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Report' },
);
export type Report = Static<typeof Report>;
