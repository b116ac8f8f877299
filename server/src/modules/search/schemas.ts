// The search operations' query strings and Pinterest's SummaryPin, field for field with the spec;
// then the extensions' shapes: typeahead and refinements.
import { type Static, Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.ts';
import { PinSchema } from '../pins/index.ts';
import { MAX_QUERY_LENGTH, MAX_TYPEAHEAD_LENGTH } from './text-query.ts';

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** The spec's SummaryPin: a pin's text, link and media. */
export const SummaryPinSchema = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    title: Nullable(Type.String()),
    description: Nullable(Type.String()),
    link: Nullable(Type.String()),
    alt_text: Nullable(Type.String()),
    media: PinSchema.properties.media,
  },
  { $id: 'SummaryPin', description: 'Summarized pin information' },
);
export type SummaryPin = Static<typeof SummaryPinSchema>;

const SearchText = (description: string) =>
  Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description });
const QUERY_DESCRIPTION = 'Search query. Can contain pin description keywords or comma-separated pin IDs.';
const Bookmark = Type.Optional(
  Type.String({ maxLength: 2048, description: 'Cursor used to fetch the next page of items' }),
);
const AdAccountId = Type.Optional(
  Type.String({ pattern: '^\\d+$', maxLength: 18, description: 'Unique identifier of an ad account.' }),
);

export const UserPinsQuery = Type.Object({
  ad_account_id: AdAccountId,
  query: SearchText(QUERY_DESCRIPTION),
  bookmark: Bookmark,
});

export const UserBoardsQuery = Type.Intersect([
  PageQuery,
  Type.Object({ ad_account_id: AdAccountId, query: Type.Optional(SearchText(QUERY_DESCRIPTION)) }),
]);

export const PartnerPinsQuery = Type.Object({
  term: SearchText('Search term to look up pins.'),
  country_code: Type.String({
    pattern: '^[A-Za-z]{2}$',
    description: 'Two letter country code (ISO 3166-1 alpha-2)',
  }),
  bookmark: Bookmark,
  locale: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$',
      maxLength: 35,
      description: 'Search locale.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Max search result size' }),
  ),
});

const Id = Type.String({ pattern: '^\\d+$' });

export const TYPEAHEAD_TYPES = ['queries', 'pins', 'boards', 'users'] as const;
export type TypeaheadType = (typeof TYPEAHEAD_TYPES)[number];

export const TypeaheadQuery = Type.Object({
  query: Type.String({
    minLength: 1,
    maxLength: MAX_TYPEAHEAD_LENGTH,
    description: 'What has been typed so far; a partly typed last word and small typos are fine.',
  }),
  types: Type.Optional(
    Type.Array(
      Type.Union([
        Type.Literal('queries'),
        Type.Literal('pins'),
        Type.Literal('boards'),
        Type.Literal('users'),
      ]),
      {
        minItems: 1,
        maxItems: TYPEAHEAD_TYPES.length,
        description: 'Which groups to fill (comma-separated); all of them by default.',
      },
    ),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 20, default: 5, description: 'Most suggestions per group.' }),
  ),
});

const TypeaheadQuerySuggestion = Type.Object({
  term: Type.String({ description: 'A word or board name to search for.' }),
  pins: Type.Integer({
    description: 'Public pins whose title has the word (at the last vocabulary rebuild).',
  }),
  boards: Type.Integer({ description: 'Public boards with this name or the word in their name.' }),
});

const TypeaheadPin = Type.Object({
  id: Id,
  title: Nullable(Type.String()),
  dominant_color: Nullable(Type.String()),
  image_url: Nullable(Type.String({ description: 'A small square image (150x150).' })),
});

const TypeaheadBoard = Type.Object({
  id: Id,
  name: Type.String(),
  owner_username: Type.String(),
  privacy: Type.Union([Type.Literal('PUBLIC'), Type.Literal('PROTECTED'), Type.Literal('SECRET')]),
  pin_count: Type.Integer(),
  follower_count: Type.Integer(),
  image_url: Nullable(Type.String({ description: "The board's cover image, if it has pins." })),
});

const TypeaheadUser = Type.Object({
  id: Id,
  username: Type.String(),
  display_name: Type.String(),
  follower_count: Type.Integer(),
  image_url: Nullable(Type.String({ description: 'The profile image, if set.' })),
});

export const TypeaheadSchema = Type.Object(
  {
    query: Type.String({ description: 'The input as it was matched: lower case, single spaces.' }),
    corrected: Nullable(
      Type.String({ description: 'The term the input was read as when it looked like a typo.' }),
    ),
    queries: Type.Array(TypeaheadQuerySuggestion),
    pins: Type.Array(TypeaheadPin),
    boards: Type.Array(TypeaheadBoard),
    users: Type.Array(TypeaheadUser),
  },
  { $id: 'Typeahead', description: 'Suggestions for a search box, by kind; groups not asked for are empty.' },
);
export type Typeahead = Static<typeof TypeaheadSchema>;

export const RefinementsQuery = Type.Object({
  query: SearchText('The search the refinements narrow.'),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 20, default: 8, description: 'Most refinements.' }),
  ),
});

export const RefinementsSchema = Type.Object(
  {
    query: Type.String(),
    items: Type.Array(
      Type.Object({
        term: Type.String({ description: 'The word to add, e.g. "backsplash".' }),
        query: Type.String({ description: 'The narrowed search, e.g. "kitchen backsplash".' }),
        pins: Type.Integer({ description: 'How many of the best matches of the query have the word.' }),
      }),
    ),
  },
  { $id: 'Refinements', description: 'Words that narrow a search (guided search chips).' },
);
export type Refinements = Static<typeof RefinementsSchema>;
