import { type Static, Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.ts';

/** Board and section ids in paths and bodies: the spec's pattern; out-of-range values are 404s. */
export const IdString = Type.String({ pattern: '^\\d+$' });

export const BoardPrivacy = Type.Union([
  Type.Literal('PUBLIC'),
  Type.Literal('PROTECTED'),
  Type.Literal('SECRET'),
]);

export const BoardMedia = Type.Object(
  {
    image_cover_url: Type.Union([Type.String(), Type.Null()]),
    pin_thumbnail_urls: Type.Array(Type.String()),
  },
  { $id: 'BoardMedia' },
);
export type BoardMedia = Static<typeof BoardMedia>;

/** Pinterest's Board (components.schemas.Board over BoardBase), field for field. */
export const BoardSchema = Type.Object(
  {
    id: IdString,
    created_at: Type.String({ format: 'date-time' }),
    board_pins_modified_at: Type.String({ format: 'date-time' }),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    collaborator_count: Type.Integer({ minimum: 0 }),
    pin_count: Type.Integer({ minimum: 0 }),
    follower_count: Type.Integer({ minimum: 0 }),
    media: BoardMedia,
    owner: Type.Object({ username: Type.String() }),
    privacy: BoardPrivacy,
    is_ads_only: Type.Boolean(),
  },
  { $id: 'Board' },
);
export type Board = Static<typeof BoardSchema>;

/** Pinterest's BoardSection. */
export const BoardSectionSchema = Type.Object({ id: IdString, name: Type.String() }, { $id: 'BoardSection' });
export type BoardSection = Static<typeof BoardSectionSchema>;

const BoardName = Type.String({ minLength: 1, maxLength: 180 });
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);

export const BoardCreateBody = Type.Object(
  {
    name: BoardName,
    description: Type.Optional(Description),
    privacy: Type.Optional(BoardPrivacy),
    is_ads_only: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BoardCreateBody = Static<typeof BoardCreateBody>;

/** BoardWithUpdatePrivacyUpdate: privacy may only become PUBLIC or SECRET. */
export const BoardUpdateBody = Type.Object(
  {
    name: Type.Optional(BoardName),
    description: Type.Optional(Description),
    privacy: Type.Optional(Type.Union([Type.Literal('PUBLIC'), Type.Literal('SECRET')])),
  },
  { additionalProperties: false },
);
export type BoardUpdateBody = Static<typeof BoardUpdateBody>;

export const SectionBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 180 }) },
  { additionalProperties: false },
);

export const PrivacyFilter = Type.Union([
  Type.Literal('ALL'),
  Type.Literal('PUBLIC'),
  Type.Literal('PROTECTED'),
  Type.Literal('SECRET'),
  Type.Literal('PUBLIC_AND_SECRET'),
]);
export type PrivacyFilter = Static<typeof PrivacyFilter>;

export const AdAccountId = Type.Optional(Type.String({ maxLength: 18, pattern: '^\\d+$' }));

export const BoardListQuery = Type.Object({
  ...PageQuery.properties,
  privacy: Type.Optional(PrivacyFilter),
  ad_account_id: AdAccountId,
});
export type BoardListQuery = Static<typeof BoardListQuery>;

export const Collaborator = Type.Object(
  {
    user: Type.Object({ id: IdString, username: Type.String() }),
    status: Type.Union([Type.Literal('invited'), Type.Literal('accepted')]),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'BoardCollaborator' },
);
export type Collaborator = Static<typeof Collaborator>;

export const BoardInvite = Type.Object(
  {
    board: BoardSchema,
    invited_by: Type.Union([Type.Object({ username: Type.String() }), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'BoardInvite' },
);
export type BoardInvite = Static<typeof BoardInvite>;
