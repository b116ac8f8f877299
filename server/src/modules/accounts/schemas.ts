import { type Static, Type } from 'typebox';

export const IdString = Type.String({ pattern: '^\\d+$' });

/** Pinterest's Account, field for field (components.schemas.Account in the v5 spec). */
export const Account = Type.Object(
  {
    account_type: Type.Union([Type.Literal('PINNER'), Type.Literal('BUSINESS')]),
    id: IdString,
    profile_image: Type.String(),
    website_url: Type.String(),
    username: Type.String(),
    about: Type.String(),
    business_name: Type.Union([Type.String(), Type.Null()]),
    board_count: Type.Union([Type.Integer(), Type.Null()]),
    pin_count: Type.Union([Type.Integer(), Type.Null()]),
    follower_count: Type.Union([Type.Integer(), Type.Null()]),
    following_count: Type.Union([Type.Integer(), Type.Null()]),
    monthly_views: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'Account' },
);
export type Account = Static<typeof Account>;

export const PublicProfile = Type.Object(
  {
    id: IdString,
    username: Type.String(),
    display_name: Type.String(),
    about: Type.String(),
    website_url: Type.String(),
    profile_image: Type.String(),
    account_type: Type.Union([Type.Literal('PINNER'), Type.Literal('BUSINESS')]),
    board_count: Type.Integer(),
    pin_count: Type.Integer(),
    follower_count: Type.Integer(),
    following_count: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'PublicProfile' },
);
export type PublicProfile = Static<typeof PublicProfile>;

export const Username = Type.String({
  minLength: 3,
  maxLength: 30,
  pattern: '^[A-Za-z0-9_]+$',
  description: 'Letters, digits and underscores, 3 to 30 characters.',
});

export const SignUpBody = Type.Object(
  {
    username: Username,
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 8, maxLength: 256 }),
    display_name: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

const WebsiteUrl = Type.Union([
  Type.Literal(''),
  Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }),
]);

export const ProfilePatchBody = Type.Object(
  {
    display_name: Type.Optional(Type.String({ maxLength: 100 })),
    about: Type.Optional(Type.String({ maxLength: 500 })),
    website_url: Type.Optional(WebsiteUrl),
    profile_image: Type.Optional(WebsiteUrl),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProfilePatchBody = Static<typeof ProfilePatchBody>;
