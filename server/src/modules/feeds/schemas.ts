// The feeds extensions' query strings and bodies: the home feed, topics and interests.
import { type Static, Type } from 'typebox';
import { PinSchema } from '../pins/index.ts';

export const HOME_PAGE_SIZE_MAX = 100;

export const HomeFeedQuery = Type.Object({
  bookmark: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Cursor used to fetch the next page of items' }),
  ),
  page_size: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: HOME_PAGE_SIZE_MAX,
      default: 25,
      description: 'Maximum number of pins in one page.',
    }),
  ),
  debug: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'Add to each pin the reason it is in the feed (`reason`: its source and a detail).',
    }),
  ),
});

export const FeedReasonSchema = Type.Object(
  {
    source: Type.Union(
      [Type.Literal('followed'), Type.Literal('walk'), Type.Literal('trending'), Type.Literal('fresh')],
      {
        description:
          'followed: yours, or from a user or board you follow; walk: reached by random walks from pins you saved, opened or clicked lately; trending: saved most this week; fresh: newest pins.',
      },
    ),
    detail: Type.String({
      description: 'Which follow, how strongly the walks reached it, how many saves, or when it was pinned.',
    }),
  },
  { $id: 'FeedReason', description: 'Why a pin is in the home feed (only with debug=true).' },
);
export type FeedReason = Static<typeof FeedReasonSchema>;

/** A Pin exactly as GET /v5/pins/{pin_id} returns it, plus `reason` when the request asked for debug. */
export const HomePinSchema = Type.Object(
  { ...PinSchema.properties, reason: Type.Optional(FeedReasonSchema) },
  { $id: 'HomeFeedPin' },
);

export const HomeFeedPage = Type.Object({
  items: Type.Array(HomePinSchema),
  bookmark: Type.Union([Type.String(), Type.Null()]),
});

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const TopicSchema = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    cover: Nullable(
      Type.Object({
        pin_id: Type.String({ pattern: '^\\d+$' }),
        url: Type.String(),
        width: Nullable(Type.Integer()),
        height: Nullable(Type.Integer()),
        dominant_color: Nullable(Type.String()),
      }),
    ),
  },
  { $id: 'Topic', description: 'An interest to pick when onboarding, with a picture from its boards.' },
);
export type TopicView = Static<typeof TopicSchema>;

export const TopicList = Type.Object({ items: Type.Array(TopicSchema) });

export const MAX_INTERESTS = 10;

export const InterestsBody = Type.Object(
  {
    topics: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 1,
      maxItems: MAX_INTERESTS,
      uniqueItems: true,
      description: 'Topic keys from GET /v5/topics.',
    }),
  },
  { additionalProperties: false },
);
export type InterestsBody = Static<typeof InterestsBody>;

export const InterestsResult = Type.Object(
  {
    topics: Type.Array(Type.String()),
    followed_boards: Type.Array(Type.Object({ id: Type.String({ pattern: '^\\d+$' }), name: Type.String() })),
    followed_users: Type.Array(Type.Object({ username: Type.String() })),
  },
  { $id: 'InterestsResult' },
);
export type InterestsResult = Static<typeof InterestsResult>;
